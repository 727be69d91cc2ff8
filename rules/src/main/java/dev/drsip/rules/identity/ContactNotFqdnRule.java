package dev.drsip.rules.identity;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.header.NameAddr;

/**
 * {@code contact-not-fqdn}: an INVITE or OPTIONS from the SBC to Microsoft whose (first) Contact host
 * is an IP literal, or that has no Contact at all. Microsoft finds the SBC (and the tenant) by the
 * Contact FQDN and answers 403 otherwise.
 */
public final class ContactNotFqdnRule implements Rule {
    @Override
    public MessageScope messageScope() {
        return MessageScope.SBC_TO_MICROSOFT;
    }

    @Override
    public void onMessage(ClassifiedMessage cm, RuleContext ctx) {
        if (!Messages.sbcInviteOrOptions(cm)) {
            return;
        }
        NameAddr c = cm.message().contact();
        String problem;
        if (c == null || c.uri() == null || c.uri().host() == null || c.uri().host().isEmpty()) {
            problem = "no Contact host";
        } else if (c.uri().hostIsIp()) {
            problem = "Contact host " + c.uri().host() + " is an IP address";
        } else {
            return;
        }
        ctx.finding(RuleIds.CONTACT_NOT_FQDN, Severity.ERROR, cm.sbc(), null)
                .occurrence(cm.message().timeNanos(), Messages.evidence(cm,
                        cm.message().method() + " Contact: " + (c == null ? "(none)" : c.raw())))
                .summary(problem + " in the SBC's " + cm.message().method()
                        + " to Microsoft (Microsoft answers 403: it needs the SBC's paired FQDN)");
    }
}
