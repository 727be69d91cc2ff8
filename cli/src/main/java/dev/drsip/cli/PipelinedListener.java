package dev.drsip.cli;

import dev.drsip.analyzer.TraceAnalysis;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.ParseResult;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipMessageParser;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.event.CaptureListener;
import dev.drsip.sip.event.TlsHandshake;
import dev.drsip.sip.header.CSeq;

/**
 * Two-stage pipeline for the machine's second core: the capture thread reads, decodes, frames
 * and PARSES (decoding most header values the correlator reads); an analysis thread
 * correlates, counts and runs the rules. Events keep their order; batches bound the hand-over cost
 * and a small {@link HandoffRing} bounds memory (at most {@link #QUEUE} x {@link #BATCH} events in
 * flight). The ring's hand-over gives the happens-before edge that makes the parsed messages'
 * lazily cached fields visible to the analysis thread, which is then their only user.
 */
final class PipelinedListener implements CaptureListener {
    // Few events in flight: every parsed message waiting in the ring is live data the young GC
    // must copy. 64 x 256 cost ~2.4 s more CPU than 8 x 64 on the 2M-message benchmark.
    static final int BATCH = 64;
    static final int QUEUE = 8; // batches in the ring, the one being filled included

    private static final byte SIP = 0;
    private static final byte TLS = 1;
    private static final byte PROBLEM = 2;
    private static final byte TIME = 3;
    /** A SIP event that also carries the clock tick just before it (one slot instead of two). */
    private static final byte TIME_THEN_SIP = 4;

    private static final class Batch {
        final byte[] kinds = new byte[BATCH];
        final Object[] items = new Object[BATCH];
        final Object[] parsed = new Object[BATCH];
        final long[] times = new long[BATCH];
        int size;

        void clear() {
            java.util.Arrays.fill(items, 0, size, null);
            java.util.Arrays.fill(parsed, 0, size, null);
            size = 0;
        }
    }

    private final TraceAnalysis analysis;
    private final SipMessageParser parser = new SipMessageParser();
    private final HandoffRing<Batch> ring;
    private final Thread worker;
    private volatile Throwable failure;
    private Batch current;
    private long lastTime = Long.MIN_VALUE;

    PipelinedListener(TraceAnalysis analysis) {
        this.analysis = analysis;
        Batch[] batches = new Batch[QUEUE];
        for (int i = 0; i < QUEUE; i++) {
            batches[i] = new Batch();
        }
        this.ring = new HandoffRing<>(batches);
        this.current = ring.claim();
        this.worker = new Thread(this::drain, "drsip-analysis");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void onSip(SipPacket packet) {
        ParseResult r = parser.parse(packet);
        if (r instanceof SipMessage m) {
            // What the correlator reads is decoded here while the bytes are in this core's cache,
            // and only for the messages it reads it of (anything else asked later is decoded then):
            // the Call-ID and CSeq of all, the To-tag of responses (retransmissions are told by code
            // and To-tag) and of INVITE / OPTIONS (in dialog or not), the From-tag of ACKs and INVITE
            // responses (the initial transaction's tag). The top Via branch and the Contact are left
            // to the analysis thread, to balance the two: on the 2M-message benchmark the branch
            // moved 4.2 s -> 3.9 s, and the requests' Contact, once the branch got cheaper, 3.71 s
            // -> 3.61 s (medians of 6).
            m.callId();
            CSeq cs = m.cseq();
            String method = m.method();
            if (method == null) {
                m.toTag();
                if (cs != null && "INVITE".equals(cs.method())) {
                    m.fromTag();
                }
            } else if ("ACK".equals(method)) {
                m.fromTag();
            } else if ("INVITE".equals(method) || "OPTIONS".equals(method)) {
                m.toTag();
            }
        }
        // The source ticks the clock before every frame: when that tick is the last event waiting,
        // the packet shares its slot, halving the events handed over (same calls, same order).
        Batch b = current;
        int last = b.size - 1;
        if (last >= 0 && b.kinds[last] == TIME && b.times[last] == packet.timeNanos()) {
            b.kinds[last] = TIME_THEN_SIP;
            b.items[last] = packet;
            b.parsed[last] = r;
            return;
        }
        add(SIP, packet, r, 0);
    }

    @Override
    public void onTls(TlsHandshake handshake) {
        add(TLS, handshake, null, 0);
    }

    @Override
    public void onProblem(Malformed problem) {
        add(PROBLEM, problem, null, 0);
    }

    @Override
    public void onTime(long timeNanos) {
        if (timeNanos != lastTime) {
            lastTime = timeNanos;
            add(TIME, null, null, timeNanos);
        }
    }

    private void add(byte kind, Object item, Object parsed, long time) {
        Batch b = current;
        int i = b.size++;
        b.kinds[i] = kind;
        b.items[i] = item;
        b.parsed[i] = parsed;
        b.times[i] = time;
        if (b.size == BATCH) {
            ring.publish();
            current = ring.claim();
        }
    }

    /**
     * Hands over what is left, waits for the analysis thread to finish it, and rethrows what went
     * wrong there (a bug: the CLI reports it as an internal error).
     */
    void finish() {
        if (current.size > 0) {
            ring.publish();
        }
        ring.close();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing the analysis", e);
        }
        Throwable t = failure;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private void drain() {
        Batch b;
        while ((b = ring.take()) != null) {
            if (failure == null) {
                try {
                    dispatch(b);
                } catch (Throwable t) {
                    // keep draining so the capture thread never blocks; finish() rethrows
                    failure = t;
                }
            }
            b.clear();
            ring.release();
        }
    }

    private void dispatch(Batch b) {
        for (int i = 0; i < b.size; i++) {
            switch (b.kinds[i]) {
                case SIP -> analysis.onParsed((SipPacket) b.items[i], (ParseResult) b.parsed[i]);
                case TIME_THEN_SIP -> {
                    analysis.onTime(b.times[i]);
                    analysis.onParsed((SipPacket) b.items[i], (ParseResult) b.parsed[i]);
                }
                case TLS -> analysis.onTls((TlsHandshake) b.items[i]);
                case PROBLEM -> analysis.onProblem((Malformed) b.items[i]);
                default -> analysis.onTime(b.times[i]);
            }
        }
    }
}
