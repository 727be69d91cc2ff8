package dev.drsip.capture.trace;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * IPv4/IPv6 fragment reassembly with bounded memory: at most {@code maxDatagrams} in flight, each
 * at most 65,535 bytes, dropped (and reported) after {@code timeoutNanos} of event time. Fragments
 * may arrive in any order, duplicated or overlapping (first copy of a byte wins).
 */
public final class FragmentReassembler {
    public static final int MAX_DATAGRAM = 65_535;

    /** Key: address family bytes + id + protocol, as a string-free record. */
    private record Key(dev.drsip.sip.IpAddress src, dev.drsip.sip.IpAddress dst, long id, int proto) {
    }

    private static final class Pending {
        byte[] data = new byte[2048];
        final List<int[]> ranges = new ArrayList<>();
        int total = -1;
        final long firstTime;
        final Where firstWhere;

        Pending(long t, Where w) {
            firstTime = t;
            firstWhere = w;
        }

        boolean complete() {
            if (total < 0) {
                return false;
            }
            int covered = 0;
            ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
            for (int[] r : ranges) {
                if (r[0] > covered) {
                    return false;
                }
                covered = Math.max(covered, r[1]);
            }
            return covered >= total;
        }
    }

    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private final int maxDatagrams;
    private final long timeoutNanos;
    private final Consumer<Malformed> problems;
    private long reassembled;

    public FragmentReassembler(int maxDatagrams, long timeoutNanos, Consumer<Malformed> problems) {
        this.maxDatagrams = maxDatagrams;
        this.timeoutNanos = timeoutNanos;
        this.problems = problems;
    }

    /** The reassembled payload when this fragment completes the datagram, else null. */
    public byte[] add(long time, Where where, dev.drsip.sip.IpAddress src, dev.drsip.sip.IpAddress dst, long id, int proto,
                      int offset, boolean more, byte[] buf, int off, int len) {
        if (offset + len > MAX_DATAGRAM) {
            problems.accept(new Malformed("ip.fragment-too-large", where, "fragment at offset " + offset + " of " + len
                    + " bytes goes past 65,535 bytes"));
            return null;
        }
        Key k = new Key(src, dst, id, proto);
        Pending p = pending.get(k);
        if (p == null) {
            if (pending.size() >= maxDatagrams) {
                Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
                Map.Entry<Key, Pending> oldest = it.next();
                it.remove();
                problems.accept(new Malformed("ip.fragments-evicted", oldest.getValue().firstWhere,
                        "incomplete fragmented datagram dropped: more than " + maxDatagrams + " in flight"));
            }
            p = new Pending(time, where);
            pending.put(k, p);
        }
        if (p.data.length < offset + len) {
            p.data = java.util.Arrays.copyOf(p.data, Math.min(MAX_DATAGRAM, Math.max(offset + len, p.data.length * 2)));
        }
        // first copy of each byte wins: only fill the parts not yet covered
        int end = offset + len;
        int cur = offset;
        List<int[]> sorted = new ArrayList<>(p.ranges);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] r : sorted) {
            if (r[1] <= cur || r[0] >= end) {
                continue;
            }
            if (r[0] > cur) {
                System.arraycopy(buf, off + (cur - offset), p.data, cur, r[0] - cur);
            }
            cur = Math.max(cur, r[1]);
        }
        if (cur < end) {
            System.arraycopy(buf, off + (cur - offset), p.data, cur, end - cur);
        }
        p.ranges.add(new int[] {offset, end});
        if (!more) {
            p.total = end;
        }
        if (p.complete()) {
            pending.remove(k);
            reassembled++;
            byte[] out = new byte[p.total];
            System.arraycopy(p.data, 0, out, 0, p.total);
            return out;
        }
        return null;
    }

    /** Drops datagrams whose first fragment is older than the timeout. */
    public void advanceTime(long time) {
        if (pending.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            if (time - p.firstTime <= timeoutNanos) {
                break; // insertion order = age order
            }
            it.remove();
            problems.accept(new Malformed("ip.fragments-incomplete", p.firstWhere,
                    "fragmented datagram never completed within " + timeoutNanos / 1_000_000_000L + " s"));
        }
    }

    public void finish() {
        for (Pending p : pending.values()) {
            problems.accept(new Malformed("ip.fragments-incomplete", p.firstWhere,
                    "fragmented datagram still incomplete at the end of the trace"));
        }
        pending.clear();
    }

    public int inFlight() {
        return pending.size();
    }

    public long reassembled() {
        return reassembled;
    }
}
