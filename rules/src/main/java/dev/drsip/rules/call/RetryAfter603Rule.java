package dev.drsip.rules.call;

import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.dr.Direction;

/**
 * {@code retry-after-603}: an inbound call (the SBC's INVITE) that retries an attempt Microsoft declined
 * with 603 (same Call-ID, or same SBC, caller and callee within 32 s: the analyzer's
 * {@link CallRecord#retryAfterFailure()}). The SBC must not retry after 603.
 */
public final class RetryAfter603Rule implements Rule {
    @Override
    public void onCall(CallRecord c, RuleContext ctx) {
        if (!c.directRouting() || c.direction() != Direction.INBOUND || c.retryAfterFailure() != 603) {
            return;
        }
        var f = ctx.finding(RuleIds.RETRY_AFTER_603, Severity.WARNING, c.sbc(), null)
                .occurrence(c.inviteTime(), Messages.evidence(c, "INVITE " + c.caller() + " -> " + c.callee()
                        + " retried after 603 Decline"));
        f.summary(f.count() + " call(s) retried by the SBC after Microsoft's 603 Decline");
    }
}
