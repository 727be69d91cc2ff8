package dev.drsip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drsip.traces.TestTraces;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: reports, exit codes, clear one-line errors. */
class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Drsip.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** The records fixtures the analyzer module makes (CSV, Graph JSON and the matching capture). */
    private static Path resource(String path) {
        Path p = ProjectPaths.root().resolve("analyzer/src/test/resources").resolve(path.substring(1));
        assertThat(p).exists();
        return p;
    }

    @Test
    void sampleGivesTheWholeTextReport() {
        Run r = run("analyze", "--sample");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("FINDINGS", "SUMMARY", "SBCs", "FAILURES", "USER OUTCOMES", "WHAT THE CODES MEAN",
                "INPUT PROBLEMS", "sbc1.contoso.com", "560403", "500001", "1106", "510532");
    }

    @Test
    void jsonReportHasTheDocumentedFields() throws IOException {
        Path out = tmp.resolve("r.json");
        Run r = run("analyze", "--sample", "--format", "json", "-o", out.toString());
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        for (String f : new String[] {"sipMessages", "requests", "responses", "retransmissions", "inputs", "sbcs", "findings",
            "problems", "timeRange", "calls"}) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        JsonNode expected = new ObjectMapper().readTree(TestTraces.open(TestTraces.SAMPLE + ".expected.json"));
        assertThat(j.get("sipMessages").asLong()).isEqualTo(expected.get("sipMessages").asLong());
        JsonNode failure = j.get("sbcs").get(0).get("failures").get(0);
        for (String f : new String[] {"direction", "sipCode", "microsoftCode", "side", "count", "userOutcome", "catalogKey",
            "meaning", "firstCheck"}) {
            assertThat(failure.has(f)).as(f).isTrue();
        }
        assertThat(j.get("inputs").get(0).get("format").asText()).isEqualTo("pcapng");
    }

    @Test
    void truncatedTraceIsReportedWithItsFrameAndTheRestAnalysed() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(TestTraces.open("truncated.pcap.expected.json"));
        long cutFrame = expected.get("brokenFrames").get(0).get("frame").asLong();
        Path p = TestTraces.extract("truncated.pcap");
        Run r = run("analyze", p.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("pcap.truncated-record", "truncated.pcap frame " + cutFrame);
        assertThat(r.out()).contains(expected.get("sipMessages").asLong() + " SIP messages");
    }

    @Test
    void userMistakesGetOneLineAndAScriptableExitCode() throws IOException {
        Run missing = run("analyze", tmp.resolve("nope.pcap").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.INPUT);
        assertThat(missing.err()).contains("nope.pcap").contains("no such file").doesNotContain("Exception");

        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "hello, this is not a capture\n");
        Run notTrace = run("analyze", text.toString());
        assertThat(notTrace.code()).isEqualTo(ExitCodes.INPUT);
        assertThat(notTrace.err()).contains("not a pcap or pcapng file").doesNotContain("Exception");

        Run badOption = run("analyze", "--frobnicate");
        assertThat(badOption.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badOption.err()).contains("Unknown option");

        Run badCidr = run("analyze", "--sample", "--microsoft-net", "52.112.0.0/99");
        assertThat(badCidr.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badCidr.err()).contains("52.112.0.0/99");

        Run badSbc = run("analyze", "--sample", "--sbc", "sbc1.contoso.com");
        assertThat(badSbc.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badSbc.err()).contains("NAME=ADDRESS");

        Run nothing = run("analyze");
        assertThat(nothing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.err()).contains("--sample");
    }

    @Test
    void failOnErrorTurnsErrorFindingsIntoExitCodeOne() {
        assertThat(run("analyze", "--sample", "--fail-on", "error").code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run("analyze", "--sample", "--fail-on", "never").code()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void recordsAloneGiveTheReportFromMicrosoftsView() throws IOException {
        Path csv = resource("/dev/drsip/analyzer/records/pstn-usage-dr.csv");
        Run r = run("analyze", csv.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("13 in Microsoft's records", "569008", "549002", "records.csv.cell-count");
    }

    @Test
    void traceWithCallsIsReconciledExactly() throws IOException {
        Path pcap = resource("/dev/drsip/analyzer/records/reconcile-scenario.pcap");
        Path csv = resource("/dev/drsip/analyzer/records/pstn-usage-dr.csv");
        Path out = tmp.resolve("rec.json");
        Run r = run("analyze", pcap.toString(), "--calls", csv.toString(), "--format", "json", "-o", out.toString());
        assertThat(r.code()).isZero();
        JsonNode rec = new ObjectMapper().readTree(out.toFile()).get("reconciliation");
        assertThat(rec).isNotNull();
        String text = run("analyze", pcap.toString(), "--calls", csv.toString()).out();
        assertThat(text).contains("RECONCILIATION", "Disagreements (3)", "Only in the trace (1)", "Only in the records (2)");
        assertThat(text).containsPattern("sbc1\\.contoso\\.com +yes +10 +1 +1 +7 +2 +1 +0 +7 +2");
    }

    @Test
    void explainAndCertAreSubcommands() {
        Run r = run("explain", "560403");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("560403");
        assertThat(run("--help").out()).contains("analyze", "explain");
    }

    @Test
    void helpTeachesWithExamplesAndExitCodes() {
        String help = run("analyze", "--help").out();
        assertThat(help).contains("Examples:", "--sample", "Exit codes:", "outbound", "inbound", "--calls");
        assertThat(help.lines().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(100);
        assertThat(new String(help.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(help);
    }

    @Test
    void versionIsTheOneTheReportsCarry() {
        Run r = run("--version");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().strip()).isEqualTo("drsip " + AnalyzeCommand.version()).doesNotContain("dev");
        assertThat(run("analyze", "--sample", "--format", "json").out())
                .contains("\"version\" : \"" + AnalyzeCommand.version() + "\"");
    }
}
