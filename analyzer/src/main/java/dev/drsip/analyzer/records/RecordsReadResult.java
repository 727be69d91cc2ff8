package dev.drsip.analyzer.records;

import dev.drsip.analyzer.model.ProblemCount;
import java.util.List;

/**
 * What reading one records file gave.
 *
 * @param file the file as given
 * @param format "pstn-usage-csv", "graph-json", or "unknown"
 * @param rows data rows seen (CSV rows after the header; JSON objects in {@code value} arrays)
 * @param pages Graph pages seen (objects with a {@code value} array); 0 for CSV
 * @param records the rows read, in file order
 * @param problems bad rows and values by reason, with the first places (file + line)
 * @param missingColumns CSV: required columns the header lacks (then no row is read); else empty
 * @param notes facts worth telling the user (e.g. the last Graph page still has a nextLink)
 */
public record RecordsReadResult(String file, String format, long rows, int pages, List<TeamsCallRecord> records,
        List<ProblemCount> problems, List<String> missingColumns, List<String> notes) {

    public long problemCount() {
        long n = 0;
        for (ProblemCount p : problems) {
            n += p.count();
        }
        return n;
    }

    /** False when nothing could be read at all (unknown format, missing required columns, unreadable JSON). */
    public boolean usable() {
        return !format.equals("unknown") && missingColumns.isEmpty() && !(rows == 0 && problemCount() > 0);
    }
}
