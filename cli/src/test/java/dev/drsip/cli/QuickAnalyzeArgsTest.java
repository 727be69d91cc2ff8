package dev.drsip.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The quick reading of {@code drsip analyze} command lines: whenever it takes a command line, the
 * command's fields are exactly what picocli makes of it; everything else is left to picocli.
 */
class QuickAnalyzeArgsTest {
    @TempDir
    Path tmp;

    /** What picocli makes of a command line (the real one, as Drsip builds it), or null if it refuses it. */
    private static AnalyzeCommand picocli(String[] args) {
        try {
            CommandLine.ParseResult pr = Drsip.commandLine().parseArgs(args);
            if (pr.subcommand() == null || pr.subcommand().isUsageHelpRequested() || pr.subcommand().isVersionHelpRequested()) {
                return null;
            }
            return (AnalyzeCommand) pr.subcommand().commandSpec().userObject();
        } catch (CommandLine.ParameterException e) {
            return null;
        }
    }

    private static List<Object> fields(AnalyzeCommand c) {
        return Arrays.asList(c.files, c.calls, c.sample, c.format, c.output, c.sbcs, c.microsoftNets, c.sipPorts,
                c.failOn, c.progress);
    }

    private static void assertSameAsPicocli(String... args) {
        AnalyzeCommand quick = QuickAnalyzeArgs.parse(args);
        if (quick == null) {
            return;
        }
        AnalyzeCommand p = picocli(args);
        if (p == null) {
            fail("the quick path took a command line picocli refuses: " + String.join(" ", args));
        }
        assertThat(fields(quick)).as(String.join(" ", args)).isEqualTo(fields(p));
    }

    @Test
    void everydayCommandLinesTakeTheQuickPathWithPicocliValues() {
        String[][] lines = {
            {"analyze", "--sample"},
            {"analyze", "sbc1-tuesday.pcapng"},
            {"analyze", "a.pcap", "b.pcap.gz", "--format", "json", "-o", "report.json"},
            {"analyze", "a.pcap", "--format=json", "--output=report.json", "--no-progress"},
            {"analyze", "PSTNUsage.csv"},
            {"analyze", "sbc1.pcapng", "--calls", "PSTNUsage.csv", "--calls=graph.json"},
            {"analyze", "lab.pcap", "--microsoft-net", "127.0.0.3/32", "--sbc", "sbc1.contoso.com=127.0.0.2"},
            {"analyze", "lab.pcap", "--sbc=sbc1.contoso.com=127.0.0.2", "--sip-port", "5060,5070", "--sip-port=5080"},
            {"analyze", "x.pcap", "--fail-on", "warning", "--progress"},
            {"analyze", "--fail-on=error", "x y.pcap", "help", "analyze"},
        };
        for (String[] l : lines) {
            assertThat(QuickAnalyzeArgs.parse(l)).as(String.join(" ", l)).isNotNull();
            assertSameAsPicocli(l);
        }
        AnalyzeCommand c = QuickAnalyzeArgs.parse(lines[7]);
        assertThat(c.sipPorts).containsExactly(5060, 5070, 5080);
        assertThat(c.sbcs).containsExactly("sbc1.contoso.com=127.0.0.2");
    }

    @Test
    void helpMistakesAndUnusualFormsAreLeftToPicocli() {
        String[][] lines = {
            {"analyze"}, {"analyze", "--help"}, {"analyze", "-h"}, {"analyze", "x.pcap", "--version"}, {"analyze", "-V"},
            {"analyze", "@args.txt"}, {"analyze", "--", "-odd.pcap"}, {"analyze", "x.pcap", "-or.json"},
            {"analyze", "x.pcap", "-o=r.json"}, {"analyze", "x.pcap", "--format", "JSON"}, {"analyze", "x.pcap", "--format"},
            {"analyze", "x.pcap", "--format", "json", "--format", "text"}, {"analyze", "--sample", "--sample"},
            {"analyze", "x.pcap", "--progress", "--no-progress"}, {"analyze", "x.pcap", "--sip-port", "5060,,5070"},
            {"analyze", "x.pcap", "--sip-port", "0x10"}, {"analyze", "x.pcap", "--sip-port", "05060"},
            {"analyze", "x.pcap", "--sip-port", "-1"}, {"analyze", "x.pcap", "--bogus"}, {"analyze", "-"},
            {"analyze", ""}, {"analyze", "--sample=true"}, {"analyze", "x.pcap", "-o", "-"},
            {"analyze", "x.pcap", "--output", "a.json", "-o", "b.json"}, {"analyze", "--format", "json"},
            {"explain", "560403"}, {"--help"},
        };
        for (String[] l : lines) {
            assertThat(QuickAnalyzeArgs.parse(l)).as(String.join(" ", l)).isNull();
        }
    }

