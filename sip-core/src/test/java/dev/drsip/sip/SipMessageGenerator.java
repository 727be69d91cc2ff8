package dev.drsip.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded generator of varied, valid SIP messages with the truth about them: random header-name
 * case, compact forms, folding, header order, whitespace, multi-value and repeated headers, IPv6
 * hosts, Reason headers in Microsoft's style, SDP and text bodies.
 */
public final class SipMessageGenerator {
    private final Random r;
    /** When false, only constructs JAIN-SIP is known to read like RFC 3261 are produced. */
    private final boolean exotic;

    public SipMessageGenerator(long seed, boolean exotic) {
        this.r = new Random(seed);
        this.exotic = exotic;
    }

    /** What the generator put in the message. */
    public record Truth(boolean request, String method, int status, String callId, long cseq, String cseqMethod,
                        String topBranch, String topViaHost, int topViaPort, String topViaTransport,
                        int viaCount, String fromTag, String toTag, String contactHost, int contactPort,
                        String contactTransport, String recordRouteHost, List<String> reasonTexts,
                        List<Integer> reasonCauses, int bodyLength) {
    }

    public record Generated(byte[] bytes, Truth truth) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final String[] METHODS = {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK",
        "UPDATE", "INFO", "REFER", "NOTIFY", "SUBSCRIBE", "MESSAGE"};
    private static final int[] CODES = {100, 180, 183, 200, 202, 301, 400, 403, 404, 408, 480, 481, 486, 487, 488,
        500, 503, 504, 580, 600, 603};
    private static final String[] FQDNS = {"sip.pstnhub.microsoft.com", "sip2.pstnhub.microsoft.com",
        "sip-du-a-us.pstnhub.microsoft.com", "sbc1.contoso.com", "SBC2.Contoso.COM", "pbx.example.net",
        "api-du-b-euwe.pstnhub.microsoft.com"};
    private static final String[] V4 = {"52.114.148.0", "52.112.3.4", "203.0.113.10", "198.51.100.7", "10.1.2.3"};
    private static final String[] V6 = {"2001:db8::1", "2001:db8:0:1::a", "fe80::1234:5678", "2001:DB8::BEEF"};
    private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS"};
    private static final String[] PHRASES = {"User is busy and currently active on another call.",
        "Call was rejected.", "No answer", "Normal, unspecified", "Service unavailable"};

