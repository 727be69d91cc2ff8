package dev.drsip.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The parser is used from several threads at once: per-thread scratch rows and the shared value
 * cache must give every thread exactly the single-threaded answers.
 */
class ConcurrentParseTest {
    private static String summary(SipMessage m) {
        return m.callId() + "|" + m.userAgent() + "|" + m.server() + "|" + m.cseq() + "|" + m.topVia() + "|"
                + m.topViaBranch() + "|" + m.from() + "|" + m.fromTag() + "|" + m.to() + "|" + m.toTag() + "|"
                + m.contacts() + "|" + m.reasons() + "|" + m.headerNames() + "|" + m.requestUriParsed() + "|" + m.sdp();
    }

    @Test
    void threadsGetTheSingleThreadedAnswers() throws Exception {
        List<byte[]> messages = new ArrayList<>();
        SipMessageGenerator gen = new SipMessageGenerator(99, true);
        for (int i = 0; i < 2_000; i++) {
            // a few distinct messages repeated, so the value cache is hit and replaced concurrently
            messages.add(i % 3 == 0 && i > 0 ? messages.get(i / 3) : gen.next().bytes());
        }
        SipMessageParser parser = new SipMessageParser();
        List<String> expected = new ArrayList<>();
        for (byte[] b : messages) {
            ParseResult r = parser.parse(SipFixtures.packet(b));
            expected.add(r instanceof SipMessage m ? summary(m) : r.toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int shift = t * 500;
                results.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        for (int k = 0; k < messages.size(); k++) {
                            int i = (k + shift) % messages.size();
                            ParseResult r = parser.parse(SipFixtures.packet(messages.get(i)));
                            String s = r instanceof SipMessage m ? summary(m) : r.toString();
                            if (!s.equals(expected.get(i))) {
                                out.add(i + ": " + s);
                            }
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<String>> f : results) {
                assertThat(f.get()).isEmpty();
            }
        } finally {
            pool.shutdown();
        }
    }
}
