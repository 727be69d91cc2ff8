package dev.drsip.analyzer.records;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ReasonValue;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pairs Microsoft's call records with the calls of a trace and compares what each says.
 *
 * <p>Matching rules, in this order; every record and every call is used at most once:
 * <ol>
 *   <li><b>GUID.</b> A record whose correlation id equals (ignoring case) the GUID in a Reason
 *       header of a traced call ({@code text="<GUID>;<phrase>"}) is that call. This is exact.
 *   <li><b>Clock offset.</b> The median of (record invite time - trace INVITE time) over the GUID
 *       pairs is taken as the offset between Microsoft's clock and the capture's (0 without GUID
 *       pairs), and applied to the windows below.
 *   <li><b>Time and numbers.</b> Otherwise a record and a call are candidates when: the SBC is the
 *       same (record SBC FQDN = trace SBC name, ignoring case; when the trace knows the SBC only by
 *       an IP address, any SBC); the direction is the same when both are known; the record's
 *       invite time (else start, else failure time) is within the tolerance (default 10 s) of the
 *       trace's INVITE time after the offset; and no number contradicts: caller with caller and
 *       callee with callee, compared on digits only (sip:/tel: prefixes, '+', parameters and
 *       leading zeros dropped), equal or one ending with the other when the shorter has at least
 *       6 digits (so +4930123456 matches 030123456). A candidate where both sides have numbers needs
 *       at least one number to agree; when the record has no numbers at all it pairs on time only.
 *       Candidates are paired best first: more agreeing numbers, then the smaller time difference.
 * </ol>
 *
 * <p>Records outside the trace's span (first INVITE - tolerance .. last call event + tolerance)
 * are counted apart, not as only-records: a month of records against an hour of capture is
 * normal. Records of SBCs the trace never saw stay only-records (Microsoft failing to reach an SBC,
 * 569xxx, shows up exactly so), with their SBC marked as not in the trace.
 *
 * <p>Comparison: the record's outcome ({@link RecordsReport#outcomeOf}) and side
 * ({@link RecordsReport#sideOf}) against the trace's outcome and failure side; see
 * {@link Reconciliation.Verdict}.
 */
public final class CallReconciler {
    /** Default time tolerance between a record's invite time and the trace's INVITE. */
    public static final long DEFAULT_TOLERANCE_MILLIS = 10_000;
    static final int MIN_SUFFIX_DIGITS = 6;

    private CallReconciler() {
    }

    public static Reconciliation reconcile(List<CallRecord> trace, List<TeamsCallRecord> records) {
        return reconcile(trace, records, DEFAULT_TOLERANCE_MILLIS);
    }

    public static Reconciliation reconcile(List<CallRecord> trace, List<TeamsCallRecord> records, long toleranceMillis) {
        List<CallRecord> calls = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (CallRecord c : trace) {
            if (!c.directRouting() || c.inviteTime() < 0) {
                continue;
            }
            calls.add(c);
            first = Math.min(first, millis(c.inviteTime()));
            last = Math.max(last, millis(Math.max(c.inviteTime(), c.endTime())));
        }
        calls.sort(Comparator.comparingLong(CallRecord::inviteTime));
        boolean[] callUsed = new boolean[calls.size()];
        boolean[] recUsed = new boolean[records.size()];
        List<Reconciliation.Match> matches = new ArrayList<>();

        // 1. GUID
        Map<String, Integer> byCorrelation = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String id = records.get(i).correlationId();
            if (id != null) {
                byCorrelation.putIfAbsent(id.toLowerCase(Locale.ROOT), i);
            }
        }
        List<Long> offsets = new ArrayList<>();
        for (int ci = 0; ci < calls.size(); ci++) {
            CallRecord c = calls.get(ci);
            for (ReasonValue r : c.reasons()) {
                if (r.guid() == null) {
                    continue;
                }
                Integer ri = byCorrelation.get(r.guid().toLowerCase(Locale.ROOT));
                if (ri != null && !recUsed[ri]) {
                    recUsed[ri] = true;
                    callUsed[ci] = true;
                    TeamsCallRecord rec = records.get(ri);
                    long off = offset(rec, c);
                    if (rec.referenceTime() != null) {
                        offsets.add(off);
                    }
                    matches.add(compare(rec, c, Reconciliation.MatchedBy.GUID, off));
                    break;
                }
            }
        }
        // 2. clock offset
        long skew = 0;
        if (!offsets.isEmpty()) {
            offsets.sort(null);
            skew = offsets.get(offsets.size() / 2);
        }
        // 3. time and numbers: candidates from per-SBC time-sorted records
        Map<String, List<Integer>> bySbc = new HashMap<>();
        List<Integer> allTimed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            TeamsCallRecord r = records.get(i);
            if (recUsed[i] || r.referenceTime() == null) {
                continue;
            }
            bySbc.computeIfAbsent(key(r.sbcFqdn()), k -> new ArrayList<>()).add(i);
            allTimed.add(i);
        }
        Comparator<Integer> byTime = Comparator.comparing(i -> records.get(i).referenceTime());
        bySbc.values().forEach(l -> l.sort(byTime));
        allTimed.sort(byTime);
        // numbers normalised once per record and per call, not per candidate pair
        String[] recCaller = new String[records.size()];
        String[] recCallee = new String[records.size()];
        for (int i = 0; i < records.size(); i++) {
            recCaller[i] = digits(records.get(i).callerNumber());
            recCallee[i] = digits(records.get(i).calleeNumber());
        }
        List<long[]> candidates = new ArrayList<>(); // {callIndex, recordIndex, agreeingNumbers, |dt|}
        for (int ci = 0; ci < calls.size(); ci++) {
            if (callUsed[ci]) {
                continue;
            }
            CallRecord c = calls.get(ci);
            String callCaller = digits(c.caller());
            String callCallee = digits(c.callee());
            boolean traceHasNumbers = !callCaller.isEmpty() || !callCallee.isEmpty();
            List<Integer> pool = isAddress(c.sbc()) ? allTimed : bySbc.getOrDefault(key(c.sbc()), List.of());
            long want = millis(c.inviteTime()) + skew;
            int from = lowerBound(pool, records, want - toleranceMillis);
            for (int k = from; k < pool.size(); k++) {
                int ri = pool.get(k);
                TeamsCallRecord r = records.get(ri);
                long t = r.referenceTime().toEpochMilli();
                if (t > want + toleranceMillis) {
                    break;
                }
                if (c.direction() != Direction.UNKNOWN && r.direction() != Direction.UNKNOWN && c.direction() != r.direction()) {
                    continue;
                }
                int caller = compareDigits(callCaller, recCaller[ri]);
                int callee = compareDigits(callCallee, recCallee[ri]);
                if (caller < 0 || callee < 0) {
                    continue;
                }
                boolean recordHasNumbers = !recCaller[ri].isEmpty() || !recCallee[ri].isEmpty();
                if (recordHasNumbers && traceHasNumbers && caller + callee == 0) {
                    continue;
                }
                candidates.add(new long[] {ci, ri, caller + callee, Math.abs(t - want)});
            }
        }
        candidates.sort(Comparator.<long[]>comparingLong(a -> -a[2]).thenComparingLong(a -> a[3])
                .thenComparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        for (long[] cand : candidates) {
            int ci = (int) cand[0];
            int ri = (int) cand[1];
            if (callUsed[ci] || recUsed[ri]) {
                continue;
            }
            callUsed[ci] = true;
            recUsed[ri] = true;
            TeamsCallRecord r = records.get(ri);
            matches.add(compare(r, calls.get(ci), cand[2] > 0 ? Reconciliation.MatchedBy.TIME_AND_NUMBERS
                    : Reconciliation.MatchedBy.TIME_ONLY, offset(r, calls.get(ci))));
        }
        matches.sort(Comparator.comparingLong(m -> m.call().inviteTime()));

        // leftovers
        List<CallRecord> onlyTrace = new ArrayList<>();
        for (int ci = 0; ci < calls.size(); ci++) {
            if (!callUsed[ci]) {
                onlyTrace.add(calls.get(ci));
            }
        }
        List<TeamsCallRecord> onlyRecords = new ArrayList<>();
        long outside = 0;
        for (int ri = 0; ri < records.size(); ri++) {
            if (recUsed[ri]) {
                continue;
            }
            Instant t = records.get(ri).referenceTime();
            boolean inSpan = !calls.isEmpty() && t != null && t.toEpochMilli() - skew >= first - toleranceMillis
                    && t.toEpochMilli() - skew <= last + toleranceMillis;
            if (inSpan) {
                onlyRecords.add(records.get(ri));
            } else {
                outside++;
            }
        }
        return new Reconciliation(toleranceMillis, skew, offsets.size(), calls.isEmpty() ? -1 : first,
                calls.isEmpty() ? -1 : last, perSbc(calls, matches, onlyRecords, onlyTrace), List.copyOf(matches),
                disagreements(matches), List.copyOf(onlyRecords), List.copyOf(onlyTrace), outside);
    }

    private static List<Reconciliation.Match> disagreements(List<Reconciliation.Match> matches) {
        List<Reconciliation.Match> out = new ArrayList<>();
        for (Reconciliation.Match m : matches) {
            if (m.verdict() == Reconciliation.Verdict.SIDE_DIFFERS || m.verdict() == Reconciliation.Verdict.OUTCOME_DIFFERS) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }

    private static List<Reconciliation.SbcReconciliation> perSbc(List<CallRecord> calls, List<Reconciliation.Match> matches,
            List<TeamsCallRecord> onlyRecords, List<CallRecord> onlyTrace) {
        // counters: bothSaw, onlyRecords, onlyTrace, agree, side, outcome, undecided, codesAgree, codesDiffer, byGuid
        Map<String, long[]> acc = new TreeMap<>();
        Map<String, Boolean> inTrace = new HashMap<>();
        for (CallRecord c : calls) {
            inTrace.put(key(c.sbc()), true);
        }
        for (Reconciliation.Match m : matches) {
            inTrace.put(m.sbc(), true); // also when the trace knew this SBC only by its address
            long[] a = acc.computeIfAbsent(m.sbc(), k -> new long[10]);
            a[0]++;
            a[3 + m.verdict().ordinal()]++;
            if (m.codesAgree() != null) {
                a[m.codesAgree() ? 7 : 8]++;
            }
            if (m.matchedBy() == Reconciliation.MatchedBy.GUID) {
                a[9]++;
            }
        }
        for (TeamsCallRecord r : onlyRecords) {
            acc.computeIfAbsent(key(r.sbcFqdn()), k -> new long[10])[1]++;
        }
        for (CallRecord c : onlyTrace) {
            acc.computeIfAbsent(key(c.sbc()), k -> new long[10])[2]++;
        }
        List<Reconciliation.SbcReconciliation> out = new ArrayList<>();
        acc.forEach((sbc, a) -> out.add(new Reconciliation.SbcReconciliation(sbc, inTrace.getOrDefault(sbc, false),
                a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9])));
        return List.copyOf(out);
    }

    static Reconciliation.Match compare(TeamsCallRecord r, CallRecord c, Reconciliation.MatchedBy by, long offset) {
        CallOutcome ro = RecordsReport.outcomeOf(r);
        boolean recordFailed = ro.isFailure();
        boolean traceFailed = c.outcome().isFailure();
        Side rs = recordFailed ? RecordsReport.sideOf(r) : null;
        Side ts = traceFailed ? (c.failureSide() == null ? Side.UNKNOWN : c.failureSide()) : null;
        Integer traceCode = c.microsoftCode() == null ? null : c.microsoftCode().code();
        Boolean codes = traceCode == null || r.microsoftCode() == null ? null : traceCode.equals(r.microsoftCode());
        Reconciliation.Verdict v;
        if (c.outcome() == CallOutcome.IN_PROGRESS) {
            v = Reconciliation.Verdict.UNDECIDED;
        } else if (!recordFailed && !traceFailed) {
            v = Reconciliation.Verdict.AGREE;
        } else if (recordFailed != traceFailed) {
            v = Reconciliation.Verdict.OUTCOME_DIFFERS;
        } else if (rs == Side.UNKNOWN || ts == Side.UNKNOWN) {
            v = Reconciliation.Verdict.UNDECIDED;
        } else if (rs == ts) {
            v = Reconciliation.Verdict.AGREE;
        } else {
            v = Reconciliation.Verdict.SIDE_DIFFERS;
        }
        // Agreements are the bulk of a large reconciliation: their sentence is short and shared.
        String why = v == Reconciliation.Verdict.AGREE ? (recordFailed ? AGREE_FAILED : AGREE_DELIVERED)
                : explain(v, r, c, rs, ts);
        String sbc = r.sbcFqdn() != null ? r.sbcFqdn() : key(c.sbc());
        return new Reconciliation.Match(sbc, r, c, by, offset, ro, rs, ts, codes, v, why);
    }

    static final String AGREE_DELIVERED = "both say the call was delivered";
    static final String AGREE_FAILED = "both put the failure on the same side";

    private static String explain(Reconciliation.Verdict v, TeamsCallRecord r, CallRecord c, Side rs, Side ts) {
        String rc = describeRecord(r);
        String tc = describeTrace(c);
        if (c.outcome() == CallOutcome.IN_PROGRESS) {
            return "the trace ends before the call's final answer: records " + rc + ", wire " + tc;
        }
        switch (v) {
            case OUTCOME_DIFFERS:
                return rs != null
                        ? "Microsoft reports a failure (" + rc + ", " + rs.label() + " side) but the wire shows " + tc
                        : "Microsoft reports " + rc + " but the wire shows a failure (" + tc + ", " + ts.label() + " side)";
            case UNDECIDED:
                return "both failed; side unknown on " + (rs == Side.UNKNOWN ? "Microsoft's" : "the wire's")
                        + " view: records " + rc + ", wire " + tc;
            case SIDE_DIFFERS:
                return "Microsoft puts the failure on the " + rs.label() + " side (" + rc + ") but the wire shows the "
                        + ts.label() + " side (" + tc + ")";
            default:
                return "records " + rc + ", wire " + tc;
        }
    }

    private static String describeRecord(TeamsCallRecord r) {
        StringBuilder b = new StringBuilder();
        b.append(r.finalSipCode() >= 0 ? "SIP " + r.finalSipCode() : "no SIP code");
        if (r.microsoftCode() != null) {
            b.append(" / ").append(r.microsoftCode());
        }
        if (Boolean.TRUE.equals(r.successful())) {
            b.append(" (successful)");
        }
        return b.toString();
    }

    private static String describeTrace(CallRecord c) {
        StringBuilder b = new StringBuilder();
        b.append(c.outcome().label());
        if (c.finalSipCode() > 0) {
            b.append(", final ").append(c.finalSipCode());
            if (c.finalFrom() != null && c.finalFrom() != Side.UNKNOWN) {
                b.append(" from ").append(c.finalFrom().label());
            }
        }
        if (c.microsoftCode() != null && c.microsoftCode().code() != null) {
            b.append(" = ").append(c.microsoftCode().code());
        }
        return b.toString();
    }

    private static long offset(TeamsCallRecord r, CallRecord c) {
        Instant t = r.referenceTime();
        return t == null ? 0 : t.toEpochMilli() - millis(c.inviteTime());
    }

    private static long millis(long nanos) {
        return Math.floorDiv(nanos, 1_000_000L);
    }

    private static String key(String sbc) {
        return sbc == null ? RecordsReport.NO_SBC : sbc.toLowerCase(Locale.ROOT);
    }

    private static boolean isAddress(String sbc) {
        return sbc != null && IpAddress.parse(sbc) != null;
    }

    private static int lowerBound(List<Integer> pool, List<TeamsCallRecord> records, long t) {
        int lo = 0;
        int hi = pool.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (records.get(pool.get(mid)).referenceTime().toEpochMilli() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** 1 when both numbers are present and agree, 0 when either is missing, -1 when they contradict. */
    static int numbers(String traceNumber, String recordNumber) {
        return compareDigits(digits(traceNumber), digits(recordNumber));
    }

    private static int compareDigits(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        if (a.equals(b)) {
            return 1;
        }
        String longer = a.length() >= b.length() ? a : b;
        String shorter = longer == a ? b : a;
        return shorter.length() >= MIN_SUFFIX_DIGITS && longer.endsWith(shorter) ? 1 : -1;
    }

    /** Digits of a number as written: "sip:+49 30-123;user=phone@host" -> "4930123"; leading zeros dropped. */
    static String digits(String number) {
        if (number == null) {
            return "";
        }
        String s = number;
        int colon = s.indexOf(':');
        if (colon >= 0 && colon < 5) {
            s = s.substring(colon + 1);
        }
        int cut = s.length();
        for (char c : new char[] {'@', ';'}) {
            int i = s.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cut; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' && !(b.length() == 0 && c == '0')) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
