package dev.drsip.rules;

import dev.drsip.sip.Where;

/**
 * One piece of proof for a finding: where it was seen (file + frame), the Call-ID and the
 * offending value (a header value, a certificate subject, a gap...). Any part may be null.
 *
 * @param timeNanos event time in nanoseconds since the epoch, -1 when not tied to one moment
 */
public record Evidence(long timeNanos, Where where, String callId, String value) {

    /** Longest value kept: header values from a trace can be arbitrarily long. */
    public static final int MAX_VALUE_CHARS = 300;

    public Evidence {
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            value = value.substring(0, MAX_VALUE_CHARS) + "...";
        }
    }

    /** One line for text reports: {@code file.pcap frame 12 Call-ID abc: <value>}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (where != null) {
            sb.append(where);
        }
        if (callId != null) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("Call-ID ").append(callId);
        }
        if (value != null) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(value);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
