package dev.drsip.capture.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.SipPorts;
import dev.drsip.capture.sip.SipFixtures;
import dev.drsip.capture.sip.SipStreamFramer;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.CaptureListener;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of TCP reassembly + SIP framing on a large synthetic stream (many flows, MSS-sized
 * segments, messages straddling segments). Prints MB/s; asserts every message came out. Size can
 * be raised with -Ddrsip.throughput.mb=N.
 */
// A measurement, not a test of speed: run it with -Ddrsip.bench=true (the benchmarks module is the proof).
@EnabledIfSystemProperty(named = "drsip.bench", matches = "true")
class ReassemblyThroughputTest {
    static final class Counting implements CaptureListener {
        long messages;
        long bytes;
        long problems;

        @Override
        public void onSip(SipPacket p) {
            messages++;
            bytes += p.length();
        }

        @Override
        public void onProblem(Malformed problem) {
            problems++;
        }
    }

    @Test
    void reassemblerAndFramerThroughput() {
        Random rnd = new Random(1);
        ByteArrayOutputStream sb = new ByteArrayOutputStream();
        List<String> msgs = SipFixtures.randomMessages(rnd, 2000);
        for (String m : msgs) {
            sb.writeBytes(SipFixtures.bytes(m));
        }
        byte[] unit = sb.toByteArray(); // ~1 MB of SIP, 2000 messages
        int targetMb = Integer.getInteger("drsip.throughput.mb", 64);
        int repeats = Math.max(1, (int) ((long) targetMb * 1024 * 1024 / unit.length));
        int flows = 64;
        IpAddress ms = IpAddress.parse("52.114.76.76");
        IpAddress sbc = IpAddress.parse("203.0.113.10");

        for (int run = 0; run < 3; run++) { // first runs warm the JIT
            Counting out = new Counting();
            TcpReassembler r = new TcpReassembler(out, SipPorts.defaults(), a -> false);
            long[] seq = new long[flows];
            for (int f = 0; f < flows; f++) {
                seq[f] = (f * 0x9E3779B9L) & 0xffffffffL;
                r.segment(0, new Where("bench", 0), ms, 20000 + f, sbc, 5061, seq[f], 0, TcpReassembler.SYN, unit, 0, 0);
                seq[f] = (seq[f] + 1) & 0xffffffffL;
            }
            long frame = 0;
            long total = 0;
            long start = System.nanoTime();
            for (int rep = 0; rep < repeats; rep++) {
                int f = rep % flows;
                for (int p = 0; p < unit.length; p += 1460) {
                    int n = Math.min(1460, unit.length - p);
                    r.segment(frame * 1000, new Where("bench", ++frame), ms, 20000 + f, sbc, 5061, seq[f], 0,
                            TcpReassembler.ACK, unit, p, n);
                    seq[f] = (seq[f] + n) & 0xffffffffL;
                    total += n;
                }
            }
            r.finish();
            long ns = System.nanoTime() - start;
            double mbs = total / 1e6 / (ns / 1e9);
            System.out.printf("reassembler+framer run %d: %.1f MB in %.2f s = %.0f MB/s, %.0f segments/s, %.0f messages/s%n",
                    run, total / 1e6, ns / 1e9, mbs, frame / (ns / 1e9), out.messages / (ns / 1e9));
            assertThat(out.messages).isEqualTo((long) repeats * msgs.size());
            assertThat(out.problems).isZero();
        }

        // the framer alone, fed the same unit in 1460-byte pieces
        Counting out = new Counting();
        SipStreamFramer framer = new SipStreamFramer(out, ms, 1, sbc, 2, Transport.TCP);
        Where w = new Where("bench", 1);
        long start = System.nanoTime();
        long total = 0;
        for (int rep = 0; rep < repeats; rep++) {
            for (int p = 0; p < unit.length; p += 1460) {
                int n = Math.min(1460, unit.length - p);
                framer.feed(rep, w, unit, p, n);
                total += n;
            }
        }
        long ns = System.nanoTime() - start;
        System.out.printf("framer alone: %.1f MB in %.2f s = %.0f MB/s%n", total / 1e6, ns / 1e9, total / 1e6 / (ns / 1e9));
        assertThat(out.messages).isEqualTo((long) repeats * msgs.size());
    }
}
