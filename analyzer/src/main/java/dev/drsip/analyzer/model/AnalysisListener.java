package dev.drsip.analyzer.model;

import dev.drsip.sip.event.TlsHandshake;

/**
 * What the analysis tells rules and sinks, in event-time order: every SIP message (retransmissions
 * included, flagged), every finished call, TLS handshakes, and the passing of event time (so a
 * rule can close its own windows during quiet periods). Called on the analysis thread.
 */
public interface AnalysisListener {
    void onMessage(ClassifiedMessage message);

    void onCall(CallRecord call);

    default void onTls(TlsHandshake handshake) {
    }

    /** Event time moved to {@code timeNanos} (monotonic within an analysis). */
    default void onTime(long timeNanos) {
    }

    /** The analysis ended; every open call has been delivered through {@link #onCall}. */
    default void onFinish(AnalysisResult result) {
    }
}
