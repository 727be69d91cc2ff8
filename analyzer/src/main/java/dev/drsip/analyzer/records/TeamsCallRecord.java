package dev.drsip.analyzer.records;

import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import java.time.Instant;

/**
 * One Direct Routing call as Microsoft recorded it, from either export: the Teams admin center
 * PSTN usage report (Direct Routing tab, CSV) or Microsoft Graph {@code getDirectRoutingCalls}
 * ({@code directRoutingLogRow}). Field names follow Graph; the CSV column each comes from is in
 * brackets. Absent values are null (times, texts, subcode) or -1 (SIP code).
 *
 * @param where file and line (CSV: line the row starts on; JSON: line of the row's opening brace)
 * @param correlationId [Correlation ID / CorrelationId] correlationId: the GUID users quote to Microsoft support
 * @param sharedCorrelationId [Shared correlation ID] links related legs (transfers); CSV only
 * @param sbcFqdn [SBC FQDN] trunkFullyQualifiedDomainName, lower case
 * @param callType [Call type] callType as written (dr_in, dr_out, dr_in_ucap, ...)
 * @param direction from the call type: "in" = INBOUND (SBC -> Microsoft), "out" = OUTBOUND
 * @param successful [Success / Event type] successfulCall; null when absent
 * @param finalSipCode [Final SIP code] finalSipCode, -1 when absent
 * @param microsoftCode [Final Microsoft subcode] callEndSubReason, null when absent
 * @param finalSipPhrase [Final SIP Phrase] finalSipCodePhrase
 * @param inviteTime [Invite time] inviteDateTime
 * @param startTime [Start time / Time stamp] startDateTime
 * @param failureTime [Failure time] failureDateTime (failed calls only)
 * @param endTime [End time] endDateTime (successful calls only)
 * @param callerNumber [Caller Number] callerNumber, as written (may be non-E.164 or a name)
 * @param calleeNumber [Callee Number] calleeNumber, as written
 * @param signalingLocation [Azure region for Signaling] signalingLocation
 * @param durationSeconds [Duration (seconds)] duration, -1 when absent
 */
public record TeamsCallRecord(
        Where where,
        String correlationId,
        String sharedCorrelationId,
        String sbcFqdn,
        String callType,
        Direction direction,
        Boolean successful,
        int finalSipCode,
        Integer microsoftCode,
        String finalSipPhrase,
        Instant inviteTime,
        Instant startTime,
        Instant failureTime,
        Instant endTime,
        String callerNumber,
        String calleeNumber,
        String signalingLocation,
        int durationSeconds) {

    /** When the call began for matching: the invite time, else start, else failure time; null if none. */
    public Instant referenceTime() {
        if (inviteTime != null) {
            return inviteTime;
        }
        return startTime != null ? startTime : failureTime;
    }

    /** Direction from a call type: {@code dr_in}, {@code dr_in_ucap} = inbound; {@code dr_out*}, {@code user_out_*} = outbound. */
    public static Direction directionOf(String callType) {
        if (callType == null) {
            return Direction.UNKNOWN;
        }
        String t = "_" + callType.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_') + "_";
        if (t.contains("_in_") || t.contains("_inbound_")) {
            return Direction.INBOUND;
        }
        if (t.contains("_out_") || t.contains("_outbound_")) {
            return Direction.OUTBOUND;
        }
        return Direction.UNKNOWN;
    }
}
