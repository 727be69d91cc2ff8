package dev.drsip.cli;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.records.RecordsInputs;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drsip analyze FILE...}: trace files in, report out. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Find the failed calls in SBC traces: Microsoft's side or the SBC's?",
            "",
            "Every failed call gets its final SIP code, who sent it, the side",
            "(microsoft or sbc) and the Microsoft response code (560xxx, 540xxx,",
            "569xxx, 510xxx, ...) reconstructed from the wire, as the Teams admin",
            "center would show it.",
            "",
            "Reads pcap and pcapng (also .gz): Ethernet/VLAN/QinQ, Linux cooked",
            "SLL/SLL2, loopback, raw IP, Wireshark exported PDUs (decrypted SIP),",
            "GRE/ERSPAN/VXLAN/IP-in-IP mirror tunnels, IPv4/IPv6 fragments and TCP",
            "streams. Several files are merged in time order. Damaged input is",
            "counted, reported with its file and frame number, and skipped.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  drsip analyze --sample",
            "      a real report on the embedded sample trace",
            "  drsip analyze sbc1-tuesday.pcapng",
            "  drsip analyze a.pcap b.pcap.gz --format json -o report.json",
            "  drsip analyze PSTNUsage.csv",
            "      the same report from the admin center's export alone",
            "  drsip analyze sbc1.pcapng --calls PSTNUsage.csv",
            "      reconcile the trace with Microsoft's records: who saw which",
            "      call, and where Microsoft's side differs from the wire",
            "  drsip analyze lab.pcap --microsoft-net 127.0.0.3/32 \\",
            "        --sbc sbc1.contoso.com=127.0.0.2",
            "",
            "Directions are Microsoft's: outbound = a Teams user calls the PSTN",
            "(INVITE Microsoft -> SBC); inbound = a PSTN caller reaches Teams",
            "(INVITE SBC -> Microsoft).",
            "",
            ExitCodes.HELP
        })
public final class AnalyzeCommand implements Callable<Integer> {

    /** The trace the README's first command analyses. */
    static final String SAMPLE = "sample-dr-day.pcapng";

    @Parameters(arity = "0..*", paramLabel = "FILE",
            description = "pcap/pcapng trace files (optionally gzip-compressed). Teams call records (PSTN usage "
                    + "CSV, Graph getDirectRoutingCalls JSON) are recognised by content: alone they give the "
                    + "report from Microsoft's records; beside traces they are reconciled with them.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--calls", paramLabel = "RECORDS",
            description = "Teams call records to reconcile with the traces: the admin center's PSTN usage "
                    + "report export (Direct Routing, CSV) or Graph getDirectRoutingCalls JSON (repeatable).")
    List<Path> calls = new ArrayList<>();

