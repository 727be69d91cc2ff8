package dev.drsip.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a rule found, aggregated: every occurrence of the same rule on the same SBC (and, for some
 * rules, the same subject: one certificate, one spike, one gap level) is one finding with a count.
 *
 * @param ruleId stable id from {@link RuleIds} (people alert on it)
 * @param severity how bad
 * @param sbc the SBC's name (Contact FQDN, else its address); null when not tied to one SBC
 * @param firstSeenNanos event time of the first occurrence (ns since the epoch)
 * @param lastSeenNanos event time of the last occurrence
 * @param count occurrences (messages, calls, handshakes, windows, gaps: see the rule)
 * @param summary one line: what was seen, with the figures
 * @param action one line: what to do
 * @param evidence the first occurrences (bounded), with file + frame, Call-ID and offending value
 * @param details rule-specific figures for scripts (ordered; e.g. window, ratio, baseline, topCodes,
 *     gapStart, gapEnd, fqdnSource); values are text
 */
public record Finding(String ruleId, Severity severity, String sbc, long firstSeenNanos, long lastSeenNanos,
                      long count, String summary, String action, List<Evidence> evidence,
                      Map<String, String> details) {

    /** Most severe first, then by SBC, rule id and first time seen. */
    public static final Comparator<Finding> REPORT_ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(f -> f.sbc() == null ? "" : f.sbc())
            .thenComparing(Finding::ruleId)
            .thenComparingLong(Finding::firstSeenNanos);

    public Finding {
        evidence = List.copyOf(evidence);
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /**
     * The JSON shape of a finding (plain maps/lists for any JSON writer): ruleId, severity, sbc,
     * firstSeen/lastSeen (ISO-8601), count, summary, action, evidence (time, source, frame, callId,
     * value), details.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("ruleId", ruleId);
        m.put("severity", severity.label());
        m.put("sbc", sbc);
        m.put("firstSeen", Times.iso(firstSeenNanos));
        m.put("lastSeen", Times.iso(lastSeenNanos));
        m.put("count", count);
        m.put("summary", summary);
        m.put("action", action);
        List<Object> ev = new java.util.ArrayList<>();
        for (Evidence e : evidence) {
            Map<String, Object> x = new java.util.LinkedHashMap<>();
            x.put("time", e.timeNanos() < 0 ? null : Times.iso(e.timeNanos()));
            x.put("source", e.where() == null ? null : e.where().source());
            x.put("frame", e.where() == null || e.where().frame() <= 0 ? null : e.where().frame());
            x.put("callId", e.callId());
            x.put("value", e.value());
            ev.add(x);
        }
        m.put("evidence", ev);
        m.put("details", details);
        return m;
    }
}
