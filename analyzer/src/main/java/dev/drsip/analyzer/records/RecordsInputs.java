package dev.drsip.analyzer.records;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Several records files read together (for example a CSV export and Graph pages covering the same
 * days): per-file results, and the records merged with duplicates removed. Two rows are the same
 * call when they have the same correlation id and the same invite (else start, else failure)
 * time; rows without a correlation id are never merged.
 *
 * @param files what each file gave, in the order given
 * @param records every distinct record, in file order
 * @param duplicates rows dropped as duplicates of an earlier one
 */
public record RecordsInputs(List<RecordsReadResult> files, List<TeamsCallRecord> records, long duplicates) {

    /** Reads every file; unreadable content becomes problems in its result, only I/O errors throw. */
    public static RecordsInputs read(List<Path> paths) throws IOException {
        List<RecordsReadResult> results = new ArrayList<>();
        for (Path p : paths) {
            results.add(TeamsRecordsSource.read(p));
        }
        return merge(results);
    }

    public static RecordsInputs merge(List<RecordsReadResult> results) {
        Set<String> seen = new HashSet<>();
        List<TeamsCallRecord> out = new ArrayList<>();
        long dups = 0;
        for (RecordsReadResult r : results) {
            for (TeamsCallRecord t : r.records()) {
                if (t.correlationId() != null) {
                    Instant when = t.referenceTime();
                    String key = t.correlationId().toLowerCase(Locale.ROOT) + "|" + (when == null ? "" : when.toString());
                    if (!seen.add(key)) {
                        dups++;
                        continue;
                    }
                }
                out.add(t);
            }
        }
        return new RecordsInputs(List.copyOf(results), List.copyOf(out), dups);
    }

    /** True when at least one file could be read. */
    public boolean anyUsable() {
        for (RecordsReadResult r : files) {
            if (r.usable()) {
                return true;
            }
        }
        return false;
    }
}
