package dev.drsip.rules.call;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.SipMessage;
import java.util.Locale;

/**
 * {@code replaces-from-sbc}: a request from the SBC to Microsoft with a {@code Replaces} header, or a
 * REFER whose Refer-To embeds {@code Replaces=}; Direct Routing does not support Replaces.
 */
public final class ReplacesFromSbcRule implements Rule {
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
        String value = m.header("Replaces");
        String shown = null;
        if (value != null) {
            shown = "Replaces: " + value;
        } else if ("REFER".equals(m.method())) {
            String referTo = m.header("Refer-To");
            if (referTo == null) {
                referTo = m.header("r");
            }
            if (referTo != null && referTo.toLowerCase(Locale.ROOT).contains("replaces=")) {
                shown = "Refer-To: " + referTo;
            }
        }
        if (shown == null) {
            return;
        }
        var f = ctx.finding(RuleIds.REPLACES_FROM_SBC, Severity.WARNING, cm.sbc(), null)
                .occurrence(m.timeNanos(), Messages.evidence(cm, m.method() + " " + shown));
        f.summary(f.count() + " SBC request(s) to Microsoft with Replaces, which Direct Routing does not support");
    }
}
