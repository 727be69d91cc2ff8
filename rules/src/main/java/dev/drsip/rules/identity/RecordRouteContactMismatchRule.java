package dev.drsip.rules.identity;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.header.NameAddr;

/**
 * {@code record-route-contact-mismatch}: an SBC INVITE/OPTIONS carries both a top Record-Route and a
 * Contact and their hosts differ (compared case-insensitively; both must be the SBC FQDN).
 */
public final class RecordRouteContactMismatchRule implements Rule {
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
        NameAddr c = cm.message().contact();
        if (rr == null || c == null || rr.uri() == null || c.uri() == null) {
            return;
        }
        String rh = rr.uri().host();
        String ch = c.uri().host();
        if (rh == null || ch == null || rh.isEmpty() || ch.isEmpty() || rh.equals(ch)) {
            return;
        }
        ctx.finding(RuleIds.RECORD_ROUTE_CONTACT_MISMATCH, Severity.ERROR, cm.sbc(), rh + " / " + ch)
                .occurrence(cm.message().timeNanos(), Messages.evidence(cm,
                        cm.message().method() + " Record-Route: " + rr.raw() + " | Contact: " + c.raw()))
                .summary("top Record-Route host " + rh + " differs from Contact host " + ch
                        + " in the SBC's requests to Microsoft")
                .detail("recordRouteHost", rh).detail("contactHost", ch);
    }
}
