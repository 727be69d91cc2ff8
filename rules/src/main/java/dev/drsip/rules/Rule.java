package dev.drsip.rules;

import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.sip.event.TlsHandshake;

/**
 * One check over the event stream. Rules see events in event-time order and keep bounded state
 * per SBC; they report through {@link RuleContext#finding}. They never read the wall clock: "now"
 * is {@link RuleContext#now()}, the latest event time, so the same rules run on a trace file and
 * (later) live.
 */
public interface Rule {
    /** The messages a rule's {@link #onMessage} can act on; the engine calls it for those only. */
    enum MessageScope {
        /** Every message. */
        ALL,
        /** Direct Routing messages from the SBC to Microsoft that are not retransmissions. */
        SBC_TO_MICROSOFT
    }

    default void onMessage(ClassifiedMessage message, RuleContext ctx) {
    }

    /**
     * Which messages {@link #onMessage} needs (a rule must ignore the others): lets the engine skip
     * the call for most messages.
     */
    default MessageScope messageScope() {
        return MessageScope.ALL;
    }

    default void onCall(CallRecord call, RuleContext ctx) {
    }

    default void onTls(TlsHandshake handshake, RuleContext ctx) {
    }

    /** Event time advanced (called at most about once per second of event time). */
    default void onTime(RuleContext ctx) {
    }

    /**
     * The SBC first named by its address ({@code from}, before its FQDN was known) is {@code to}
     * from now on: move or merge per-SBC state. Findings are merged by the engine.
     */
    default void onSbcRenamed(String from, String to, RuleContext ctx) {
    }

    /** The stream ended at {@link RuleContext#now()}: close open windows, gaps and waits. */
    default void onFinish(RuleContext ctx) {
    }
}
