package dev.drsip.sip.strict;

import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict grammar check of a SIP message by JAIN-SIP (RFC 3261 grammar as JAIN-SIP implements it),
 * for "what exactly is wrong with this message" in reports and tests. Slow (tens of thousands of
 * messages/s): not for the hot path. Never throws on bad input.
 */
public final class JainSipStrictParser {
    private static final String[] MANDATORY = {"Call-ID", "CSeq", "From", "To", "Via"};

    private JainSipStrictParser() {
    }

    /** Grammar violations of the message's bytes; empty when JAIN-SIP's strict mode accepts it. */
    public static List<String> violations(SipMessage message) {
        SipPacket p = message.packet();
        return violations(p.data(), p.offset(), p.length());
    }

    /** Grammar violations of {@code data[offset, offset+length)}; empty when strictly valid. */
    public static List<String> violations(byte[] data, int offset, int length) {
        JainSip.Parsed parsed = JainSip.parse(data, offset, length, true);
        List<String> out = new ArrayList<>(parsed.problems());
        if (parsed.message() != null) {
            for (String h : MANDATORY) {
                if (parsed.message().getHeader(h) == null) {
                    out.add("missing mandatory header " + h);
                }
            }
            if (parsed.message().getContentLength() != null) {
                int cl = parsed.message().getContentLength().getContentLength();
                byte[] body = parsed.message().getRawContent();
                int have = body == null ? 0 : body.length;
                if (have < cl) {
                    out.add("Content-Length " + cl + " but " + have + " body bytes");
                }
            }
        }
        return List.copyOf(out);
    }

    /** True when JAIN-SIP's strict mode finds nothing to complain about. */
    public static boolean isValid(SipMessage message) {
        return violations(message).isEmpty();
    }
}
