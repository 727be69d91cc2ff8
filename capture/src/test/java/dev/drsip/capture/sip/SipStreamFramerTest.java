package dev.drsip.capture.sip;

import static dev.drsip.capture.sip.SipFixtures.bytes;
import static dev.drsip.capture.sip.SipFixtures.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.tcp.Collector;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipStreamFramerTest {
    private static final IpAddress A = IpAddress.parse("52.114.76.76");
    private static final IpAddress B = IpAddress.parse("203.0.113.10");

    private final Collector out = new Collector();

    private SipStreamFramer framer() {
        return new SipStreamFramer(out, A, 5061, B, 40000, Transport.TCP);
    }

    private static Where frame(long n) {
        return new Where("t.pcap", n);
    }

    @Test
    void severalMessagesInOneSegmentWithBodiesAndContentLengthVariants() {
        String m1 = SipFixtures.invite(1, SipFixtures.sdp(3));
        String m2 = SipFixtures.ok(2, "l:", SipFixtures.sdp(1));
        String m3 = SipFixtures.ok(3, "CONTENT-LENGTH :", "");
        String m4 = SipFixtures.options(4); // no Content-Length at all: empty body on a stream
        SipStreamFramer f = framer();
        byte[] all = bytes(m1 + m2 + "\r\n\r\n" + m3 + "\r\n" + m4);
        f.feed(7, frame(1), all, 0, all.length);
        f.finish(frame(1));
        assertThat(out.texts()).containsExactly(m1, m2, m3, m4);
        assertThat(out.problems).isEmpty();
        SipPacket p = out.sip.get(0);
        assertThat(p.transport()).isEqualTo(Transport.TCP);
        assertThat(p.src()).isEqualTo(A);
        assertThat(p.srcPort()).isEqualTo(5061);
        assertThat(p.dst()).isEqualTo(B);
        assertThat(p.dstPort()).isEqualTo(40000);
        assertThat(p.offset()).isZero();
        assertThat(p.data()).hasSize(p.length()); // own copy, exactly the message
    }

    @Test
    void packetsOwnTheirBytesWhenTheCallerReusesItsBuffer() {
        String m = SipFixtures.options(1);
        byte[] buf = bytes(m);
        SipStreamFramer f = framer();
        f.feed(1, frame(1), buf, 0, buf.length);
        java.util.Arrays.fill(buf, (byte) 'X');
        assertThat(out.texts()).containsExactly(m);
    }

    @Test
    void oneByteAtATimeGivesTheSameMessagesWithStartFrameAndCompletionTime() {
        String m1 = SipFixtures.invite(1, SipFixtures.sdp(5));
        String m2 = SipFixtures.ok(2, "l:", "");
        byte[] all = bytes("\r\n" + m1 + m2);
        SipStreamFramer f = framer();
        for (int i = 0; i < all.length; i++) {
            f.feed(1000 + i, frame(i + 1), new byte[] {all[i]}, 0, 1);
        }
        assertThat(out.texts()).containsExactly(m1, m2);
        // m1 starts at byte 2 (after the keep-alive): frame 3; it ends at byte 2 + len - 1
        assertThat(out.sip.get(0).where()).isEqualTo(frame(3));
        assertThat(out.sip.get(0).timeNanos()).isEqualTo(1000 + 2 + m1.length() - 1);
        assertThat(out.sip.get(1).where()).isEqualTo(frame(3 + m1.length()));
        assertThat(out.sip.get(1).timeNanos()).isEqualTo(1000L + all.length - 1);
        assertThat(out.problems).isEmpty();
    }

    @Test
    void everyCutPositionGivesTheSameMessages() {
        List<String> msgs = List.of(SipFixtures.invite(1, SipFixtures.sdp(2)), SipFixtures.options(2),
                SipFixtures.ok(3, "Content-length:", SipFixtures.sdp(1)));
        byte[] all = bytes(String.join("\r\n", msgs));
        for (int cut1 = 0; cut1 <= all.length; cut1++) {
            for (int cut2 = cut1; cut2 <= all.length; cut2 += 7) {
                Collector c = new Collector();
                SipStreamFramer f = new SipStreamFramer(c, A, 1, B, 2, Transport.TCP);
                f.feed(1, frame(1), all, 0, cut1);
                f.feed(2, frame(2), all, cut1, cut2 - cut1);
                f.feed(3, frame(3), all, cut2, all.length - cut2);
                f.finish(frame(3));
                assertThat(c.texts()).as("cuts %d/%d", cut1, cut2).isEqualTo(msgs);
                assertThat(c.problems).isEmpty();
                assertThat(c.sip.get(0).where()).isEqualTo(frame(cut1 == 0 ? (cut2 == 0 ? 3 : 2) : 1));
            }
        }
    }

    @Test
    void randomSegmentationPropertyTest() {
        Random rnd = new Random(20261124L);
        for (int round = 0; round < 300; round++) {
            List<String> msgs = SipFixtures.randomMessages(rnd, 1 + rnd.nextInt(12));
            StringBuilder sb = new StringBuilder();
            for (String m : msgs) {
                if (rnd.nextInt(4) == 0) {
                    sb.append(rnd.nextBoolean() ? "\r\n" : "\r\n\r\n"); // keep-alives
                }
                sb.append(m);
            }
            byte[] all = bytes(sb.toString());
            Collector c = new Collector();
            SipStreamFramer f = new SipStreamFramer(c, A, 1, B, 2, Transport.TCP);
            int p = 0;
            int frame = 0;
            byte[] scratch = new byte[4096];
            while (p < all.length) {
                int n = Math.min(all.length - p, 1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 1500));
                System.arraycopy(all, p, scratch, 0, n); // the caller reuses its buffer
                f.feed(++frame, frame(frame), scratch, 0, n);
                p += n;
            }
            f.finish(frame(frame));
            assertThat(c.texts()).as("round %d", round).isEqualTo(msgs);
            assertThat(c.problems).isEmpty();
        }
    }

    @Test
    void garbageBetweenMessagesIsSkippedAndReportedOnce() {
        String m1 = SipFixtures.options(1);
        String m2 = SipFixtures.options(2);
        byte[] all = bytes(m1 + "this is not SIP\r\nnor is this\r\n\u0001\u0002binary\r\n" + m2);
        SipStreamFramer f = framer();
        f.feed(1, frame(9), all, 0, all.length);
        f.finish(frame(9));
        assertThat(out.texts()).containsExactly(m1, m2);
        assertThat(out.reasons()).containsExactly("sip.stream-garbage");
        assertThat(out.problems.get(0).where()).isEqualTo(frame(9));
        assertThat(out.problems.get(0).detail()).startsWith("40 bytes");
    }

    @Test
    void garbageWithoutLineEndsIsBoundedAndRecovers() {
        byte[] junk = new byte[100_000];
        new Random(1).nextBytes(junk);
        for (int i = 0; i < junk.length; i++) {
            if (junk[i] == '\n') {
                junk[i] = 0;
            }
        }
        junk[junk.length - 1] = '\n';
        SipStreamFramer f = framer();
        for (int p = 0; p < junk.length; p += 1000) {
            f.feed(1, frame(1), junk, p, 1000);
            assertThat(f.pendingBytes()).isLessThanOrEqualTo(3000);
        }
        byte[] m = bytes(SipFixtures.options(1));
        f.feed(2, frame(2), m, 0, m.length);
        assertThat(out.texts()).containsExactly(SipFixtures.options(1));
        assertThat(out.reasons()).containsExactly("sip.stream-garbage");
    }

    @Test
    void headerBlockTooLargeIsReportedAndTheStreamRecovers() {
        Collector c = new Collector();
        SipStreamFramer f = new SipStreamFramer(c, A, 1, B, 2, Transport.TCP, 1024, 10_000);
        StringBuilder big = new StringBuilder("INVITE sip:a@b SIP/2.0\r\n");
        while (big.length() < 3000) {
            big.append("X-Filler: 0123456789012345678901234567890123456789\r\n");
        }
        big.append("\r\n");
        String next = SipFixtures.options(7);
        byte[] all = bytes(big + next);
        for (int p = 0; p < all.length; p += 100) {
            f.feed(1, frame(1 + p / 100), all, p, Math.min(100, all.length - p));
        }
        f.finish(frame(99));
        assertThat(c.texts()).containsExactly(next);
        assertThat(c.reasons()).containsExactly("sip.header-too-large");
    }

    @Test
    void contentLengthAboveTheLimitIsDroppedAndTheStreamRecovers() {
        Collector c = new Collector();
        SipStreamFramer f = new SipStreamFramer(c, A, 1, B, 2, Transport.TCP, 4096, 1000);
        String bad = crlf("""
                MESSAGE sip:a@b SIP/2.0
                Content-Length: 99999999999999999999

                """) + "hello\r\n";
        String next = SipFixtures.options(8);
        byte[] all = bytes(bad + next);
        f.feed(1, frame(1), all, 0, all.length);
        assertThat(c.texts()).containsExactly(next);
        assertThat(c.reasons()).containsExactly("sip.content-length-too-large");
    }

    @Test
    void unreadableContentLengthIsReportedAndFramedWithoutBody() {
        String bad = crlf("""
                SIP/2.0 200 OK
                Content-Length: 12abc

                """);
        String next = SipFixtures.options(8);
        byte[] all = bytes(bad + next);
        SipStreamFramer f = framer();
        f.feed(1, frame(1), all, 0, all.length);
        assertThat(out.texts()).containsExactly(bad, next);
        assertThat(out.reasons()).containsExactly("sip.bad-content-length");
    }

    @Test
    void endOfStreamInsideAMessageIsReported() {
        String m = SipFixtures.invite(1, SipFixtures.sdp(3));
        byte[] all = bytes(m);
        SipStreamFramer f = framer();
        f.feed(1, frame(4), all, 0, all.length - 5);
        f.finish(frame(5));
        assertThat(out.sip).isEmpty();
        assertThat(out.reasons()).containsExactly("sip.stream-truncated");
        assertThat(out.problems.get(0).where()).isEqualTo(frame(4));
    }

    /**
     * A message whose header block is complete but whose body is still coming is held in its own
     * array: pending bytes, a gap and the end of the stream must count it exactly as before.
     */
    @Test
    void bodyStillComingIsCountedByPendingGapAndEndOfStream() {
        String m = SipFixtures.invite(1, SipFixtures.sdp(3));
        byte[] all = bytes(m);
        int headerEnd = m.indexOf("\r\n\r\n") + 4;
        for (int cut = headerEnd; cut < all.length; cut += 7) {
            // the header block first, then part of the body; then a gap
            SipStreamFramer f = framer();
            f.feed(1, frame(1), all, 0, headerEnd);
            f.feed(2, frame(2), all, headerEnd, cut - headerEnd);
            assertThat(f.pendingBytes()).isEqualTo(cut);
            assertThat(f.gap()).isEqualTo(cut);
            assertThat(f.pendingBytes()).isZero();
            // the end of the stream in the middle of the body
            Collector c = new Collector();
            SipStreamFramer g = new SipStreamFramer(c, A, 5061, B, 40000, Transport.TCP);
            g.feed(1, frame(1), all, 0, cut);
            g.finish(frame(9));
            String detail = "stream ended inside a SIP message: " + cut + " of " + all.length + " bytes";
            assertThat(c.problems).singleElement().satisfies(p -> {
                assertThat(p.reason()).isEqualTo("sip.stream-truncated");
                assertThat(p.where()).isEqualTo(frame(1));
                assertThat(p.detail()).isEqualTo(detail);
            });
            // and completed in pieces: one packet, exactly the message, stamped with the completing frame's time
            Collector d = new Collector();
            SipStreamFramer h = new SipStreamFramer(d, A, 5061, B, 40000, Transport.TCP);
            byte[] tail = bytes(m + SipFixtures.options(2));
            h.feed(1, frame(1), tail, 0, cut);
            h.feed(2, frame(2), tail, cut, 3);
            h.feed(3, frame(3), tail, cut + 3, tail.length - cut - 3);
            assertThat(d.texts()).containsExactly(m, SipFixtures.options(2));
            assertThat(d.sip.get(0).where()).isEqualTo(frame(1));
            assertThat(d.sip.get(0).timeNanos()).isEqualTo(cut + 3 >= all.length ? 2 : 3);
            assertThat(d.sip.get(0).data()).hasSize(all.length);
            assertThat(d.problems).isEmpty();
        }
    }

    @Test
    void gapDropsThePartialMessageAndResynchronisesOnTheNextStartLine() {
        String m1 = SipFixtures.invite(1, SipFixtures.sdp(3));
        String m2 = SipFixtures.options(2);
        String m3 = SipFixtures.options(3);
        SipStreamFramer f = framer();
        byte[] a = bytes(m1);
        f.feed(1, frame(1), a, 0, 50);
        assertThat(f.gap()).isEqualTo(50);
        // the stream goes on in the middle of m2's headers, then m3 whole
        byte[] b = bytes(m2.substring(30) + m3);
        f.feed(2, frame(3), b, 0, b.length);
        f.finish(frame(3));
        assertThat(out.texts()).containsExactly(m3);
        assertThat(out.problems).isEmpty(); // the caller reports the gap; what follows is its consequence
    }

    @Test
    void aTruncatedStartLineRightAfterAGapIsNotTakenForAMessage() {
        String m1 = SipFixtures.invite(1, "");
        String m2 = SipFixtures.options(2);
        SipStreamFramer f = framer();
        f.gap();
        byte[] b = bytes(m1.substring(2) + m2); // "VITE sip:... SIP/2.0" looks like a start line
        f.feed(1, frame(1), b, 0, b.length);
        assertThat(out.texts()).containsExactly(m2);
        // but a gap that ends exactly at a message boundary loses nothing
        Collector c2 = new Collector();
        SipStreamFramer f2 = new SipStreamFramer(c2, A, 1, B, 2, Transport.TCP);
        f2.gap();
        byte[] whole = bytes(m1 + m2);
        f2.feed(1, frame(1), whole, 0, whole.length);
        assertThat(c2.texts()).containsExactly(m1, m2);
    }

    @Test
    void midStreamStartSkipsToTheFirstStartLineAndSaysSo() {
        String m1 = SipFixtures.invite(1, SipFixtures.sdp(3));
        String m2 = SipFixtures.options(2);
        SipStreamFramer f = framer();
        f.startMidStream("tcp.midstream-skip");
        byte[] b = bytes(m1.substring(100) + m2);
        f.feed(1, frame(1), b, 0, b.length);
        assertThat(out.texts()).containsExactly(m2);
        assertThat(out.reasons()).containsExactly("tcp.midstream-skip");
    }

    @Test
    void lfOnlyLineEndsAreFramedToo() {
        String m = "OPTIONS sip:a@b SIP/2.0\nCall-ID: x\nl: 4\n\nabcd";
        String m2 = "SIP/2.0 200 OK\nContent-Length: 0\n\n";
        byte[] b = bytes(m + m2);
        SipStreamFramer f = framer();
        f.feed(1, frame(1), b, 0, b.length);
        assertThat(out.texts()).containsExactly(m, m2);
    }

    @Test
    void randomGarbageNeverThrowsAndStaysBounded() {
        Random rnd = new Random(42);
        String[] pieces = {"\r\n", "SIP/2.0 ", "INVITE sip:x SIP/2.0\r\n", "Content-Length: ", "l:5\r\n", "\r\n\r\n",
            "999999", "\n", "garbage", "OPTIONS  SIP/2.0\r\n"};
        for (int round = 0; round < 2000; round++) {
            Collector c = new Collector();
            SipStreamFramer f = new SipStreamFramer(c, A, 1, B, 2, Transport.TCP, 2048, 4096);
            for (int k = 0; k < 50; k++) {
                byte[] b;
                if (rnd.nextBoolean()) {
                    b = bytes(pieces[rnd.nextInt(pieces.length)]);
                } else {
                    b = new byte[rnd.nextInt(300)];
                    rnd.nextBytes(b);
                }
                f.feed(k, frame(k + 1), b, 0, b.length);
                assertThat(f.pendingBytes()).isLessThanOrEqualTo(2048 + 4096 + 300 + SipFixtures.bytes(pieces[2]).length);
                if (rnd.nextInt(20) == 0) {
                    f.gap();
                }
            }
            f.finish(frame(51));
            for (SipPacket p : c.sip) {
                assertThat(dev.drsip.sip.SipStartLine.matches(p.data(), p.offset(), p.length())).isTrue();
            }
        }
    }

    @Test
    void framesAreNotKeptLongerThanNeeded() {
        // marks (frame of each feed) must not grow without bound on a long flow
        SipStreamFramer f = framer();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = bytes(SipFixtures.options(i));
            f.feed(i, frame(i + 1), b, 0, 10);
            f.feed(i, frame(i + 1), b, 10, b.length - 10);
            if (i % 1000 == 0) {
                expected.add(SipFixtures.options(i));
            }
        }
        assertThat(out.sip).hasSize(20_000);
        assertThat(out.sip.get(12_345).where()).isEqualTo(frame(12_346));
        assertThat(out.texts()).contains(expected.toArray(new String[0]));
    }
}
