package dev.drsip.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A finding being built: occurrences counted, the first evidence kept, summary/details replaced. */
public final class FindingAccumulator {
    private final String ruleId;
    private Severity severity;
    private String sbc;
    private final String subject;
    private final int maxEvidence;
    private long first = -1;
    private long last = -1;
    private long count;
    private String summary;
    private String action;
    private final List<Evidence> evidence = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();

    FindingAccumulator(String ruleId, Severity severity, String sbc, String subject, int maxEvidence) {
        this.ruleId = ruleId;
        this.severity = severity;
        this.sbc = sbc;
        this.subject = subject;
        this.maxEvidence = maxEvidence;
        RuleCatalog.Entry e = RuleCatalog.get(ruleId);
        this.action = e == null ? null : e.action();
        this.summary = e == null ? ruleId : e.detects();
    }

    /** One more occurrence at {@code timeNanos}; {@code ev} kept if fewer than the cap are kept. */
    public FindingAccumulator occurrence(long timeNanos, Evidence ev) {
        count++;
        seen(timeNanos);
        if (ev != null && evidence.size() < maxEvidence) {
            evidence.add(ev);
        }
        return this;
    }

    /** Adds evidence without counting an occurrence (bounded). */
    public FindingAccumulator evidence(Evidence ev) {
        if (ev != null && evidence.size() < maxEvidence) {
            evidence.add(ev);
        }
        return this;
    }

    /** Extends first/last seen without counting an occurrence. */
    public FindingAccumulator seen(long timeNanos) {
        if (timeNanos >= 0) {
            if (first < 0 || timeNanos < first) {
                first = timeNanos;
            }
            if (timeNanos > last) {
                last = timeNanos;
            }
        }
        return this;
    }

    /** Raises the severity to {@code s} if it is more severe (a gap that grew past 300 s). */
    public FindingAccumulator escalate(Severity s) {
        if (s != null && s.compareTo(severity) < 0) {
            severity = s;
        }
        return this;
    }

    public Severity severity() {
        return severity;
    }

    public FindingAccumulator summary(String s) {
        this.summary = s;
        return this;
    }

    public FindingAccumulator action(String a) {
        this.action = a;
        return this;
    }

    public FindingAccumulator detail(String key, Object value) {
        details.put(key, value == null ? null : String.valueOf(value));
        return this;
    }

    public long count() {
        return count;
    }

    public int evidenceCount() {
        return evidence.size();
    }

    public String detail(String key) {
        return details.get(key);
    }

    String ruleId() {
        return ruleId;
    }

    String sbc() {
        return sbc;
    }

    String subject() {
        return subject;
    }

    void renameSbc(String name) {
        this.sbc = name;
    }

    /**
     * Folds {@code other} (the same rule and subject under the SBC's old name) into this one: counts
     * add up, times widen, evidence is kept in time order up to the cap, the summary and details of
     * the one with more occurrences win, severity is the higher.
     */
    void absorb(FindingAccumulator other) {
        if (other.count == 0 && other.first < 0) {
            return;
        }
        boolean otherLeads = other.count > count;
        count += other.count;
        if (other.first >= 0) {
            seen(other.first);
            seen(other.last);
        }
        List<Evidence> all = new ArrayList<>(evidence);
        all.addAll(other.evidence);
        all.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
        evidence.clear();
        for (Evidence e : all) {
            if (evidence.size() < maxEvidence) {
                evidence.add(e);
            }
        }
        escalate(other.severity);
        if (otherLeads) {
            summary = other.summary;
            details.putAll(other.details);
        } else {
            for (Map.Entry<String, String> e : other.details.entrySet()) {
                details.putIfAbsent(e.getKey(), e.getValue());
            }
        }
    }

    boolean reported() {
        return count > 0;
    }

    Finding toFinding() {
        return new Finding(ruleId, severity, sbc, first, last, count, summary, action, evidence, details);
    }
}