    @Test
    void generatedCommandLinesGetPicocliValuesWheneverTakenQuickly() {
        String[] vocabulary = {
            "a.pcap", "dir/b.pcapng.gz", "x y.pcap", "weird=name.pcap", "help", "-", "@args.txt", "", "--",
            "--sample", "--progress", "--no-progress", "--format", "--format=json", "--format=text", "--format=xml",
            "json", "text", "JSON", "-o", "--output", "--output=r.json", "-or.json", "-o=r.json", "r.json",
            "--calls", "--calls=c.csv", "c.csv", "--sbc", "sbc1.contoso.com=203.0.113.10", "--sbc=sbc2=127.0.0.2",
            "--microsoft-net", "127.0.0.3/32", "--microsoft-net=52.112.0.0/14", "--sip-port", "5060", "5060,5070",
            "5060,,1", "05060", "99999999999", "+5", "--sip-port=5062", "--fail-on", "error", "warning", "never",
            "--fail-on=warning", "-h", "--help", "-V", "--bogus", "-x",
        };
        Random rnd = new Random(20261125L);
        int quick = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int len = 1 + rnd.nextInt(8);
            String[] args = new String[len + 1];
            args[0] = "analyze";
            for (int k = 1; k <= len; k++) {
                args[k] = vocabulary[rnd.nextInt(vocabulary.length)];
            }
            if (QuickAnalyzeArgs.parse(args) != null) {
                quick++;
            }
            assertSameAsPicocli(args);
        }
        // not vacuous: a good share of the generated lines went the quick way and were compared
        assertThat(quick).isGreaterThan(n / 20);
    }

    @Test
    void theQuickPathKnowsEveryAnalyzeOption() {
        CommandLine analyze = Drsip.commandLine().getSubcommands().get("analyze");
        Set<String> unknown = new TreeSet<>();
        for (CommandLine.Model.OptionSpec o : analyze.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            List<String> names = new ArrayList<>(Arrays.asList(o.names()));
            if (o.negatable()) {
                names.add("--no-" + o.longestName().substring(2));
            }
            // a value picocli accepts: the first of an enum's values, else a number (a path, a port, a text)
            Iterable<String> candidates = o.completionCandidates();
            String value = candidates != null && candidates.iterator().hasNext() ? candidates.iterator().next() : "1";
            for (String name : names) {
                String[] line = o.arity().max() == 0 ? new String[] {"analyze", "x.pcap", name}
                        : new String[] {"analyze", "x.pcap", name, value};
                assertThat(picocli(line)).as(String.join(" ", line)).isNotNull();
                if (QuickAnalyzeArgs.parse(line) == null) {
                    unknown.add(name);
                }
            }
        }
        // a new option the quick path does not know still works (picocli parses), only more slowly
        assertThat(unknown).as("analyze options the quick path leaves to picocli").isEmpty();
    }

    @Test
    void quickAndPicocliRunsGiveTheSameReportAndErrors() throws Exception {
        Path a = tmp.resolve("quick.json");
        Path b = tmp.resolve("picocli.json");
        StringWriter err1 = new StringWriter();
        // the same command, once plain (quick) and once ending in "--" (picocli only)
        int c1 = Drsip.execute(new String[] {"analyze", "--sample", "--format", "json", "-o", a.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err1, true));
        int c2 = Drsip.execute(new String[] {"analyze", "--sample", "--format", "json", "-o", b.toString(), "--"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        assertThat(c1).isEqualTo(c2).isZero();
        assertThat(err1.toString()).isEmpty();
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b));

        // a user's mistake found while running (no such file): one line and the input exit code either way
        StringWriter e1 = new StringWriter();
        StringWriter e2 = new StringWriter();
        int m1 = Drsip.execute(new String[] {"analyze", tmp.resolve("missing.pcap").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(e1, true));
        int m2 = Drsip.execute(new String[] {"analyze", tmp.resolve("missing.pcap").toString(), "--"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(e2, true));
        assertThat(m1).isEqualTo(m2).isEqualTo(ExitCodes.INPUT);
        assertThat(e1.toString()).isEqualTo(e2.toString()).startsWith("drsip: ").doesNotContain("Exception");
    }
}
