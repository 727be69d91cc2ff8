package dev.drsip.cli;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.TraceAnalysis;
import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.analyzer.model.ProblemCount;
import dev.drsip.capture.CaptureOptions;
import dev.drsip.capture.InputSummary;
import dev.drsip.capture.SipPorts;
import dev.drsip.capture.TraceFileSource;
import dev.drsip.analyzer.records.CallReconciler;
import dev.drsip.analyzer.records.Reconciliation;
import dev.drsip.analyzer.records.RecordsInputs;
import dev.drsip.analyzer.records.RecordsReport;
import dev.drsip.analyzer.records.TraceCallCollector;
import dev.drsip.rules.Evidence;
import dev.drsip.rules.Finding;
import dev.drsip.rules.RuleEngine;
import dev.drsip.rules.RulesConfig;
import dev.drsip.rules.options.SbcHealth;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.event.CaptureListener;
import dev.drsip.sip.event.TlsHandshake;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires the pipeline for trace files: source -> analysis (-> rules) -> report model. Keeps
 * per-input counts so the report can say which file each problem came from.
 */
final class AnalysisRunner {
    private static final int EXAMPLES = 5;

    private final AnalyzerConfig config;
    private final SipPorts ports;
    private final List<AnalysisListener> extraListeners = new ArrayList<>();
    private int threads = defaultThreads();

