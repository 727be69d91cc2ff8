package dev.drsip.capture.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** SIP message texts for framing tests (CRLF line ends). */
public final class SipFixtures {
    private SipFixtures() {
    }

    public static String crlf(String textBlock) {
        return textBlock.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    public static String invite(int n, String body) {
        return crlf("""
                INVITE sip:+14255550100@sbc1.contoso.com:5061;transport=tls SIP/2.0
                Via: SIP/2.0/TLS 52.114.76.76:5061;branch=z9hG4bK%d
                From: <sip:+14255550199@sip.pstnhub.microsoft.com>;tag=a%d
                To: <sip:+14255550100@sbc1.contoso.com>
                Call-ID: call-%d@drsip.test
                CSeq: 1 INVITE
                Content-Type: application/sdp
                Content-Length: %d

                """.formatted(n, n, n, body.length())) + body;
    }

    public static String ok(int n, String lengthHeader, String body) {
        return crlf("""
                SIP/2.0 200 OK
                Via: SIP/2.0/TLS 52.114.76.76:5061;branch=z9hG4bK%d
                Call-ID: call-%d@drsip.test
                CSeq: 1 INVITE
                %s %d

                """.formatted(n, n, lengthHeader, body.length())) + body;
    }

    public static String options(int n) {
        return crlf("""
                OPTIONS sip:sip.pstnhub.microsoft.com SIP/2.0
                Via: SIP/2.0/TLS 203.0.113.10:5061;branch=z9hG4bKo%d
                Call-ID: opt-%d@drsip.test
                CSeq: %d OPTIONS

                """.formatted(n, n, n));
    }

    public static String sdp(int lines) {
        StringBuilder sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 203.0.113.10\r\ns=-\r\nc=IN IP4 203.0.113.10\r\nt=0 0\r\n");
        for (int i = 0; i < lines; i++) {
            sb.append("a=rtpmap:").append(i).append(" PCMU/8000\r\n");
        }
        return sb.toString();
    }

    /** A random mix of messages: bodies of various sizes, compact/upper-case/missing Content-Length. */
    public static List<String> randomMessages(Random rnd, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (rnd.nextInt(5)) {
                case 0 -> out.add(invite(i, sdp(rnd.nextInt(40))));
                case 1 -> out.add(ok(i, "l:", sdp(rnd.nextInt(10))));
                case 2 -> out.add(ok(i, "CONTENT-LENGTH :", rnd.nextBoolean() ? "" : sdp(1)));
                case 3 -> out.add(options(i));
                default -> out.add(invite(i, ""));
            }
        }
        return out;
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
