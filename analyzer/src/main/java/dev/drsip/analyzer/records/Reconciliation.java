package dev.drsip.analyzer.records;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.sip.dr.Side;
import java.util.List;

/**
 * Microsoft's call records and a trace put side by side ({@link CallReconciler}).
 *
 * @param toleranceMillis the time window used to pair calls without a shared GUID
 * @param skewMillis the clock offset applied (records minus trace), estimated from GUID pairs
 * @param skewPairs how many GUID pairs the offset was estimated from (0 = none, offset 0)
 * @param traceFirstMillis first INVITE of the trace (ms since epoch), -1 if no call
 * @param traceLastMillis last event of the trace's calls, -1 if no call
 * @param sbcs one line per SBC, sorted by name
 * @param matches every pair, in trace time order
 * @param disagreements the pairs whose verdict is SIDE_DIFFERS or OUTCOME_DIFFERS
 * @param onlyRecords records inside the trace's time span (plus tolerance) that no trace call matched
 * @param onlyTrace Direct Routing trace calls no record matched
 * @param outsideTrace records outside the trace's time span, or without any time (not counted as only-records)
 */
public record Reconciliation(long toleranceMillis, long skewMillis, int skewPairs, long traceFirstMillis,
        long traceLastMillis, List<SbcReconciliation> sbcs, List<Match> matches, List<Match> disagreements,
        List<TeamsCallRecord> onlyRecords, List<CallRecord> onlyTrace, long outsideTrace) {

    /** How a pair was made. */
    public enum MatchedBy {
        /** The record's correlation id is the GUID of a Reason header in the traced call. */
        GUID,
        /** Same SBC and direction, INVITE times within the tolerance, caller and callee numbers agree. */
        TIME_AND_NUMBERS,
        /** Same SBC and direction, INVITE times within the tolerance; one side has no numbers to compare. */
        TIME_ONLY
    }

    /** What the two views say about one call. */
    public enum Verdict {
        /** Both say the call was delivered (answered or a user outcome), or both say it failed on the same side. */
        AGREE,
        /** Both say it failed, on different sides. */
        SIDE_DIFFERS,
        /** One says it failed, the other that it was delivered. */
        OUTCOME_DIFFERS,
        /**
         * Both say it failed but one side is unknown (no Microsoft code, or an undecodable one), or
         * the trace ended before the call's final answer.
         */
        UNDECIDED
    }

    /**
     * One record paired with one traced call.
     *
     * @param sbc the SBC (the record's FQDN, else the trace's name)
     * @param record Microsoft's view
     * @param call the wire's view
     * @param matchedBy how they were paired
     * @param offsetMillis record invite time minus trace INVITE time (before skew correction); 0 when unknown
     * @param recordOutcome outcome per the record ({@link RecordsReport#outcomeOf})
     * @param recordSide side per the record's Microsoft code (failures only, else null)
     * @param traceSide side the wire shows ({@link CallRecord#failureSide()}, failures only, else null)
     * @param codesAgree the record's Microsoft code equals the one reconstructed from the wire (null when either is unknown)
     * @param verdict the comparison
     * @param explanation one sentence for the report
     */
    public record Match(String sbc, TeamsCallRecord record, CallRecord call, MatchedBy matchedBy, long offsetMillis,
            CallOutcome recordOutcome, Side recordSide, Side traceSide, Boolean codesAgree, Verdict verdict,
            String explanation) {
    }

    /**
     * Counts for one SBC.
     *
     * @param sbc name (lower-case FQDN)
     * @param inTrace the trace saw calls of this SBC (if not, every record of it is only-records by nature)
     * @param bothSaw pairs
     * @param onlyRecords records in the trace's span without a trace call
     * @param onlyTrace trace calls without a record
     * @param agree pairs with verdict AGREE
     * @param sideDiffers pairs with verdict SIDE_DIFFERS
     * @param outcomeDiffers pairs with verdict OUTCOME_DIFFERS
     * @param undecided pairs with verdict UNDECIDED
     * @param codesAgree pairs where both Microsoft codes are known and equal
     * @param codesDiffer pairs where both are known and differ
     * @param byGuid pairs made by GUID
     */
    public record SbcReconciliation(String sbc, boolean inTrace, long bothSaw, long onlyRecords, long onlyTrace,
            long agree, long sideDiffers, long outcomeDiffers, long undecided, long codesAgree, long codesDiffer,
            long byGuid) {
    }
}
