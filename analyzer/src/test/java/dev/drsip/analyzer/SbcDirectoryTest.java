package dev.drsip.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipMessageParser;
import dev.drsip.sip.dr.Side;
import org.junit.jupiter.api.Test;

/** The names the directory hands on for an SBC. */
class SbcDirectoryTest {
    private static SipMessage parse(long ms, String src, String dst, Msg m) {
        return (SipMessage) new SipMessageParser().parse(Harness.packet(ms, src, dst, m.build(), ms));
    }

    @Test
    void everyMessageNamingAnSbcGetsTheSameStringForTheSameFqdn() {
        SbcDirectory d = new SbcDirectory(AnalyzerConfig.defaults());
        IpAddress sbc = IpAddress.parse("203.0.113.10");
        SipMessage a = parse(1, Harness.SBC, Harness.MS, Harness.sbcInvite("c1", "z9hG4bK1", "+15550001", "+15550002"));
        SipMessage b = parse(2, Harness.SBC, Harness.MS, Harness.sbcInvite("c2", "z9hG4bK2", "+15550003", "+15550004"));
        SipMessage c = parse(3, Harness.MS, Harness.SBC, Harness.msInvite("c3", "z9hG4bK3"));
        String first = d.learnSbc(a, Side.SBC, sbc);
        String second = d.learnSbc(b, Side.SBC, sbc);
        String fromRequestUri = d.learnSbc(c, Side.MICROSOFT, sbc);
        assertThat(first).isEqualTo(Harness.SBC_FQDN);
        // each message parses its own Contact / Request-URI host: equal text, one instance handed on
        assertThat(b.contact().uri().host()).isNotSameAs(first);
        assertThat(second).isSameAs(first);
        assertThat(fromRequestUri).isSameAs(first);
        assertThat(d.nameFor(sbc, null)).isSameAs(first);
        assertThat(d.fqdnsOf(sbc)).containsExactly(Harness.SBC_FQDN);
    }

    @Test
    void aSecondFqdnOfTheSameAddressIsKeptAndHandedOnAsOneStringToo() {
        SbcDirectory d = new SbcDirectory(AnalyzerConfig.defaults());
        IpAddress sbc = IpAddress.parse("203.0.113.10");
        String other = "sbc1b.contoso.com";
        Msg m1 = Harness.sbcInvite("c1", "z9hG4bK1", "+15550001", "+15550002");
        Msg m2 = Msg.request("OPTIONS", "sip:sip.pstnhub.microsoft.com:5061;transport=tls").via(other + ":5067", "z9hG4bK2")
                .from("sip:" + other, "o1").to("sip:sip.pstnhub.microsoft.com", null).callId("o1").cseq(1, "OPTIONS")
                .contact("sip:" + other + ":5067;transport=tls");
        String a = d.learnSbc(parse(1, Harness.SBC, Harness.MS, m1), Side.SBC, sbc);
        String b1 = d.learnSbc(parse(2, Harness.SBC, Harness.MS, m2), Side.SBC, sbc);
        String b2 = d.learnSbc(parse(3, Harness.SBC, Harness.MS, m2), Side.SBC, sbc);
        assertThat(b1).isEqualTo(other);
        assertThat(b2).isSameAs(b1);
        assertThat(d.fqdnsOf(sbc)).containsExactly(Harness.SBC_FQDN, other);
        assertThat(d.nameFor(sbc, null)).isSameAs(a);
    }
}
