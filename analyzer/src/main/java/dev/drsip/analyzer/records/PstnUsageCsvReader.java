package dev.drsip.analyzer.records;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Teams admin center PSTN usage report, Direct Routing tab, exported as CSV. Columns are
 * found by header name, case-insensitively and in any order ({@link RecordFields}); unknown
 * columns are ignored. Required: SBC FQDN, Final SIP code, Call type, and Invite time or Start
 * time; when one is missing the file is refused with the list of what is missing and what was found.
 */
final class PstnUsageCsvReader {
    static final String FORMAT = "pstn-usage-csv";
    private static final String P = "records.csv";

    private PstnUsageCsvReader() {
    }

    static RecordsReadResult read(String file, BufferedReader in) throws IOException {
        ProblemCounter problems = new ProblemCounter();
        in.mark(1 << 16);
        char[] head = new char[1 << 15];
        int n = in.read(head);
        in.reset();
        String firstLine = n <= 0 ? "" : new String(head, 0, n).split("\r?\n", 2)[0];
        CsvRowReader rows = new CsvRowReader(in, CsvRowReader.sniffSeparator(firstLine));
        CsvRowReader.Row header = rows.next();
        if (header == null) {
            problems.add(new Malformed(P + ".empty", new Where(file, 0), "the file is empty"));
            return new RecordsReadResult(file, FORMAT, 0, 0, List.of(), problems.result(), List.of(), List.of());
        }
        Map<RecordFields.Field, Integer> columns = new EnumMap<>(RecordFields.Field.class);
        for (int i = 0; i < header.cells().size(); i++) {
            RecordFields.Field f = RecordFields.field(header.cells().get(i));
            if (f != null && !columns.containsKey(f)) {
                columns.put(f, i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (RecordFields.Field f : new RecordFields.Field[] {RecordFields.Field.SBC_FQDN,
            RecordFields.Field.FINAL_SIP_CODE, RecordFields.Field.CALL_TYPE}) {
            if (!columns.containsKey(f)) {
                missing.add(f.display);
            }
        }
        if (!columns.containsKey(RecordFields.Field.INVITE_TIME) && !columns.containsKey(RecordFields.Field.START_TIME)) {
            missing.add("Invite time (or Start time)");
        }
        if (!missing.isEmpty()) {
            problems.add(new Malformed(P + ".missing-columns", new Where(file, header.line()),
                    "not a Direct Routing PSTN usage report: missing column(s) " + String.join(", ", missing)
                            + "; the header has: " + String.join(", ", header.cells())));
            return new RecordsReadResult(file, FORMAT, 0, 0, List.of(), problems.result(), List.copyOf(missing), List.of());
        }
        List<String> notes = new ArrayList<>();
        for (RecordFields.Field f : new RecordFields.Field[] {RecordFields.Field.MICROSOFT_CODE,
            RecordFields.Field.CORRELATION_ID, RecordFields.Field.CALLER_NUMBER, RecordFields.Field.CALLEE_NUMBER}) {
            if (!columns.containsKey(f)) {
                notes.add("no '" + f.display + "' column: " + (f == RecordFields.Field.MICROSOFT_CODE
                        ? "failures are attributed from the SIP code only" : "matching with traces is weaker"));
            }
        }
        List<TeamsCallRecord> records = new ArrayList<>();
        RecordFields.Interner interner = new RecordFields.Interner();
        long count = 0;
        CsvRowReader.Row row;
        while ((row = rows.next()) != null) {
            count++;
            Where where = new Where(file, row.line());
            if (row.problem() != null) {
                problems.add(new Malformed("records." + row.problem(), where, "row skipped: " + describe(row.problem())));
                continue;
            }
            if (row.cells().size() != header.cells().size()) {
                problems.add(new Malformed(P + ".cell-count", where, "row skipped: " + row.cells().size()
                        + " cells where the header has " + header.cells().size()));
                continue;
            }
            Map<RecordFields.Field, String> values = new EnumMap<>(RecordFields.Field.class);
            for (Map.Entry<RecordFields.Field, Integer> c : columns.entrySet()) {
                values.put(c.getKey(), row.cells().get(c.getValue()));
            }
            records.add(RecordFields.toRecord(values, where, P, problems::add, interner));
        }
        return new RecordsReadResult(file, FORMAT, count, 0, List.copyOf(records), problems.result(), List.of(),
                List.copyOf(notes));
    }

    private static String describe(String problem) {
        switch (problem) {
            case "csv.unterminated-quote": return "a quoted field is not closed before the end of the file";
            case "csv.field-too-long": return "a field is longer than " + CsvRowReader.MAX_FIELD + " characters";
            case "csv.too-many-cells": return "more than " + CsvRowReader.MAX_CELLS + " cells";
            case "csv.text-after-quote": return "text after a closing quote";
            default: return problem;
        }
    }
}
