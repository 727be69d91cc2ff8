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
 * {@link Limits#maxDatagrams} in flight and {@link Limits#maxBytes} buffered (counted per datagram
 * as a buffer that starts at 2 KB and doubles up to the datagram's end; the arrays actually held
 * are at most twice that), each datagram at most {@link Limits#maxDatagramSize}; datagrams not
 * completed within {@link Limits#timeoutNanos} of EVENT time (trace time, never the wall clock) are
 * dropped and reported.
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

    /**
     * (source, destination, identification, protocol) packed into longs: IPv4 uses {@code a} for
     * both addresses, IPv6 {@code a..d}; {@code e} holds id, protocol and address length. Mutable
     * only while it is the lookup probe; keys in the map are the {@link Pending}s themselves.
     */
    private static class Key {
        long a;
        long b;
        long c;
        long d;
        long e;
        int hash;

        void set(byte[] addr, int srcOff, int dstOff, int addrLen, long id, int proto) {
            if (addrLen == 4) {
                a = (i32(addr, srcOff) & 0xffffffffL) << 32 | (i32(addr, dstOff) & 0xffffffffL);
                b = 0;
                c = 0;
                d = 0;
            } else {
                a = i64(addr, srcOff);
                b = i64(addr, srcOff + 8);
                c = i64(addr, dstOff);
                d = i64(addr, dstOff + 8);
            }
            e = (id & 0xffffffffL) << 16 | (proto & 0xff) << 8 | addrLen;
            long h = a * 0x9E3779B97F4A7C15L;
            h = (h ^ b) * 0x9E3779B97F4A7C15L;
            h = (h ^ c) * 0x9E3779B97F4A7C15L;
            h = (h ^ d) * 0x9E3779B97F4A7C15L;
            h = (h ^ e) * 0x9E3779B97F4A7C15L;
            hash = (int) (h ^ (h >>> 32));
        }

        void copyFrom(Key k) {
            a = k.a;
            b = k.b;
            c = k.c;
            d = k.d;
            e = k.e;
            hash = k.hash;
        }

        private static int i32(byte[] x, int p) {
            return (x[p] & 0xff) << 24 | (x[p + 1] & 0xff) << 16 | (x[p + 2] & 0xff) << 8 | (x[p + 3] & 0xff);
        }

        private static long i64(byte[] x, int p) {
            return (i32(x, p) & 0xffffffffL) << 32 | (i32(x, p + 4) & 0xffffffffL);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.a == a && k.e == e && k.b == b && k.c == c && k.d == d;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Most fragments a datagram keeps as separate copies before they are merged into one. */
    private static final int MAX_PARTS = 16;
    /** Bytes counted for a new datagram: the limits count as if a 2 KB buffer grew by doubling. */
    private static final int INITIAL_CAPACITY = 2048;

    /**
     * One datagram in reassembly. Fragments are kept as exact copies in arrival order and written
     * into one array of the datagram's size only when it completes (later bytes overwrite earlier
     * ones); overlapping or many pieces are merged early so that memory stays within twice
     * {@link #capacity}.
     */
    private static final class Pending extends Key {
        final long firstTime;
        final String firstSource;
        final long firstFrame;
        /** Bytes this datagram counts against {@link Limits#maxBytes}: grows by doubling up to the datagram end. */
        int capacity = INITIAL_CAPACITY;
        /** Fragment copies in arrival order (made on first need: a presized datagram has none). */
        byte[][] parts;
        int[] partOffsets;
        int nparts;
        int storedBytes;
        int maxEnd;
        /**
         * The datagram's array made up front (first fragment of a UDP datagram arrived first, its
         * length is in the UDP header): fragments that fit are written straight into it, so the
         * usual in-order datagram costs one array and no extra copy. null when unknown or wrong.
         */
        byte[] image;
        int total = -1;
        // covered byte ranges, sorted, non-overlapping, non-adjacent: [starts[i], ends[i])
        int[] starts = new int[4];
        int[] ends = new int[4];
        int ranges;
        int fragments;

        Pending(Key key, long firstTime, String firstSource, long firstFrame) {
            copyFrom(key);
            this.firstTime = firstTime;
            this.firstSource = firstSource;
            this.firstFrame = firstFrame;
        }

        Where first() {
            return new Where(firstSource, firstFrame);
        }

        void store(int offset, byte[] b, int off, int len) {
            if (len <= 0) {
                return;
            }
            if (image != null) {
                if (offset + len <= image.length) {
                    System.arraycopy(b, off, image, offset, len);
                    return;
                }
                // the UDP length was wrong: what the image holds becomes the first part
                parts = new byte[4][];
                partOffsets = new int[4];
                parts[0] = image;
                partOffsets[0] = 0;
                nparts = 1;
                storedBytes = image.length;
                maxEnd = image.length;
                image = null;
            }
            if (parts == null) {
                parts = new byte[4][];
                partOffsets = new int[4];
            } else if (nparts == parts.length) {
                parts = Arrays.copyOf(parts, nparts * 2);
                partOffsets = Arrays.copyOf(partOffsets, nparts * 2);
            }
            parts[nparts] = Arrays.copyOfRange(b, off, off + len);
            partOffsets[nparts] = offset;
            nparts++;
            storedBytes += len;
            maxEnd = Math.max(maxEnd, offset + len);
            if (storedBytes > maxEnd || nparts >= MAX_PARTS) {
                merge();
            }
        }

        /** Overlaps or many pieces: fold every part into one (uncovered bytes stay holes later fragments fill). */
        private void merge() {
            byte[] m = new byte[maxEnd];
            writeParts(m);
            Arrays.fill(parts, null);
            parts[0] = m;
            partOffsets[0] = 0;
            nparts = 1;
            storedBytes = maxEnd;
        }

        void writeParts(byte[] into) {
            for (int i = 0; i < nparts; i++) {
                byte[] part = parts[i];
                System.arraycopy(part, 0, into, partOffsets[i], Math.min(part.length, into.length - partOffsets[i]));
            }
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
    /** Lookup key, refilled per fragment: a key object is made only for a new datagram. */
    private final Key probe = new Key();
    /**
     * No datagram in flight started before this (MAX_VALUE when none): lets {@link #advanceTime}
     * return at once while even the oldest cannot have timed out. Only lowered while datagrams are
     * pending, reset when none are.
     */
    private long minFirstTime = Long.MAX_VALUE;
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
        Key key = probe;
        key.set(addr, srcOff, dstOff, addrLen, id, proto);
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
            p = new Pending(key, timeNanos, source, frame);
            pending.put(p, p); // the datagram is its own key: one object per datagram
            if (timeNanos < minFirstTime) {
                minFirstTime = timeNanos;
            }
            bufferedBytes += p.capacity;
            if (fragOffset == 0 && proto == IpDecoder.PROTO_UDP && len >= 8) {
                int udpLen = (b[off + 4] & 0xff) << 8 | (b[off + 5] & 0xff);
                // at most twice what the limits count for it (its capacity is at least 2048 and the end)
                if (udpLen >= end && udpLen <= limits.maxDatagramSize()
                        && udpLen <= 2 * Math.max(INITIAL_CAPACITY, end)) {
                    p.image = new byte[udpLen];
                }
            }
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
        if (end > p.capacity) {
            int n = Math.min(limits.maxDatagramSize(), Math.max(end, p.capacity * 2));
            bufferedBytes += n - p.capacity;
            p.capacity = n;
        }
        if (len > 0) {
            p.cover(fragOffset, end);
        }
        if (p.complete()) {
            pending.remove(key);
            bufferedBytes -= p.capacity;
            completed++;
            // every byte of [0, total) is covered; this fragment arrived last, so it is written last
            byte[] d = p.image;
            if (d == null || d.length != p.total) {
                d = new byte[p.total];
                if (p.image != null) {
                    System.arraycopy(p.image, 0, d, 0, Math.min(p.image.length, p.total));
                }
                p.writeParts(d);
            }
            System.arraycopy(b, off, d, fragOffset, len);
            return d;
        }
        p.store(fragOffset, b, off, len);
        enforceLimits();
        return null;
    }

    private void drop(Key key, Pending p) {
        pending.remove(key);
        bufferedBytes -= p.capacity;
        dropped++;
    }

    private void enforceLimits() {
        Iterator<Pending> it = pending.values().iterator();
        while ((pending.size() > limits.maxDatagrams() || bufferedBytes > limits.maxBytes()) && it.hasNext()) {
            Pending p = it.next();
            it.remove();
            bufferedBytes -= p.capacity;
            dropped++;
            problems.accept(new Malformed(EVICTED, p.first(), "incomplete fragmented datagram dropped: more than "
                    + limits.maxDatagrams() + " datagrams or " + limits.maxBytes() + " bytes in reassembly"));
        }
    }

    /** Event time moved on: drop datagrams whose first fragment is older than the timeout. */
    public void advanceTime(long timeNanos) {
        if (pending.isEmpty()) {
            minFirstTime = Long.MAX_VALUE;
            return;
        }
        if (timeNanos >= 0 && minFirstTime >= 0 && timeNanos - minFirstTime <= limits.timeoutNanos()) {
            return; // (non-negative times: no overflow) every first fragment is younger than the timeout
        }
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (timeNanos - p.firstTime <= limits.timeoutNanos()) {
                break; // insertion order = first-fragment order (give or take out-of-order traces)
            }
            it.remove();
            bufferedBytes -= p.capacity;
            dropped++;
            problems.accept(new Malformed(TIMEOUT, p.first(), describe(p) + " not completed within "
                    + limits.timeoutNanos() / 1_000_000_000.0 + " s"));
        }
    }

    /** End of input: everything still pending is reported incomplete. */
    public void finish() {
        for (Pending p : pending.values()) {
            dropped++;
            problems.accept(new Malformed(INCOMPLETE, p.first(), describe(p) + " still incomplete at the end of the input"));
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
