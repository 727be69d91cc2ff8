package dev.drsip.capture;

import static dev.drsip.capture.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.ip.FragmentReassembler;
import dev.drsip.sip.Malformed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentReassemblyTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    static byte[] bigSip(int bodyLen) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < bodyLen; i++) {
            body.append("a=x-filler:").append(i).append("\r\n");
        }
        String s = "INVITE sip:+15551234@sbc.example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKf\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    Recorder run(List<byte[]> frames) throws IOException {
        Path p = Files.createTempFile(dir, "f", ".pcap");
        List<byte[]> eth = new ArrayList<>();
        for (byte[] f : frames) {
            eth.add(f[0] >>> 4 == 6 ? ethernet(0x86dd, f) : eth4(f));
        }
        Files.write(p, TraceWriter.pcap(false, true, 1, T0, eth.toArray(new byte[0][])));
        Recorder r = new Recorder();
        new TraceFileSource(List.of(p)).run(r);
        return r;
    }

    static List<List<Integer>> permutations(int n) {
        List<List<Integer>> out = new ArrayList<>();
        permute(new ArrayList<>(), n, out);
        return out;
    }

    private static void permute(List<Integer> prefix, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(new ArrayList<>(prefix));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!prefix.contains(i)) {
                prefix.add(i);
                permute(prefix, n, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    @Test
    void ipv4FragmentsInEveryOrder() throws IOException {
        byte[] msg = bigSip(3000);
        List<byte[]> frags = fragments4("10.0.0.1", "10.0.0.2", 17, 4242, udp(5060, 5060, msg), 1480);
        assertThat(frags).hasSize(3);
        for (List<Integer> order : permutations(frags.size())) {
            List<byte[]> fs = new ArrayList<>();
            order.forEach(i -> fs.add(frags.get(i)));
            Recorder r = run(fs);
            assertThat(r.problems).as("order %s", order).isEmpty();
            assertThat(r.sip).as("order %s", order).singleElement()
                    .satisfies(p -> assertThat(Arrays.copyOfRange(p.data(), p.offset(), p.offset() + p.length()))
                            .isEqualTo(msg));
        }
    }

    @Test
    void ipv6FragmentsInEveryOrder() throws IOException {
        byte[] msg = bigSip(4000);
        List<byte[]> frags = fragments6("2001:db8::1", "2001:db8::2", 17, 0xdeadbeefL, udp(5060, 5060, msg), 1232);
        assertThat(frags).hasSize(4);
        for (List<Integer> order : permutations(frags.size())) {
            List<byte[]> fs = new ArrayList<>();
            order.forEach(i -> fs.add(frags.get(i)));
            Recorder r = run(fs);
            assertThat(r.problems).as("order %s", order).isEmpty();
            assertThat(r.sip).as("order %s", order).singleElement()
                    .satisfies(p -> assertThat(Arrays.copyOfRange(p.data(), p.offset(), p.offset() + p.length()))
                            .isEqualTo(msg));
        }
    }

    @Test
    void interleavedDatagramsAreKeptApartByKey() throws IOException {
        byte[] m1 = bigSip(2000);
        byte[] m2 = bigSip(2500);
        List<byte[]> a = fragments4("10.0.0.1", "10.0.0.2", 17, 1, udp(5060, 5060, m1), 800);
        List<byte[]> b = fragments4("10.0.0.1", "10.0.0.2", 17, 2, udp(5060, 5060, m2), 800);
        List<byte[]> mixed = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < b.size()) {
                mixed.add(b.get(b.size() - 1 - i));
            }
            if (i < a.size()) {
                mixed.add(a.get(i));
            }
        }
        Recorder r = run(mixed);
        assertThat(r.problems).isEmpty();
        assertThat(r.sip).hasSize(2);
        assertThat(r.texts()).containsExactlyInAnyOrder(new String(m1, StandardCharsets.US_ASCII),
                new String(m2, StandardCharsets.US_ASCII));
    }

    /** Property: random order, duplicates and overlapping re-fragmentation give the same datagram. */
    @Test
    void randomOrderDuplicatesAndOverlapsGiveTheSameDatagram() {
        Random rnd = new Random(20261124);
        byte[] addr = addr2("10.9.8.7", "10.6.5.4");
        for (int round = 0; round < 2000; round++) {
            byte[] data = new byte[1 + rnd.nextInt(20000)];
            rnd.nextBytes(data);
            List<int[]> pieces = new ArrayList<>(); // [offset, length]
            int off = 0;
            while (off < data.length) {
                int n = Math.min(data.length - off, 8 * (1 + rnd.nextInt(200)));
                pieces.add(new int[] {off, n});
                off += n;
            }
            int extra = rnd.nextInt(4);
            for (int i = 0; i < extra; i++) { // duplicates and overlapping pieces with the same bytes
                int s = 8 * rnd.nextInt(Math.max(1, data.length / 8));
                int n = Math.min(data.length - s, 8 * (1 + rnd.nextInt(100)));
                if (n > 0 && s + n < data.length) {
                    pieces.add(new int[] {s, n});
                }
                pieces.add(pieces.get(rnd.nextInt(pieces.size())));
            }
            Collections.shuffle(pieces, rnd);
            List<Malformed> problems = new ArrayList<>();
            FragmentReassembler fr = new FragmentReassembler(FragmentReassembler.Limits.defaults(), problems::add);
            byte[] result = null;
            int completions = 0;
            for (int[] pc : pieces) {
                boolean more = pc[0] + pc[1] < data.length;
                byte[] r = fr.offer(T0, "x", 1, addr, 0, 4, 4, round, 17, pc[0], more, data, pc[0], pc[1]);
                if (r != null) {
                    completions++;
                    result = r;
                    // fragments after completion start a new (incomplete) datagram; ignore those
                    fr = new FragmentReassembler(FragmentReassembler.Limits.defaults(), problems::add);
                }
            }
            assertThat(completions).as("round %d", round).isGreaterThanOrEqualTo(1);
            assertThat(result).as("round %d", round).isEqualTo(data);
            assertThat(problems).isEmpty();
        }
    }

    static byte[] addr2(String a, String b) {
        return concat(addr(a), addr(b));
    }

    @Test
    void timeoutByEventTimeIsReported() {
        List<Malformed> problems = new ArrayList<>();
        FragmentReassembler fr = new FragmentReassembler(FragmentReassembler.Limits.defaults(), problems::add);
        byte[] addr = addr2("10.0.0.1", "10.0.0.2");
        byte[] d = new byte[100];
        assertThat(fr.offer(T0, "f.pcap", 7, addr, 0, 4, 4, 1, 17, 0, true, d, 0, 64)).isNull();
        fr.advanceTime(T0 + 29_000_000_000L);
        assertThat(problems).isEmpty();
        assertThat(fr.inFlight()).isEqualTo(1);
        fr.advanceTime(T0 + 31_000_000_000L);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(FragmentReassembler.TIMEOUT);
            assertThat(p.where().source()).isEqualTo("f.pcap");
            assertThat(p.where().frame()).isEqualTo(7);
        });
        assertThat(fr.inFlight()).isZero();
        assertThat(fr.bufferedBytes()).isZero();
    }

    @Test
    void incompleteAtEndOfInputIsReportedByThePipeline() throws IOException {
        List<byte[]> frags = fragments4("10.0.0.1", "10.0.0.2", 17, 7, udp(5060, 5060, bigSip(3000)), 1480);
        Recorder r = run(frags.subList(0, 2));
        assertThat(r.sip).isEmpty();
        assertThat(r.reasons()).containsExactly(FragmentReassembler.INCOMPLETE);
        assertThat(r.problems.get(0).where().frame()).isEqualTo(1);
    }

    @Test
    void memoryIsBounded() {
        List<Malformed> problems = new ArrayList<>();
        FragmentReassembler fr = new FragmentReassembler(new FragmentReassembler.Limits(10, 65535, 1 << 20,
                30_000_000_000L), problems::add);
        byte[] addr = addr2("10.0.0.1", "10.0.0.2");
        byte[] d = new byte[1480];
        for (int i = 0; i < 1000; i++) {
            fr.offer(T0 + i, "f", i + 1, addr, 0, 4, 4, i, 17, 0, true, d, 0, d.length);
            assertThat(fr.inFlight()).isLessThanOrEqualTo(10);
        }
        assertThat(problems).hasSize(990).extracting(Malformed::reason).containsOnly(FragmentReassembler.EVICTED);
        // bytes bound: few datagrams, each growing large
        problems.clear();
        fr = new FragmentReassembler(new FragmentReassembler.Limits(1000, 65535, 200_000, 30_000_000_000L),
                problems::add);
        for (int i = 0; i < 100; i++) {
            fr.offer(T0, "f", i + 1, addr, 0, 4, 4, i, 17, 60000, true, d, 0, 8);
            assertThat(fr.bufferedBytes()).isLessThanOrEqualTo(200_000);
        }
        assertThat(problems).isNotEmpty();
    }

    @Test
    void datagramBeyond65535IsRejected() {
        List<Malformed> problems = new ArrayList<>();
        FragmentReassembler fr = new FragmentReassembler(FragmentReassembler.Limits.defaults(), problems::add);
        byte[] addr = addr2("10.0.0.1", "10.0.0.2");
        assertThat(fr.offer(T0, "f", 1, addr, 0, 4, 4, 1, 17, 65528, false, new byte[100], 0, 100)).isNull();
        assertThat(problems).extracting(Malformed::reason).containsExactly(FragmentReassembler.TOO_BIG);
        assertThat(fr.inFlight()).isZero();
    }

    @Test
    void conflictingLastFragmentsAreReported() {
        List<Malformed> problems = new ArrayList<>();
        FragmentReassembler fr = new FragmentReassembler(FragmentReassembler.Limits.defaults(), problems::add);
        byte[] addr = addr2("10.0.0.1", "10.0.0.2");
        fr.offer(T0, "f", 1, addr, 0, 4, 4, 1, 17, 800, false, new byte[100], 0, 100);
        fr.offer(T0, "f", 2, addr, 0, 4, 4, 1, 17, 1600, false, new byte[100], 0, 100);
        assertThat(problems).extracting(Malformed::reason).containsExactly(FragmentReassembler.INCONSISTENT);
    }
}
