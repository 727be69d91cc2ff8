package dev.drsip.rules.call;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.dr.Side;
import dev.drsip.sip.header.Sdp;

/**
 * {@code sdp-null-connection}: any SDP the SBC sends to Microsoft (offer or answer) with a
 * {@code c=} address of 0.0.0.0 (RFC 2543 hold); Microsoft answers 488 (531052).
 */
public final class SdpNullConnectionRule implements Rule {
    private static final byte[] NULL_ADDRESS = {'0', '.', '0', '.', '0', '.', '0'};

    /** True when {@code b[off, off + len)} contains {@code needle} (bounds clamped to the array). */
    static boolean contains(byte[] b, int off, int len, byte[] needle) {
        int end = Math.min(b.length, off + len) - needle.length;
        byte first = needle[0];
        for (int i = Math.max(0, off); i <= end; i++) {
            if (b[i] != first) {
                continue;
            }
            int j = 1;
            while (j < needle.length && b[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onMessage(ClassifiedMessage cm, RuleContext ctx) {
        if (!cm.directRouting() || cm.retransmission() || cm.from() != Side.SBC || cm.to() != Side.MICROSOFT) {
            return;
        }
        SipMessage m = cm.message();
        if (m.bodyLength() <= 0 || !contains(m.packet().data(), m.bodyOffset(), m.bodyLength(), NULL_ADDRESS)) {
            return; // no "0.0.0.0" anywhere in the body: no c= line can carry it (no SDP parse needed)
        }
        Sdp sdp = m.sdp();
        if (sdp == null) {
            return;
        }
        for (String c : sdp.connectionAddresses()) {
            if ("0.0.0.0".equals(c.trim())) {
                var f = ctx.finding(RuleIds.SDP_NULL_CONNECTION, Severity.WARNING, cm.sbc(), null)
                        .occurrence(m.timeNanos(), Messages.evidence(cm, Messages.label(m) + " SDP c=IN IP4 0.0.0.0"));
                f.summary(f.count() + " SDP(s) from the SBC with c=0.0.0.0 (Microsoft answers 488, 531052)");
                return;
            }
        }
    }
}