    public Generated next() {
        boolean request = r.nextInt(3) != 0;
        String method = METHODS[r.nextInt(METHODS.length)];
        int status = request ? 0 : CODES[r.nextInt(CODES.length)];
        String cseqMethod = request ? method : METHODS[r.nextInt(METHODS.length)];
        long cseq = r.nextInt(5) == 0 ? (r.nextInt() & 0x7fffffffL) : 1 + r.nextInt(1000);
        String callId = token(8 + r.nextInt(24)) + (r.nextBoolean() ? "@" + host(false) : "");

        List<String[]> headers = new ArrayList<>(); // {canonicalName, value}
        // Vias: 1..3 values, as separate headers or comma-joined
        int viaCount = 1 + r.nextInt(3);
        String topBranch = null;
        String topHost = null;
        int topPort = -1;
        String topTransport = null;
        List<String> vias = new ArrayList<>();
        for (int i = 0; i < viaCount; i++) {
            String t = TRANSPORTS[r.nextInt(3)];
            String h = host(true);
            int port = r.nextBoolean() ? 5060 + r.nextInt(10) : -1;
            String branch = "z9hG4bK" + token(6 + r.nextInt(20));
            StringBuilder v = new StringBuilder("SIP/2.0/").append(t).append(' ').append(hostText(h));
            if (port >= 0) {
                v.append(':').append(port);
            }
            if (r.nextBoolean()) {
                v.append(sp()).append(";").append(sp()).append("rport");
            }
            v.append(sp()).append(';').append(sp()).append("branch=").append(branch);
            if (r.nextInt(4) == 0) {
                v.append(";received=").append(V4[r.nextInt(V4.length)]);
            }
            if (i == 0) {
                topBranch = branch;
                topHost = h.toLowerCase(Locale.ROOT);
                topPort = port;
                topTransport = t;
            }
            vias.add(v.toString());
        }
        if (r.nextBoolean()) {
            headers.add(new String[] {"via", String.join("," + sp(), vias)});
        } else {
            for (String v : vias) {
                headers.add(new String[] {"via", v});
            }
        }
        String fromTag = token(6 + r.nextInt(10));
        String toTag = request && method.equals("INVITE") && r.nextBoolean() ? null
                : (r.nextInt(4) == 0 ? null : token(4 + r.nextInt(10)));
        headers.add(new String[] {"from", nameAddr(true) + ";tag=" + fromTag});
        headers.add(new String[] {"to", nameAddr(true) + (toTag == null ? "" : ";tag=" + toTag)});
        headers.add(new String[] {"call-id", callId});
        headers.add(new String[] {"cseq", cseq + " " + cseqMethod});
        if (request) {
            headers.add(new String[] {"max-forwards", String.valueOf(r.nextInt(71))});
        }
        String contactHost = null;
        int contactPort = -1;
        String contactTransport = null;
        if (r.nextInt(4) != 0) {
            String h = host(true);
            contactHost = h.toLowerCase(Locale.ROOT);
            contactPort = r.nextBoolean() ? 5060 + r.nextInt(10) : -1;
            contactTransport = r.nextBoolean() ? TRANSPORTS[r.nextInt(3)].toLowerCase(Locale.ROOT) : null;
            StringBuilder c = new StringBuilder();
            if (r.nextBoolean()) {
                c.append('"').append(r.nextBoolean() ? "Doe, Jane" : "SBC").append("\" ");
            }
            c.append("<sip:").append(r.nextBoolean() ? "+1555" + r.nextInt(10000000) + "@" : "").append(hostText(h));
            if (contactPort >= 0) {
                c.append(':').append(contactPort);
            }
            if (contactTransport != null) {
                c.append(";transport=").append(r.nextBoolean() ? contactTransport : contactTransport.toUpperCase(Locale.ROOT));
            }
            c.append('>');
            if (r.nextBoolean()) {
                c.append(";expires=").append(r.nextInt(3600));
            }
            if (r.nextInt(5) == 0) {
                c.append(',').append(sp()).append("<sip:second@").append(hostText(host(true))).append('>');
            }
            headers.add(new String[] {"contact", c.toString()});
        }
        String rrHost = null;
        int rrCount = r.nextInt(3);
        for (int i = 0; i < rrCount; i++) {
            String h = host(false);
            if (i == 0) {
                rrHost = h.toLowerCase(Locale.ROOT);
            }
            headers.add(new String[] {"record-route", "<sip:" + hostText(h) + ":5061;transport=tls;lr>"});
        }
        List<String> reasonTexts = new ArrayList<>();
        List<Integer> reasonCauses = new ArrayList<>();
        int reasonCount = request && !(method.equals("BYE") || method.equals("CANCEL")) ? 0 : r.nextInt(3);
        List<String> reasonValues = new ArrayList<>();
        for (int i = 0; i < reasonCount; i++) {
            boolean q850 = r.nextBoolean();
            int cause = q850 ? 1 + r.nextInt(127) : CODES[r.nextInt(CODES.length)];
            String text = r.nextInt(4) == 0 ? null
                    : (q850 ? java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) r.nextInt()}) + ";" : "")
                    + PHRASES[r.nextInt(PHRASES.length)];
            reasonTexts.add(text);
            reasonCauses.add(cause);
            StringBuilder v = new StringBuilder(q850 ? "Q.850" : "SIP");
            v.append(sp()).append(";cause=").append(cause);
            if (text != null) {
                v.append(sp()).append(";text=\"").append(text).append('"');
            }
            reasonValues.add(v.toString());
        }
        if (!reasonValues.isEmpty()) {
            if (r.nextBoolean()) {
                headers.add(new String[] {"reason", String.join(", ", reasonValues)});
            } else {
                for (String v : reasonValues) {
                    headers.add(new String[] {"reason", v});
                }
            }
        }
        if (r.nextBoolean()) {
            headers.add(new String[] {request ? "user-agent" : "server",
                r.nextBoolean() ? "Microsoft.PSTNHub.SIPProxy v.2024.11.4.1 i.EUWE.3" : "Ribbon SBC 1000/12.0"});
        }
        if (r.nextBoolean()) {
            headers.add(new String[] {"supported", "timer, 100rel, replaces"});
        }
        if (r.nextBoolean()) {
            headers.add(new String[] {"allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY"});
        }
        if (r.nextBoolean()) {
            headers.add(new String[] {"x-ms-" + token(4).toLowerCase(Locale.ROOT), token(10)});
        }
        if (r.nextInt(4) == 0) {
            headers.add(new String[] {"p-asserted-identity", nameAddr(false)});
        }
        if (r.nextInt(6) == 0) {
            headers.add(new String[] {"diversion", "<sip:+15550001111@" + hostText(host(true)) + ">;reason=no-answer;counter=1"});
        }
        if (r.nextInt(6) == 0) {
            headers.add(new String[] {"privacy", "id"});
        }
        if (exotic && r.nextInt(6) == 0) {
            headers.add(new String[] {"x-empty", ""});
        }
        byte[] body = new byte[0];
        int bodyKind = r.nextInt(3);
        if (bodyKind == 1) {
            body = sdp().getBytes(StandardCharsets.UTF_8);
            headers.add(new String[] {"content-type", "application/sdp"});
        } else if (bodyKind == 2) {
            body = ("hello " + token(r.nextInt(40))).getBytes(StandardCharsets.UTF_8);
            headers.add(new String[] {"content-type", "text/plain"});
        }
        headers.add(new String[] {"content-length", String.valueOf(body.length)});
        // Shuffle, then restore the relative order of repeated headers (Via, Record-Route, Reason).
        for (int i = 0; i < headers.size(); i++) {
            headers.set(i, new String[] {headers.get(i)[0], headers.get(i)[1], String.valueOf(i)});
        }
        java.util.Collections.shuffle(headers, r);
        keepRelativeOrder(headers);
        StringBuilder sb = new StringBuilder();
        if (request) {
            sb.append(method).append(' ').append(requestUri()).append(" SIP/2.0");
        } else {
            sb.append("SIP/2.0 ").append(status).append(' ').append(phrase(status));
        }
        String eol = r.nextInt(20) == 0 ? "\n" : "\r\n";
        sb.append(eol);
        for (String[] h : headers) {
            sb.append(name(h[0])).append(exotic && r.nextInt(10) == 0 ? " " : "").append(':').append(sp1())
                    .append(fold(h[1], eol)).append(exotic && r.nextInt(10) == 0 ? " \t" : "").append(eol);
        }
        sb.append(eol);
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return new Generated(all, new Truth(request, request ? method : null, status, callId, cseq, cseqMethod,
                topBranch, topHost, topPort, topTransport, viaCount, fromTag, toTag, contactHost, contactPort,
                contactTransport, rrHost, reasonTexts, reasonCauses, body.length));
    }

    private static void keepRelativeOrder(List<String[]> headers) {
        for (String name : new String[] {"via", "record-route", "reason"}) {
            List<Integer> idx = new ArrayList<>();
            List<String[]> vals = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i)[0].equals(name)) {
                    idx.add(i);
                    vals.add(headers.get(i));
                }
            }
            vals.sort(java.util.Comparator.comparingInt(a -> Integer.parseInt(a[2])));
            for (int k = 0; k < idx.size(); k++) {
                headers.set(idx.get(k), vals.get(k));
            }
        }
    }

    private String name(String canonical) {
        String compact = switch (canonical) {
            case "via" -> "v";
            case "from" -> "f";
            case "to" -> "t";
            case "call-id" -> "i";
            case "contact" -> "m";
            case "content-length" -> "l";
            case "content-type" -> "c";
            case "supported" -> "k";
            default -> null;
        };
        if (compact != null && r.nextInt(4) == 0) {
            return r.nextBoolean() ? compact : compact.toUpperCase(Locale.ROOT);
        }
        return switch (r.nextInt(4)) {
            case 0 -> canonical.toUpperCase(Locale.ROOT); // Microsoft style
            case 1 -> canonical;
            case 2 -> mixed(canonical);
            default -> titleCase(canonical);
        };
    }

    private String mixed(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }

    private static String titleCase(String s) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : s.toCharArray()) {
            b.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        String t = b.toString();
        return t.equals("Call-Id") ? "Call-ID" : t.equals("Cseq") ? "CSeq" : t;
    }

    /** Optional folding: breaks the value at a ';' or ',' boundary onto a continuation line. */
    private String fold(String value, String eol) {
        if (r.nextInt(6) != 0 || value.isEmpty()) {
            return value;
        }
        int at = -1;
        for (int tries = 0; tries < 5 && at < 0; tries++) {
            int i = r.nextInt(value.length());
            char c = value.charAt(i);
            if ((c == ';' || c == ',') && !insideQuotesOrAngles(value, i)) {
                at = i;
            }
        }
        if (at < 0) {
            return value;
        }
        String ws = r.nextBoolean() ? " " : "\t";
        return value.substring(0, at) + eol + ws + value.substring(at);
    }

    private static boolean insideQuotesOrAngles(String v, int pos) {
        boolean q = false;
        boolean a = false;
        for (int i = 0; i < pos; i++) {
            char c = v.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (!q && c == '<') {
                a = true;
            } else if (!q && c == '>') {
                a = false;
            }
        }
        return q || a;
    }

    private String sp() {
        return exotic && r.nextInt(5) == 0 ? " " : "";
    }

    private String sp1() {
        int n = r.nextInt(9);
        return n < 6 ? " " : n == 6 ? "" : n == 7 ? "   " : "\t";
    }

    private String host(boolean allowV6) {
        int k = r.nextInt(allowV6 ? 3 : 2);
        return k == 0 ? FQDNS[r.nextInt(FQDNS.length)] : k == 1 ? V4[r.nextInt(V4.length)] : V6[r.nextInt(V6.length)];
    }

    private static String hostText(String h) {
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }

    private String nameAddr(boolean allowBare) {
        String user = r.nextBoolean() ? "+1" + (5550000000L + r.nextInt(9999999)) : token(5).toLowerCase(Locale.ROOT);
        String h = host(true);
        String uri = "sip:" + user + "@" + hostText(h) + (r.nextBoolean() ? ":" + (5060 + r.nextInt(8)) : "");
        if (allowBare && r.nextInt(6) == 0) {
            return uri; // addr-spec without brackets and without URI params
        }
        String params = r.nextBoolean() ? ";user=phone" : "";
        String display = switch (r.nextInt(4)) {
            case 0 -> "\"" + (r.nextBoolean() ? "Alice Example" : "Doe, John") + "\" ";
            case 1 -> "Bob ";
            default -> "";
        };
        return display + "<" + uri + params + ">";
    }

    private String requestUri() {
        String h = host(true);
        StringBuilder u = new StringBuilder("sip:");
        if (r.nextBoolean()) {
            u.append("+1").append(5550000000L + r.nextInt(9999999)).append('@');
        }
        u.append(hostText(h));
        if (r.nextBoolean()) {
            u.append(':').append(5060 + r.nextInt(8));
        }
        if (r.nextBoolean()) {
            u.append(";user=phone");
        }
        if (r.nextBoolean()) {
            u.append(";transport=").append(TRANSPORTS[r.nextInt(3)].toLowerCase(Locale.ROOT));
        }
        return u.toString();
    }

    private static String phrase(int code) {
        return switch (code) {
            case 100 -> "Trying";
            case 180 -> "Ringing";
            case 183 -> "Session Progress";
            case 200 -> "OK";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            default -> "Some Reason";
        };
    }

    private String sdp() {
        String ip = V4[r.nextInt(V4.length)];
        StringBuilder s = new StringBuilder();
        s.append("v=0\r\no=- ").append(r.nextInt(1_000_000)).append(" 1 IN IP4 ").append(ip).append("\r\ns=-\r\n");
        s.append("c=IN IP4 ").append(ip).append("\r\nt=0 0\r\n");
        s.append("m=audio ").append(10000 + r.nextInt(50000)).append(" RTP/SAVP 0 8 101\r\n");
        if (r.nextBoolean()) {
            s.append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:").append(token(40)).append("\r\n");
        }
        s.append("a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n");
        s.append("a=").append(new String[] {"sendrecv", "sendonly", "recvonly", "inactive"}[r.nextInt(4)]).append("\r\n");
        return s.toString();
    }

    private String token(int n) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(r.nextInt(i == 0 ? 62 : chars.length())));
        }
        return b.toString();
    }
}
