package dev.drsip.sip.strict;

import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.SipUri;
import dev.drsip.sip.header.CSeq;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ReasonHeader;
import javax.sip.header.ViaHeader;

/**
 * Differential oracle: parses the same bytes as a {@link SipMessage} with JAIN-SIP and lists every
 * field where our fast parser and JAIN-SIP disagree. Used by the property tests and by anyone who
 * wants to check our reading of real traces ({@code compare(message)} for each message).
 *
 * <p>Compared: start line (method, Request-URI scheme/user/host/port/transport, status code),
 * Call-ID, CSeq, top Via (branch, host, port, transport), From/To (tag, URI user and host), first
 * Contact (host, port, transport), top Record-Route host, every Reason (protocol, cause, text),
 * Content-Length and body length. Hosts are compared lower-cased without IPv6 brackets.
 *
 * <p>When fields differ, JAIN-SIP's own complaints about the message are appended as
 * {@code "jain-sip complaint: ..."} lines (JAIN-SIP silently drops a header it cannot parse, e.g.
 * a To header with control bytes in its tag, which we keep).
 */
public final class JainSipCrossCheck {
    private JainSipCrossCheck() {
    }

    /**
     * Differences between our parse and JAIN-SIP's parse of the same bytes, one readable line each
     * ("field: ours=... jain-sip=..."); empty when they agree. When JAIN-SIP rejects the message
     * the list holds that one line. Never throws.
     */
    public static List<String> compare(SipMessage ours) {
        SipPacket p = ours.packet();
        JainSip.Parsed parsed = JainSip.parse(p.data(), p.offset(), p.length(), false);
        List<String> d = new ArrayList<>();
        SIPMessage theirs = parsed.message();
        if (theirs == null) {
            d.add("jain-sip rejected the message: " + String.join("; ", parsed.problems()));
            return d;
        }
        try {
            compareInto(ours, theirs, d);
        } catch (RuntimeException e) {
            d.add("jain-sip failed reading its own parse: " + e);
        }
        if (!d.isEmpty()) {
            // JAIN-SIP drops headers it cannot parse: its complaints usually explain the difference.
            for (String problem : parsed.problems()) {
                d.add("jain-sip complaint: " + problem);
            }
        }
        return d;
    }

    private static void compareInto(SipMessage ours, SIPMessage theirs, List<String> d) {
        if (ours.isRequest() != (theirs instanceof SIPRequest)) {
            d.add("kind: ours=" + (ours.isRequest() ? "request" : "response") + " jain-sip="
                    + (theirs instanceof SIPRequest ? "request" : "response"));
            return;
        }
        if (theirs instanceof SIPRequest req) {
            eqIgnoreCase(d, "method", ours.method(), req.getMethod());
            compareUri(d, "request-uri", ours.requestUriParsed(), req.getRequestURI());
        } else {
            SIPResponse resp = (SIPResponse) theirs;
            eq(d, "status", ours.statusCode(), resp.getStatusCode());
        }
        CallIdHeader cid = theirs.getCallId();
        eq(d, "call-id", ours.callId(), cid == null ? null : cid.getCallId());
        CSeqHeader cs = theirs.getCSeq();
        CSeq oc = ours.cseq();
        eq(d, "cseq.number", oc == null ? null : oc.number(), cs == null ? null : cs.getSeqNumber());
        eqIgnoreCase(d, "cseq.method", oc == null ? null : oc.method(), cs == null ? null : cs.getMethod());

        Via ov = ours.topVia();
        ViaHeader tv = theirs.getTopmostVia();
        if (ov == null || tv == null) {
            eq(d, "via.present", ov != null, tv != null);
        } else {
            eq(d, "via.branch", ov.branch(), tv.getBranch());
            hostPort(d, "via", ov.host(), ov.port(), tv.getHost(), tv.getPort());
            eqIgnoreCase(d, "via.transport", ov.transport(), tv.getTransport());
        }
        compareNameAddr(d, "from", ours.from(), theirs.getFrom(), true);
        compareNameAddr(d, "to", ours.to(), theirs.getTo(), true);
        compareNameAddr(d, "contact", ours.contact(), theirs.getContactHeader(), false);
        Iterator<?> rr = theirs.getHeaders("Record-Route");
        HeaderAddress trr = rr.hasNext() ? (HeaderAddress) rr.next() : null;
        NameAddr orr = ours.recordRoute();
        if (orr == null || trr == null) {
            eq(d, "record-route.present", orr != null, trr != null);
        } else {
            eq(d, "record-route.host", host(orr.uri().host()), host(uriHost(trr.getAddress().getURI())));
        }
        List<Reason> or = ours.reasons();
        List<ReasonHeader> tr = new ArrayList<>();
        Iterator<?> it = theirs.getHeaders("Reason");
        while (it.hasNext()) {
            Object h = it.next();
            if (h instanceof ReasonHeader r) {
                tr.add(r);
            }
        }
        eq(d, "reason.count", or.size(), tr.size());
        for (int i = 0; i < Math.min(or.size(), tr.size()); i++) {
            eqIgnoreCase(d, "reason[" + i + "].protocol", or.get(i).protocol(), tr.get(i).getProtocol());
            eq(d, "reason[" + i + "].cause", or.get(i).cause(), tr.get(i).getCause());
            eq(d, "reason[" + i + "].text", or.get(i).text(), tr.get(i).getText());
        }
        ContentLengthHeader cl = theirs.getContentLength();
        if (ours.contentLength() >= 0) {
            eq(d, "content-length", ours.contentLength(), cl == null ? null : cl.getContentLength());
        }
        byte[] body = theirs.getRawContent();
        eq(d, "body-length", ours.bodyLength(), body == null ? 0 : body.length);
    }

