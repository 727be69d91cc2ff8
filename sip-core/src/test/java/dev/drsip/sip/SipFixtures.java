package dev.drsip.sip;

import java.nio.charset.StandardCharsets;

/** Realistic Direct Routing messages for tests (text blocks converted to CRLF). */
public final class SipFixtures {
    private SipFixtures() {
    }

    public static final Where WHERE = new Where("test.pcap", 7);

    /** LF text block -> CRLF bytes. */
    public static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static SipPacket packet(byte[] data) {
        return new SipPacket(1_700_000_000_000_000_000L, IpAddress.parse("52.114.148.0"), 5061,
                IpAddress.parse("203.0.113.10"), 5067, Transport.TLS, WHERE, data, 0, data.length);
    }

    public static SipPacket packet(String lfText) {
        return packet(crlf(lfText));
    }

    public static ParseResult parse(String lfText) {
        return new SipMessageParser().parse(packet(lfText));
    }

    public static SipMessage message(String lfText) {
        ParseResult r = parse(lfText);
        if (r instanceof SipMessage m) {
            return m;
        }
        throw new AssertionError("not a message: " + r);
    }

    public static final String SDP = """
            v=0
            o=- 1700000000 1 IN IP4 52.114.148.0
            s=-
            c=IN IP4 52.114.148.0
            t=0 0
            m=audio 49152 RTP/SAVP 0 8 101
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=sendrecv
            a=candidate:1 1 UDP 2130706431 52.114.148.0 49152 typ host
            """;

    /** Microsoft -> SBC outbound INVITE in Microsoft's upper-case style. */
    public static String microsoftInvite() {
        int len = crlf(SDP).length;
        return """
                INVITE sip:+15551230001@sbc1.contoso.com:5067;user=phone;transport=tls SIP/2.0
                FROM: <sip:+15559870002@sip.pstnhub.microsoft.com:5061;user=phone>;tag=6b1a0f4c3e2d4e1b
                TO: <sip:+15551230001@sbc1.contoso.com:5067;user=phone>
                CSEQ: 1 INVITE
                CALL-ID: 8f2c7f1a0b9e4d6c9a3b2c1d0e9f8a7b
                MAX-FORWARDS: 70
                VIA: SIP/2.0/TLS 52.114.148.0:5061;branch=z9hG4bKac1a2b3c4d;rport
                RECORD-ROUTE: <sip:sip-du-a-us.pstnhub.microsoft.com:5061;transport=tls;lr>
                CONTACT: <sip:api-du-a-usea.pstnhub.microsoft.com:443;x-i=6a0e2c3b-1234-4f6e-9a8b-2c3d4e5f6a7b;x-c=8f2c7f1a/d/8/abc>
                CONTENT-LENGTH: %d
                MIN-SE: 90
                SESSION-EXPIRES: 1800
                SUPPORTED: timer, 100rel
                ALLOW: INVITE, ACK, OPTIONS, CANCEL, BYE, NOTIFY
                USER-AGENT: Microsoft.PSTNHub.SIPProxy v.2024.11.4.1 i.USEA.5
                CONTENT-TYPE: application/sdp

                """.formatted(len) + SDP;
    }

    /** SBC -> Microsoft 486 with a Q.850 Reason in Microsoft's GUID;phrase style. */
    public static final String BUSY_486 = """
            SIP/2.0 486 Busy Here
            Via: SIP/2.0/TLS 52.114.148.0:5061;branch=z9hG4bKac1a2b3c4d;rport=5061;received=52.114.148.0
            From: <sip:+15559870002@sip.pstnhub.microsoft.com:5061;user=phone>;tag=6b1a0f4c3e2d4e1b
            To: <sip:+15551230001@sbc1.contoso.com:5067;user=phone>;tag=sbc-99a8
            Call-ID: 8f2c7f1a0b9e4d6c9a3b2c1d0e9f8a7b
            CSeq: 1 INVITE
            Contact: <sip:+15551230001@sbc1.contoso.com:5067;transport=tls>
            Server: Ribbon SBC 1000/12.0
            REASON: Q.850;cause=17;text="4656976f-1b2c-4d3e-8f9a-0b1c2d3e4f5a;User is busy and currently active on another call."
            Content-Length: 0

            """;

    /** A 200 OK to OPTIONS. */
    public static final String OPTIONS_200 = """
            SIP/2.0 200 OK
            Via: SIP/2.0/TLS 203.0.113.10:5067;branch=z9hG4bK-opt-1;rport=5067
            From: <sip:sbc1.contoso.com:5067>;tag=opt-a
            To: <sip:sip.pstnhub.microsoft.com>;tag=ms-b
            Call-ID: opt-1@203.0.113.10
            CSeq: 42 OPTIONS
            Server: Microsoft.PSTNHub.SIPProxy v.2024.11.4.1 i.USEA.5
            Content-Length: 0

            """;

    /** SBC -> Microsoft OPTIONS ping. */
    public static final String OPTIONS = """
            OPTIONS sip:sip.pstnhub.microsoft.com:5061;transport=tls SIP/2.0
            Via: SIP/2.0/TLS 203.0.113.10:5067;branch=z9hG4bK-opt-1;rport
            Max-Forwards: 70
            From: <sip:sbc1.contoso.com:5067>;tag=opt-a
            To: <sip:sip.pstnhub.microsoft.com>
            Call-ID: opt-1@203.0.113.10
            CSeq: 42 OPTIONS
            Contact: <sip:sbc1.contoso.com:5067;transport=tls>
            User-Agent: Ribbon SBC 1000/12.0
            Content-Length: 0

            """;
}
