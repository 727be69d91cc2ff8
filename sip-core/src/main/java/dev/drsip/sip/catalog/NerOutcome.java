package dev.drsip.sip.catalog;

import java.util.Locale;

/**
 * How a final answer counts in Microsoft's Network Effectiveness Ratio: NER = (answered + user
 * busy + ring-no-answer + terminal reject) / attempts. USER outcomes (busy, no answer, decline,
 * caller cancel) mean the call was delivered, so they do not lower NER.
 */
public enum NerOutcome {
    /** 2xx: the call was answered. */
    ANSWERED,
    /** Busy, no answer, decline, caller cancel: delivered to the user, not a network failure. */
    USER,
    /** Counts against NER. */
    FAILURE,
    /** Provisional (1xx): not a final outcome. */
    NONE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for outcomes that count as delivered in NER. */
    public boolean delivered() {
        return this == ANSWERED || this == USER;
    }

    static NerOutcome parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
