package dev.drsip.analyzer;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.MicrosoftCode;
import dev.drsip.analyzer.model.ReasonValue;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.MicrosoftCodes;
import dev.drsip.sip.dr.MsCodeEntry;
import dev.drsip.sip.dr.Side;
import java.util.List;

/**
 * Turns a closed {@link CallState} into a {@link CallRecord}: outcome, failure side and the
 * reconstructed Microsoft response code, following section 4 of the Direct Routing reference:
 * <ul>
 * <li>outbound (Microsoft -> SBC), SBC final >= 300: 560 + SIP code, SBC side;</li>
 * <li>outbound, nothing but 100 Trying from the SBC within the failover timer: 500001 (SIP 408),
 *     SBC side, even when Microsoft then CANCELs;</li>
 * <li>inbound (SBC -> Microsoft), SBC CANCEL: 540487, or 540200 with {@code Reason: SIP;cause=200};</li>
 * <li>inbound, Microsoft final >= 300: the documented code whose phrase matches the Reason text
 *     (side from the catalog: Microsoft unless the code blames the SBC, e.g. 540400), else the
 *     "Unable to deliver" family 569 (SBC side), else unknown (Microsoft side);</li>
 * <li>inbound, Microsoft's 200 OK not ACKed before Microsoft's BYE or the ACK timer: 1106 (SIP 408),
 *     SBC side.</li>
 * </ul>
 */
final class CallRecordBuilder {
    private final MicrosoftCodes codes;

    CallRecordBuilder(MicrosoftCodes codes) {
        this.codes = codes;
    }

