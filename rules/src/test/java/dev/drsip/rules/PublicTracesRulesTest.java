package dev.drsip.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.TraceAnalysis;
import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.capture.CaptureOptions;
import dev.drsip.capture.TraceFileSource;
import dev.drsip.sip.dr.MicrosoftNetworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The rules on third-party captures (../shared/traces/public, not part of the project; skipped when
 * absent). They are not Direct Routing, so as they are the rules must say nothing; then each is
 * re-read pretending the destination of its first request is Microsoft's proxy, which turns the
 * other end into an "SBC" and exercises every rule on foreign traffic: nothing may throw and what
 * is found is written to target/public-traces-findings.txt for review.
 */
class PublicTracesRulesTest {
    static final Path PUBLIC = Path.of("../../shared/traces/public");

    static List<Path> traces() throws IOException {
        Path dir = PUBLIC.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = Path.of("/work/shared/traces/public");
        }
        Assumptions.assumeTrue(Files.isDirectory(dir), "public traces not present");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        }
    }

    static List<Finding> run(Path trace, MicrosoftNetworks ms) throws IOException {
        RuleEngine engine = new RuleEngine(RulesConfig.defaults().withMicrosoft(ms));
        TraceAnalysis a = new TraceAnalysis(AnalyzerConfig.defaults().withMicrosoft(ms), engine);
        new TraceFileSource(List.of(trace), CaptureOptions.defaults().withMicrosoftAddress(ms::contains)).run(a);
        a.finish();
        return engine.findings();
    }

    /** Address of the destination of the first SIP request in the trace, or null. */
    static String firstRequestDestination(Path trace) throws IOException {
        String[] dst = new String[1];
        TraceAnalysis a = new TraceAnalysis(AnalyzerConfig.defaults(), new AnalysisListener() {
            @Override
            public void onMessage(ClassifiedMessage m) {
                if (dst[0] == null && m.message().isRequest()) {
                    dst[0] = m.message().dst().toString();
                }
            }

            @Override
            public void onCall(CallRecord call) {
            }
        });
        new TraceFileSource(List.of(trace)).run(a);
        a.finish();
        return dst[0];
    }

    @Test
    void nonDirectRoutingTracesRaiseNothing() throws IOException {
        for (Path t : traces()) {
            assertThat(run(t, MicrosoftNetworks.defaults())).as(t.toString()).isEmpty();
        }
    }

    @Test
    void pretendingOneEndIsMicrosoftRunsEveryRuleWithoutFailing() throws IOException {
        List<String> report = new ArrayList<>();
        for (Path t : traces()) {
            String ms = firstRequestDestination(t);
            if (ms == null) {
                report.add(t.getFileName() + ": no SIP request");
                continue;
            }
            String cidr = ms + (ms.contains(":") ? "/128" : "/32");
            List<Finding> f = run(t, MicrosoftNetworks.withUserNetworks(List.of(cidr)));
            report.add(t.getFileName() + " (Microsoft = " + ms + "): " + f.size() + " finding(s)");
            for (Finding x : f) {
                report.add("  " + x.severity().label() + " " + x.ruleId() + " [" + x.sbc() + "] x" + x.count() + ": " + x.summary());
                assertThat(x.count()).isPositive();
                assertThat(x.evidence().size()).isLessThanOrEqualTo(RulesConfig.defaults().maxEvidence());
                assertThat(x.firstSeenNanos()).isLessThanOrEqualTo(x.lastSeenNanos());
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/public-traces-findings.txt"), report);
    }
}
