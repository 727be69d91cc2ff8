package dev.drsip.sip.strict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.SipFixtures;
import dev.drsip.sip.SipMessage;
import org.junit.jupiter.api.Test;

class JainSipCrossCheckTest {

    @Test
    void fixturesAgreeWithJainSip() {
        for (String text : new String[] {SipFixtures.microsoftInvite(), SipFixtures.BUSY_486, SipFixtures.OPTIONS,
                SipFixtures.OPTIONS_200}) {
            SipMessage m = SipFixtures.message(text);
            assertThat(JainSipCrossCheck.compare(m)).as(text).isEmpty();
            assertThat(JainSipStrictParser.violations(m)).as(text).isEmpty();
        }
    }
}
