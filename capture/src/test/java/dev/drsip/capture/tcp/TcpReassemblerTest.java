package dev.drsip.capture.tcp;

import static dev.drsip.capture.sip.SipFixtures.bytes;
import static dev.drsip.capture.tcp.TcpReassembler.ACK;
import static dev.drsip.capture.tcp.TcpReassembler.FIN;
import static dev.drsip.capture.tcp.TcpReassembler.PSH;
import static dev.drsip.capture.tcp.TcpReassembler.RST;
import static dev.drsip.capture.tcp.TcpReassembler.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.SipPorts;
import dev.drsip.capture.sip.SipFixtures;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Where;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TcpReassemblerTest {
    static final IpAddress SBC = IpAddress.parse("203.0.113.10");
    static final IpAddress MS = IpAddress.parse("52.114.76.76");
    static final IpAddress OTHER = IpAddress.parse("198.51.100.7");

    private final Collector out = new Collector();
    private long frame;

    private TcpReassembler reassembler() {
        return new TcpReassembler(out, SipPorts.defaults(), a -> a.inNetwork(IpAddress.parse("52.112.0.0"), 14));
    }

    /** Sends {@code data} as one segment from SBC:sp to MS:dp with sequence number {@code seq}. */
    private void send(TcpReassembler r, long t, IpAddress src, int sp, IpAddress dst, int dp, long seq, int flags, byte[] data) {
        r.segment(t, new Where("t", ++frame), src, sp, dst, dp, seq & 0xffffffffL, 0, flags, data, 0, data.length);
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    @Test
    void handshakeThenMessagesInBothDirections() {
        TcpReassembler r = reassembler();
        byte[] inv = bytes(SipFixtures.invite(1, SipFixtures.sdp(4)));
        byte[] ok = bytes(SipFixtures.ok(1, "Content-Length:", ""));
        send(r, 1, MS, 40001, SBC, 5061, 1000, SYN, new byte[0]);
        send(r, 2, SBC, 5061, MS, 40001, 7000, SYN | ACK, new byte[0]);
        send(r, 3, MS, 40001, SBC, 5061, 1001, ACK | PSH, slice(inv, 0, 100));
        send(r, 4, MS, 40001, SBC, 5061, 1101, ACK | PSH, slice(inv, 100, inv.length));
        send(r, 5, SBC, 5061, MS, 40001, 7001, ACK | PSH, ok);
        send(r, 6, MS, 40001, SBC, 5061, 1001 + inv.length, ACK | FIN, new byte[0]);
        send(r, 7, SBC, 5061, MS, 40001, 7001 + ok.length, ACK | FIN, new byte[0]);
        r.finish();
        assertThat(out.kinds()).containsExactly("INVITE", "200");
        SipPacket invite = out.sip.get(0);
        assertThat(invite.src()).isEqualTo(MS);
        assertThat(invite.srcPort()).isEqualTo(40001);
        assertThat(invite.dst()).isEqualTo(SBC);
        assertThat(invite.dstPort()).isEqualTo(5061);
        assertThat(invite.where().frame()).isEqualTo(3); // started in frame 3
        assertThat(invite.timeNanos()).isEqualTo(4); // completed in frame 4
        assertThat(out.sip.get(1).src()).isEqualTo(SBC);
        assertThat(out.problems).isEmpty();
        assertThat(r.flows()).isZero();
    }

    /**
     * The property the issue asks for: a TCP stream cut at random positions, its segments
     * delivered reordered, duplicated and overlapping (and with the sequence number wrapping at
     * 2^32), gives exactly the messages of the stream, in order, and no problem.
     */
    @Test
    void reorderedDuplicatedOverlappingSegmentsGiveTheSameMessages() {
        Random rnd = new Random(0x5EED);
        for (int round = 0; round < 400; round++) {
            List<String> msgs = SipFixtures.randomMessages(rnd, 1 + rnd.nextInt(15));
            byte[] stream = bytes(String.join("", msgs));
            long isn = rnd.nextInt(4) == 0 ? 0xffffffffL - rnd.nextInt(3000) : rnd.nextLong() & 0xffffffffL;
            boolean withSyn = rnd.nextBoolean();
            List<int[]> segs = new ArrayList<>(); // [from, to)
            int p = 0;
            while (p < stream.length) {
                int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 1400);
                int to = Math.min(stream.length, p + n);
                segs.add(new int[] {p, to});
                if (rnd.nextInt(6) == 0) { // an overlapping resend covering this and some of the next
                    segs.add(new int[] {Math.max(0, p - rnd.nextInt(30)), Math.min(stream.length, to + rnd.nextInt(200))});
                }
                if (rnd.nextInt(8) == 0) {
                    segs.add(new int[] {p, to}); // plain duplicate
                }
                p = to;
            }
            // local reordering: swap neighbours within a small window (never before the first one
            // when there is no SYN: a capture without SYN starts at the first segment it sees)
            for (int i = 1; i < segs.size(); i++) {
                if (rnd.nextInt(3) == 0) {
                    int j = Math.min(segs.size() - 1, i + 1 + rnd.nextInt(4));
                    Collections.swap(segs, i, j);
                }
            }
            if (!withSyn) {
                // the first segment seen defines the start of the stream
                int first = 0;
                for (int i = 0; i < segs.size(); i++) {
                    if (segs.get(i)[0] == 0) {
                        first = i;
                        break;
                    }
                }
                Collections.swap(segs, 0, first);
            }
            Collector c = new Collector();
            TcpReassembler r = new TcpReassembler(c, SipPorts.defaults(), a -> false);
            long t = 1;
            if (withSyn) {
                r.segment(t++, new Where("p", 0), SBC, 33333, MS, 5061, isn, 0, SYN, new byte[0], 0, 0);
            }
            long base = withSyn ? isn + 1 : isn;
            byte[] scratch = new byte[4096];
            int fr = 0;
            for (int[] s : segs) {
                int len = s[1] - s[0];
                System.arraycopy(stream, s[0], scratch, 7, len); // caller's reused buffer, offset
                r.segment(t++, new Where("p", ++fr), SBC, 33333, MS, 5061, (base + s[0]) & 0xffffffffL, 0, ACK,
                        scratch, 7, len);
                java.util.Arrays.fill(scratch, (byte) 0);
            }
            r.finish();
            assertThat(c.texts()).as("round %d (syn %s, isn %d)", round, withSyn, isn).isEqualTo(msgs);
            assertThat(c.problems).as("round %d", round).isEmpty();
            assertThat(r.bufferedBytes()).isZero();
        }
    }

    /**
     * Loss property: with some segments never delivered, exactly the messages that don't touch a
     * lost byte come out (none merged or corrupted), and each hole followed by data is one tcp.gap.
     */
    @Test
    void lostSegmentsLoseExactlyTheMessagesTheyTouch() {
        Random rnd = new Random(0x10557L);
        for (int round = 0; round < 400; round++) {
            List<String> msgs = SipFixtures.randomMessages(rnd, 2 + rnd.nextInt(20));
            byte[] stream = bytes(String.join("", msgs));
            List<int[]> segs = new ArrayList<>();
            for (int p = 0; p < stream.length; ) {
                int to = Math.min(stream.length, p + 1 + rnd.nextInt(rnd.nextBoolean() ? 60 : 1400));
                segs.add(new int[] {p, to});
                p = to;
            }
            boolean[] lost = new boolean[segs.size()];
            int losses = 1 + rnd.nextInt(3);
            for (int k = 0; k < losses; k++) {
                lost[rnd.nextInt(segs.size())] = true;
            }
            List<int[]> delivered = new ArrayList<>();
            for (int i = 0; i < segs.size(); i++) {
                if (!lost[i]) {
                    delivered.add(segs.get(i));
                    if (rnd.nextInt(10) == 0) {
                        delivered.add(segs.get(i)); // retransmitted duplicate
                    }
                }
            }
            for (int i = 1; i < delivered.size(); i++) {
                if (rnd.nextInt(4) == 0) {
                    Collections.swap(delivered, i, Math.min(delivered.size() - 1, i + 1 + rnd.nextInt(3)));
                }
            }
            // expected: messages with no lost byte; gaps: lost runs with delivered data after them
            List<String> expected = new ArrayList<>();
            int off = 0;
            for (String m : msgs) {
                int from = off;
                int to = off + m.length();
                boolean touched = false;
                for (int i = 0; i < segs.size(); i++) {
                    if (lost[i] && segs.get(i)[0] < to && segs.get(i)[1] > from) {
                        touched = true;
                    }
                }
                if (!touched) {
                    expected.add(m);
                }
                off = to;
            }
            int expectedGaps = 0;
            int lastDelivered = -1;
            for (int i = 0; i < segs.size(); i++) {
                if (!lost[i]) {
                    lastDelivered = i;
                }
            }
            for (int i = 0; i < segs.size(); i++) {
                if (lost[i] && (i == 0 || !lost[i - 1]) && i < lastDelivered) {
                    expectedGaps++;
                }
            }
            Collector c = new Collector();
            TcpReassembler r = new TcpReassembler(c, SipPorts.defaults(), a -> false);
            long isn = rnd.nextLong() & 0xffffffffL;
            r.segment(1, new Where("l", 1), SBC, 40000, MS, 5061, isn, 0, SYN, new byte[0], 0, 0);
            long t = 2;
            for (int[] sg : delivered) {
                byte[] b = slice(stream, sg[0], sg[1]);
                r.segment(t, new Where("l", t), SBC, 40000, MS, 5061, (isn + 1 + sg[0]) & 0xffffffffL, 0, ACK, b, 0, b.length);
                t++;
            }
            r.finish();
            assertThat(c.texts()).as("round %d: lost %s of %s, problems %s, got %s", round, java.util.Arrays.toString(lost),
                    segs.stream().map(x -> x[0] + "-" + x[1]).toList(), c.problems,
                    c.sip.stream().map(x -> x.length()).toList()).isEqualTo(expected);
            assertThat(c.reasons().stream().filter("tcp.gap"::equals).count()).as("round %d", round).isEqualTo(expectedGaps);
            assertThat(c.reasons()).as("round %d", round).isSubsetOf("tcp.gap", "sip.stream-truncated");
        }
    }

    @Test
    void everyCutPositionAcrossTwoSegmentsDeliveredInEitherOrder() {
        List<String> msgs = List.of(SipFixtures.invite(1, SipFixtures.sdp(2)), SipFixtures.ok(1, "l:", ""),
                SipFixtures.options(3));
        byte[] stream = bytes(String.join("", msgs));
        for (int cut = 1; cut < stream.length; cut++) {
            for (boolean swapped : new boolean[] {false, true}) {
                Collector c = new Collector();
                TcpReassembler r = new TcpReassembler(c, SipPorts.defaults(), a -> false);
                r.segment(1, new Where("p", 1), SBC, 5060, MS, 5060, 99, 0, SYN, new byte[0], 0, 0);
                byte[] a = slice(stream, 0, cut);
                byte[] b = slice(stream, cut, stream.length);
                if (swapped) {
                    r.segment(2, new Where("p", 2), SBC, 5060, MS, 5060, 100 + cut, 0, ACK, b, 0, b.length);
                    r.segment(3, new Where("p", 3), SBC, 5060, MS, 5060, 100, 0, ACK, a, 0, a.length);
                } else {
                    r.segment(2, new Where("p", 2), SBC, 5060, MS, 5060, 100, 0, ACK, a, 0, a.length);
                    r.segment(3, new Where("p", 3), SBC, 5060, MS, 5060, 100 + cut, 0, ACK, b, 0, b.length);
                }
                r.finish();
                assertThat(c.texts()).as("cut %d swapped %s", cut, swapped).isEqualTo(msgs);
                assertThat(c.problems).isEmpty();
            }
        }
    }

    @Test
    void sequenceNumbersWrapAt2To32() {
        TcpReassembler r = reassembler();
        byte[] inv = bytes(SipFixtures.invite(1, SipFixtures.sdp(8)));
        long isn = 0xffffffffL - 200;
        send(r, 1, SBC, 5061, MS, 40000, isn, SYN, new byte[0]);
        // second half (after the wrap) first, then the first half
        send(r, 2, SBC, 5061, MS, 40000, (isn + 1 + 300) & 0xffffffffL, ACK, slice(inv, 300, inv.length));
        send(r, 3, SBC, 5061, MS, 40000, isn + 1, ACK, slice(inv, 0, 300));
        r.finish();
        assertThat(out.texts()).containsExactly(SipFixtures.invite(1, SipFixtures.sdp(8)));
        assertThat(out.problems).isEmpty();
    }

    @Test
    void lostSegmentIsReportedAsGapAndTheStreamResynchronises() {
        TcpReassembler r = reassembler();
        String m1 = SipFixtures.options(1);
        String m2 = SipFixtures.invite(2, SipFixtures.sdp(10));
        String m3 = SipFixtures.options(3);
        byte[] s = bytes(m1 + m2 + m3);
        int lostFrom = m1.length() + 40;
        int lostTo = m1.length() + 200;
        send(r, 1_000_000_000L, SBC, 5061, MS, 40000, 10, SYN, new byte[0]);
        send(r, 1_000_000_001L, SBC, 5061, MS, 40000, 11, ACK, slice(s, 0, lostFrom));
        send(r, 1_000_000_002L, SBC, 5061, MS, 40000, 11 + lostTo, ACK, slice(s, lostTo, s.length));
        assertThat(out.sip).hasSize(1); // waiting for the retransmission
        assertThat(r.bufferedBytes()).isEqualTo(s.length - lostTo);
        r.advanceTime(7_000_000_000L); // more than the gap timeout later: give up
        assertThat(out.texts()).containsExactly(m1, m3);
        assertThat(out.reasons()).containsExactly("tcp.gap");
        assertThat(out.problems.get(0).detail()).startsWith((lostTo - lostFrom) + " bytes missing")
                .contains("partial message of 40 bytes dropped");
        assertThat(out.problems.get(0).where().frame()).isEqualTo(3);
        assertThat(r.gaps()).isEqualTo(1);
        assertThat(r.missingBytes()).isEqualTo(lostTo - lostFrom);
        assertThat(r.bufferedBytes()).isZero();
    }

    @Test
    void gapStillOpenAtEndOfInputIsReported() {
        TcpReassembler r = reassembler();
        String m1 = SipFixtures.options(1);
        String m2 = SipFixtures.options(2);
        byte[] s = bytes(m1 + m2);
        send(r, 1, SBC, 5060, MS, 5060, 500, ACK, slice(s, 0, 10));
        send(r, 2, SBC, 5060, MS, 5060, 500 + m1.length(), ACK, slice(s, m1.length(), s.length));
        r.finish();
        assertThat(out.texts()).containsExactly(m2);
        assertThat(out.reasons()).containsExactly("tcp.gap");
    }

    @Test
    void retransmissionAfterLossFillsTheHole() {
        TcpReassembler r = reassembler();
        byte[] s = bytes(SipFixtures.options(1) + SipFixtures.options(2));
        send(r, 1, SBC, 5060, MS, 5060, 0, SYN, new byte[0]);
        send(r, 2, SBC, 5060, MS, 5060, 1, ACK, slice(s, 0, 50));
        send(r, 3, SBC, 5060, MS, 5060, 101, ACK, slice(s, 100, s.length));
        send(r, 4, SBC, 5060, MS, 5060, 101, ACK, slice(s, 100, s.length)); // dup of buffered
        send(r, 5, SBC, 5060, MS, 5060, 1, ACK, slice(s, 0, 120)); // resend overlapping both sides
        assertThat(out.texts()).containsExactly(SipFixtures.options(1), SipFixtures.options(2));
        assertThat(out.problems).isEmpty();
        assertThat(r.duplicateBytes()).isEqualTo((s.length - 100) + 50 + 20);
    }

    @Test
    void perDirectionBufferLimitForcesTheGapToBeSkipped() {
        TcpReassembler.Limits l = new TcpReassembler.Limits(100, 4096, 1 << 20, 60_000_000_000L, 600_000_000_000L, 65536, 65536);
        TcpReassembler r = new TcpReassembler(out, SipPorts.defaults(), a -> false, l);
        send(r, 1, SBC, 5060, MS, 5060, 0, SYN, new byte[0]);
        send(r, 2, SBC, 5060, MS, 5060, 1, ACK, bytes("OPTIONS sip:x SIP/2.0\r\n")); // partial, then a hole
        long seq = 1 + 1000;
        int sent = 0;
        while (sent < 60) {
            byte[] m = bytes(SipFixtures.options(sent));
            send(r, 3 + sent, SBC, 5060, MS, 5060, seq, ACK, m);
            seq += m.length;
            sent++;
            assertThat(r.bufferedBytes()).isLessThanOrEqualTo(4096);
        }
        assertThat(out.reasons()).containsExactly("tcp.gap");
        assertThat(out.sip).hasSizeGreaterThanOrEqualTo(59);
    }

    @Test
    void globalBufferLimitIsRespected() {
        TcpReassembler.Limits l = new TcpReassembler.Limits(1000, 1 << 20, 20_000, 60_000_000_000L, 600_000_000_000L, 65536, 65536);
        TcpReassembler r = new TcpReassembler(out, SipPorts.defaults(), a -> false, l);
        for (int flow = 0; flow < 50; flow++) {
            send(r, 1, SBC, 6000 + flow, MS, 5060, 0, SYN, new byte[0]);
            send(r, 2, SBC, 6000 + flow, MS, 5060, 1 + 500, ACK, bytes(SipFixtures.options(flow))); // hole of 500
            assertThat(r.bufferedBytes()).isLessThanOrEqualTo(20_000);
        }
        r.finish();
        assertThat(out.sip).hasSize(50);
        assertThat(out.reasons()).hasSize(50).containsOnly("tcp.gap");
    }

    @Test
    void captureStartingMidStreamResynchronisesOnTheFirstStartLine() {
        TcpReassembler r = reassembler();
        String m1 = SipFixtures.invite(1, SipFixtures.sdp(3));
        String m2 = SipFixtures.options(2);
        byte[] s = bytes(m1 + m2);
        send(r, 1, MS, 40000, SBC, 5061, 123456, ACK, slice(s, 60, 400));
        send(r, 2, MS, 40000, SBC, 5061, 123456 + 340, ACK, slice(s, 400, s.length));
        r.finish();
        assertThat(out.texts()).containsExactly(m2);
        assertThat(out.reasons()).containsExactly("tcp.midstream-skip");
    }

    @Test
    void sipOnAnUnusualPortIsFoundByItsStartLine() {
        TcpReassembler r = reassembler();
        byte[] inv = bytes(SipFixtures.invite(1, ""));
        byte[] ok = bytes(SipFixtures.ok(1, "l:", ""));
        send(r, 1, OTHER, 40000, SBC, 6060, 0, SYN, new byte[0]);
        send(r, 2, SBC, 6060, OTHER, 40000, 0, SYN | ACK, new byte[0]);
        send(r, 3, SBC, 6060, OTHER, 40000, 1, ACK, ok); // the answer arrives in the capture first
        send(r, 4, OTHER, 40000, SBC, 6060, 1, ACK, inv);
        r.finish();
        assertThat(out.kinds()).containsExactly("200", "INVITE");
        assertThat(out.problems).isEmpty();
    }

    @Test
    void startLineSplitAcrossTheFirstSegmentsOfAnUnusualPort() {
        TcpReassembler r = reassembler();
        byte[] inv = bytes(SipFixtures.invite(1, ""));
        send(r, 1, OTHER, 40000, SBC, 6060, 0, SYN, new byte[0]);
        send(r, 2, OTHER, 40000, SBC, 6060, 1, ACK, slice(inv, 0, 6));
        send(r, 3, OTHER, 40000, SBC, 6060, 7, ACK, slice(inv, 6, inv.length));
        r.finish();
        assertThat(out.kinds()).containsExactly("INVITE");
    }

    @Test
    void otherTrafficIsDroppedWithoutBuffering() {
        TcpReassembler r = reassembler();
        byte[] http = bytes("GET / HTTP/1.1\r\nHost: example.test\r\n\r\n");
        send(r, 1, OTHER, 40000, SBC, 8080, 0, SYN, new byte[0]);
        send(r, 2, OTHER, 40000, SBC, 8080, 1, ACK, http);
        for (int i = 0; i < 100; i++) { // out of order data: must not be buffered once rejected
            send(r, 3 + i, OTHER, 40000, SBC, 8080, 100_000 + i * 10_000, ACK, new byte[1000]);
        }
        assertThat(r.bufferedBytes()).isZero();
        // an undecided flow on an ordinary port whose first bytes are lost: no tcp.gap for it
        send(r, 150, OTHER, 40002, SBC, 8443, 0, SYN, new byte[0]);
        send(r, 151, OTHER, 40002, SBC, 8443, 5000, ACK, new byte[500]);
        r.advanceTime(60_000_000_000L);
        assertThat(r.bufferedBytes()).isZero();
        // TLS on an ordinary port between non-Microsoft hosts: not ours either
        byte[] hello = {0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0};
        send(r, 200, OTHER, 40001, SBC, 443, 5, ACK, hello);
        for (int i = 0; i < 10; i++) {
            send(r, 201 + i, OTHER, 40001, SBC, 443, 100_000 + i * 10_000, ACK, new byte[1000]);
        }
        assertThat(r.bufferedBytes()).isZero();
        r.finish();
        assertThat(out.sip).isEmpty();
        assertThat(out.problems).isEmpty();
        assertThat(out.tls).isEmpty();
    }

    @Test
    void encryptedTlsJoinedAfterItsHandshakeIsReportedOnceAndIgnored() {
        TcpReassembler r = reassembler();
        byte[] appData = new byte[600];
        new Random(3).nextBytes(appData);
        appData[0] = 0x17;
        appData[1] = 0x03;
        appData[2] = 0x03;
        appData[3] = 0x02;
        appData[4] = 0x53;
        for (int i = 0; i < 20; i++) {
            send(r, i, MS, 40000, SBC, 5061, 1000 + i * 600L, ACK, appData);
            send(r, i, SBC, 5061, MS, 40000, 9000 + (i + 3) * 600L, ACK, appData); // out of order
        }
        r.finish();
        assertThat(out.reasons()).containsExactly("tls.no-handshake");
        assertThat(out.sip).isEmpty();
        assertThat(out.tls).isEmpty();
        assertThat(r.bufferedBytes()).isZero();
    }

    @Test
    void rejectedFlowsAreForgottenWhenTheyClose() {
        TcpReassembler r = reassembler();
        for (int i = 0; i < 100; i++) {
            send(r, 1, OTHER, 30000 + i, SBC, 443, 0, SYN, new byte[0]);
            send(r, 2, OTHER, 30000 + i, SBC, 443, 1, ACK, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            send(r, 3, OTHER, 30000 + i, SBC, 443, 1, RST, new byte[0]);
        }
        assertThat(r.flows()).isZero();
    }

    @Test
    void resetEndsTheFlowAndReportsThePartialMessage() {
        TcpReassembler r = reassembler();
        byte[] inv = bytes(SipFixtures.invite(1, SipFixtures.sdp(3)));
        send(r, 1, SBC, 5060, MS, 5060, 0, SYN, new byte[0]);
        send(r, 2, SBC, 5060, MS, 5060, 1, ACK, slice(inv, 0, 200));
        send(r, 3, SBC, 5060, MS, 5060, 201, RST, new byte[0]);
        assertThat(out.reasons()).containsExactly("sip.stream-truncated");
        assertThat(out.problems.get(0).where().frame()).isEqualTo(2);
        // a late retransmission of the reset flow does not bring it back
        send(r, 4, SBC, 5060, MS, 5060, 1, ACK, inv);
        r.finish();
        assertThat(out.sip).isEmpty();
    }

    @Test
    void portReuseWithANewSynStartsAFreshStream() {
        TcpReassembler r = reassembler();
        byte[] m1 = bytes(SipFixtures.options(1));
        byte[] m2 = bytes(SipFixtures.options(2));
        send(r, 1, SBC, 5060, MS, 5060, 1000, SYN, new byte[0]);
        send(r, 2, SBC, 5060, MS, 5060, 1001, ACK, m1);
        send(r, 3, SBC, 5060, MS, 5060, 1001 + m1.length, FIN | ACK, new byte[0]);
        send(r, 4, SBC, 5060, MS, 5060, 900_000_000L, SYN, new byte[0]);
        send(r, 5, SBC, 5060, MS, 5060, 900_000_001L, ACK, m2);
        r.finish();
        assertThat(out.texts()).containsExactly(SipFixtures.options(1), SipFixtures.options(2));
        assertThat(out.problems).isEmpty();
    }

    @Test
    void idleFlowsExpireByEventTimeAndReportIncompleteMessages() {
        TcpReassembler r = reassembler();
        byte[] inv = bytes(SipFixtures.invite(1, SipFixtures.sdp(3)));
        send(r, 0, SBC, 5060, MS, 5060, 1, ACK, slice(inv, 0, 100));
        assertThat(r.flows()).isEqualTo(1);
        r.advanceTime(14 * 60_000_000_000L);
        assertThat(r.flows()).isEqualTo(1);
        r.advanceTime(16 * 60_000_000_000L);
        assertThat(r.flows()).isZero();
        assertThat(r.expiredFlows()).isEqualTo(1);
        assertThat(out.reasons()).containsExactly("sip.stream-truncated");
    }

    @Test
    void flowTableIsBoundedByLruEviction() {
        TcpReassembler.Limits l = new TcpReassembler.Limits(10, 65536, 1 << 20, 5_000_000_000L, 600_000_000_000L, 65536, 65536);
        TcpReassembler r = new TcpReassembler(out, SipPorts.defaults(), a -> false, l);
        byte[] m = bytes(SipFixtures.options(1));
        for (int i = 0; i < 1000; i++) {
            send(r, i, SBC, 10_000 + i, MS, 5060, 1, ACK, m);
            assertThat(r.flows()).isLessThanOrEqualTo(10);
        }
        assertThat(r.evictedFlows()).isEqualTo(990);
        assertThat(out.sip).hasSize(1000);
        assertThat(out.problems).isEmpty();
    }

    @Test
    void randomSegmentsNeverThrow() {
        Random rnd = new Random(7);
        TcpReassembler.Limits l = new TcpReassembler.Limits(50, 8192, 100_000, 1_000_000L, 10_000_000L, 4096, 8192);
        TcpReassembler r = new TcpReassembler(out, SipPorts.defaults(), a -> rnd.nextInt(10) == 0, l);
        IpAddress[] hosts = {SBC, MS, OTHER};
        int[] ports = {5060, 5061, 6060, 443, 40000};
        String[] pieces = {SipFixtures.options(1), "SIP/2.0 200 OK\r\n", "\r\n\r\n", "Content-Length: 9999\r\n"};
        byte[] buf = new byte[3000];
        for (int i = 0; i < 60_000; i++) {
            int len;
            if (rnd.nextInt(3) == 0) {
                byte[] p = bytes(pieces[rnd.nextInt(pieces.length)]);
                System.arraycopy(p, 0, buf, 0, p.length);
                len = p.length;
            } else {
                len = rnd.nextInt(rnd.nextBoolean() ? 20 : buf.length);
                rnd.nextBytes(buf);
                if (rnd.nextInt(5) == 0) {
                    buf[0] = 0x16;
                    buf[1] = 0x03;
                    buf[2] = 0x03;
                }
            }
            r.segment(i * 10_000L, new Where("fuzz", i + 1), hosts[rnd.nextInt(3)], ports[rnd.nextInt(ports.length)],
                    hosts[rnd.nextInt(3)], ports[rnd.nextInt(ports.length)], rnd.nextInt(4) == 0 ? rnd.nextInt(5000) : rnd.nextLong() & 0xffffffffL, 0,
                    rnd.nextInt(32), buf, 0, len);
            assertThat(r.bufferedBytes()).isLessThanOrEqualTo(100_000);
        }
        r.finish();
        assertThat(r.flows()).isZero();
        assertThat(r.bufferedBytes()).isZero();
    }
}
