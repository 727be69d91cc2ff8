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

    /**
     * True when {@code b[off, off + len)} contains {@code needle} (bounds clamped to the array).
     * Horspool: a byte that is not in the needle skips its whole length.
     */
    static boolean contains(byte[] b, int off, int len, byte[] needle) {
        int n = needle.length;
        int from = Math.max(0, off);
        int end = Math.min(b.length, off + len);
        byte last = needle[n - 1];
        int i = from + n - 1;
        while (i < end) {
            byte c = b[i];
            if (c == last) {
                int j = n - 2;
                while (j >= 0 && b[i - (n - 1) + j] == needle[j]) {
                    j--;
                }
                if (j < 0) {
                    return true;
                }
            }
            i += shift(needle, c);
        }
        return false;
    }

    /** Horspool shift: distance from the last occurrence of {@code c} in needle[0, n-1) to the end. */
    private static int shift(byte[] needle, byte c) {
        int n = needle.length;
        for (int k = n - 2; k >= 0; k--) {
            if (needle[k] == c) {
                return n - 1 - k;
            }
        }
        return n;
    }

    @Override
    public MessageScope messageScope() {
        return MessageScope.SBC_TO_MICROSOFT;
    }

    @Override
    public void onMessage(ClassifiedMessage cm, RuleContext ctx) {
        if (!cm.directRouting() || cm.retransmission() || cm.from() != Side.SBC || cm.to() != Side.MICROSOFT) {
            return;
        }
        SipMessage m = cm.message();
        if (m.bodyLength() <= 0) {
            return;
        }
        // An INVITE / UPDATE from the SBC has its SDP parsed by the other SDP rules anyway; for other
        // messages (answers), a body without "0.0.0.0" cannot have a null c= line: skip the parse.
        boolean offer = m.isRequest() && ("INVITE".equals(m.method()) || "UPDATE".equals(m.method()));
        if (!offer && !contains(m.packet().data(), m.bodyOffset(), m.bodyLength(), NULL_ADDRESS)) {
            return;
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