    private static void compareNameAddr(List<String> d, String field, NameAddr ours, Object theirsHeader,
                                        boolean withTag) {
        HeaderAddress theirs = theirsHeader instanceof HeaderAddress h ? h : null;
        if (ours == null || theirs == null || theirs.getAddress() == null) {
            eq(d, field + ".present", ours != null, theirs != null && theirs.getAddress() != null);
            return;
        }
        if (withTag && theirsHeader instanceof javax.sip.header.Parameters params) {
            eq(d, field + ".tag", ours.tag(), params.getParameter("tag"));
        }
        Address a = theirs.getAddress();
        if (a.isWildcard()) {
            eq(d, field + ".host", ours.uri() == null ? null : ours.uri().host(), "*");
            return;
        }
        URI u = a.getURI();
        if (withTag) {
            compareUri(d, field + ".uri", ours.uri(), u);
        } else {
            if (u instanceof javax.sip.address.SipURI su) {
                hostPort(d, field, ours.uri().host(), ours.uri().port(), su.getHost(), su.getPort());
                eq(d, field + ".transport", ours.uri().transport(), lower(su.getTransportParam()));
            } else {
                eqIgnoreCase(d, field + ".scheme", ours.uri().scheme(), u.getScheme());
            }
        }
    }

    private static void compareUri(List<String> d, String field, SipUri ours, URI theirs) {
        if (ours == null || theirs == null) {
            eq(d, field + ".present", ours != null, theirs != null);
            return;
        }
        eqIgnoreCase(d, field + ".scheme", ours.scheme(), theirs.getScheme());
        if (theirs instanceof javax.sip.address.SipURI su) {
            eq(d, field + ".user", ours.user(), su.getUser());
            hostPort(d, field, ours.host(), ours.port(), su.getHost(), su.getPort());
            eq(d, field + ".transport", ours.transport(), lower(su.getTransportParam()));
        }
    }

    /**
     * Host and port. Known, deliberate divergence: for an IPv6 literal written without brackets
     * ({@code fe80:0:0:0:21a:a0ff:fe07:32e0:5060}, seen from old phones) JAIN-SIP keeps the whole
     * text as the host; we split off the trailing group as the port when the rest is a valid IPv6
     * address and the whole is not. That case counts as agreement.
     */
    private static void hostPort(List<String> d, String field, String oursHost, int oursPort, String theirHost,
                                 int theirPort) {
        String oh = host(oursHost);
        String th = host(theirHost);
        if (oursPort >= 0 && theirPort == -1 && th != null && th.equals(oh + ":" + oursPort)
                && oh.indexOf(':') >= 0) {
            return;
        }
        eq(d, field + ".host", oh, th);
        eq(d, field + ".port", oursPort, theirPort);
    }

    private static String uriHost(URI u) {
        return u instanceof javax.sip.address.SipURI su ? su.getHost() : null;
    }

    /** Lower-case, IPv6 brackets removed. */
    private static String host(String h) {
        if (h == null) {
            return null;
        }
        String s = h.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static void eq(List<String> d, String field, Object ours, Object theirs) {
        if (!Objects.equals(ours, theirs)) {
            d.add(field + ": ours=" + show(ours) + " jain-sip=" + show(theirs));
        }
    }

    private static void eqIgnoreCase(List<String> d, String field, String ours, String theirs) {
        if (ours == null ? theirs != null : !ours.equalsIgnoreCase(theirs)) {
            d.add(field + ": ours=" + show(ours) + " jain-sip=" + show(theirs));
        }
    }

    private static String show(Object o) {
        return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
    }
}
