package dev.drsip.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.header.CSeq;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Via;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    void sipUriForms() {
        assertThat(SipUri.parse("sip:+15551230001@sbc1.contoso.com:5067;user=phone;transport=TLS"))
                .isEqualTo(new SipUri("sip", "+15551230001", "sbc1.contoso.com", 5067, "tls"));
        assertThat(SipUri.parse("<sips:alice:secret@Example.COM>"))
                .isEqualTo(new SipUri("sips", "alice", "example.com", -1, null));
        assertThat(SipUri.parse("SIP:[2001:DB8::1]:5061;transport=tcp?subject=x"))
                .isEqualTo(new SipUri("sip", null, "2001:db8::1", 5061, "tcp"));
        assertThat(SipUri.parse("sip:+1555;npdi;rn=+1666@gw.example.com;user=phone").user())
                .isEqualTo("+1555;npdi;rn=+1666");
        assertThat(SipUri.parse("tel:+15551230001;phone-context=+1"))
                .isEqualTo(new SipUri("tel", "+15551230001", null, -1, null));
        assertThat(SipUri.parse("sip:@127.0.0.1").user()).isNull();
        assertThat(SipUri.parse("host.example.com:5060")).isEqualTo(new SipUri("", null, "host.example.com", 5060, null));
        assertThat(SipUri.parse("*").host()).isEqualTo("*");
        assertThat(SipUri.parse("sip:a@h:99999").port()).isEqualTo(-1);
        assertThat(SipUri.parse("sip:h;transport = udp").transport()).isEqualTo("udp");
    }

    @Test
    void unbracketedIpv6FromOldPhones() {
        // Seen in public captures: IPv6 without brackets, port appended as a ninth group.
        SipUri u = SipUri.parse("sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c:5060");
        assertThat(u.host()).isEqualTo("fec0:0:0:0:216:d3ff:fe0d:22c");
        assertThat(u.port()).isEqualTo(5060);
        SipUri noPort = SipUri.parse("sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c");
        assertThat(noPort.host()).isEqualTo("fec0:0:0:0:216:d3ff:fe0d:22c");
        assertThat(noPort.port()).isEqualTo(-1);
        Via v = HeaderValues.via("SIP/2.0/UDP fe80:0:0:0:21a:a0ff:fe07:32e0:5060;branch=z9hG4bK1");
        assertThat(v.host()).isEqualTo("fe80:0:0:0:21a:a0ff:fe07:32e0");
        assertThat(v.port()).isEqualTo(5060);
        assertThat(v.branch()).isEqualTo("z9hG4bK1");
    }

    @Test
    void viaForms() {
        assertThat(HeaderValues.via("SIP/2.0/TLS 52.114.148.0:5061;branch=z9hG4bKabc;rport=5061;received=203.0.113.1"))
                .isEqualTo(new Via("TLS", "52.114.148.0", 5061, "z9hG4bKabc", "203.0.113.1",
                        "SIP/2.0/TLS 52.114.148.0:5061;branch=z9hG4bKabc;rport=5061;received=203.0.113.1"));
        Via spaced = HeaderValues.via("SIP / 2.0 / udp  Host.Example.com : 5060 ; BRANCH = z9hG4bK1 ;rport");
        assertThat(spaced.transport()).isEqualTo("UDP");
        assertThat(spaced.host()).isEqualTo("host.example.com");
        assertThat(spaced.port()).isEqualTo(5060);
        assertThat(spaced.branch()).isEqualTo("z9hG4bK1");
        Via v6 = HeaderValues.via("SIP/2.0/TCP [2001:db8::5]:5062;branch=z9hG4bK6");
        assertThat(v6.host()).isEqualTo("2001:db8::5");
        assertThat(v6.port()).isEqualTo(5062);
        Via noBranch = HeaderValues.via("SIP/2.0/UDP 10.0.0.1");
        assertThat(noBranch.branch()).isNull();
        assertThat(noBranch.port()).isEqualTo(-1);
        Via garbage = HeaderValues.via("garbage");
        assertThat(garbage.transport()).isEmpty();
        assertThat(garbage.host()).isEqualTo("garbage");
    }

    @Test
    void nameAddrForms() {
        NameAddr quoted = HeaderValues.nameAddr("\"Doe, \\\"JD\\\" John\" <sip:jd@example.com;transport=tcp>;tag=abc;x=1");
        assertThat(quoted.displayName()).isEqualTo("Doe, \"JD\" John");
        assertThat(quoted.uri().transport()).isEqualTo("tcp");
        assertThat(quoted.tag()).isEqualTo("abc");
        NameAddr token = HeaderValues.nameAddr("Bob <sip:bob@h>");
        assertThat(token.displayName()).isEqualTo("Bob");
        assertThat(token.tag()).isNull();
        NameAddr bare = HeaderValues.nameAddr("sip:alice@h.example.com;tag=9f");
        assertThat(bare.uri().host()).isEqualTo("h.example.com");
        assertThat(bare.tag()).isEqualTo("9f");
        assertThat(bare.displayName()).isNull();
        NameAddr spacedTag = HeaderValues.nameAddr("<sip:a@b> ; TAG = x1");
        assertThat(spacedTag.tag()).isEqualTo("x1");
        NameAddr unterminated = HeaderValues.nameAddr("\"open <sip:a@b");
        assertThat(unterminated).isNotNull();
    }

    @Test
    void reasonForms() {
        assertThat(HeaderValues.reason("Q.850;cause=63;text=\"4656976f-1234;User is busy and currently active on another call.\""))
                .isEqualTo(new Reason("Q.850", 63, "4656976f-1234;User is busy and currently active on another call."));
        assertThat(HeaderValues.reason("Q.850 ;cause=63 ;text=\"GUID;phrase\""))
                .isEqualTo(new Reason("Q.850", 63, "GUID;phrase"));
        assertThat(HeaderValues.reason("SIP;cause=487;text=unquoted")).isEqualTo(new Reason("SIP", 487, "unquoted"));
        assertThat(HeaderValues.reason("SIP;text=\"a \\\"q\\\" b\";cause=200")).isEqualTo(new Reason("SIP", 200, "a \"q\" b"));
        assertThat(HeaderValues.reason("Q.850;cause=abc")).isEqualTo(new Reason("Q.850", -1, null));
        assertThat(HeaderValues.reason("Q.850")).isEqualTo(new Reason("Q.850", -1, null));
    }

    @Test
    void cseqForms() {
        assertThat(HeaderValues.cseq("1 INVITE")).isEqualTo(new CSeq(1, "INVITE"));
        assertThat(HeaderValues.cseq("  4294967295   bye ")).isEqualTo(new CSeq(4294967295L, "BYE"));
        assertThat(HeaderValues.cseq("1")).isNull();
        assertThat(HeaderValues.cseq("INVITE 1")).isNull();
        assertThat(HeaderValues.cseq("1 INVITE extra")).isNull();
        assertThat(HeaderValues.cseq("12345678901 INVITE")).isNull();
    }

    @Test
    void splitListRespectsQuotesAndBrackets() {
        assertThat(HeaderValues.splitList("a, b,,c ")).containsExactly("a", "b", "c");
        assertThat(HeaderValues.splitList("\"x, \\\"y\\\", z\" <sip:a@b;p=1,2>, <sip:c@d>"))
                .containsExactly("\"x, \\\"y\\\", z\" <sip:a@b;p=1,2>", "<sip:c@d>");
        assertThat(HeaderValues.splitList("Q.850;cause=16;text=\"a,b\", SIP;cause=200"))
                .containsExactly("Q.850;cause=16;text=\"a,b\"", "SIP;cause=200");
        assertThat(HeaderValues.splitList("")).isEmpty();
        assertThat(HeaderValues.firstListItem(" , <sip:x>")).isEqualTo("<sip:x>");
        assertThat(HeaderValues.firstListItem(" ")).isNull();
        assertThat(HeaderValues.splitList((String) null)).isEqualTo(List.of());
    }

    @Test
    void sdpFields() {
        var sdp = HeaderValues.sdp("v=0\r\nc=IN IP6 2001:db8::1\r\nm=audio 5004 RTP/AVP 0\r\nc=IN IP4 10.0.0.1/127\r\n"
                + "a=recvonly\r\na=inactive \r\nm=video 0 RTP/AVP 31\n");
        assertThat(sdp.connectionAddresses()).containsExactly("2001:db8::1", "10.0.0.1/127");
        assertThat(sdp.media()).containsExactly("audio 5004 RTP/AVP 0", "video 0 RTP/AVP 31");
        assertThat(sdp.directions()).containsExactly("recvonly", "inactive");
        assertThat(sdp.hasCrypto()).isFalse();
        assertThat(sdp.hasIceCandidates()).isFalse();
        assertThat(HeaderValues.isSdpContentType("Application/SDP; charset=x")).isTrue();
        assertThat(HeaderValues.isSdpContentType("application/sdpx")).isFalse();
    }
}
