package dev.drsip.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Sdp;
import dev.drsip.sip.header.Via;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte parsers ({@link HeaderBytes}) and the accessors built on them must give exactly what
 * the String parsers ({@link HeaderValues}, {@link SipUri#parse}) give on the decoded value
 * Strings: checked on random values from a SIP-punctuation alphabet, on generated messages, on
 * damaged messages (non-ASCII bytes, folding, control characters) and on hand-picked odd forms.
 */
class HeaderBytesEquivalenceTest {
    private static final String[] PIECES = {
        "sip:", "sips:", "tel:", "urn:", "SIP:", "Tel:", "+1555", "alice", "@", ":", "::", "5061", "99999",
        "[", "]", "2001:db8::1", "fe80::1:5061", "1.2.3.4", "52.114.148.0", "host.Example.COM", "<", ">", ";",
        ",", "\"", "\\", "\\\"", " ", "\t", "=", "tag", "TAG", "branch", "Branch", "received", "transport",
        "TRANSPORT", "tls", "TCP", "udp", "Q.850", "SIP", "cause", "text", "16", "abc", "?", "user=phone",
        "SIP/2.0/", "TLS ", "/", "Display Name", "\u0001", "\u001f", "lr", "x-i=a,b", "application/sdp",
        "Application/SDP", "z9hG4bK", ";transport=", ";tag=", ";branch=", ";received=", ";cause=", ";text=",
        "<sip:", "@h.com>", "SIP/2.0/TLS ",
    };

    private static String randomValue(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(14);
        for (int k = 0; k < n; k++) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void byteParsersEqualStringParsersOnRandomValues() {
        Random r = new Random(42);
        for (int i = 0; i < 300_000; i++) {
            String v = randomValue(r);
            // pad with bytes outside the range so a parser reading past its end would show
            byte[] b = ascii("#" + v + "#");
            int from = 1;
            int to = b.length - 1;
            assertThat(HeaderBytes.isAscii(b, from, to)).isTrue();
            assertThat(HeaderBytes.via(b, from, to)).as("via %s", v).isEqualTo(HeaderValues.via(v));
            assertThat(HeaderBytes.nameAddr(b, from, to)).as("nameAddr %s", v).isEqualTo(HeaderValues.nameAddr(v));
            assertThat(HeaderBytes.viaBranch(b, from, to)).as("via branch %s", v).isEqualTo(HeaderValues.via(v).branch());
            long br = HeaderBytes.viaBranchRange(b, from, to);
            String vb = HeaderValues.via(v).branch();
            if (br == SipHeaders.NO_BRANCH) {
                assertThat(vb).as("branch range %s", v).isNull();
            } else if (br >= 0) {
                assertThat(new String(b, (int) (br >>> 32), (int) br - (int) (br >>> 32), StandardCharsets.ISO_8859_1))
                        .as("branch range %s", v).isEqualTo(vb);
            } else {
                assertThat(br).as("branch range %s", v).isEqualTo(SipHeaders.BRANCH_NEEDS_STRING);
                assertThat(vb).as("quoted branch %s", v).isNotNull();
            }
            assertThat(HeaderBytes.nameAddrTag(b, from, to)).as("tag %s", v).isEqualTo(HeaderValues.nameAddr(v).tag());
            assertThat(HeaderBytes.uri(b, from, to)).as("uri %s", v).isEqualTo(SipUri.parse(v));
            assertThat(HeaderBytes.reason(b, from, to)).as("reason %s", v).isEqualTo(HeaderValues.reason(v));
            assertThat(HeaderBytes.isSdpContentType(b, from, to)).as("sdp ct %s", v)
                    .isEqualTo(HeaderValues.isSdpContentType(v));
            long item = HeaderBytes.firstItem(b, from, to);
            String expected = HeaderValues.firstListItem(v);
            String got = item < 0 ? null : new String(b, (int) (item >>> 32), (int) item - (int) (item >>> 32),
                    StandardCharsets.ISO_8859_1);
            assertThat(got).as("first item %s", v).isEqualTo(expected);
        }
    }

    @Test
    void oddFormsAgree() {
        String[] values = {
            "", " ", "\"", "<", ">", ";", ",", "sip:", "sip:@", "sip:@host", "<sip:a@b>;tag=1;tag=2",
            "\"A \\\"q\\\" B\" <sip:a@[2001:db8::1]:5061;transport=TLS>;tag=x", "\"unterminated <sip:a@b>",
            "<sip:a@b", "sip:a@b;tag=x", "tel:+15551234;phone-context=x", "urn:service:sos", "sips:B@Host.COM:0",
            "sip:2001:db8::1:5060", "sip:2001:db8::1", "sip:fe80::1:99999", "SIP/2.0/tls [2001:db8::1]:5061;branch=z",
            "SIP/2.0/UDP 2001:db8::1:5060;branch=z", "SIP / 2.0 / TCP  Host.COM : 5060 ; branch = \"q;v\" ; received=1.2.3.4",
            "Q.850;cause=16;text=\"Normal;clearing\"", "Q.850 ; cause = 016 ; text", "SIP;cause;cause=\"200\"",
            "SIP;cause=1234567890", "\u0001sip:a@b\u0001", "application/sdp", " application/sdp;charset=x",
            "application/sdpx", "APPLICATION/SDP\t", "<sip:h;transport = TLS ?x=1>", "sip:h?transport=tls",
            "sip:u:pw@h:5060;transport=Tcp", "a b <sip:h> c;tag=\"\\\"\"", "<>", "\"\"", "\"\" <>", "sip:[::1",
        };
        for (String v : values) {
            byte[] b = ascii(v);
            assertThat(HeaderBytes.via(b, 0, b.length)).as("via %s", v).isEqualTo(HeaderValues.via(v));
            assertThat(HeaderBytes.nameAddr(b, 0, b.length)).as("nameAddr %s", v).isEqualTo(HeaderValues.nameAddr(v));
            assertThat(HeaderBytes.viaBranch(b, 0, b.length)).as("via branch %s", v).isEqualTo(HeaderValues.via(v).branch());
            assertThat(HeaderBytes.nameAddrTag(b, 0, b.length)).as("tag %s", v).isEqualTo(HeaderValues.nameAddr(v).tag());
            assertThat(HeaderBytes.uri(b, 0, b.length)).as("uri %s", v).isEqualTo(SipUri.parse(v));
            assertThat(HeaderBytes.reason(b, 0, b.length)).as("reason %s", v).isEqualTo(HeaderValues.reason(v));
            assertThat(HeaderBytes.isSdpContentType(b, 0, b.length)).as("ct %s", v)
                    .isEqualTo(HeaderValues.isSdpContentType(v));
        }
    }

    @Test
    void isAsciiSeesEveryHighByte() {
        Random r = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) r.nextInt(128);
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int to = from + (b.length == from ? 0 : r.nextInt(b.length - from + 1));
            assertThat(HeaderBytes.isAscii(b, from, to)).isTrue();
            if (to > from) {
                int at = from + r.nextInt(to - from);
                b[at] = (byte) (0x80 | r.nextInt(128));
                assertThat(HeaderBytes.isAscii(b, from, to)).isFalse();
                assertThat(HeaderBytes.isAscii(b, 0, from)).isTrue();
            }
        }
    }

    @Test
    void classifyFindsHighBytesAndCommas() {
        Random r = new Random(13);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (r.nextInt(8) == 0 ? r.nextInt(256) : ' ' + r.nextInt(90));
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int to = from + (b.length == from ? 0 : r.nextInt(b.length - from + 1));
            boolean ascii = true;
            boolean comma = false;
            for (int k = from; k < to; k++) {
                ascii &= b[k] >= 0;
                comma |= b[k] == ',';
            }
            int kind = HeaderBytes.classify(b, from, to);
            assertThat((kind & HeaderBytes.ASCII) != 0).isEqualTo(ascii);
            assertThat((kind & HeaderBytes.COMMA) != 0).isEqualTo(comma);
        }
    }

    @Test
    void accessorsEqualTheStringReadingOnGeneratedAndDamagedMessages() {
        SipMessageParser parser = new SipMessageParser();
        Random r = new Random(17);
        SipMessageGenerator gen = new SipMessageGenerator(23, true);
        byte[][] noise = {{'\r'}, {'\n'}, {' '}, {'\t'}, {':'}, {';'}, {','}, {'"'}, {'<'}, {'>'}, {'['}, {']'},
            {'@'}, {'='}, {'\\'}, {0}, {1}, {(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xa9}};
        int messages = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] b = i % 7 == 0 ? SipFixtures.crlf(SipFixtures.microsoftInvite()) : gen.next().bytes();
            if (i % 3 != 0) {
                for (int f = 1 + r.nextInt(5); f > 0; f--) {
                    b[r.nextInt(b.length)] = noise[r.nextInt(noise.length)][0];
                }
            }
            if (parser.parse(SipFixtures.packet(b)) instanceof SipMessage m) {
                messages++;
                assertShortcutsAgree((SipMessage) parser.parse(SipFixtures.packet(b)));
                assertSameAsStringReading(m);
            }
        }
        assertThat(messages).isGreaterThan(20_000);
    }

    @Test
    void accessorsEqualTheStringReadingOnRandomHeaderValues() {
        SipMessageParser parser = new SipMessageParser();
        Random r = new Random(29);
        String[] names = {"Via", "v", "From", "f", "To", "t", "Contact", "m", "Record-Route", "Reason",
            "Content-Type", "c", "User-Agent", "Server", "Call-ID", "i"};
        for (int i = 0; i < 30_000; i++) {
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "SIP/2.0 200 OK\r\n"
                    : "INVITE " + (r.nextBoolean() ? "sip:+1555@h.example.com:5061;transport=tls" : "tel:+1") + " SIP/2.0\r\n");
            for (int h = r.nextInt(10); h > 0; h--) {
                sb.append(names[r.nextInt(names.length)]).append(": ").append(randomValue(r).replace("\t", " "));
                if (r.nextInt(8) == 0) {
                    sb.append("\r\n ").append(randomValue(r)); // folded
                }
                if (r.nextInt(10) == 0) {
                    sb.append("\u00e9"); // non-ASCII: the String path
                }
                sb.append("\r\n");
            }
            sb.append("Content-Length: 3\r\n\r\nv=0");
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (parser.parse(SipFixtures.packet(bytes)) instanceof SipMessage m) {
                assertShortcutsAgree((SipMessage) parser.parse(SipFixtures.packet(bytes)));
                assertSameAsStringReading(m);
            }
        }
    }

    /**
     * topViaBranch/fromTag/toTag asked first (their own walk), then again after the full records
     * (read from the records): both equal the records' fields.
     */
    static void assertShortcutsAgree(SipMessage m) {
        long range = m.topViaBranchRange(); // asked first: no String made yet
        String branch = m.topViaBranch();
        assertBranchRangeAgrees(m, range, branch);
        String fromTag = m.fromTag();
        String toTag = m.toTag();
        assertThat(branch).isEqualTo(m.topVia() == null ? null : m.topVia().branch());
        assertThat(fromTag).isEqualTo(m.from() == null ? null : m.from().tag());
        assertThat(toTag).isEqualTo(m.to() == null ? null : m.to().tag());
        assertThat(m.topViaBranch()).isEqualTo(branch);
        assertThat(m.fromTag()).isEqualTo(fromTag);
        assertThat(m.toTag()).isEqualTo(toTag);
    }

    /** topViaBranchRange() names exactly the bytes of topViaBranch(), or says there is none or only the String can say. */
    static void assertBranchRangeAgrees(SipMessage m, long range, String branch) {
        if (range == -1) {
            assertThat(branch).isNull();
        } else if (range >= 0) {
            int s = (int) (range >>> 32);
            int e = (int) range;
            assertThat(new String(m.packet().data(), s, e - s, StandardCharsets.ISO_8859_1)).isEqualTo(branch);
        } else {
            assertThat(range).isEqualTo(-2L);
        }
        assertThat(m.topViaBranchRange()).isEqualTo(range);
    }

    /** Every structured accessor against the reading from header value Strings (the former code). */
    static void assertSameAsStringReading(SipMessage m) {
        SipHeaders h = m.headerStore();
        String ctx = new String(m.packet().data(), m.packet().offset(), m.packet().length(), StandardCharsets.UTF_8);
        assertThat(m.callId()).as(ctx).isEqualTo(firstValue(h, SipHeaders.CALL_ID));
        assertThat(m.userAgent()).as(ctx).isEqualTo(firstValue(h, SipHeaders.USER_AGENT));
        assertThat(m.server()).as(ctx).isEqualTo(firstValue(h, SipHeaders.SERVER));
        assertThat(m.contentType()).as(ctx).isEqualTo(firstValue(h, SipHeaders.CONTENT_TYPE));
        assertThat(m.topVia()).as(ctx).isEqualTo(firstItem(h, SipHeaders.VIA) == null ? null
                : HeaderValues.via(firstItem(h, SipHeaders.VIA)));
        List<Via> vias = new ArrayList<>();
        for (String s : items(h, SipHeaders.VIA)) {
            vias.add(HeaderValues.via(s));
        }
        assertThat(m.vias()).as(ctx).isEqualTo(vias);
        assertThat(m.from()).as(ctx).isEqualTo(nameAddr(firstValue(h, SipHeaders.FROM)));
        assertThat(m.to()).as(ctx).isEqualTo(nameAddr(firstValue(h, SipHeaders.TO)));
        assertThat(m.contact()).as(ctx).isEqualTo(nameAddr(firstItem(h, SipHeaders.CONTACT)));
        assertThat(m.recordRoute()).as(ctx).isEqualTo(nameAddr(firstItem(h, SipHeaders.RECORD_ROUTE)));
        List<NameAddr> contacts = new ArrayList<>();
        for (String s : items(h, SipHeaders.CONTACT)) {
            contacts.add(HeaderValues.nameAddr(s));
        }
        assertThat(m.contacts()).as(ctx).isEqualTo(contacts);
        List<NameAddr> rrs = new ArrayList<>();
        for (String s : items(h, SipHeaders.RECORD_ROUTE)) {
            rrs.add(HeaderValues.nameAddr(s));
        }
        assertThat(m.recordRoutes()).as(ctx).isEqualTo(rrs);
        List<Reason> reasons = new ArrayList<>();
        for (String s : items(h, SipHeaders.REASON)) {
            reasons.add(HeaderValues.reason(s));
        }
        assertThat(m.reasons()).as(ctx).isEqualTo(reasons);
        assertThat(m.requestUriParsed()).as(ctx).isEqualTo(m.isRequest() ? SipUri.parse(m.requestUri()) : null);
        String ct = firstValue(h, SipHeaders.CONTENT_TYPE);
        Sdp sdp = m.bodyLength() <= 0 || ct == null || !HeaderValues.isSdpContentType(ct) ? null
                : HeaderValues.sdp(m.packet().data(), m.bodyOffset(), m.bodyOffset() + m.bodyLength());
        assertThat(m.sdp()).as(ctx).isEqualTo(sdp);
    }

    private static String firstValue(SipHeaders h, int id) {
        for (int i = 0; i < h.count(); i++) {
            if (h.id(i) == id) {
                return h.value(i);
            }
        }
        return null;
    }

    private static String firstItem(SipHeaders h, int id) {
        for (int i = 0; i < h.count(); i++) {
            if (h.id(i) == id) {
                String item = HeaderValues.firstListItem(h.value(i));
                if (item != null) {
                    return item;
                }
            }
        }
        return null;
    }

    private static List<String> items(SipHeaders h, int id) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < h.count(); i++) {
            if (h.id(i) == id) {
                HeaderValues.splitList(h.value(i), out);
            }
        }
        return out;
    }

    private static NameAddr nameAddr(String v) {
        return v == null ? null : HeaderValues.nameAddr(v);
    }
}
