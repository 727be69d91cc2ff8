package dev.drsip.capture;

import static dev.drsip.capture.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.file.Frame;
import dev.drsip.capture.file.TraceReader;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.event.CaptureListener;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Raw read and read+decode throughput on a large generated pcap. Opt-in (it writes a big file in
 * /tmp): {@code mvn -o -q -pl capture test -Dtest=ThroughputTest -Ddrsip.throughput.mb=1024}.
 */
class ThroughputTest {
    @Test
    void readAndDecodeThroughput() throws IOException {
        String mb = System.getProperty("drsip.throughput.mb");
        Assumptions.assumeTrue(mb != null, "set -Ddrsip.throughput.mb=N to run");
        long target = Long.parseLong(mb) << 20;
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "drsip-throughput-" + mb + "mb.pcap");
        long[] expect = write(file, target);
        long size = Files.size(file);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long frames = 0;
            long bytes = 0;
            try (TraceReader r = TraceReader.open(file, "bench", m -> { })) {
                Frame f;
                while ((f = r.next()) != null) {
                    frames++;
                    bytes += f.length();
                }
            }
            long t1 = System.nanoTime();
            long[] sip = new long[2];
            CaptureListener l = new CaptureListener() {
                @Override
                public void onSip(SipPacket packet) {
                    sip[0]++;
                }

                @Override
                public void onProblem(Malformed problem) {
                    sip[1]++;
                }
            };
            List<InputSummary> s = new TraceFileSource(List.of(file)).run(l);
            long t2 = System.nanoTime();
            assertThat(frames).isEqualTo(expect[0]);
            assertThat(sip[0]).isEqualTo(expect[1]);
            assertThat(sip[1]).isZero();
            assertThat(s.get(0).packets()).isEqualTo(frames);
            double readS = (t1 - t0) / 1e9;
            double decS = (t2 - t1) / 1e9;
            System.out.printf("round %d: %d MB file, %d frames (%d bytes captured): read %.2f s = %.0f MB/s, %.2f M frames/s;"
                    + " read+decode %.2f s = %.0f MB/s, %.2f M frames/s, %d SIP packets (%.0f k/s)%n", round,
                    size >> 20, frames, bytes, readS, size / 1e6 / readS, frames / 1e6 / readS, decS,
                    size / 1e6 / decS, frames / 1e6 / decS, sip[0], sip[0] / 1e3 / decS);
        }
    }

    /**
     * Capture alone on an existing trace (e.g. the bench file), the listener only counts: wall time,
     * this thread's CPU time and messages per CPU second, a few rounds (the first includes JIT
     * warm-up). Opt-in: {@code mvn -o -q -pl capture test -Dtest=ThroughputTest#captureOnlyOnAGivenFile
     * -Ddrsip.throughput.file=/tmp/drsip-bench/dr-bench-2000000.pcap}.
     */
    @Test
    void captureOnlyOnAGivenFile() throws IOException {
        String name = System.getProperty("drsip.throughput.file");
        Assumptions.assumeTrue(name != null, "set -Ddrsip.throughput.file=FILE to run");
        Path file = Path.of(name);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long firstRoundSip = -1;
        for (int round = 0; round < 4; round++) {
            long[] n = new long[3];
            CaptureListener l = new CaptureListener() {
                @Override
                public void onSip(SipPacket packet) {
                    n[0]++;
                    n[2] += packet.length();
                }

                @Override
                public void onProblem(Malformed problem) {
                    n[1]++;
                }
            };
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            new TraceFileSource(List.of(file)).run(l);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            if (firstRoundSip < 0) {
                firstRoundSip = n[0];
            }
            assertThat(n[0]).isEqualTo(firstRoundSip);
            System.out.printf("round %d: %d SIP messages (%d bytes), %d problems: wall %.2f s, thread CPU %.2f s = %.0f k messages"
                    + " per CPU second%n", round, n[0], n[2], n[1], wall, cpu, n[0] / 1e3 / cpu);
        }
    }

    /** Writes SIP over UDP and TCP mixed with RTP until {@code target} bytes; returns {frames, SIP messages}. */
    static long[] write(Path file, long target) throws IOException {
        byte[] sipMsg = bigInvite();
        byte[] udpSip = eth4(udp4("10.0.0.1", 5060, "52.112.0.10", 5061, sipMsg));
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        byte[] rtpFrame = ethernet(0x0800, udp4("10.0.0.1", 20000, "52.112.0.10", 30000, rtp), 0x8100, 10);
        long frames = 0;
        long sip = 0;
        long seq = 1;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            TraceWriter.Pcap w = new TraceWriter.Pcap(o, true, false, 1, 65535);
            long written = 24;
            long t = 1_700_000_000_000_000_000L;
            while (written < target) {
                w.frame(t, udpSip);
                written += 16 + udpSip.length;
                frames++;
                sip++;
                for (int i = 0; i < 6; i++) {
                    t += 20_000;
                    w.frame(t, rtpFrame);
                    written += 16 + rtpFrame.length;
                    frames++;
                }
                // one SIP message over TCP, in two segments
                int half = sipMsg.length / 2;
                byte[] s1 = eth4(ipv4("10.0.0.5", "10.0.0.6", 6, 1, 0x4000, tcp(40000, 5060, seq, 1, 24,
                        java.util.Arrays.copyOfRange(sipMsg, 0, half))));
                byte[] s2 = eth4(ipv4("10.0.0.5", "10.0.0.6", 6, 2, 0x4000, tcp(40000, 5060, seq + half, 1, 24,
                        java.util.Arrays.copyOfRange(sipMsg, half, sipMsg.length))));
                seq += sipMsg.length;
                w.frame(t, s1).frame(t, s2);
                written += 32 + s1.length + s2.length;
                frames += 2;
                sip++;
                t += 1_000_000;
            }
        }
        return new long[] {frames, sip};
    }

    static byte[] bigInvite() {
        String body = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
        String s = "INVITE sip:+15551234567@sip.pstnhub.microsoft.com:5061;transport=tls SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS sbc1.contoso.com:5061;branch=z9hG4bK-123456-abcdef\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:+15557654321@sbc1.contoso.com>;tag=abc123\r\n"
                + "To: <sip:+15551234567@sip.pstnhub.microsoft.com>\r\nCall-ID: 1234567890abcdef@10.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\nContact: <sip:+15557654321@sbc1.contoso.com:5061;transport=tls>\r\n"
                + "User-Agent: Contoso-SBC/1.0\r\nContent-Type: application/sdp\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body;
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
