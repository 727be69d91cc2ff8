package dev.drsip.rules.identity;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.header.NameAddr;

/**
 * {@code record-route-not-fqdn}: the top Record-Route of an SBC INVITE/OPTIONS to Microsoft has an IP
 * host. Microsoft looks for the SBC FQDN in the top Record-Route first, and refuses IP literals.
 */
public final class RecordRouteNotFqdnRule implements Rule {
    @Override
    public MessageScope messageScope() {
        return MessageScope.SBC_TO_MICROSOFT;
    }

    @Override
    public void onMessage(ClassifiedMessage cm, RuleContext ctx) {
        if (!Messages.sbcInviteOrOptions(cm)) {
            return;
        }
        NameAddr rr = cm.message().recordRoute();
        if (rr == null || rr.uri() == null || !rr.uri().hostIsIp()) {
            return;
        }
        ctx.finding(RuleIds.RECORD_ROUTE_NOT_FQDN, Severity.ERROR, cm.sbc(), null)
                .occurrence(cm.message().timeNanos(), Messages.evidence(cm, cm.message().method() + " Record-Route: " + rr.raw()))
                .summary("top Record-Route host " + rr.uri().host() + " is an IP address in the SBC's "
                        + cm.message().method() + " to Microsoft");
    }
}
