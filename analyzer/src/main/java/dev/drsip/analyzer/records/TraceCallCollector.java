package dev.drsip.analyzer.records;

import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the Direct Routing calls of a trace analysis for {@link CallReconciler}, bounded: only the
 * calls whose INVITE falls in the records' time span (plus the tolerance and a margin for clock
 * offset) and at most {@code maxCalls} of them; the rest are counted. Register it as an
 * {@link AnalysisListener} of the analysis.
 */
public final class TraceCallCollector implements AnalysisListener {
    /** Extra margin around the records' span for a clock offset between Microsoft and the capture. */
    public static final long MARGIN_MILLIS = 5 * 60_000L;

    private final long fromNanos;
    private final long toNanos;
    private final int maxCalls;
    private final List<CallRecord> calls = new ArrayList<>();
    private long outsideRecords;
    private long notDirectRouting;
    private long dropped;

    public TraceCallCollector(long fromNanos, long toNanos, int maxCalls) {
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
        this.maxCalls = maxCalls;
    }

    /** Collects the calls that can be compared with these records (all calls when no record has a time). */
    public static TraceCallCollector forRecords(List<TeamsCallRecord> records, long toleranceMillis, int maxCalls) {
        Instant first = null;
        Instant last = null;
        for (TeamsCallRecord r : records) {
            Instant t = r.referenceTime();
            if (t != null) {
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
        }
        if (first == null) {
            return new TraceCallCollector(Long.MIN_VALUE, Long.MAX_VALUE, maxCalls);
        }
        long pad = (toleranceMillis + MARGIN_MILLIS) * 1_000_000L;
        return new TraceCallCollector(nanos(first) - pad, nanos(last) + pad, maxCalls);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Override
    public void onMessage(ClassifiedMessage message) {
    }

    @Override
    public void onCall(CallRecord call) {
        if (!call.directRouting()) {
            notDirectRouting++;
            return;
        }
        if (call.inviteTime() < fromNanos || call.inviteTime() > toNanos) {
            outsideRecords++;
            return;
        }
        if (calls.size() >= maxCalls) {
            dropped++;
            return;
        }
        calls.add(call);
    }

    /** The kept calls, in delivery order. */
    public List<CallRecord> calls() {
        return calls;
    }

    /** Direct Routing calls outside the records' span (not compared). */
    public long outsideRecords() {
        return outsideRecords;
    }

    /** Calls without a Microsoft party. */
    public long notDirectRouting() {
        return notDirectRouting;
    }

    /** Calls dropped because {@code maxCalls} was reached. */
    public long dropped() {
        return dropped;
    }
}
