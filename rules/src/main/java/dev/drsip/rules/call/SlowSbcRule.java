package dev.drsip.rules.call;

import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.MicrosoftCode;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;

/**
 * {@code slow-sbc}: calls the analyzer reconstructed as the 500001 pattern: Microsoft's outbound
 * INVITE got nothing but 100 Trying from the SBC within the failover timer (10 s).
 */
public final class SlowSbcRule implements Rule {
    @Override
    public void onCall(CallRecord c, RuleContext ctx) {
        if (!c.directRouting() || c.microsoftCode() == null
                || !MicrosoftCode.DERIVED_500001.equals(c.microsoftCode().derivation())) {
            return;
        }
        var f = ctx.finding(RuleIds.SLOW_SBC, Severity.ERROR, c.sbc(), null)
                .occurrence(c.inviteTime(), Messages.evidence(c, "INVITE to " + c.callee()
                        + " unanswered beyond 100 Trying for 10 s; final " + c.finalSipCode()));
        f.summary(f.count() + " outbound call(s) hit Microsoft's failover timer (500001, SIP 408): the SBC did not"
                + " answer beyond 100 Trying within 10 s");
    }
}
