package dev.drsip.rules.identity;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.SipUri;

/**
 * {@code options-to-ip}: the SBC addresses Microsoft by IP: the Request-URI host of an out-of-dialog
 * SBC OPTIONS or initial INVITE to Microsoft is an IP literal instead of sip/sip2/sip3.pstnhub.
 * (In-dialog requests target Microsoft's Contact, which may legitimately be anything.)
 */
public final class OptionsToIpRule implements Rule {
    @Override
    public MessageScope messageScope() {
        return MessageScope.SBC_TO_MICROSOFT;
    }

    @Override
    public void onMessage(ClassifiedMessage cm, RuleContext ctx) {
        if (!Messages.sbcInviteOrOptions(cm)) {
            return;
        }
        if (cm.message().toTag() != null) {
            return; // in-dialog
        }
        SipUri ru = cm.message().requestUriParsed();
        if (ru == null || !ru.hostIsIp()) {
            return;
        }
        ctx.finding(RuleIds.OPTIONS_TO_IP, Severity.WARNING, cm.sbc(), null)
                .occurrence(cm.message().timeNanos(), Messages.evidence(cm,
                        cm.message().method() + " " + cm.message().requestUri()))
                .summary("the SBC sends " + cm.message().method() + " to Microsoft by IP (" + ru.host()
                        + ") instead of sip/sip2/sip3.pstnhub.microsoft.com");
    }
}
