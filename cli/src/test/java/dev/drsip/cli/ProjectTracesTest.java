package dev.drsip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.model.FailureGroup;
import dev.drsip.analyzer.model.SbcStats;
import dev.drsip.traces.TestTraces;
import dev.drsip.traces.TsharkSipStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trace the project makes (generated and SIPp-recorded): drsip's counts equal the
 * generator's expected facts AND tshark's {@code -z sip,stat} on the same file; per-SBC calls and
 * failures equal the expected facts; the whole JSON report equals its golden file
 * ({@code -Ddrsip.golden.update=true} rewrites the golden files after a deliberate change).
 */
class ProjectTracesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = ProjectPaths.root().resolve("cli/src/test/resources/golden");

    static Stream<String> traces() {
        return TestTraces.names().stream();
    }

    static AnalysisRunner.ReportResult analyze(Path file, JsonNode expected) throws IOException {
        return analyze(file, expected, AnalysisRunner.defaultThreads());
    }

    static AnalysisRunner.ReportResult analyze(Path file, JsonNode expected, int threads) throws IOException {
        List<String> nets = new ArrayList<>();
        expected.path("microsoftNets").forEach(n -> nets.add(n.asText()));
        if (expected.hasNonNull("microsoftNet")) {
            nets.add(expected.get("microsoftNet").asText());
        }
        AnalysisRunner runner = new AnalysisRunner(AnalyzerConfig.fromOptions(nets, List.of()), List.of()).threads(threads);
        return runner.run(List.of(file), new ProgressMeter(new PrintWriter(new StringWriter()), false));
    }

    static JsonNode expected(String name) throws IOException {
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        try (InputStream in = TestTraces.open(base + ".expected.json")) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void countsEqualExpectedFactsAndTshark(String name) throws IOException {
        Path file = TestTraces.extract(name);
        JsonNode exp = expected(name);
        AnalysisRunner.ReportResult r = analyze(file, exp);

        assertThat(r.analysis().sipMessages()).as("SIP messages").isEqualTo(exp.get("sipMessages").asLong());
        assertThat(r.analysis().retransmissions()).as("retransmissions").isEqualTo(exp.path("retransmissions").asLong(0));
        assertThat(requests(r)).as("requests").isEqualTo(counts(exp.get("requests")));
        assertThat(responses(r)).as("responses").isEqualTo(counts(exp.get("responses")));

        boolean ci = "true".equals(System.getenv("CI"));
        if (!TsharkSipStat.available()) {
            assertThat(ci).as("tshark must be installed in CI (.ci/run installs it)").isFalse();
            assumeTrue(false, "tshark not installed");
        }
        List<String> decodeAs = new ArrayList<>();
        exp.path("tsharkDecodeAs").forEach(n -> decodeAs.add(n.asText()));
        List<String> options = new ArrayList<>();
        exp.path("tsharkOptions").forEach(n -> options.add(n.asText()));
        TsharkSipStat.Counts t = TsharkSipStat.run(file, decodeAs, options);
        assertThat(r.analysis().sipMessages()).as("SIP messages vs tshark").isEqualTo(t.sipMessages());
        Map<String, Long> tm = new TreeMap<>();
        t.methods().forEach((k, v) -> tm.put(k, (long) v));
        Map<String, Long> tc = new TreeMap<>();
        t.codes().forEach((k, v) -> tc.put(String.valueOf(k), (long) v));
        assertThat(requests(r)).as("requests vs tshark").isEqualTo(tm);
        assertThat(responses(r)).as("responses vs tshark").isEqualTo(tc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void callsAndFailuresPerSbcEqualExpectedFacts(String name) throws IOException {
        JsonNode exp = expected(name);
        AnalysisRunner.ReportResult r = analyze(TestTraces.extract(name), exp);
        Map<String, String> expectedSbcs = new TreeMap<>();
        for (JsonNode s : exp.path("sbcs")) {
            expectedSbcs.put(s.get("name").asText(), describe(s));
        }
        Map<String, String> actual = new TreeMap<>();
        for (SbcStats s : r.analysis().sbcs()) {
            actual.put(s.name(), describe(s));
        }
        assertThat(actual).isEqualTo(expectedSbcs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void jsonReportEqualsGoldenFile(String name) throws IOException {
        JsonNode exp = expected(name);
        AnalysisRunner.ReportResult r = analyze(TestTraces.extract(name), exp);
        String actual = json(r).replace("\r\n", "\n");
        Path golden = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("drsip.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file (create it with -Ddrsip.golden.update=true, review, commit)").exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** The two-thread pipeline (the default) writes the same report as one thread. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void pipelinedReportEqualsSingleThreaded(String name) throws IOException {
        JsonNode exp = expected(name);
        Path file = TestTraces.extract(name);
        assertThat(json(analyze(file, exp, 2))).isEqualTo(json(analyze(file, exp, 1)));
    }

    private static String json(AnalysisRunner.ReportResult r) throws IOException {
        StringWriter w = new StringWriter();
        new JsonReportSink(FailureAdvice.fromCatalog()).write(r.model("golden"), w);
        return w.toString();
    }

    private static String describe(JsonNode s) {
        StringBuilder b = new StringBuilder();
        for (String dir : List.of("inbound", "outbound")) {
            JsonNode d = s.get(dir);
            b.append(dir).append(": attempts=").append(d.get("attempts").asLong())
                    .append(" answered=").append(d.get("answered").asLong()).append('\n');
        }
        List<String> f = new ArrayList<>();
        for (JsonNode x : s.path("failures")) {
            if (x.path("userOutcome").asBoolean(false)) {
                continue;
            }
            f.add(x.get("direction").asText() + " " + x.get("sipCode").asInt() + " "
                    + (x.get("microsoftCode").isNull() ? "null" : x.get("microsoftCode").asText()) + " "
                    + x.get("side").asText() + " x" + x.get("count").asLong());
        }
        f.sort(null);
        f.forEach(x -> b.append(x).append('\n'));
        return b.toString();
    }

    private static String describe(SbcStats s) {
        StringBuilder b = new StringBuilder();
        b.append("inbound: attempts=").append(s.inbound().attempts()).append(" answered=").append(s.inbound().answered()).append('\n');
        b.append("outbound: attempts=").append(s.outbound().attempts()).append(" answered=").append(s.outbound().answered()).append('\n');
        List<String> f = new ArrayList<>();
        for (FailureGroup g : JsonReportSink.merged(s)) {
            if (g.userOutcome()) {
                continue;
            }
            f.add(g.direction().label() + " " + g.sipCode() + " " + g.microsoftCode() + " "
                    + (g.side() == null ? "null" : g.side().label()) + " x" + g.count());
        }
        f.sort(null);
        f.forEach(x -> b.append(x).append('\n'));
        return b.toString();
    }

    private static Map<String, Long> requests(AnalysisRunner.ReportResult r) {
        return new TreeMap<>(r.analysis().requests());
    }

    private static Map<String, Long> responses(AnalysisRunner.ReportResult r) {
        Map<String, Long> m = new TreeMap<>();
        r.analysis().responses().forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    private static Map<String, Long> counts(JsonNode n) {
        Map<String, Long> m = new TreeMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
