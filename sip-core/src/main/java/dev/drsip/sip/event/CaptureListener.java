package dev.drsip.sip.event;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;

/**
 * What every source (trace file, live capture, syslog) delivers, in event-time order per input.
 * Implementations must not keep references to mutable source state: packets own their bytes.
 */
public interface CaptureListener {
    /** One candidate SIP message. */
    void onSip(SipPacket packet);

    /** A TLS handshake seen on a SIP/Microsoft flow (only packet sources produce these). */
    default void onTls(TlsHandshake handshake) {
    }

    /** Bad input, counted and reported; the source carries on. */
    void onProblem(Malformed problem);

    /**
     * Event time moved forward to {@code timeNanos} (every frame advances it, SIP or not), so
     * correlators can expire timers deterministically during quiet periods.
     */
    default void onTime(long timeNanos) {
    }
}
