package dev.drsip.analyzer.records;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads Microsoft's Direct Routing call records: the Teams admin center PSTN usage report CSV
 * (Direct Routing tab) or Microsoft Graph {@code getDirectRoutingCalls} JSON (one or several
 * pages). The format is recognised from the content (JSON starts with '{' or '['), gzip is
 * unpacked. Bad rows are counted with their file and line and reading goes on; only I/O errors
 * throw.
 */
public final class TeamsRecordsSource {
    private TeamsRecordsSource() {
    }

    /** Reads one file. @throws IOException when the file cannot be read */
    public static RecordsReadResult read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        }
    }

    /** Reads a stream (not closed); {@code name} is used in problem locations. */
    public static RecordsReadResult read(String name, InputStream raw) throws IOException {
        java.io.BufferedInputStream b = new java.io.BufferedInputStream(raw, 1 << 16);
        b.mark(2);
        int b0 = b.read();
        int b1 = b.read();
        b.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, utf8), 1 << 16);
        r.mark(4096);
        int c;
        int seen = 0;
        do {
            c = r.read();
            seen++;
        } while (c >= 0 && seen < 4000 && (c == '\uFEFF' || Character.isWhitespace(c)));
        r.reset();
        if (c < 0) {
            return new RecordsReadResult(name, "unknown", 0, 0, List.of(),
                    List.of(new dev.drsip.analyzer.model.ProblemCount("records.empty", 1,
                            List.of(new dev.drsip.analyzer.model.ProblemCount.Example(new Where(name, 0), "the file is empty")))),
                    List.of(), List.of());
        }
        if (c == '{' || c == '[') {
            return GraphDirectRoutingReader.read(name, r);
        }
        return PstnUsageCsvReader.read(name, r);
    }

    /**
     * Whether a file looks like call records rather than a trace, from its first 64 KiB (unpacked
     * when gzip): "graph-json" for JSON naming directRoutingLogRow properties, "pstn-usage-csv" for
     * a text whose first line names at least two record columns; empty otherwise (a pcap, pcapng,
     * or anything else). Lets a command accept traces and records in one argument list.
     */
    public static java.util.Optional<String> sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream raw = Files.newInputStream(file)) {
            java.io.BufferedInputStream b = new java.io.BufferedInputStream(raw, 1 << 16);
            b.mark(2);
            int b0 = b.read();
            int b1 = b.read();
            b.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
            head = in.readNBytes(1 << 16);
        } catch (java.util.zip.ZipException e) {
            return java.util.Optional.empty();
        }
        String text = new String(head, StandardCharsets.UTF_8);
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String trimmed = t.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            for (String key : new String[] {"directRoutingLogRow", "finalSipCode", "trunkFullyQualifiedDomainName",
                "callEndSubReason"}) {
                if (t.contains(key)) {
                    return java.util.Optional.of(GraphDirectRoutingReader.FORMAT);
                }
            }
            return java.util.Optional.empty();
        }
        String first = t.split("\r?\n", 2)[0];
        if (first.indexOf('\0') >= 0) {
            return java.util.Optional.empty();
        }
        int known = 0;
        for (String cell : first.split("[,;\t]")) {
            if (RecordFields.field(cell.replace("\"", "")) != null) {
                known++;
            }
        }
        return known >= 2 ? java.util.Optional.of(PstnUsageCsvReader.FORMAT) : java.util.Optional.empty();
    }

    /** Convenience for callers that collect problems as {@link Malformed} values. */
    public static Malformed firstProblem(RecordsReadResult r) {
        if (r.problems().isEmpty()) {
            return null;
        }
        var p = r.problems().get(0);
        var ex = p.examples().isEmpty() ? null : p.examples().get(0);
        return new Malformed(p.reason(), ex == null ? new Where(r.file(), 0) : ex.where(), ex == null ? "" : ex.detail());
    }
}