    @Option(names = "--sample", description = "Analyse the embedded sample trace (a Direct Routing day with failures on both sides).")
    boolean sample;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Report format (default: ${DEFAULT-VALUE}). JSON fields are documented in the README.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--sbc", paramLabel = "NAME=ADDRESS",
            description = "Name an SBC by address, e.g. --sbc sbc1.contoso.com=203.0.113.10 (repeatable). "
                    + "Its name is also treated as a configured SBC FQDN by the rules.")
    List<String> sbcs = new ArrayList<>();

    @Option(names = "--microsoft-net", paramLabel = "CIDR",
            description = "Also treat this network as Microsoft's SIP proxy (repeatable), e.g. 127.0.0.3/32 for lab traces.")
    List<String> microsoftNets = new ArrayList<>();

    @Option(names = "--sip-port", paramLabel = "PORT", split = ",",
            description = "Ports always decoded as SIP (default 5060,5061,5067,5068). SIP on other ports is found by its start line.")
    List<Integer> sipPorts = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "error|warning|never", defaultValue = "never",
            description = "Exit with code 1 when a finding of this severity or worse is raised (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--progress", negatable = true,
            description = "Show progress on stderr (default: only when stderr is a terminal).")
    Boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The streams when run without picocli ({@link QuickAnalyzeArgs}); else picocli's. */
    private PrintWriter quickOut;
    private PrintWriter quickErr;

    /** Runs a command {@link QuickAnalyzeArgs} filled in, with these streams. */
    Integer callWith(PrintWriter out, PrintWriter err) throws IOException {
        quickOut = out;
        quickErr = err;
        return call();
    }

    private PrintWriter out() {
        return quickOut != null ? quickOut : spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return quickErr != null ? quickErr : spec.commandLine().getErr();
    }

    enum Format { text, json }

    enum FailOn {
        error, warning, never;

        int exitCode(List<FindingView> findings) {
            for (FindingView f : findings) {
                boolean hit = switch (this) {
                    case error -> f.severity().equals("error");
                    case warning -> f.severity().equals("error") || f.severity().equals("warning");
                    case never -> false;
                };
                if (hit) {
                    return ExitCodes.FINDINGS;
                }
            }
            return ExitCodes.OK;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = err();
        AnalyzerConfig config;
        try {
            config = AnalyzerConfig.fromOptions(microsoftNets, sbcs);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, e.getMessage());
        }
        List<Path> inputs = resolveInputs();
        List<Path> traces = new ArrayList<>();
        List<Path> recordFiles = new ArrayList<>(calls);
        for (Path p : inputs) {
            if (dev.drsip.analyzer.records.TeamsRecordsSource.sniff(p).isPresent()) {
                recordFiles.add(p);
            } else {
                traces.add(p);
            }
        }
        RecordsInputs records = recordFiles.isEmpty() ? null : readRecords(recordFiles);
        ProgressMeter meter = new ProgressMeter(err, progress);
        AnalysisRunner runner = new AnalysisRunner(config, sipPorts);
        AnalysisRunner.ReportResult r;
        try {
            r = traces.isEmpty() ? AnalysisRunner.recordsOnly(records) : runner.run(traces, records, meter);
        } catch (IOException e) {
            // the sources name the file in their messages
            throw new UserError(ExitCodes.INPUT, e.getMessage());
        } finally {
            meter.done();
        }
        ReportModel model = r.model(version());
        writeReport(model);
        return failOn.exitCode(model.findings());
    }

    static String version() {
        String v = AnalyzeCommand.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    private static RecordsInputs readRecords(List<Path> files) throws IOException {
        for (Path p : files) {
            checkReadable(p);
        }
        RecordsInputs in = RecordsInputs.read(files);
        if (!in.anyUsable()) {
            StringBuilder why = new StringBuilder("no usable Teams call records:");
            for (var f : in.files()) {
                why.append("\n  ").append(f.file()).append(": ");
                if (!f.missingColumns().isEmpty()) {
                    why.append("missing column(s) ").append(String.join(", ", f.missingColumns()));
                } else if (!f.problems().isEmpty() && !f.problems().get(0).examples().isEmpty()) {
                    why.append(f.problems().get(0).examples().get(0).detail());
                } else {
                    why.append("not a PSTN usage CSV or Graph getDirectRoutingCalls JSON file");
                }
            }
            throw new UserError(ExitCodes.INPUT, why.toString());
        }
        return in;
    }

    private static void checkReadable(Path p) {
        if (!Files.exists(p)) {
            throw new UserError(ExitCodes.INPUT, p + ": no such file");
        }
        if (Files.isDirectory(p)) {
            throw new UserError(ExitCodes.INPUT, p + ": is a directory, expected a file");
        }
        if (!Files.isReadable(p)) {
            throw new UserError(ExitCodes.INPUT, p + ": not readable (permissions?)");
        }
    }

    private List<Path> resolveInputs() throws IOException {
        List<Path> inputs = new ArrayList<>(files);
        if (sample) {
            inputs.add(SampleTrace.extract());
        }
        if (inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no input: give one or more trace (or Teams call record) files, or --sample to try the embedded sample");
        }
        for (Path p : inputs) {
            checkReadable(p);
        }
        return inputs;
    }

    private void writeReport(ReportModel model) throws IOException {
        Writer w = output == null
                ? out()
                : new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8);
        try {
            if (format == Format.json) {
                new JsonReportSink(FailureAdvice.fromCatalog()).write(model, w);
            } else {
                new TextReportSink(FailureAdvice.fromCatalog()).write(model, w);
            }
        } finally {
            if (output != null) {
                w.close();
            }
        }
    }
}
