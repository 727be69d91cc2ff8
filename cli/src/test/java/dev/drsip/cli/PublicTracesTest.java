package dev.drsip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drsip.analyzer.AnalyzerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * Third-party captures in ../shared/traces/public: drsip's counts must equal the tshark table in
 * that folder's README (every capture except the SCTP and WebSocket ones, which drsip does not
 * decode). The captures are read in place, never copied into the project.
 */
class PublicTracesTest {

    record Row(String file, long packets, long sipMessages, Map<String, Long> responses, Map<String, Long> requests) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Row> rows() throws IOException {
        Path readme = ProjectPaths.shared().resolve("traces/public/README.md");
        if (!Files.exists(readme)) {
            // CI runs in a clone with shared/ beside it: there, a missing table is a failure, not a skip.
            assertThat("true".equals(System.getenv("CI"))).as("CI must have " + readme).isFalse();
            assumeTrue(false, "../shared/traces/public not present");
        }
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(readme)) {
            if (!line.startsWith("| ") || line.startsWith("| file") || line.startsWith("|---")) {
                continue;
            }
            String[] c = line.split("\\|", -1);
            String file = c[1].trim();
            if (file.contains("sctp") || file.contains("websocket")) {
                continue;
            }
            rows.add(new Row(file, Long.parseLong(c[3].trim()), Long.parseLong(c[4].trim()), counts(c[5]), counts(c[6])));
        }
        assertThat(rows).hasSizeGreaterThanOrEqualTo(18);
        return rows.stream();
    }

    private static Map<String, Long> counts(String cell) {
        Map<String, Long> m = new TreeMap<>();
        for (String kv : cell.trim().split("\\s+")) {
            if (!kv.isEmpty()) {
                int i = kv.lastIndexOf(':');
                m.put(kv.substring(0, i), Long.parseLong(kv.substring(i + 1)));
            }
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void countsEqualTshark(Row row) throws IOException {
        Path file = ProjectPaths.shared().resolve("traces/public").resolve(row.file());
        AnalysisRunner runner = new AnalysisRunner(AnalyzerConfig.defaults(), List.of());
        AnalysisRunner.ReportResult r = runner.run(List.of(file),
                new ProgressMeter(new PrintWriter(new StringWriter()), false));
        assertThat(r.inputs().get(0).packets()).as("packets").isEqualTo(row.packets());
        assertThat(r.analysis().sipMessages()).as("SIP messages").isEqualTo(row.sipMessages());
        Map<String, Long> responses = new TreeMap<>();
        r.analysis().responses().forEach((k, v) -> responses.put(String.valueOf(k), v));
        assertThat(responses).as("responses by code").isEqualTo(row.responses());
        assertThat(new TreeMap<>(r.analysis().requests())).as("requests by method").isEqualTo(row.requests());
    }
}
