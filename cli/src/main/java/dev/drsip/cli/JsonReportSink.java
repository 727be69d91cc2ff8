package dev.drsip.cli;

import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.DirectionStats;
import dev.drsip.analyzer.model.FailureGroup;
import dev.drsip.analyzer.model.OptionsStats;
import dev.drsip.analyzer.model.ProblemCount;
import dev.drsip.analyzer.model.SbcStats;
import dev.drsip.sip.Where;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON report for scripts. Field names are an interface (documented in the README): add,
 * never rename. Maps are ordered so the output is deterministic (golden files compare it).
 */
public final class JsonReportSink {
    private final FailureAdvice advice;

    public JsonReportSink(FailureAdvice advice) {
        this.advice = advice;
    }

    public void write(ReportModel model, Writer out) throws IOException {
        JsonOutput.write(toTree(model, advice), out);
        out.write(System.lineSeparator());
        out.flush();
    }

    /** The report as ordered maps and lists (also used by tests). */
    public static Map<String, Object> toTree(ReportModel m, FailureAdvice advice) {
        AnalysisResult a = m.analysis();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "drsip");
        root.put("version", m.version());
        List<Object> inputs = new ArrayList<>();
        for (InputReport in : m.inputs()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", in.file());
            o.put("format", in.format());
            o.put("linkTypes", in.linkTypes());
            o.put("packets", in.packets());
            o.put("bytes", in.bytes());
            o.put("sipMessages", in.sipMessages());
            o.put("problemCount", in.problemCount());
            o.put("problems", problems(in.problems()));
            inputs.add(o);
        }
        root.put("inputs", inputs);
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("first", iso(a.firstTime()));
        time.put("last", iso(a.lastTime()));
        root.put("timeRange", time);
        root.put("sipMessages", a.sipMessages());
        root.put("requests", new TreeMap<>(a.requests()));
        Map<String, Long> responses = new LinkedHashMap<>();
        new TreeMap<>(a.responses()).forEach((k, v) -> responses.put(String.valueOf(k), v));
        root.put("responses", responses);
        root.put("retransmissions", a.retransmissions());
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("total", a.calls());
        calls.put("directRouting", a.directRoutingCalls());
        root.put("calls", calls);
        root.put("microsoftAddresses", a.microsoftAddresses());
        List<Object> sbcs = new ArrayList<>();
        for (SbcStats s : a.sbcs()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", s.name());
            o.put("addresses", s.addresses());
            o.put("fqdns", s.fqdns());
            o.put("inbound", direction(s.inbound()));
            o.put("outbound", direction(s.outbound()));
            o.put("options", options(s.options()));
            ReportModel.Health h = m.health().get(s.name());
            o.put("status", h == null ? null : h.status());
            o.put("statusWhy", h == null ? null : h.why());
            List<Object> failures = new ArrayList<>();
            for (FailureGroup f : merged(s)) {
                failures.add(failure(f, advice.of(f)));
            }
            o.put("failures", failures);
            sbcs.add(o);
        }
        root.put("sbcs", sbcs);
        root.put("nonDirectRouting", direction(a.nonDirectRouting()));
        root.put("problemCount", a.problemCount());
        root.put("problems", problems(a.problems()));
        List<Object> findings = new ArrayList<>();
        for (FindingView f : m.findings()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rule", f.ruleId());
            o.put("severity", f.severity());
            o.put("sbc", f.sbc());
            o.put("firstSeen", iso(f.firstSeen()));
            o.put("lastSeen", iso(f.lastSeen()));
            o.put("count", f.count());
            o.put("summary", f.summary());
            o.put("action", f.action());
            o.put("evidence", f.evidence());
            o.put("details", f.details());
            findings.add(o);
        }
        root.put("findings", findings);
        if (m.records() != null) {
            root.put("callRecords", dev.drsip.analyzer.records.ReconciliationRenderer.inputsTree(m.records()));
        }
        if (m.reconciliation() != null) {
            root.put("reconciliation", dev.drsip.analyzer.records.ReconciliationRenderer.tree(m.reconciliation()));
        }
        return root;
    }

    /** Inbound failures first, then outbound, each most frequent first. */
    static List<FailureGroup> merged(SbcStats s) {
        List<FailureGroup> all = new ArrayList<>(s.inbound().failures());
        all.addAll(s.outbound().failures());
        return all;
    }

    private static Map<String, Object> direction(DirectionStats d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("attempts", d.attempts());
        o.put("answered", d.answered());
        o.put("failed", d.failed());
        o.put("unfinished", d.unfinished());
        o.put("ner", d.ner() == null ? null : Math.round(d.ner() * 100.0) / 100.0);
        o.put("userOutcomes", new TreeMap<>(d.userOutcomes()));
        return o;
    }

    private static Map<String, Object> options(OptionsStats s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("sbcSent", s.sbcSent());
        o.put("sbcAnswered200", s.sbcAnswered200());
        o.put("microsoftSent", s.microsoftSent());
        o.put("microsoftAnswered200", s.microsoftAnswered200());
        o.put("lastSbcOptions", iso(s.lastSbcOptions()));
        o.put("maxSbcGapSeconds", s.maxSbcGapMillis() < 0 ? null : s.maxSbcGapMillis() / 1000.0);
        return o;
    }

    private static Map<String, Object> failure(FailureGroup f, FailureAdvice.Advice a) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("direction", f.direction().label());
        o.put("sipCode", f.sipCode());
        o.put("microsoftCode", f.microsoftCode());
        o.put("family", f.family());
        o.put("derivation", f.derivation());
        o.put("side", f.side() == null ? null : f.side().label());
        o.put("userOutcome", f.userOutcome());
        o.put("phrase", f.phrase());
        o.put("count", f.count());
        o.put("catalogKey", a.key());
        o.put("meaning", a.meaning());
        o.put("firstCheck", a.firstCheck());
        o.put("example", where(f.example()));
        return o;
    }

    private static List<Object> problems(List<ProblemCount> problems) {
        List<Object> out = new ArrayList<>();
        for (ProblemCount p : problems) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("reason", p.reason());
            o.put("count", p.count());
            List<Object> ex = new ArrayList<>();
            for (ProblemCount.Example e : p.examples()) {
                Map<String, Object> x = where(e.where());
                x.put("detail", e.detail());
                ex.add(x);
            }
            o.put("examples", ex);
            out.add(o);
        }
        return out;
    }

    private static Map<String, Object> where(Where w) {
        if (w == null) {
            return null;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", w.source());
        o.put("frame", w.frame());
        return o;
    }

    static String iso(long nanos) {
        if (nanos < 0) {
            return null;
        }
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L).toString();
    }
}
