package dev.drsip.analyzer.records;

import dev.drsip.analyzer.model.ProblemCount;
import dev.drsip.sip.Malformed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts bad input by reason, keeping the first five places of each (bounded memory). */
final class ProblemCounter {
    private static final int EXAMPLES = 5;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, List<ProblemCount.Example>> examples = new LinkedHashMap<>();

    void add(Malformed m) {
        counts.computeIfAbsent(m.reason(), k -> new long[1])[0]++;
        List<ProblemCount.Example> l = examples.computeIfAbsent(m.reason(), k -> new ArrayList<>());
        if (l.size() < EXAMPLES) {
            l.add(new ProblemCount.Example(m.where(), m.detail()));
        }
    }

    long total() {
        long n = 0;
        for (long[] c : counts.values()) {
            n += c[0];
        }
        return n;
    }

    List<ProblemCount> result() {
        List<ProblemCount> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            out.add(new ProblemCount(e.getKey(), e.getValue()[0], List.copyOf(examples.get(e.getKey()))));
        }
        out.sort(Comparator.comparingLong(ProblemCount::count).reversed().thenComparing(ProblemCount::reason));
        return out;
    }
}
