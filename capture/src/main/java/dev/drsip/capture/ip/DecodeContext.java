package dev.drsip.capture.ip;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.CaptureListener;

/**
 * Per-frame state shared by the link, IP and transport decoders: which file and frame we are in,
 * the frame's time, where problems go, and the counters of the current input. Mutable and reused:
 * one per pipeline, updated before each frame.
 */
public final class DecodeContext {
    private final CaptureListener listener;
    private final int maxTunnelDepth;
    private String source = "";
    private long frame;
    private long timeNanos;
    private Where where;
    /** The datagram fragment reassembly just produced: a fresh array nobody else holds. */
    private byte[] reassembled;
    private Counters counters = new Counters();

    /** What one input's frames turned into (besides SIP packets and problems). */
    public static final class Counters {
        /** Frames or payloads we don't decode (ARP, ICMP, SCTP, RTP on non-SIP ports...). */
        public long notDecoded;
        public long udpDatagrams;
        public long tcpSegments;
        public long tunnelled;
        public long reassembledDatagrams;
    }

    public DecodeContext(CaptureListener listener, int maxTunnelDepth) {
        this.listener = listener;
        this.maxTunnelDepth = maxTunnelDepth;
    }

    /** Moves to a new frame. */
    public void frame(String source, long frame, long timeNanos, Counters counters) {
        this.source = source;
        this.frame = frame;
        this.timeNanos = timeNanos;
        this.counters = counters;
        this.where = null;
        this.reassembled = null;
    }

    /** {@code d} is a freshly reassembled datagram owned by this frame's decoding (see {@link #takeReassembled}). */
    public void reassembled(byte[] d) {
        reassembled = d;
    }

    /**
     * True once if {@code b} is the array fragment reassembly just made: the caller may then keep it
     * (a packet wraps it instead of copying). Later calls return false, so it is handed out once.
     */
    public boolean takeReassembled(byte[] b) {
        if (b != null && b == reassembled) {
            reassembled = null;
            return true;
        }
        return false;
    }

    public String source() {
        return source;
    }

    public long frameNumber() {
        return frame;
    }

    public long timeNanos() {
        return timeNanos;
    }

    public Counters counters() {
        return counters;
    }

    public int maxTunnelDepth() {
        return maxTunnelDepth;
    }

    public CaptureListener listener() {
        return listener;
    }

    /** Where of the current frame (one object per frame, made on first use). */
    public Where where() {
        Where w = where;
        if (w == null) {
            w = new Where(source, frame);
            where = w;
        }
        return w;
    }

    public void problem(String reason, String detail) {
        listener.onProblem(new Malformed(reason, where(), detail));
    }

    public void notDecoded() {
        counters.notDecoded++;
    }

    /** True (and a problem reported) when a tunnel would nest deeper than allowed. */
    public boolean tooDeep(int depth) {
        if (depth > maxTunnelDepth) {
            problem("tunnel.too-deep", "tunnels nested more than " + maxTunnelDepth + " deep");
            return true;
        }
        return false;
    }
}
