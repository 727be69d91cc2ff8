package dev.drsip.capture.tcp;

import dev.drsip.capture.SipPorts;
import dev.drsip.capture.sip.SipStreamFramer;
import dev.drsip.capture.tls.TlsHandshakeDecoder;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipStartLine;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.CaptureListener;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Per-flow TCP reassembly for SIP (and the clear-text part of TLS handshakes) from captured
 * segments, in event-time order.
 *
 * <p>Each direction of a connection is rebuilt into a byte stream: in-order bytes are passed on at
 * once, out-of-order segments are buffered (bounded per direction and globally), retransmissions
 * and overlaps are trimmed away, sequence numbers wrap at 2^32. A hole that is not filled within
 * {@link Limits#gapTimeoutNanos} of event time, or by the time the buffer limits are reached, or at
 * flow end, is given up on: {@code tcp.gap} is reported and the SIP framer re-synchronises on the
 * next SIP start line. A capture that starts mid-stream begins at the first segment seen.
 *
 * <p>A connection is SIP when either port is a SIP port or its first payload starts with a SIP
 * start line; TLS when its first payload is a TLS handshake record and either port is a SIP port or
 * an endpoint is a Microsoft address. Every other flow is remembered as "not ours" and its segments
 * are dropped at the cost of one map lookup.
 *
 * <p>State is bounded: at most {@link Limits#maxFlows} connections (least recently used evicted),
 * idle connections expire after {@link Limits#idleTimeoutNanos} of event time. Not thread-safe.
 */
public final class TcpReassembler {
    public static final int FIN = 1;
    public static final int SYN = 2;
    public static final int RST = 4;
    public static final int PSH = 8;
    public static final int ACK = 16;

    public static final String GAP = "tcp.gap";
    public static final String MIDSTREAM = "tcp.midstream-skip";
    public static final String SEQ_JUMP = "tcp.seq-jump";
    public static final String TLS_NO_HANDSHAKE = "tls.no-handshake";

    /** Payload segments a connection may show before we give up deciding whether it is SIP. */
    private static final int MAX_UNDECIDED_CHUNKS = 4;
    /** A sequence number this far from the expected one is not reordering but a different stream. */
    private static final int MAX_SEQ_DISTANCE = 64 * 1024 * 1024;

    /** Resource limits; see {@link #defaults()}. */
    public record Limits(
            int maxFlows,
            int maxBufferedPerDirection,
            long maxBufferedTotal,
            long gapTimeoutNanos,
            long idleTimeoutNanos,
            int maxHeaderBlock,
            int maxContentLength) {

        public static Limits defaults() {
            return new Limits(100_000, 256 * 1024, 64L * 1024 * 1024, 5_000_000_000L, 15 * 60_000_000_000L,
                    SipStreamFramer.DEFAULT_MAX_HEADER_BLOCK, SipStreamFramer.DEFAULT_MAX_CONTENT_LENGTH);
        }
    }

    private static final int UNDECIDED = 0;
    private static final int KIND_SIP = 1;
    private static final int KIND_TLS = 2;
    private static final int IGNORED = 3; // not ours, or TLS whose handshake is over, or closed

    private final CaptureListener out;
    private final SipPorts ports;
    private final Predicate<IpAddress> microsoftAddress;
    private final Limits limits;

    private final LinkedHashMap<ConnKey, Conn> conns;
    /** Lookup key refilled per segment: a key object is made only for a new connection. */
    private final ConnKey probe = new ConnKey();
    /** Directions holding out-of-order bytes, checked against the gap timeout. */
    private final Set<Dir> waiting = new LinkedHashSet<>();
    private long bufferedTotal;
    private long now = Long.MIN_VALUE;
    private long nextTimeCheck = Long.MIN_VALUE;

    // counters (exposed for reports and tests)
    private long segments;
    private long duplicateBytes;
    private long gaps;
    private long missingBytes;
    private long evictedFlows;
    private long expiredFlows;

    public TcpReassembler(CaptureListener out, SipPorts ports, Predicate<IpAddress> microsoftAddress) {
        this(out, ports, microsoftAddress, Limits.defaults());
    }

    public TcpReassembler(CaptureListener out, SipPorts ports, Predicate<IpAddress> microsoftAddress, Limits limits) {
        this.out = out;
        this.ports = ports;
        this.microsoftAddress = microsoftAddress != null ? microsoftAddress : a -> false;
        this.limits = limits;
        this.conns = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ConnKey, Conn> eldest) {
                if (size() > TcpReassembler.this.limits.maxFlows()) {
                    evictedFlows++;
                    close(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * One captured TCP segment. {@code buf} may be reused by the caller afterwards: whatever is kept
     * is copied.
     *
     * @param seq 32-bit sequence number (0..2^32-1)
     * @param flags {@link #FIN} | {@link #SYN} | {@link #RST} | {@link #PSH} | {@link #ACK}
     */
    public void segment(long timeNanos, Where where, IpAddress src, int srcPort, IpAddress dst, int dstPort,
            long seq, long ack, int flags, byte[] buf, int off, int len) {
        segments++;
        advanceTime(timeNanos);
        boolean aFirst = endpointOrder(src, srcPort, dst, dstPort) <= 0;
        ConnKey key = aFirst ? probe.set(src, srcPort, dst, dstPort) : probe.set(dst, dstPort, src, srcPort);
        Conn c = conns.get(key);
        if (c == null) {
            if (len <= 0 && (flags & SYN) == 0) {
                return; // a bare ACK/FIN/RST of a flow we don't know: nothing to keep
            }
            c = new Conn(key.copy());
            conns.put(c.key, c);
        } else if ((flags & SYN) != 0 && c.isNewConnection(aFirst ? 0 : 1, (int) seq)) {
            // ports reused by a new connection: end the old one cleanly
            close(c);
            c = new Conn(c.key);
            conns.put(c.key, c);
        }
        key = c.key; // the map's own key from here on: the probe is only for the lookup
        c.lastSeen = timeNanos;
        if (c.kind == IGNORED) {
            if (!c.wasOurs && (flags & (RST | FIN)) != 0) {
                c.finMask |= (flags & RST) != 0 ? 3 : (aFirst ? 1 : 2);
                if (c.finMask == 3) {
                    conns.remove(key); // nothing to protect from late segments: forget it
                }
            }
            return;
        }
        Dir d = c.dirs[aFirst ? 0 : 1];
        int s = (int) seq;
        if ((flags & SYN) != 0) {
            if (!d.synSeen) {
                d.synSeen = true;
                d.isn = s;
                if (!d.started || d.pos == 0) {
                    d.started = true;
                    d.nextSeq = s + 1;
                    d.pos = 0;
                }
            }
            s = s + 1; // data carried on a SYN starts after it
        }
        if ((flags & RST) != 0) {
            if (len > 0) {
                data(c, d, timeNanos, where, s, buf, off, len);
            }
            close(c);
            if (!c.wasOurs) {
                conns.remove(key);
            }
            return;
        }
        if (len > 0) {
            data(c, d, timeNanos, where, s, buf, off, len);
            if (c.kind == IGNORED) {
                return;
            }
        }
        if ((flags & FIN) != 0 && !d.started) {
            d.started = true; // a direction that closes without ever sending
            d.finSeen = true;
            d.finPos = 0;
            d.finWhere = where;
        } else if ((flags & FIN) != 0 && !d.finSeen) {
            d.finSeen = true;
            d.finPos = d.pos + (s + len - d.nextSeq);
            d.finWhere = where;
        }
        if (d.finSeen && !d.ended && d.pos >= d.finPos && d.ooo == null) {
            endDirection(c, d, where);
            if (c.dirs[0].ended && c.dirs[1].ended) {
                close(c);
            }
        }
    }

    /** Event time moved on: give up on stale gaps and expire idle connections. */
    public void advanceTime(long timeNanos) {
        if (timeNanos <= now) {
            return;
        }
        now = timeNanos;
        if (timeNanos < nextTimeCheck) {
            return;
        }
        nextTimeCheck = timeNanos + 100_000_000L; // at most every 100 ms of event time
        if (!waiting.isEmpty()) {
            Dir[] stale = waiting.stream().filter(d -> timeNanos - d.oooSince > limits.gapTimeoutNanos()).toArray(Dir[]::new);
            for (Dir d : stale) {
                skipGap(d.conn, d, timeNanos);
            }
        }
        Iterator<Conn> it = conns.values().iterator();
        while (it.hasNext()) {
            Conn c = it.next();
            if (timeNanos - c.lastSeen <= limits.idleTimeoutNanos()) {
                break; // access order: the rest were seen more recently
            }
            expiredFlows++;
            close(c);
            it.remove();
        }
    }

    /** End of input: give up on every gap, report partial messages, forget all flows. */
    public void finish() {
        for (Conn c : conns.values().toArray(new Conn[0])) {
            close(c);
        }
        conns.clear();
        waiting.clear();
    }

    public long segments() {
        return segments;
    }

    /** Payload bytes received more than once (retransmissions, overlaps). */
    public long duplicateBytes() {
        return duplicateBytes;
    }

    public long gaps() {
        return gaps;
    }

    public long missingBytes() {
        return missingBytes;
    }

    public long evictedFlows() {
        return evictedFlows;
    }

    public long expiredFlows() {
        return expiredFlows;
    }

    public int flows() {
        return conns.size();
    }

    public long bufferedBytes() {
        return bufferedTotal;
    }

    // ---------------------------------------------------------------------------------------------

    private void data(Conn c, Dir d, long t, Where where, int seq, byte[] buf, int off, int len) {
        if (d.ended) {
            return;
        }
        if (!d.started) {
            d.started = true;
            d.midStream = true;
            d.nextSeq = seq;
            d.pos = 0;
        }
        int delta = seq - d.nextSeq;
        if (delta > MAX_SEQ_DISTANCE || delta < -MAX_SEQ_DISTANCE) {
            // not reordering: a different byte stream on the same ports (or a capture glitch)
            if (reportable(c)) {
                out.onProblem(new Malformed(SEQ_JUMP, where, "sequence number jumped by " + delta + " in TCP stream "
                        + d.describe() + "; stream restarted here"));
            }
            dropBuffered(d);
            sinkGap(c, d);
            d.nextSeq = seq;
            delta = 0;
        }
        long abs = d.pos + delta;
        long endAbs = abs + len;
        if (endAbs <= d.pos) {
            duplicateBytes += len;
            return;
        }
        if (abs <= d.pos) {
            int trim = (int) (d.pos - abs);
            duplicateBytes += trim;
            deliver(c, d, t, where, buf, off + trim, len - trim);
            drain(c, d, t);
            return;
        }
        if (c.kind == UNDECIDED && d.midStream) {
            // joined mid-stream and not yet known to be ours: don't buffer, just look at it
            d.pos = abs;
            d.nextSeq = seq;
            deliver(c, d, t, where, buf, off, len);
            return;
        }
        buffer(c, d, t, where, abs, buf, off, len);
    }

    /** In-order bytes: hand them to the flow's consumer and move the stream on. */
    private void deliver(Conn c, Dir d, long t, Where where, byte[] buf, int off, int len) {
        d.pos += len;
        d.nextSeq += len;
        if (c.kind == UNDECIDED) {
            classify(c, d, t, where, buf, off, len);
            return;
        }
        if (c.kind == KIND_SIP) {
            d.framer.feed(t, where, buf, off, len);
        } else if (c.kind == KIND_TLS) {
            c.tls.data(d.index, t, where, buf, off, len);
            if (c.tls.done()) {
                release(c);
            }
        }
    }

    private void drain(Conn c, Dir d, long t) {
        while (d.ooo != null && c.kind != IGNORED) {
            Map.Entry<Long, Seg> first = d.ooo.firstEntry();
            if (first.getKey() > d.pos) {
                break;
            }
            Seg seg = first.getValue();
            removeSeg(d, first.getKey(), seg);
            long end = seg.abs + seg.data.length;
            if (end <= d.pos) {
                duplicateBytes += seg.data.length;
                continue;
            }
            int trim = (int) (d.pos - seg.abs);
            duplicateBytes += trim;
            deliver(c, d, t, seg.where, seg.data, trim, seg.data.length - trim);
        }
        if (d.finSeen && !d.ended && d.pos >= d.finPos && d.ooo == null && c.kind != IGNORED) {
            endDirection(c, d, d.finWhere);
        }
    }

    private void buffer(Conn c, Dir d, long t, Where where, long abs, byte[] buf, int off, int len) {
        if (d.ooo == null) {
            d.ooo = new TreeMap<>();
            d.oooSince = t;
            waiting.add(d);
        }
        Seg old = d.ooo.get(abs);
        if (old != null) {
            if (old.data.length >= len) {
                duplicateBytes += len;
                return;
            }
            removeSeg(d, abs, old);
            if (d.ooo == null) {
                d.ooo = new TreeMap<>();
                d.oooSince = t;
                waiting.add(d);
            }
        }
        Seg seg = new Seg(abs, Arrays.copyOfRange(buf, off, off + len), where);
        d.ooo.put(abs, seg);
        d.oooBytes += len;
        bufferedTotal += len;
        while (d.ooo != null && d.oooBytes > limits.maxBufferedPerDirection()) {
            skipGap(c, d, t);
        }
        while (bufferedTotal > limits.maxBufferedTotal() && !waiting.isEmpty()) {
            Dir victim = waiting.iterator().next(); // the one that has waited longest
            skipGap(victim.conn, victim, t);
        }
    }

    private void removeSeg(Dir d, long abs, Seg seg) {
        d.ooo.remove(abs);
        d.oooBytes -= seg.data.length;
        bufferedTotal -= seg.data.length;
        if (d.ooo.isEmpty()) {
            d.ooo = null;
            d.oooBytes = 0;
            waiting.remove(d);
        }
    }

    /** Gives up on the hole before the first buffered segment: report it, resync, deliver on. */
    private void skipGap(Conn c, Dir d, long t) {
        if (d.ooo == null) {
            return;
        }
        Map.Entry<Long, Seg> first = d.ooo.firstEntry();
        long missing = first.getKey() - d.pos;
        if (missing > 0) {
            gaps++;
            missingBytes += missing;
            int dropped = sinkGap(c, d);
            if (reportable(c)) {
                out.onProblem(new Malformed(GAP, first.getValue().where, missing + " bytes missing in TCP stream "
                        + d.describe() + (dropped > 0 ? "; partial message of " + dropped + " bytes dropped" : "")
                        + "; re-synchronised on the next SIP start line"));
            }
            d.pos += missing;
            d.nextSeq += (int) missing;
        }
        if (d.ooo != null) {
            d.oooSince = t;
            // keep the waiting order fair: this direction now waits from t
            waiting.remove(d);
            waiting.add(d);
        }
        drain(c, d, t);
    }

    /** Problems are ours to report on SIP/TLS flows, and on undecided ones only when on a SIP port. */
    private boolean reportable(Conn c) {
        return c.kind == KIND_SIP || c.kind == KIND_TLS || (c.kind == UNDECIDED && ports.either(c.key.aPort, c.key.bPort));
    }

    private int sinkGap(Conn c, Dir d) {
        if (c.kind == KIND_SIP && d.framer != null) {
            return d.framer.gap();
        }
        if (c.kind == KIND_TLS) {
            c.tls.gap(d.index);
            if (c.tls.done()) {
                release(c);
            }
        }
        if (c.kind == UNDECIDED) {
            d.classifyPending = null;
            d.gapBeforeDecision = true;
        }
        return 0;
    }

    private void dropBuffered(Dir d) {
        if (d.ooo != null) {
            for (Seg s : d.ooo.values()) {
                bufferedTotal -= s.data.length;
            }
            d.ooo = null;
            d.oooBytes = 0;
            waiting.remove(d);
        }
    }

    private void endDirection(Conn c, Dir d, Where where) {
        d.ended = true;
        if (c.kind == KIND_SIP && d.framer != null) {
            d.framer.finish(where);
        } else if (c.kind == KIND_TLS) {
            c.tls.end(d.index);
            if (c.tls.done()) {
                release(c);
            }
        }
    }

    /** The connection is over (RST, both FINs, eviction, idle, end of input). */
    private void close(Conn c) {
        for (Dir d : c.dirs) {
            while (d.ooo != null && c.kind != IGNORED) {
                skipGap(c, d, now);
            }
            dropBuffered(d);
            if (!d.ended && c.kind != IGNORED) {
                endDirection(c, d, d.finWhere);
            }
            d.ended = true;
        }
        if (c.kind == KIND_TLS) {
            c.tls.finish();
        }
        release(c);
    }

    /** Keep the connection only as a cheap "ignore" marker (late retransmissions must not resurrect it). */
    private void release(Conn c) {
        if (c.kind == KIND_TLS && c.tls != null) {
            c.tls.finish();
        }
        c.kind = IGNORED;
        c.tls = null;
        for (Dir d : c.dirs) {
            dropBuffered(d);
            d.framer = null;
            d.classifyPending = null;
        }
    }

    // --- deciding what a connection is ------------------------------------------------------------

    private void classify(Conn c, Dir d, long t, Where where, byte[] buf, int off, int len) {
        byte[] b = buf;
        int o = off;
        int n = len;
        if (d.classifyPending != null) {
            b = Arrays.copyOf(d.classifyPending, d.classifyPending.length + len);
            System.arraycopy(buf, off, b, d.classifyPending.length, len);
            o = 0;
            n = b.length;
            d.classifyPending = null;
        }
        boolean sipPort = ports.either(c.key.aPort, c.key.bPort);
        int tls = tlsRecordStart(b, o, n);
        if (tls == 1 && (sipPort || microsoftAddress.test(c.key.a) || microsoftAddress.test(c.key.b))) {
            c.kind = KIND_TLS;
            c.wasOurs = true;
            c.tls = new TlsHandshakeDecoder(out, c.key.a, c.key.aPort, c.key.b, c.key.bPort);
            c.tls.data(d.index, t, where, b, o, n);
            if (c.tls.done()) {
                release(c);
            }
            return;
        }
        if (tls == 2 && (sipPort || microsoftAddress.test(c.key.a) || microsoftAddress.test(c.key.b))) {
            // TLS joined after its handshake (long-lived SBC connections usually are): nothing visible
            out.onProblem(new Malformed(TLS_NO_HANDSHAKE, where, "TLS connection " + d.describe()
                    + " seen without its handshake (capture started later): certificates and SIP not visible"));
            c.wasOurs = true;
            release(c);
            return;
        }
        boolean startLine = SipStartLine.matches(b, o, n);
        if (startLine || (sipPort && tls == -1)) {
            c.kind = KIND_SIP;
            c.wasOurs = true;
            c.dirs[0].framer = new SipStreamFramer(out, c.key.a, c.key.aPort, c.key.b, c.key.bPort,
                    Transport.TCP, limits.maxHeaderBlock(), limits.maxContentLength());
            c.dirs[1].framer = new SipStreamFramer(out, c.key.b, c.key.bPort, c.key.a, c.key.aPort,
                    Transport.TCP, limits.maxHeaderBlock(), limits.maxContentLength());
            Dir other = c.dirs[1 - d.index];
            if (other.pos > 0) {
                other.framer.startMidStream(null); // what it sent before the decision is gone
            }
            if (!startLine && (d.midStream || d.pos > n || d.gapBeforeDecision)) {
                // a SIP port whose stream we joined mid-way: skip to the first start line (quietly
                // after a gap: tcp.gap already said why the start is missing). A stream that does
                // begin here is left to the framer, which reports non-SIP bytes as garbage itself.
                d.framer.startMidStream(d.gapBeforeDecision ? null : MIDSTREAM);
            }
            d.framer.feed(t, where, b, o, n);
            return;
        }
        if ((tls == 0 || looksLikeStartLinePrefix(b, o, n)) && n < SipStartLine.MAX_START_LINE) {
            d.classifyPending = Arrays.copyOfRange(b, o, o + n); // too short to tell yet
            return;
        }
        // The first payload of a stream decides; only when we joined mid-stream (no SYN) do we
        // look at a few more chunks, since the first one may be the tail of a message.
        if (!d.midStream || ++c.undecidedChunks >= MAX_UNDECIDED_CHUNKS || tls > 0) {
            release(c);
        }
    }

    /**
     * 1 = starts with a TLS handshake record carrying a ClientHello or ServerHello (the start of a
     * handshake), 2 = starts with another TLS record (encrypted traffic joined mid-connection),
     * 0 = too short to tell, -1 = not TLS.
     */
    private static int tlsRecordStart(byte[] b, int o, int n) {
        if (n < 1) {
            return 0;
        }
        int type = b[o];
        if (type < 20 || type > 23) {
            return -1;
        }
        if (n < 2) {
            return 0;
        }
        if (b[o + 1] != 0x03) {
            return -1;
        }
        if (n < 3) {
            return 0;
        }
        if ((b[o + 2] & 0xff) > 0x04) {
            return -1;
        }
        if (type != 22) {
            return 2;
        }
        if (n < 6) {
            return 0;
        }
        return b[o + 5] == 1 || b[o + 5] == 2 ? 1 : 2;
    }

    /** Printable text without a line end yet: could still become a SIP start line. */
    private static boolean looksLikeStartLinePrefix(byte[] b, int o, int n) {
        for (int i = o; i < o + n; i++) {
            int v = b[i] & 0xff;
            if (v == '\n' || (v != '\r' && (v < 0x20 || v > 0x7e))) {
                return false;
            }
        }
        return true;
    }

    private static int endpointOrder(IpAddress a, int ap, IpAddress b, int bp) {
        int c = a.compareTo(b);
        return c != 0 ? c : Integer.compare(ap, bp);
    }

    // --- state ------------------------------------------------------------------------------------

    /** Connection key, endpoints in canonical order. Mutable only as the lookup {@link #probe}; map keys are copies. */
    private static final class ConnKey {
        IpAddress a;
        int aPort;
        IpAddress b;
        int bPort;
        int hash;

        ConnKey set(IpAddress a, int aPort, IpAddress b, int bPort) {
            this.a = a;
            this.aPort = aPort;
            this.b = b;
            this.bPort = bPort;
            int h = a.hashCode() * 0x9E3779B9 + aPort;
            h = (h * 0x9E3779B9 + b.hashCode()) * 0x9E3779B9 + bPort;
            this.hash = h ^ (h >>> 15);
            return this;
        }

        ConnKey copy() {
            ConnKey k = new ConnKey();
            k.a = a;
            k.aPort = aPort;
            k.b = b;
            k.bPort = bPort;
            k.hash = hash;
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ConnKey k && k.hash == hash && k.aPort == aPort && k.bPort == bPort && k.a.equals(a)
                    && k.b.equals(b);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Seg(long abs, byte[] data, Where where) {
    }

    private final class Conn {
        final ConnKey key;
        final Dir[] dirs = new Dir[2];
        int kind = UNDECIDED;
        /** Was SIP or TLS at some point: keep a closed marker so late retransmissions stay ignored. */
        boolean wasOurs;
        int finMask;
        int undecidedChunks;
        long lastSeen;
        TlsHandshakeDecoder tls;

        Conn(ConnKey key) {
            this.key = key;
            dirs[0] = new Dir(this, 0);
            dirs[1] = new Dir(this, 1);
        }

        /** A SYN whose sequence number is not the one this direction started with. */
        boolean isNewConnection(int dirIndex, int seq) {
            Dir d = dirs[dirIndex];
            if (kind == IGNORED && (dirs[0].ended || dirs[1].ended)) {
                return true; // closed, or finished: a SYN now opens a new one
            }
            if (d.synSeen) {
                return seq != d.isn;
            }
            return d.started && Math.abs(seq + 1 - d.nextSeq) > MAX_SEQ_DISTANCE;
        }
    }

    /** One direction of a connection. Identity equality (used in the {@code waiting} set). */
    private static final class Dir {
        final Conn conn;
        final int index;
        boolean started;
        boolean midStream;
        boolean synSeen;
        int isn;
        /** Sequence number of the next in-order byte, and its offset in the stream. */
        int nextSeq;
        long pos;
        TreeMap<Long, Seg> ooo;
        int oooBytes;
        long oooSince;
        boolean finSeen;
        long finPos;
        Where finWhere;
        boolean ended;
        SipStreamFramer framer;
        byte[] classifyPending;
        boolean gapBeforeDecision;

        Dir(Conn conn, int index) {
            this.conn = conn;
            this.index = index;
        }

        String describe() {
            ConnKey k = conn.key;
            return index == 0 ? k.a + ":" + k.aPort + " -> " + k.b + ":" + k.bPort
                    : k.b + ":" + k.bPort + " -> " + k.a + ":" + k.aPort;
        }
    }
}
