package dev.drsip.analyzer.model;

/**
 * The Microsoft response code reconstructed for a call (section 4 of the reference: no SIP header
 * carries it, so it is derived from who answered what).
 *
 * @param code the six-digit (or Teams call-controller) code, null when only the family is known or
 *     nothing can be said
 * @param sipCode the SIP code Microsoft reports beside it (e.g. 408 for 500001 even when the wire
 *     shows a 487 after Microsoft's CANCEL); 0 when none
 * @param derivation how it was derived, one of the {@code DERIVED_*} constants
 * @param family structural family, e.g. "560" (SBC answered, outbound), "540", "569", "510",
 *     "500001", "1106", "microsoft-unknown"; null when nothing is known
 * @param phrase the documented phrase of the code, or the Reason text it was matched from; null if none
 */
public record MicrosoftCode(Integer code, int sipCode, String derivation, String family, String phrase) {
    /** 560 + SIP code: the SBC answered an outbound INVITE with a failure. */
    public static final String DERIVED_SBC_FINAL = "sbc-final-response";
    /** The Reason text of Microsoft's answer matched a documented phrase. */
    public static final String DERIVED_PHRASE = "reason-phrase-match";
    /** Only the family could be decided (e.g. "Unable to deliver INVITE" with unknown details). */
    public static final String DERIVED_FAMILY = "family";
    /** The SBC sent nothing but 100 Trying within the failover timer. */
    public static final String DERIVED_500001 = "pattern-500001";
    /** Microsoft's 200 OK was never ACKed by the SBC. */
    public static final String DERIVED_1106 = "pattern-1106";
    /** The SBC cancelled an inbound call (540487 / 540200). */
    public static final String DERIVED_SBC_CANCEL = "sbc-cancel";
    /** A normal end of an answered call by BYE (560000 outbound / 540000 inbound when the SBC hung up). */
    public static final String DERIVED_NORMAL_END = "normal-end";
    /** Not a Direct Routing call, or nothing to say (answered call still open at trace end). */
    public static final String DERIVED_NONE = "none";
    /** Microsoft answered with a failure whose Reason text matched no documented phrase. */
    public static final String DERIVED_UNKNOWN = "unknown";

    public boolean known() {
        return code != null;
    }
}
