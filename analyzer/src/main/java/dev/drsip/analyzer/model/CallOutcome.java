package dev.drsip.analyzer.model;

/**
 * How an INVITE dialog ended, from the point of view of delivering the call.
 *
 * <p>User outcomes (busy, no answer, decline, caller cancel, completed elsewhere, terminal reject)
 * mean the network delivered the call and a person or terminal decided; they count as effective
 * in Microsoft's NER. FAILED and NO_FINAL are the failures; IN_PROGRESS (trace ended first) is
 * left out of the ratio.
 */
public enum CallOutcome {
    /** 2xx final response. */
    ANSWERED,
    /** 486 / 600. */
    BUSY,
    /** 480, or 408 sent by the called side. */
    NO_ANSWER,
    /** 603. */
    DECLINED,
    /** The caller's side sent CANCEL (487 from the called side). */
    CALLER_CANCEL,
    /** CANCEL with {@code Reason: SIP;cause=200}: a fork was answered elsewhere (540200). */
    COMPLETED_ELSEWHERE,
    /**
     * Other refusals by the called terminal: 604, 606, 607, 608, and any answer whose documented
     * Microsoft code the catalog marks as a user outcome without a more specific kind.
     */
    TERMINAL_REJECT,
    /** Any other final >= 300, and the 500001 / 1106 patterns. */
    FAILED,
    /** No final response within the setup timeout (5 min of event time). */
    NO_FINAL,
    /**
     * Unknown: the trace ended (or the call's state was evicted) while the INVITE still waited for
     * its final answer. Neither effective nor a failure; not counted in attempts.
     */
    IN_PROGRESS;

    /** Delivered to the far end and decided there (not ANSWERED, not a failure). */
    public boolean isUserOutcome() {
        return this != ANSWERED && this != FAILED && this != NO_FINAL && this != IN_PROGRESS;
    }

    /** Counts in the numerator of NER = effective attempts / attempts. */
    public boolean isEffective() {
        return this != FAILED && this != NO_FINAL && this != IN_PROGRESS;
    }

    public boolean isFailure() {
        return this == FAILED || this == NO_FINAL;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
