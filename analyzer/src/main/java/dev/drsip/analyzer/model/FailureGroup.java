package dev.drsip.analyzer.model;

import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;

/**
 * Unanswered calls sharing direction, reported SIP code, Microsoft code, side and whether they are
 * user outcomes (busy, no answer, decline, caller cancel...: delivered) or real failures (FAILED,
 * NO_FINAL).
 *
 * @param sipCode the reported SIP code ({@link CallRecord#reportedSipCode()}), 0 for no final
 * @param microsoftCode reconstructed code or null
 * @param family its family ("560", "500001", "microsoft-unknown"...), null if none
 * @param derivation how the code was derived ({@link MicrosoftCode} constants)
 * @param phrase the documented phrase or the Reason text, null if none
 * @param side for failures the failure side; for user outcomes the side that produced them
 * @param example where the first such call's final response (else INVITE) was seen
 * @param userOutcome true for user outcomes (counted as effective in NER), false for failures
 */
public record FailureGroup(Direction direction, int sipCode, Integer microsoftCode, String family,
                           String derivation, Side side, String phrase, long count, Where example,
                           boolean userOutcome) {

    /** A failure group (userOutcome false), kept for callers written before that field existed. */
    public FailureGroup(Direction direction, int sipCode, Integer microsoftCode, String family, String derivation,
                        Side side, String phrase, long count, Where example) {
        this(direction, sipCode, microsoftCode, family, derivation, side, phrase, count, example, false);
    }
}
