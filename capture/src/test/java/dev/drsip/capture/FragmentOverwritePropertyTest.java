package dev.drsip.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.ip.FragmentReassembler;
import dev.drsip.sip.Malformed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fragment reassembly against a plain model: several datagrams (IPv4 and IPv6 keys that differ in
 * one field only) interleaved, pieces in random order, duplicated and overlapping with DIFFERENT
 * bytes. The result must be "every piece written over the datagram in arrival order", and the
 * bytes counted against the memory limit must follow the documented growth (2048, doubling up to
 * the datagram end, capped at the largest datagram), whatever the reassembler keeps internally.
 * First pieces carry a UDP length that is right, a bit too long or too short.
 */
class FragmentOverwritePropertyTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    private static final class Model {
        final int id;
        final int addrLen;
        final int total;
        final byte[] image;
        final List<int[]> pieces = new ArrayList<>(); // offset, length, seed
        boolean[] covered;
        int capacity;
        boolean open;
        boolean lastSeen;
        boolean done;

        Model(int id, int addrLen, int total) {
            this.id = id;
            this.addrLen = addrLen;
            this.total = total;
            this.image = new byte[total];
            this.covered = new boolean[total];
        }
    }

    @Test
    void overlappingPiecesOverwriteInArrivalOrderAndLimitsCountTheSameBytes() {
        Random rnd = new Random(424242);
        byte[] addr = new byte[64];
        rnd.nextBytes(addr);
        for (int round = 0; round < 300; round++) {
            List<Malformed> problems = new ArrayList<>();
            FragmentReassembler fr = new FragmentReassembler(FragmentReassembler.Limits.defaults(), problems::add);
            List<Model> models = new ArrayList<>();
            List<int[]> arrivals = new ArrayList<>(); // model index, piece index
            int datagrams = 1 + rnd.nextInt(4);
            for (int m = 0; m < datagrams; m++) {
                Model md = new Model(round * 8 + m / 2, m % 2 == 0 ? 4 : 16, 8 + rnd.nextInt(9000));
                models.add(md);
                int off = 0;
                while (off < md.total) {
                    int n = Math.min(md.total - off, 8 * (1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 200)));
                    md.pieces.add(new int[] {off, n, rnd.nextInt()});
                    off += n;
                }
                int extra = rnd.nextInt(30);
                for (int i = 0; i < extra; i++) { // overlaps and duplicates carrying other bytes
                    int s = 8 * rnd.nextInt(Math.max(1, md.total / 8));
                    int n = Math.min(md.total - s, 8 * (1 + rnd.nextInt(100)));
                    if (n > 0 && s + n < md.total) {
                        md.pieces.add(new int[] {s, n, rnd.nextInt()});
                    }
                }
                for (int i = 0; i < md.pieces.size(); i++) {
                    arrivals.add(new int[] {m, i});
                }
            }
            java.util.Collections.shuffle(arrivals, rnd);
            long expectedBuffered = 0;
            for (int[] a : arrivals) {
                Model md = models.get(a[0]);
                if (md.done) {
                    continue;
                }
                int[] pc = md.pieces.get(a[1]);
                byte[] bytes = new byte[pc[1] + 5];
                new Random(pc[2]).nextBytes(bytes);
                if (pc[0] == 0 && pc[1] >= 8 && (pc[2] & 3) != 0) {
                    // a UDP length field the reassembler may size the datagram by: right, or a bit off
                    int udpLen = md.total + ((pc[2] & 3) == 1 ? 0 : (pc[2] & 3) == 2 ? 8 : -8);
                    bytes[3 + 4] = (byte) (udpLen >>> 8);
                    bytes[3 + 5] = (byte) udpLen;
                }
                boolean more = pc[0] + pc[1] < md.total;
                int srcOff = a[0] % 2 == 0 ? 0 : 16; // IPv4 and IPv6 keys share the id
                byte[] r = fr.offer(T0, "x", 1, addr, srcOff, 32, md.addrLen, md.id, 17, pc[0], more, bytes, 3, pc[1]);
                // model
                if (!md.open) {
                    md.open = true;
                    md.capacity = 2048;
                    expectedBuffered += 2048;
                }
                int end = pc[0] + pc[1];
                if (end > md.capacity) {
                    int n = Math.min(65535, Math.max(end, md.capacity * 2));
                    expectedBuffered += n - md.capacity;
                    md.capacity = n;
                }
                System.arraycopy(bytes, 3, md.image, pc[0], pc[1]);
                Arrays.fill(md.covered, pc[0], end, true);
                if (!more) {
                    md.lastSeen = true;
                }
                boolean complete = md.lastSeen && allTrue(md.covered);
                if (complete) {
                    md.done = true;
                    expectedBuffered -= md.capacity;
                    assertThat(r).as("round %d datagram %d", round, a[0]).isEqualTo(md.image);
                } else {
                    assertThat(r).as("round %d datagram %d", round, a[0]).isNull();
                }
                assertThat(fr.bufferedBytes()).as("round %d", round).isEqualTo(expectedBuffered);
            }
            assertThat(models).allMatch(md -> md.done);
            assertThat(problems).isEmpty();
            assertThat(fr.inFlight()).isZero();
        }
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }
}