    CallRecord build(CallState c, String sbcName, String endState) {
        CallOutcome outcome;
        Side failureSide = null;
        MicrosoftCode ms;
        int code = c.finalCode;
        boolean cutShort = ("trace-end".equals(endState) || "evicted".equals(endState)) && c.answerTime < 0
                && code < 300 && c.cancelFrom == null && !c.pattern500001;
        if (cutShort) {
            // The capture (or the state cap) ended before the INVITE's final answer: nobody to blame.
            outcome = CallOutcome.IN_PROGRESS;
            ms = new MicrosoftCode(null, 0, MicrosoftCode.DERIVED_NONE, null, null);
        } else if (!c.directRouting()) {
            outcome = c.answerTime >= 0 ? CallOutcome.ANSWERED
                    : code >= 300 ? byCode(code, c.cancelElsewhere)
                    : c.cancelFrom != null ? CallOutcome.CALLER_CANCEL : CallOutcome.NO_FINAL;
            if (outcome.isFailure()) {
                failureSide = Side.UNKNOWN;
            }
            ms = new MicrosoftCode(null, 0, MicrosoftCode.DERIVED_NONE, null, null);
        } else if (c.answerTime >= 0) {
            if (c.pattern1106) {
                outcome = CallOutcome.FAILED;
                failureSide = Side.SBC;
                ms = documented(1106, 408, MicrosoftCode.DERIVED_1106);
            } else {
                outcome = CallOutcome.ANSWERED;
                ms = normalEnd(c);
            }
        } else if (c.direction == Direction.OUTBOUND) {
            MsCodeEntry cancelMatch = c.cancelFrom == Side.MICROSOFT ? match(c.reasonsOn("CANCEL", Side.MICROSOFT), 0) : null;
            if (c.pattern500001) {
                outcome = CallOutcome.FAILED;
                failureSide = Side.SBC;
                ms = documented(500001, 408, MicrosoftCode.DERIVED_500001);
            } else if (cancelMatch != null && !"user".equals(cancelMatch.column("ner"))) {
                // Microsoft cancelled the leg for its own reason (recorder failed, policy...).
                outcome = CallOutcome.FAILED;
                failureSide = sideOf(cancelMatch);
                ms = new MicrosoftCode(cancelMatch.code(), cancelMatch.sipCode(), MicrosoftCode.DERIVED_PHRASE,
                        cancelMatch.family(), cancelMatch.phrase());
            } else if (code >= 300) {
                int msCode = 560000 + code;
                outcome = code <= 699 ? outcomeFor(codes.byCode(msCode).orElse(null), code, c.cancelElsewhere)
                        : byCode(code, c.cancelElsewhere);
                if (outcome.isFailure()) {
                    failureSide = Side.SBC;
                }
                String phrase = code <= 699
                        ? codes.byCode(msCode).map(MsCodeEntry::phrase).orElse(c.finalPhrase) : c.finalPhrase;
                ms = code <= 699 ? new MicrosoftCode(msCode, code, MicrosoftCode.DERIVED_SBC_FINAL, "560", phrase)
                        : new MicrosoftCode(null, code, MicrosoftCode.DERIVED_UNKNOWN, null, c.finalPhrase);
            } else if (c.cancelFrom == Side.MICROSOFT) {
                outcome = CallOutcome.CALLER_CANCEL;
                ms = new MicrosoftCode(null, 0, MicrosoftCode.DERIVED_UNKNOWN, null, null);
            } else {
                outcome = CallOutcome.NO_FINAL;
                failureSide = Side.SBC;
                ms = new MicrosoftCode(null, 0, MicrosoftCode.DERIVED_UNKNOWN, null, null);
            }
        } else {
            // INBOUND: SBC -> Microsoft
            if (c.cancelFrom == Side.SBC) {
                if (c.cancelElsewhere) {
                    outcome = CallOutcome.COMPLETED_ELSEWHERE;
                    ms = documented(540200, 487, MicrosoftCode.DERIVED_SBC_CANCEL);
                } else {
                    outcome = CallOutcome.CALLER_CANCEL;
                    ms = documented(540487, 487, MicrosoftCode.DERIVED_SBC_CANCEL);
                }
            } else if (code >= 300) {
                List<ReasonValue> rs = c.reasonsOn(Integer.toString(code), c.finalFrom);
                MsCodeEntry e = match(rs, code);
                if (e == null && c.finalPhrase != null) {
                    // The status line's own phrase ("400 Bad Request", "422 Session Interval Too
                    // Small"): only trusted when the documented SIP code agrees.
                    e = pick(codes.matchAll(c.finalPhrase), code, true);
                }
                String text = rs.isEmpty() ? c.finalPhrase : rs.get(0).phrase();
                if (e != null) {
                    outcome = outcomeFor(e, code, c.cancelElsewhere);
                    if (outcome.isFailure()) {
                        failureSide = sideOf(e);
                    }
                    ms = new MicrosoftCode(e.code(), code, MicrosoftCode.DERIVED_PHRASE, e.family(), e.phrase());
                } else if ("569".equals(firstFamily(rs))) {
                    outcome = CallOutcome.FAILED;
                    failureSide = Side.SBC;
                    ms = new MicrosoftCode(null, code, MicrosoftCode.DERIVED_FAMILY, "569", text);
                } else {
                    outcome = byCode(code, c.cancelElsewhere);
                    if (outcome.isFailure()) {
                        failureSide = c.finalFrom == Side.SBC ? Side.SBC : Side.MICROSOFT;
                    }
                    ms = new MicrosoftCode(null, code, MicrosoftCode.DERIVED_UNKNOWN, "microsoft-unknown", text);
                }
            } else {
                outcome = CallOutcome.NO_FINAL;
                failureSide = Side.MICROSOFT;
                ms = new MicrosoftCode(null, 0, MicrosoftCode.DERIVED_UNKNOWN, null, null);
            }
        }
        int reported = ms.code() != null && (MicrosoftCode.DERIVED_500001.equals(ms.derivation())
                || MicrosoftCode.DERIVED_1106.equals(ms.derivation())
                || (MicrosoftCode.DERIVED_SBC_CANCEL.equals(ms.derivation()) && code == 0))
                ? ms.sipCode() : code;
        return new CallRecord(c.callId, c.directRouting() ? sbcName : null,
                c.directRouting() ? c.sbcAddress.toString() : null,
                c.directRouting() && c.microsoftAddress != null ? c.microsoftAddress.toString() : null,
                c.direction, c.caller, c.callee, c.inviteTime, c.ringTime, c.answerTime, c.endTime, code,
                c.finalPhrase, c.finalFrom, outcome, failureSide, ms, reported, c.endedBy, c.reasons(),
                c.inviteWhere, c.finalWhere, c.endWhere, c.inviteHadSdp, c.toTagCount(),
                c.provisionalCodes(), c.acked, c.retryAfterFailure, c.authChallenges, c.reInvites,
                c.reInviteFailures, c.retransmissions, endState, c.microsoftBanner,
                attributedSide(c, outcome, failureSide, ms));
    }

