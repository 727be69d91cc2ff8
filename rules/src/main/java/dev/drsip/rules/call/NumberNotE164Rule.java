package dev.drsip.rules.call;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipUri;

/**
 * {@code number-not-e164}: the SBC's initial INVITE to Microsoft has a Request-URI or From user that is
 * a phone number without the leading '+'. Only number-like users (digits with optional visual
 * separators, user parameters such as {@code ;npdi} ignored) are judged: "anonymous" and names are not.
 */
public final class NumberNotE164Rule implements Rule {
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
        SipUri ru = m.requestUriParsed();
        String bad = null;
        if (ru != null && numberWithoutPlus(ru.user())) {
            bad = "Request-URI " + m.requestUri();
        } else if (m.from() != null && m.from().uri() != null && numberWithoutPlus(m.from().uri().user())) {
            bad = "From " + m.from().raw();
        }
        if (bad == null) {
            return;
        }
        var f = ctx.finding(RuleIds.NUMBER_NOT_E164, Severity.WARNING, cm.sbc(), null)
                .occurrence(m.timeNanos(), Messages.evidence(cm, "INVITE " + bad));
        f.summary(f.count() + " SBC INVITE(s) with a number without '+' (not E.164) in Request-URI or From");
    }

    /** True for "4255550100", "0049-89-123"; false for "+4255550100", "anonymous", "alice", null. */
    static boolean numberWithoutPlus(String user) {
        if (user == null) {
            return false;
        }
        int end = user.indexOf(';');
        String u = end >= 0 ? user.substring(0, end) : user;
        if (u.isEmpty() || u.charAt(0) == '+') {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
                return false;
            }
        }
        return digits >= 3;
    }
}
