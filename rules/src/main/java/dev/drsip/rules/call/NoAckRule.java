package dev.drsip.rules.call;

import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.MicrosoftCode;
import dev.drsip.rules.Evidence;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;

/** {@code no-ack}: calls reconstructed as the 1106 pattern: Microsoft's 200 OK was never ACKed by the SBC. */
public final class NoAckRule implements Rule {
    @Override
    public void onCall(CallRecord c, RuleContext ctx) {
        if (!c.directRouting() || c.microsoftCode() == null
                || !MicrosoftCode.DERIVED_1106.equals(c.microsoftCode().derivation())) {
            return;
        }
        var f = ctx.finding(RuleIds.NO_ACK, Severity.ERROR, c.sbc(), null)
                .occurrence(c.answerTime() >= 0 ? c.answerTime() : c.inviteTime(),
                        new Evidence(c.answerTime(), c.finalWhere() != null ? c.finalWhere() : c.inviteWhere(),
                                c.callId(), "200 OK from Microsoft never ACKed (call from " + c.caller() + ")"));
        f.summary(f.count() + " inbound call(s) where the SBC never ACKed Microsoft's 200 OK (1106: dropped after answer)");
    }
}