    /** Who an ending is attributed to (see {@link CallRecord#side()}). */
    private Side attributedSide(CallState c, CallOutcome outcome, Side failureSide, MicrosoftCode ms) {
        if (outcome == CallOutcome.ANSWERED || outcome == CallOutcome.IN_PROGRESS) {
            return null;
        }
        if (failureSide != null) {
            return failureSide;
        }
        if (!c.directRouting()) {
            return Side.UNKNOWN;
        }
        if (ms.code() != null) {
            Side s = codes.byCode(ms.code()).map(MsCodeEntry::side).orElse(MicrosoftCodes.familySide(ms.family()));
            if (s != Side.UNKNOWN) {
                return s;
            }
        }
        if (c.finalCode >= 300 && c.finalFrom != Side.UNKNOWN) {
            return c.finalFrom;
        }
        return c.cancelFrom != null ? c.cancelFrom : Side.UNKNOWN;
    }

    /**
     * Outcome of a final answer whose Microsoft code is documented: the catalog's {@code ner} column
     * decides between failure and user outcome ("user" with a SIP code that names no user outcome,
     * e.g. 404, is a terminal reject); without the column, the SIP code alone.
     */
    static CallOutcome outcomeFor(MsCodeEntry e, int code, boolean elsewhere) {
        CallOutcome byCode = byCode(code, elsewhere);
        String ner = e == null ? null : e.column("ner");
        if ("failure".equals(ner)) {
            return CallOutcome.FAILED;
        }
        if ("user".equals(ner) && byCode.isFailure()) {
            return CallOutcome.TERMINAL_REJECT;
        }
        return byCode;
    }

    /** Outcome from a final SIP code alone. */
    static CallOutcome byCode(int code, boolean elsewhere) {
        if (code >= 200 && code < 300) {
            return CallOutcome.ANSWERED;
        }
        switch (code) {
            case 486: case 600:
                return CallOutcome.BUSY;
            case 480: case 408:
                return CallOutcome.NO_ANSWER;
            case 603:
                return CallOutcome.DECLINED;
            case 487:
                return elsewhere ? CallOutcome.COMPLETED_ELSEWHERE : CallOutcome.CALLER_CANCEL;
            case 604: case 606: case 607: case 608:
                return CallOutcome.TERMINAL_REJECT;
            default:
                return code == 0 ? CallOutcome.NO_FINAL : CallOutcome.FAILED;
        }
    }

    private MicrosoftCode normalEnd(CallState c) {
        if (c.endedBy == Side.SBC) {
            int code = c.direction == Direction.OUTBOUND ? 560000 : 540000;
            return new MicrosoftCode(code, 0, MicrosoftCode.DERIVED_NORMAL_END, MicrosoftCodes.family(code),
                    codes.byCode(code).map(MsCodeEntry::phrase).orElse("BYE (normal end)"));
        }
        if (c.endedBy == Side.MICROSOFT) {
            MsCodeEntry e = match(c.reasonsOn("BYE", Side.MICROSOFT), 0);
            if (e != null) {
                return new MicrosoftCode(e.code(), e.sipCode(), MicrosoftCode.DERIVED_PHRASE, e.family(), e.phrase());
            }
            return new MicrosoftCode(null, 0, MicrosoftCode.DERIVED_NORMAL_END, null, null);
        }
        return new MicrosoftCode(null, 0, MicrosoftCode.DERIVED_NONE, null, null);
    }

    private MicrosoftCode documented(int code, int sip, String derivation) {
        String phrase = codes.byCode(code).map(MsCodeEntry::phrase).orElse(null);
        return new MicrosoftCode(code, sip, derivation, MicrosoftCodes.family(code), phrase);
    }

    /** The best catalog entry for Reason texts; sipCode 0 = any. The 560 family is never Microsoft's own answer. */
    private MsCodeEntry match(List<ReasonValue> rs, int sipCode) {
        for (int i = 0; i < rs.size(); i++) { // indexed: no iterator for every call that has Reasons
            ReasonValue r = rs.get(i);
            if (r.text() == null) {
                continue;
            }
            MsCodeEntry e = pick(codes.matchAll(r.text()), sipCode, false);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private static MsCodeEntry pick(List<MsCodeEntry> all, int sipCode, boolean requireSip) {
        MsCodeEntry fallback = null;
        for (MsCodeEntry e : all) {
            if ("560".equals(e.family())) {
                continue;
            }
            if (sipCode == 0 || e.sipCodes().contains(sipCode)) {
                return e;
            }
            if (fallback == null) {
                fallback = e;
            }
        }
        return requireSip ? null : fallback;
    }

    private static String firstFamily(List<ReasonValue> rs) {
        for (ReasonValue r : rs) {
            String f = MicrosoftCodes.familyOfPhrase(r.text());
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static Side sideOf(MsCodeEntry e) {
        return e.side() == Side.SBC ? Side.SBC : Side.MICROSOFT;
    }

}