    AnalysisRunner(AnalyzerConfig config, List<Integer> sipPorts) {
        this.config = config;
        try {
            this.ports = sipPorts == null || sipPorts.isEmpty() ? SipPorts.defaults() : new SipPorts(sipPorts);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, "--sip-port: " + e.getMessage());
        }
    }

    /**
     * Threads for the analysis: 1 runs everything on the caller's thread, 2 (the default) adds the
     * analysis stage of {@link PipelinedListener}. On the 2-core benchmark machine the pipeline
     * takes the 2M-message benchmark from 6.1 s to 3.9 s; {@code -Ddrsip.threads=1} keeps a run to
     * one core.
     */
    static int defaultThreads() {
        return Integer.getInteger("drsip.threads", 2);
    }

    AnalysisRunner threads(int n) {
        this.threads = n;
        return this;
    }

    void addListener(AnalysisListener l) {
        extraListeners.add(l);
    }

    /** Per-input bookkeeping: SIP messages parsed and problems by reason with first places. */
    private static final class PerInput {
        final Map<String, long[]> counts = new LinkedHashMap<>();
        final Map<String, List<ProblemCount.Example>> examples = new HashMap<>();

        void problem(Malformed m) {
            counts.computeIfAbsent(m.reason(), k -> new long[1])[0]++;
            List<ProblemCount.Example> ex = examples.computeIfAbsent(m.reason(), k -> new ArrayList<>());
            if (ex.size() < EXAMPLES) {
                ex.add(new ProblemCount.Example(m.where(), m.detail()));
            }
        }

        List<ProblemCount> problems() {
            List<ProblemCount> out = new ArrayList<>();
            counts.forEach((k, v) -> out.add(new ProblemCount(k, v[0], List.copyOf(examples.get(k)))));
            out.sort((a, b) -> Long.compare(b.count(), a.count()));
            return out;
        }
    }

    /** Calls kept in memory for a reconciliation (only those inside the records' time span). */
    static final int MAX_RECONCILED_CALLS = 2_000_000;

    ReportResult run(List<Path> files, ProgressMeter meter) throws IOException {
        return run(files, null, meter);
    }

    /**
     * Analyses the traces; with {@code records} (Teams call records, may be null) also reconciles
     * the trace's calls with them.
     */
    ReportResult run(List<Path> files, RecordsInputs records, ProgressMeter meter) throws IOException {
        TraceCallCollector collector = records == null ? null
                : TraceCallCollector.forRecords(records.records(), CallReconciler.DEFAULT_TOLERANCE_MILLIS, MAX_RECONCILED_CALLS);
        if (collector != null) {
            extraListeners.add(collector);
        }
        Map<String, PerInput> perInput = new HashMap<>(); // written by the capture thread only
        Map<String, long[]> sipPerInput = new HashMap<>(); // written by the analysis thread only
        RuleEngine rules = new RuleEngine(RulesConfig.from(config));
        List<AnalysisListener> listeners = new ArrayList<>(extraListeners);
        listeners.add(rules);
        listeners.add(new AnalysisListener() {
            private String lastSource;
            private long[] last;

            @Override
            public void onMessage(ClassifiedMessage m) {
                String s = m.message().where().source();
                if (s != lastSource) {
                    lastSource = s;
                    last = sipPerInput.computeIfAbsent(s, k -> new long[1]);
                }
                last[0]++;
            }

            @Override
            public void onCall(CallRecord c) {
            }
        });
        TraceAnalysis analysis = new TraceAnalysis(config, listeners);
        PipelinedListener pipelined = threads > 1 ? new PipelinedListener(analysis) : null;
        CaptureListener pipeline = pipelined != null ? pipelined : analysis;
        long[] sip = new long[1];
        CaptureListener tee = new CaptureListener() {
            @Override
            public void onSip(SipPacket packet) {
                sip[0]++;
                pipeline.onSip(packet);
            }

            @Override
            public void onTls(TlsHandshake handshake) {
                pipeline.onTls(handshake);
            }

            @Override
            public void onProblem(Malformed problem) {
                if (problem.where() != null) {
                    perInput.computeIfAbsent(problem.where().source(), k -> new PerInput()).problem(problem);
                }
                pipeline.onProblem(problem);
            }

            @Override
            public void onTime(long timeNanos) {
                pipeline.onTime(timeNanos);
            }
        };
        CaptureOptions options = CaptureOptions.defaults().withSipPorts(ports)
                .withMicrosoftAddress(config.microsoft()::contains)
                .withProgress((done, total) -> meter.update(done, total, sip[0]));
        List<InputSummary> summaries;
        try {
            summaries = new TraceFileSource(files, options).run(tee);
        } finally {
            if (pipelined != null) {
                pipelined.finish();
            }
        }
        if (summaries.stream().allMatch(s -> s.format().startsWith("unknown"))) {
            InputSummary first = summaries.get(0);
            PerInput pi = perInput.get(first.file());
            String why = pi == null || pi.problems().isEmpty() || pi.problems().get(0).examples().isEmpty()
                    ? "not a pcap or pcapng file" : pi.problems().get(0).examples().get(0).detail();
            throw new UserError(ExitCodes.INPUT, first.file() + ": " + why);
        }
        AnalysisResult result = analysis.finish();
        List<InputReport> inputs = new ArrayList<>();
        for (InputSummary s : summaries) {
            PerInput pi = perInput.getOrDefault(s.file(), new PerInput());
            long parsed = sipPerInput.getOrDefault(s.file(), new long[1])[0];
            long parseFailures = s.sipPackets() - parsed;
            List<ProblemCount> problems = new ArrayList<>(pi.problems());
            long count = s.problems();
            if (parseFailures > 0) {
                problems.add(new ProblemCount("sip.not-parsed", parseFailures, List.of()));
                count += parseFailures;
            }
            inputs.add(new InputReport(s.file(), s.format(), s.linkTypeNames(), s.packets(), s.bytes(), parsed,
                    count, problems));
        }
        rules.finish();
        List<FindingView> findings = new ArrayList<>();
        for (Finding f : rules.findings()) {
            List<String> evidence = new ArrayList<>();
            for (Evidence e : f.evidence()) {
                evidence.add(e.describe());
            }
            findings.add(new FindingView(f.ruleId(), f.severity().label(), f.sbc(), f.firstSeenNanos(), f.lastSeenNanos(),
                    f.count(), f.summary(), f.action(), evidence, f.details()));
        }
        Map<String, ReportModel.Health> health = new LinkedHashMap<>();
        for (Map.Entry<String, SbcHealth> e : rules.sbcHealth().entrySet()) {
            health.put(e.getKey(), new ReportModel.Health(e.getValue().status(), e.getValue().why()));
        }
        Reconciliation reconciliation = collector == null ? null
                : CallReconciler.reconcile(collector.calls(), records.records());
        return new ReportResult(inputs, result, findings, health, records, reconciliation);
    }

    /** A report from Teams call records alone: the same per-SBC figures, from Microsoft's view. */
    static ReportResult recordsOnly(RecordsInputs records) {
        List<ProblemCount> problems = new ArrayList<>();
        List<InputReport> inputs = new ArrayList<>();
        for (var f : records.files()) {
            problems.addAll(f.problems());
            inputs.add(new InputReport(f.file(), f.format(), List.of(), f.rows(), 0, 0, f.problemCount(), f.problems()));
        }
        AnalysisResult result = RecordsReport.of(records.records()).toAnalysisResult(problems);
        return new ReportResult(inputs, result, List.of(), Map.of(), records, null);
    }

    record ReportResult(List<InputReport> inputs, AnalysisResult analysis, List<FindingView> findings,
                        Map<String, ReportModel.Health> health, RecordsInputs records, Reconciliation reconciliation) {
        ReportModel model(String version) {
            return new ReportModel(version, inputs, analysis, findings, health, records, reconciliation);
        }
    }
}
