package dev.drsip.sip.strict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.GarbageInputs;
import gov.nist.core.CommonLogger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * JAIN-SIP must never throw at users: without log4j on the class path its default logger throws
 * NoClassDefFoundError on non-SIP input. Our entry points install a quiet logger first.
 */
class JainSipQuietTest {

    @Test
    void garbageThroughStrictParserAndCrossCheckNeverThrows() {
        Random r = new Random(99);
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b = GarbageInputs.next(r);
            List<String> v = JainSipStrictParser.violations(b, 0, b.length);
            if (!v.isEmpty()) {
                rejected++;
            }
            // JainSip also catches NoClassDefFoundError as a last resort: it must never get that far.
            assertThat(v).noneMatch(s -> s.contains("NoClassDefFoundError") || s.contains("log4j"));
        }
        assertThat(rejected).isGreaterThan(2500);
        assertThat(CommonLogger.legacyLogger).isSameAs(QuietStackLogger.INSTANCE);
        assertThat(CommonLogger.useLegacyLogger).isTrue();
    }

    @Test
    void log4jIsReallyAbsentSoTheQuietLoggerMatters() {
        // If log4j were on the class path this test would not prove anything about users' installs.
        assertThat(classExists("org.apache.log4j.Logger")).isFalse();
    }

    @Test
    void crossCheckOnDamagedMessagesNeverThrows() {
        Random r = new Random(5);
        dev.drsip.sip.SipMessageParser parser = new dev.drsip.sip.SipMessageParser();
        int compared = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] b = GarbageInputs.damagedMessage(r);
            if (parser.parse(dev.drsip.sip.SipFixtures.packet(b)) instanceof dev.drsip.sip.SipMessage m) {
                JainSipCrossCheck.compare(m);
                JainSipStrictParser.violations(m);
                compared++;
            }
        }
        assertThat(compared).isPositive();
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, JainSipQuietTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
