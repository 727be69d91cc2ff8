package dev.drsip.rules.identity;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.header.NameAddr;

/**
 * {@code contact-fqdn-unknown}: the Contact FQDN of an SBC INVITE/OPTIONS is not one of the SBC FQDNs
 * the user configured. Silent when none are configured. One finding per unknown FQDN.
 */
public final class ContactFqdnUnknownRule implements Rule {
    @Override
    public MessageScope messageScope() {
        return MessageScope.SBC_TO_MICROSOFT;
    }

    @Override
    public void onMessage(ClassifiedMessage cm, RuleContext ctx) {
        if (ctx.config().sbcFqdns().isEmpty() || !Messages.sbcInviteOrOptions(cm)) {
            return;
        }
        NameAddr c = cm.message().contact();
        if (c == null || c.uri() == null || c.uri().host() == null || c.uri().host().isEmpty() || c.uri().hostIsIp()) {
            return; // contact-not-fqdn's business
        }
        String host = c.uri().host();
        if (ctx.config().sbcFqdns().contains(host)) {
            return;
        }
        ctx.finding(RuleIds.CONTACT_FQDN_UNKNOWN, Severity.WARNING, cm.sbc(), host)
                .occurrence(cm.message().timeNanos(), Messages.evidence(cm, cm.message().method() + " Contact: " + c.raw()))
                .summary("Contact FQDN " + host + " is not a configured SBC FQDN " + ctx.config().sbcFqdns()
                        + " (Microsoft would find no trunk: 510532)")
                .detail("contactFqdn", host);
    }
}
