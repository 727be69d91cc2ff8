package dev.drsip.rules.call;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.SipMessage;

/** {@code delayed-offer}: an initial INVITE from the SBC to Microsoft without an SDP body. */
public final class DelayedOfferRule implements Rule {
    @Override
    public MessageScope messageScope() {
        return MessageScope.SBC_TO_MICROSOFT;
    }

    @Override
    public void onMessage(ClassifiedMessage cm, RuleContext ctx) {
        if (!Messages.sbcInitialInvite(cm)) {
            return;
        }
        SipMessage m = cm.message();
        if (m.bodyLength() > 0 && m.sdp() != null) {
            return;
        }
        var f = ctx.finding(RuleIds.DELAYED_OFFER, Severity.WARNING, cm.sbc(), null)
                .occurrence(m.timeNanos(), Messages.evidence(cm, "INVITE " + m.requestUri() + " without SDP"
                        + (m.contentType() != null ? " (Content-Type " + m.contentType() + ")" : "")));
        f.summary(f.count() + " initial INVITE(s) from the SBC without SDP (delayed offer)");
    }
}
