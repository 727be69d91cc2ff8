package dev.drsip.rules;

import java.time.Instant;

/** Event-time formatting for summaries and evidence. */
public final class Times {
    private Times() {
    }

    /** ISO-8601 UTC instant of nanoseconds since the epoch, "-" when negative. */
    public static String iso(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L).toString();
    }

    /** Whole seconds between two event times. */
    public static long seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000_000L;
    }
}
