package dev.drsip.analyzer.records;

import dev.drsip.analyzer.model.CallRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Reconciliation} as text lines for people and as ordered maps for JSON (field names are
 * an interface: add, never rename). The CLI prints or serialises these as they are.
 */
public final class ReconciliationRenderer {
    /** Detail lines listed per section before "... and N more". */
    public static final int MAX_LISTED = 50;

    private ReconciliationRenderer() {
    }

    public static List<String> text(Reconciliation r) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT,
                "Trace vs Microsoft's call records (window %.1f s, clock offset %+.1f s from %d GUID pair%s)",
                r.toleranceMillis() / 1000.0, r.skewMillis() / 1000.0, r.skewPairs(), r.skewPairs() == 1 ? "" : "s"));
        String[] head = {"SBC", "in trace", "both saw", "only records", "only trace", "agree", "side differs",
            "outcome differs", "undecided", "same code", "other code"};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        for (Reconciliation.SbcReconciliation s : r.sbcs()) {
            rows.add(new String[] {s.sbc(), s.inTrace() ? "yes" : "no", n(s.bothSaw()), n(s.onlyRecords()),
                n(s.onlyTrace()), n(s.agree()), n(s.sideDiffers()), n(s.outcomeDiffers()), n(s.undecided()),
                n(s.codesAgree()), n(s.codesDiffer())});
        }
        out.addAll(table(rows));
        if (r.outsideTrace() > 0) {
            out.add("Records outside the trace's time span (not compared): " + r.outsideTrace());
        }
        out.add("");
        out.add("Disagreements (" + r.disagreements().size() + "): the side or outcome Microsoft reported vs the wire");
        if (r.disagreements().isEmpty()) {
            out.add("  none");
        }
        int listed = 0;
        for (Reconciliation.Match m : r.disagreements()) {
            if (listed++ == MAX_LISTED) {
                out.add("  ... and " + (r.disagreements().size() - MAX_LISTED) + " more (see --format json)");
                break;
            }
            CallRecord c = m.call();
            out.add("  " + time(c.inviteTime()) + "  " + m.sbc() + "  " + c.direction().label() + "  Call-ID " + c.callId()
                    + "  [" + m.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "]");
            out.add("    " + m.explanation());
            out.add("    evidence: " + (c.finalWhere() != null ? c.finalWhere() : c.inviteWhere()) + "; record "
                    + line(m.record().where()) + (m.record().correlationId() != null ? "; correlation id " + m.record().correlationId() : "")
                    + "; paired by " + m.matchedBy().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (!r.onlyTrace().isEmpty()) {
            out.add("");
            out.add("Only in the trace (" + r.onlyTrace().size() + "):");
            listed = 0;
            for (CallRecord c : r.onlyTrace()) {
                if (listed++ == MAX_LISTED) {
                    out.add("  ... and " + (r.onlyTrace().size() - MAX_LISTED) + " more");
                    break;
                }
                out.add("  " + time(c.inviteTime()) + "  " + c.sbc() + "  " + c.direction().label() + "  " + c.caller()
                        + " -> " + c.callee() + "  " + c.outcome().label() + "  Call-ID " + c.callId());
            }
        }
        if (!r.onlyRecords().isEmpty()) {
            out.add("");
            out.add("Only in the records (" + r.onlyRecords().size() + "):");
            listed = 0;
            for (TeamsCallRecord t : r.onlyRecords()) {
                if (listed++ == MAX_LISTED) {
                    out.add("  ... and " + (r.onlyRecords().size() - MAX_LISTED) + " more");
                    break;
                }
                out.add("  " + (t.referenceTime() == null ? "-" : t.referenceTime().toString()) + "  " + t.sbcFqdn() + "  "
                        + t.direction().label() + "  " + t.callerNumber() + " -> " + t.calleeNumber() + "  SIP "
                        + t.finalSipCode() + (t.microsoftCode() != null ? " / " + t.microsoftCode() : "") + "  " + line(t.where()));
            }
        }
        return out;
    }

    /** One line per records file (format, rows, records, problems with their first place), plus notes. */
    public static List<String> inputs(RecordsInputs in) {
        List<String> out = new ArrayList<>();
        for (RecordsReadResult r : in.files()) {
            StringBuilder b = new StringBuilder("Records ").append(r.file()).append(" (").append(r.format()).append("): ")
                    .append(r.rows()).append(" rows").append(r.pages() > 0 ? " in " + r.pages() + " pages" : "")
                    .append(", ").append(r.records().size()).append(" calls, ").append(r.problemCount())
                    .append(r.problemCount() == 1 ? " problem" : " problems");
            out.add(b.toString());
            if (!r.missingColumns().isEmpty()) {
                out.add("  not usable: missing column(s) " + String.join(", ", r.missingColumns()));
            }
            for (var p : r.problems()) {
                var ex = p.examples().isEmpty() ? null : p.examples().get(0);
                out.add("  " + p.reason() + " x" + p.count() + (ex == null ? "" : ", first at " + line(ex.where()) + ": "
                        + ex.detail()));
            }
            for (String note : r.notes()) {
                out.add("  note: " + note);
            }
        }
        if (in.duplicates() > 0) {
            out.add("Rows present in several files (counted once): " + in.duplicates());
        }
        return out;
    }

    /** The records inputs for JSON. */
    public static List<Object> inputsTree(RecordsInputs in) {
        List<Object> out = new ArrayList<>();
        for (RecordsReadResult r : in.files()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", r.file());
            o.put("format", r.format());
            o.put("rows", r.rows());
            o.put("pages", r.pages());
            o.put("calls", r.records().size());
            o.put("missingColumns", r.missingColumns());
            o.put("problemCount", r.problemCount());
            List<Object> problems = new ArrayList<>();
            for (var p : r.problems()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("reason", p.reason());
                m.put("count", p.count());
                List<Object> ex = new ArrayList<>();
                for (var e : p.examples()) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("file", e.where().source());
                    x.put("line", e.where().frame());
                    x.put("detail", e.detail());
                    ex.add(x);
                }
                m.put("examples", ex);
                problems.add(m);
            }
            o.put("problems", problems);
            o.put("notes", r.notes());
            out.add(o);
        }
        return out;
    }

    public static Map<String, Object> tree(Reconciliation r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("toleranceMillis", r.toleranceMillis());
        o.put("clockOffsetMillis", r.skewMillis());
        o.put("clockOffsetPairs", r.skewPairs());
        o.put("traceFirst", r.traceFirstMillis() < 0 ? null : Instant.ofEpochMilli(r.traceFirstMillis()).toString());
        o.put("traceLast", r.traceLastMillis() < 0 ? null : Instant.ofEpochMilli(r.traceLastMillis()).toString());
        o.put("outsideTrace", r.outsideTrace());
        List<Object> sbcs = new ArrayList<>();
        for (Reconciliation.SbcReconciliation s : r.sbcs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.sbc());
            m.put("inTrace", s.inTrace());
            m.put("bothSaw", s.bothSaw());
            m.put("onlyRecords", s.onlyRecords());
            m.put("onlyTrace", s.onlyTrace());
            m.put("agree", s.agree());
            m.put("sideDiffers", s.sideDiffers());
            m.put("outcomeDiffers", s.outcomeDiffers());
            m.put("undecided", s.undecided());
            m.put("sameMicrosoftCode", s.codesAgree());
            m.put("otherMicrosoftCode", s.codesDiffer());
            m.put("pairedByGuid", s.byGuid());
            sbcs.add(m);
        }
        o.put("sbcs", sbcs);
        List<Object> dis = new ArrayList<>();
        for (Reconciliation.Match m : r.disagreements()) {
            dis.add(match(m));
        }
        o.put("disagreements", dis);
        List<Object> onlyTrace = new ArrayList<>();
        for (CallRecord c : r.onlyTrace()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sbc", c.sbc());
            m.put("callId", c.callId());
            m.put("direction", c.direction().label());
            m.put("invite", time(c.inviteTime()));
            m.put("caller", c.caller());
            m.put("callee", c.callee());
            m.put("outcome", c.outcome().label());
            m.put("where", String.valueOf(c.inviteWhere()));
            onlyTrace.add(m);
        }
        o.put("onlyTrace", onlyTrace);
        List<Object> onlyRecords = new ArrayList<>();
        for (TeamsCallRecord t : r.onlyRecords()) {
            onlyRecords.add(record(t));
        }
        o.put("onlyRecords", onlyRecords);
        return o;
    }

    private static Map<String, Object> match(Reconciliation.Match m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("sbc", m.sbc());
        o.put("verdict", m.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        o.put("pairedBy", m.matchedBy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        o.put("explanation", m.explanation());
        o.put("record", record(m.record()));
        o.put("recordOutcome", m.recordOutcome().label());
        o.put("recordSide", m.recordSide() == null ? null : m.recordSide().label());
        CallRecord c = m.call();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("callId", c.callId());
        w.put("direction", c.direction().label());
        w.put("invite", time(c.inviteTime()));
        w.put("finalSipCode", c.finalSipCode());
        w.put("finalFrom", c.finalFrom() == null ? null : c.finalFrom().label());
        w.put("outcome", c.outcome().label());
        w.put("side", m.traceSide() == null ? null : m.traceSide().label());
        w.put("microsoftCode", c.microsoftCode() == null ? null : c.microsoftCode().code());
        w.put("where", String.valueOf(c.finalWhere() != null ? c.finalWhere() : c.inviteWhere()));
        o.put("wire", w);
        o.put("offsetMillis", m.offsetMillis());
        return o;
    }

    private static Map<String, Object> record(TeamsCallRecord t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("sbc", t.sbcFqdn());
        o.put("correlationId", t.correlationId());
        o.put("callType", t.callType());
        o.put("invite", t.referenceTime() == null ? null : t.referenceTime().toString());
        o.put("caller", t.callerNumber());
        o.put("callee", t.calleeNumber());
        o.put("finalSipCode", t.finalSipCode() < 0 ? null : t.finalSipCode());
        o.put("microsoftCode", t.microsoftCode());
        o.put("phrase", t.finalSipPhrase());
        o.put("where", line(t.where()));
        return o;
    }

    /** Records are located by line, not frame. */
    static String line(dev.drsip.sip.Where w) {
        return w == null ? null : w.frame() > 0 ? w.source() + " line " + w.frame() : w.source();
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    private static String time(long nanos) {
        return nanos < 0 ? "-" : Instant.ofEpochMilli(Math.floorDiv(nanos, 1_000_000L)).toString();
    }

    private static List<String> table(List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append("  ");
                if (i == 0) {
                    b.append(String.format("%-" + w[i] + "s", r[i]));
                } else {
                    b.append(String.format("%" + w[i] + "s", r[i]));
                }
            }
            out.add(b.toString().replaceAll("\\s+$", ""));
        }
        return out;
    }
}
