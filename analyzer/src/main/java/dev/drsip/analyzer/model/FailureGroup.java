package dev.drsip.analyzer.model;

import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;

/**
 * Failed calls (outcome FAILED or NO_FINAL) sharing direction, reported SIP code, Microsoft code
 * and side.
 *
 * @param sipCode the reported SIP code ({@link CallRecord#reportedSipCode()}), 0 for no final
 * @param microsoftCode reconstructed code or null
 * @param family its family ("560", "500001", "microsoft-unknown"...), null if none
 * @param derivation how the code was derived ({@link MicrosoftCode} constants)
 * @param phrase the documented phrase or the Reason text, null if none
 * @param example where the first such call's final response (else INVITE) was seen
 */
public record FailureGroup(Direction direction, int sipCode, Integer microsoftCode, String family,
                           String derivation, Side side, String phrase, long count, Where example) {
}
