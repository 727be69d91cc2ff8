package dev.drsip.sip.strict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.SipFixtures;
import dev.drsip.sip.SipMessage;
import java.util.List;
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

    @Test
    void reportsAHeaderJainSipCannotRead() {
        // Seen in a public capture: a To tag with & and raw control bytes. We keep the header, JAIN-SIP drops it.
        SipMessage m = SipFixtures.message("""
                NOTIFY sip:192.168.1.222:5260;transport=udp SIP/2.0
                To: sip:20008909@192.168.1.191:5060;tag=00E4EF38-be36b0z9hG4bK-5af571e&Sy\u0018\u0001
                From: sip:20008909@192.168.1.191:5060;tag=185fe4cc
                Call-ID: bfd6f0@101.231.48.19
                CSeq: 410605327 NOTIFY
                Via: SIP/2.0/UDP 192.168.1.191;branch=z9hG4bKbb0f
                Content-Length: 0

                """);
        assertThat(m.to()).isNotNull();
        List<String> d = JainSipCrossCheck.compare(m);
        assertThat(d).contains("to.present: ours=true jain-sip=false");
        assertThat(d).anyMatch(s -> s.startsWith("jain-sip complaint: 'To:"));
        assertThat(d).allMatch(s -> s.chars().allMatch(c -> c >= 0x20));
        assertThat(JainSipStrictParser.violations(m)).isNotEmpty();
    }

    @Test
    void reportsAMessageJainSipRejects() {
        SipMessage m = SipFixtures.message("""
                INVITE sip:a@b SIP/2.0
                Via: SIP/2.0/UDP h:5060;branch=z9hG4bK1
                From: <sip:a@b>;tag=1
                To: <sip:c@d>
                Call-ID: x
                CSeq: 1 INVITE
                Content-Length: 5

                abc""");
        assertThat(JainSipCrossCheck.compare(m)).singleElement().asString().startsWith("jain-sip rejected the message");
        assertThat(m.defects()).extracting(dev.drsip.sip.Malformed::reason).containsExactly("sip.body-truncated");
    }

    @Test
    void unbracketedIpv6IsAKnownToleratedDivergence() {
        SipMessage m = SipFixtures.message("""
                INVITE sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c:5060 SIP/2.0
                Via: SIP/2.0/UDP fe80:0:0:0:21a:a0ff:fe07:32e0:5060;branch=z9hG4bK1
                From: <sip:1234@fe80:0:0:0:21a:a0ff:fe07:32e0>;tag=1
                To: <sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c>
                Call-ID: v6
                CSeq: 1 INVITE
                Content-Length: 0

                """);
        assertThat(m.topVia().port()).isEqualTo(5060);
        assertThat(m.requestUriParsed().port()).isEqualTo(5060);
        assertThat(JainSipCrossCheck.compare(m)).isEmpty();
    }

    @Test
    void strictParserNamesTheBrokenHeader() {
        SipMessage m = SipFixtures.message("""
                SIP/2.0 486 Busy Here
                Via: SIP/2.0/TLS 52.114.148.0:5061;branch=z9hG4bKac1
                From: <sip:a@b>;tag=1
                To: <sip:c@d>;tag=2
                Call-ID: x
                CSeq: 1 INVITE
                Max-Forwards: seventy
                Content-Length: 0

                """);
        assertThat(JainSipStrictParser.violations(m)).anyMatch(v -> v.contains("Max-Forwards"));
        assertThat(JainSipStrictParser.isValid(m)).isFalse();
        assertThat(JainSipStrictParser.isValid(SipFixtures.message(SipFixtures.OPTIONS))).isTrue();
    }
}
