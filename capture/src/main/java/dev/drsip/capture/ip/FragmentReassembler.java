package dev.drsip.capture.ip;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * IPv4 and IPv6 fragment reassembly keyed by (source, destination, identification, protocol).
 * Fragments may arrive in any order, duplicated or overlapping (later bytes overwrite earlier ones:
 * consistent duplicates give the same datagram). Memory is bounded: at most
 * {@link Limits#maxDatagrams} in flight and {@link Limits#maxBytes} buffered, each datagram at most
 * {@link Limits#maxDatagramSize}; datagrams not completed within {@link Limits#timeoutNanos} of
 * EVENT time (trace time, never the wall clock) are dropped and reported.
 */
public final class FragmentReassembler {
    public static final String TIMEOUT = "ip.fragment-timeout";
    public static final String INCOMPLETE = "ip.fragment-incomplete";
    public static final String EVICTED = "ip.fragment-evicted";
    public static final String TOO_BIG = "ip.fragment-too-big";
    public static final String INCONSISTENT = "ip.fragment-inconsistent";

    /**
     * @param maxDatagrams datagrams being reassembled at once; the oldest is dropped beyond it
     * @param maxDatagramSize largest reassembled payload (65535 for IPv4)
     * @param maxBytes bytes buffered over all datagrams in flight
     * @param timeoutNanos event time after the first fragment when an incomplete datagram is dropped
     */
    public record Limits(int maxDatagrams, int maxDatagramSize, long maxBytes, long timeoutNanos) {
        public static Limits defaults() {
            return new Limits(4096, 65535, 64L << 20, 30_000_000_000L);
        }
    }

    private static final class Key {
        final byte[] bytes;
        final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Pending {
        final long firstTime;
        final Where first;
        byte[] data = new byte[2048];
        int total = -1;
        // covered byte ranges, sorted, non-overlapping, non-adjacent: [starts[i], ends[i])
        int[] starts = new int[4];
        int[] ends = new int[4];
        int ranges;
        int fragments;

        Pending(long firstTime, Where first) {
            this.firstTime = firstTime;
            this.first = first;
        }

        void cover(int s, int e) {
            int i = 0;
            while (i < ranges && ends[i] < s) {
                i++;
            }
            int j = i;
            while (j < ranges && starts[j] <= e) {
                s = Math.min(s, starts[j]);
                e = Math.max(e, ends[j]);
                j++;
            }
            int removed = j - i;
            if (removed == 0) {
                if (ranges == starts.length) {
                    starts = Arrays.copyOf(starts, ranges * 2);
                    ends = Arrays.copyOf(ends, ranges * 2);
                }
                System.arraycopy(starts, i, starts, i + 1, ranges - i);
                System.arraycopy(ends, i, ends, i + 1, ranges - i);
                ranges++;
            } else if (removed > 1) {
                System.arraycopy(starts, j, starts, i + 1, ranges - j);
                System.arraycopy(ends, j, ends, i + 1, ranges - j);
                ranges -= removed - 1;
            }
            starts[i] = s;
            ends[i] = e;
        }

        boolean complete() {
            return total >= 0 && ranges == 1 && starts[0] == 0 && ends[0] >= total;
        }
    }

    private final Limits limits;
    private final Consumer<Malformed> problems;
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private long bufferedBytes;
    private long completed;
    private long dropped;

    public FragmentReassembler(Limits limits, Consumer<Malformed> problems) {
        this.limits = limits;
        this.problems = problems;
    }

    /**
     * One fragment. Addresses are read from {@code addr} ({@code addrLen} 4 or 16 bytes at
     * {@code srcOff} and {@code dstOff}); the fragment's payload is {@code b[off, off+len)} and is
     * copied. Returns the whole reassembled payload (a new array of exactly its length) when this
     * fragment completes it, else null.
     *
     * @param fragOffset byte offset of this fragment in the datagram payload
     * @param more the more-fragments flag
     */
    public byte[] offer(long timeNanos, String source, long frame, byte[] addr, int srcOff, int dstOff, int addrLen,
            long id, int proto, int fragOffset, boolean more, byte[] b, int off, int len) {
        advanceTime(timeNanos);
        byte[] kb = new byte[2 * addrLen + 5];
        System.arraycopy(addr, srcOff, kb, 0, addrLen);
        System.arraycopy(addr, dstOff, kb, addrLen, addrLen);
        int k = 2 * addrLen;
        kb[k] = (byte) (id >>> 24);
        kb[k + 1] = (byte) (id >>> 16);
        kb[k + 2] = (byte) (id >>> 8);
        kb[k + 3] = (byte) id;
        kb[k + 4] = (byte) proto;
        Key key = new Key(kb);
        Pending p = pending.get(key);
        int end = fragOffset + len;
        if (end > limits.maxDatagramSize() || fragOffset < 0 || len < 0) {
            problems.accept(new Malformed(TOO_BIG, new Where(source, frame), "fragment ends at byte " + end
                    + ", beyond the largest datagram (" + limits.maxDatagramSize() + ")"));
            if (p != null) {
                drop(key, p);
            }
            return null;
        }
        if (p == null) {
            p = new Pending(timeNanos, new Where(source, frame));
            pending.put(key, p);
            bufferedBytes += p.data.length;
        }
        p.fragments++;
        if (!more) {
            if (p.total >= 0 && p.total != end) {
                problems.accept(new Malformed(INCONSISTENT, new Where(source, frame), "last fragments disagree on the"
                        + " datagram length (" + p.total + " vs " + end + ")"));
                drop(key, p);
                return null;
            }
            p.total = end;
        }
        if (p.total >= 0 && (end > p.total || (p.ranges > 0 && p.ends[p.ranges - 1] > p.total))) {
            problems.accept(new Malformed(INCONSISTENT, new Where(source, frame), "fragment data beyond the last fragment's end "
                    + p.total));
            drop(key, p);
            return null;
        }
        if (end > p.data.length) {
            int n = Math.min(limits.maxDatagramSize(), Math.max(end, p.data.length * 2));
            bufferedBytes += n - p.data.length;
            p.data = Arrays.copyOf(p.data, n);
        }
        System.arraycopy(b, off, p.data, fragOffset, len);
        if (len > 0) {
            p.cover(fragOffset, end);
        }
        if (p.complete()) {
            pending.remove(key);
            bufferedBytes -= p.data.length;
            completed++;
            return p.data.length == p.total ? p.data : Arrays.copyOf(p.data, p.total);
        }
        enforceLimits();
        return null;
    }

    private void drop(Key key, Pending p) {
        pending.remove(key);
        bufferedBytes -= p.data.length;
        dropped++;
    }

    private void enforceLimits() {
        Iterator<Pending> it = pending.values().iterator();
        while ((pending.size() > limits.maxDatagrams() || bufferedBytes > limits.maxBytes()) && it.hasNext()) {
            Pending p = it.next();
            it.remove();
            bufferedBytes -= p.data.length;
            dropped++;
            problems.accept(new Malformed(EVICTED, p.first, "incomplete fragmented datagram dropped: more than "
                    + limits.maxDatagrams() + " datagrams or " + limits.maxBytes() + " bytes in reassembly"));
        }
    }

    /** Event time moved on: drop datagrams whose first fragment is older than the timeout. */
    public void advanceTime(long timeNanos) {
        if (pending.isEmpty()) {
            return;
        }
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (timeNanos - p.firstTime <= limits.timeoutNanos()) {
                break; // insertion order = first-fragment order (give or take out-of-order traces)
            }
            it.remove();
            bufferedBytes -= p.data.length;
            dropped++;
            problems.accept(new Malformed(TIMEOUT, p.first, describe(p) + " not completed within "
                    + limits.timeoutNanos() / 1_000_000_000.0 + " s"));
        }
    }

    /** End of input: everything still pending is reported incomplete. */
    public void finish() {
        for (Pending p : pending.values()) {
            dropped++;
            problems.accept(new Malformed(INCOMPLETE, p.first, describe(p) + " still incomplete at the end of the input"));
        }
        pending.clear();
        bufferedBytes = 0;
    }

    private static String describe(Pending p) {
        return "fragmented datagram (" + p.fragments + " fragment" + (p.fragments == 1 ? "" : "s")
                + (p.total >= 0 ? ", " + p.total + " bytes" : ", last fragment missing") + ")";
    }

    public int inFlight() {
        return pending.size();
    }

    public long bufferedBytes() {
        return bufferedBytes;
    }

    public long completed() {
        return completed;
    }

    public long dropped() {
        return dropped;
    }
}
