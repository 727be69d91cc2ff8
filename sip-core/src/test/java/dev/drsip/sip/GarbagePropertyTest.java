package dev.drsip.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Nothing a user feeds in may make the parser (or any accessor of what it returns) throw: random
 * bytes, valid messages cut at every position, bit flips, line-break soup.
 */
class GarbagePropertyTest {
    private final SipMessageParser parser = new SipMessageParser();

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(600)];
            r.nextBytes(b);
            if (r.nextBoolean() && b.length > 10) {
                // give it a plausible start so the header scanner runs on garbage too
                byte[] start = "INVITE sip:a@b SIP/2.0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(start, 0, b, 0, Math.min(start.length, b.length));
            }
            exercise(parser.parse(SipFixtures.packet(b)));
        }
    }

    @Test
    void truncationsAtEveryPositionNeverThrow() {
        SipMessageGenerator gen = new SipMessageGenerator(7, true);
        int messages = 0;
        int malformed = 0;
        for (int k = 0; k < 40; k++) {
            byte[] full = gen.next().bytes();
            for (int cut = 0; cut <= full.length; cut++) {
                SipPacket p = new SipPacket(0, null, 0, null, 0, Transport.UDP, SipFixtures.WHERE, full, 0, cut);
                ParseResult res = parser.parse(p);
                exercise(res);
                if (res instanceof SipMessage m) {
                    messages++;
                    if (cut < full.length) {
                        // A cut message is either missing its end of headers or some body bytes.
                        assertThat(m.defects()).as("cut at %d of %d", cut, full.length).isNotEmpty();
                    }
                } else {
                    malformed++;
                }
            }
        }
        assertThat(messages).isPositive();
        assertThat(malformed).isPositive();
    }

    @Test
    void bitFlipsAndByteNoiseNeverThrow() {
        Random r = new Random(3);
        SipMessageGenerator gen = new SipMessageGenerator(11, true);
        byte[][] noise = {{'\r'}, {'\n'}, {' '}, {'\t'}, {':'}, {';'}, {','}, {'"'}, {'<'}, {'>'}, {'['}, {']'},
            {'@'}, {'='}, {0}, {(byte) 0xff}, {(byte) 0xc3}};
        for (int i = 0; i < 20_000; i++) {
            byte[] b = i % 10 == 0 ? SipFixtures.crlf(SipFixtures.microsoftInvite()) : gen.next().bytes();
            int flips = 1 + r.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int pos = r.nextInt(b.length);
                if (r.nextBoolean()) {
                    b[pos] ^= (byte) (1 << r.nextInt(8));
                } else {
                    b[pos] = noise[r.nextInt(noise.length)][0];
                }
            }
            exercise(parser.parse(SipFixtures.packet(b)));
        }
    }

    @Test
    void lineBreakSoupNeverThrows() {
        String[] parts = {"\r", "\n", "\r\n", " ", "\t", ":", "SIP/2.0", " 200 ", "INVITE ", "sip:x ", "Via", "v:",
            "CSeq:", "1 INVITE", "Content-Length:", "99", "<sip:[::1]:", ";tag=", "\"", ",", "Reason: Q.850;text=\""};
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "SIP/2.0 200 OK\r\n" : "");
            int n = r.nextInt(40);
            for (int k = 0; k < n; k++) {
                sb.append(parts[r.nextInt(parts.length)]);
            }
            exercise(parser.parse(SipFixtures.packet(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
    }

    /** Calls every accessor: lazily parsed values must not throw either. */
    static void exercise(ParseResult r) {
        assertThat(r).isNotNull();
        if (r instanceof Malformed m) {
            assertThat(m.reason()).startsWith("sip.");
            assertThat(m.detail()).isNotNull();
            return;
        }
        SipMessage m = (SipMessage) r;
        m.method();
        m.requestUri();
        m.requestUriParsed();
        m.statusCode();
        m.reasonPhrase();
        m.callId();
        m.cseq();
        m.topVia();
        m.topViaBranch();
        m.fromTag();
        m.toTag();
        m.vias();
        m.from();
        m.to();
        m.contact();
        m.contacts();
        m.recordRoute();
        m.recordRoutes();
        m.reasons();
        m.server();
        m.userAgent();
        m.contentLength();
        m.contentType();
        m.header("via");
        m.headers("via");
        m.headers("x-unknown");
        m.headerNames();
        m.body();
        m.sdp();
        m.toString();
        for (Malformed d : m.defects()) {
            assertThat(d.reason()).startsWith("sip.");
        }
        assertThat(m.bodyLength()).isBetween(0, m.packet().length());
    }
}
