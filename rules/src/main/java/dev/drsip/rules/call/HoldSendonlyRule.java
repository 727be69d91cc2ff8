package dev.drsip.rules.call;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.header.Sdp;

/**
 * {@code hold-sendonly}: an SDP offer from the SBC (its INVITE, re-INVITE or UPDATE to Microsoft) with
 * {@code a=sendonly} or {@code a=recvonly}. Microsoft only accepts {@code a=inactive} for hold.
 * Answers are not judged: recvonly is the right answer to Microsoft's own sendonly hold.
 */
public final class HoldSendonlyRule implements Rule {
    @Override
    public MessageScope messageScope() {
        return MessageScope.SBC_TO_MICROSOFT;
    }

    @Override
    public void onMessage(ClassifiedMessage cm, RuleContext ctx) {
        if (!Messages.sbcRequest(cm)) {
            return;
        }
        SipMessage m = cm.message();
        if (!"INVITE".equals(m.method()) && !"UPDATE".equals(m.method())) {
            return;
        }
        if (m.bodyLength() <= 0) {
            return;
        }
        Sdp sdp = m.sdp();
        if (sdp == null) {
            return;
        }
        for (String d : sdp.directions()) {
            if ("sendonly".equals(d) || "recvonly".equals(d)) {
                var f = ctx.finding(RuleIds.HOLD_SENDONLY, Severity.WARNING, cm.sbc(), null)
                        .occurrence(m.timeNanos(), Messages.evidence(cm, m.method() + " SDP a=" + d));
                f.summary(f.count() + " SBC offer(s) with a=sendonly/recvonly; Microsoft only accepts a=inactive for hold");
                return;
            }
        }
    }
}
