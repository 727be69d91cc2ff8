package dev.drsip.rules;

import java.util.Locale;

/** How bad a finding is. Declared most severe first, so the natural order sorts reports. */
public enum Severity {
    /** Calls fail or the SBC is (or will be) taken out of routing. */
    ERROR,
    /** Will cause failures under some conditions, or degrades service. */
    WARNING,
    /** Worth knowing; nothing is broken. */
    INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "error" / "warning" / "info" (any case); null when it is none of them. */
    public static Severity parse(String text) {
        if (text == null) {
            return null;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error":
                return ERROR;
            case "warning":
            case "warn":
                return WARNING;
            case "info":
                return INFO;
            default:
                return null;
        }
    }
}
