package dev.drsip.rules;

import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.dr.Side;

/** Small predicates and evidence makers the rules share. */
public final class Messages {
    private Messages() {
    }

    /** A first transmission of a request from the SBC to Microsoft. */
    public static boolean sbcRequest(ClassifiedMessage cm) {
        return cm.directRouting() && !cm.retransmission() && cm.from() == Side.SBC && cm.to() == Side.MICROSOFT
                && cm.message().isRequest();
    }

    /** A first transmission of an INVITE or OPTIONS from the SBC to Microsoft (the identity rules' input). */
    public static boolean sbcInviteOrOptions(ClassifiedMessage cm) {
        if (!sbcRequest(cm)) {
            return false;
        }
        String m = cm.message().method();
        return "INVITE".equals(m) || "OPTIONS".equals(m);
    }

    /** An initial (out-of-dialog: no To-tag) INVITE from the SBC to Microsoft. */
    public static boolean sbcInitialInvite(ClassifiedMessage cm) {
        return sbcRequest(cm) && "INVITE".equals(cm.message().method())
                && cm.message().toTag() == null;
    }

    public static Evidence evidence(ClassifiedMessage cm, String value) {
        SipMessage m = cm.message();
        return new Evidence(m.timeNanos(), m.where(), m.callId(), value);
    }

    public static Evidence evidence(CallRecord c, String value) {
        return new Evidence(c.inviteTime(), c.inviteWhere(), c.callId(), value);
    }

    /** "INVITE" / "OPTIONS" / "200 (INVITE)": what a message is, for evidence text. */
    public static String label(SipMessage m) {
        if (m.isRequest()) {
            return m.method();
        }
        return m.cseq() == null ? String.valueOf(m.statusCode()) : m.statusCode() + " (" + m.cseq().method() + ")";
    }
}
