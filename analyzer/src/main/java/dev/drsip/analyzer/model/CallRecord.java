package dev.drsip.analyzer.model;

import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import java.util.List;

/**
 * One INVITE dialog (keyed by Call-ID; a new initial INVITE after a failed one in the same Call-ID
 * gives a new record), delivered when it ends, times out, is evicted, or the trace ends.
 * Times are event-time nanoseconds since the epoch; -1 when it did not happen.
 *
 * @param sbc SBC name (Contact FQDN, else address), null when not Direct Routing
 * @param sbcAddress the SBC's address as text, null when not Direct Routing
 * @param microsoftAddress the Microsoft proxy's address as text, null when not Direct Routing
 * @param caller From user part of the initial INVITE (may be null)
 * @param callee Request-URI user part of the initial INVITE (may be null)
 * @param ringTime first provisional response other than 100, -1 if none
 * @param answerTime first 2xx to the initial INVITE, -1 if not answered
 * @param endTime final response / BYE / timeout time
 * @param finalSipCode final response code of the initial INVITE as seen on the wire, 0 if none
 * @param finalReasonPhrase its reason phrase, null if none
 * @param finalFrom who sent the final response (UNKNOWN when not DR or none)
 * @param outcome how the call ended
 * @param failureSide MICROSOFT or SBC for FAILED / NO_FINAL outcomes; null otherwise
 * @param microsoftCode reconstructed Microsoft response code (never null; may carry a null code)
 * @param reportedSipCode the SIP code Microsoft would report: {@code microsoftCode.sipCode()} for
 *     patterns (500001 -> 408), else {@code finalSipCode}
 * @param endedBy who sent the BYE or CANCEL that ended the call, null if neither
 * @param reasons every Reason value seen in the dialog, in order (bounded to 8)
 * @param inviteWhere evidence: where the initial INVITE was seen
 * @param finalWhere where the final response was seen, null if none
 * @param endWhere where the BYE/CANCEL was seen, null if none
 * @param inviteHadSdp the initial INVITE carried SDP (no SDP = delayed offer)
 * @param earlyDialogs distinct To-tags in provisional/final responses (forking shows > 1)
 * @param provisionalCodes distinct provisional codes in order of first appearance (100, 180, 183)
 * @param acked the 2xx was ACKed (for answered calls)
 * @param retryAfterFailure a previous attempt with the same Call-ID, or the same SBC, caller and
 *     callee within 32 s, failed with this code (603 = the SBC retried after a decline); 0 otherwise
 * @param authChallenges 401/407 challenges answered by a new INVITE in the same call
 * @param reInvites re-INVITEs after the dialog was established
 * @param reInviteFailures re-INVITEs answered >= 300
 * @param retransmissions retransmitted messages in this call
 * @param endState how the record was closed: "final", "bye", "timeout", "evicted", "trace-end"
 * @param microsoftBanner Microsoft's Server/User-Agent seen in the call (instance evidence), or null
 * @param side the side the ending is attributed to: {@code failureSide} for failures; for user
 *     outcomes the side that produced them (SBC for 560xxx/540xxx codes, else whoever sent the final
 *     answer or the CANCEL); null for answered and in-progress calls; UNKNOWN when not Direct Routing
 */
public record CallRecord(
        String callId,
        String sbc,
        String sbcAddress,
        String microsoftAddress,
        Direction direction,
        String caller,
        String callee,
        long inviteTime,
        long ringTime,
        long answerTime,
        long endTime,
        int finalSipCode,
        String finalReasonPhrase,
        Side finalFrom,
        CallOutcome outcome,
        Side failureSide,
        MicrosoftCode microsoftCode,
        int reportedSipCode,
        Side endedBy,
        List<ReasonValue> reasons,
        Where inviteWhere,
        Where finalWhere,
        Where endWhere,
        boolean inviteHadSdp,
        int earlyDialogs,
        List<Integer> provisionalCodes,
        boolean acked,
        int retryAfterFailure,
        int authChallenges,
        int reInvites,
        int reInviteFailures,
        int retransmissions,
        String endState,
        String microsoftBanner,
        Side side) {

    public boolean directRouting() {
        return sbc != null;
    }

    public boolean answered() {
        return answerTime >= 0;
    }

    /** Post-dial delay to the first ringing/progress, ms; -1 when none. */
    public long setupDelayMillis() {
        return ringTime < 0 ? -1 : (ringTime - inviteTime) / 1_000_000L;
    }

    /** Answer-to-end duration in ms for answered calls; -1 otherwise. */
    public long durationMillis() {
        return answerTime < 0 || endTime < answerTime ? -1 : (endTime - answerTime) / 1_000_000L;
    }
}
