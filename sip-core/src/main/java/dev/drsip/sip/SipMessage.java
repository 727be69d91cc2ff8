package dev.drsip.sip;

import dev.drsip.sip.header.CSeq;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Sdp;
import dev.drsip.sip.header.Via;
import java.util.List;

/**
 * A parsed SIP request or response with the packet it came in. The public accessors are the
 * contract other modules code against; how headers are stored and when structured values are
 * parsed is this class's business (lazily, from offsets into {@link SipPacket#data()}).
 *
 * <p>Header lookups are case-insensitive and understand compact forms ({@code i}, {@code v},
 * {@code m}, {@code l}, {@code f}, {@code t}, {@code c}, {@code k}, {@code s}, {@code e}, ...).
 */
public final class SipMessage implements ParseResult {
    private final SipPacket packet;
    private final String method;
    private final int uriStart;
    private final int uriEnd;
    private final int statusCode;
    private final int phraseStart;
    private final int phraseEnd;
    private final SipHeaders headers;
    private final int bodyOffset;
    private final int bodyLength;
    private final List<Malformed> defects;
    private String requestUri;
    private String reasonPhrase;
    private SipUri requestUriParsed;

    SipMessage(SipPacket packet, String method, int uriStart, int uriEnd, int statusCode, int phraseStart,
               int phraseEnd, SipHeaders headers, int bodyOffset, int bodyLength, List<Malformed> defects) {
        this.packet = packet;
        this.method = method;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
        this.statusCode = statusCode;
        this.phraseStart = phraseStart;
        this.phraseEnd = phraseEnd;
        this.headers = headers;
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
        this.defects = defects;
    }

    public SipPacket packet() { return packet; }
    public long timeNanos() { return packet.timeNanos(); }
    public IpAddress src() { return packet.src(); }
    public int srcPort() { return packet.srcPort(); }
    public IpAddress dst() { return packet.dst(); }
    public int dstPort() { return packet.dstPort(); }
    public Transport transport() { return packet.transport(); }
    public Where where() { return packet.where(); }

    public boolean isRequest() { return method != null; }
    /** Request method, upper case; null for responses. */
    public String method() { return method; }
    /** Request-URI as written; null for responses. */
    public String requestUri() {
        if (method == null) {
            return null;
        }
        String u = requestUri;
        if (u == null) {
            u = SipHeaders.decode(packet.data(), uriStart, uriEnd);
            requestUri = u;
        }
        return u;
    }
    /** The Request-URI parsed (parsed once, then cached); null for responses. */
    public SipUri requestUriParsed() {
        if (method == null) {
            return null;
        }
        SipUri u = requestUriParsed;
        if (u == null) {
            // The scanner keeps only printable ASCII in the Request-URI, so the byte parser applies.
            u = HeaderBytes.uri(packet.data(), uriStart, uriEnd);
            requestUriParsed = u;
        }
        return u;
    }
    /** Status code of a response; 0 for requests. */
    public int statusCode() { return statusCode; }
    /** Reason phrase of a response ("" when the sender gave none); null for requests. */
    public String reasonPhrase() {
        if (method != null) {
            return null;
        }
        String r = reasonPhrase;
        if (r == null) {
            r = SipHeaders.decode(packet.data(), phraseStart, phraseEnd);
            reasonPhrase = r;
        }
        return r;
    }

    public String callId() { return headers.callId(); }
    /** CSeq, null if absent or unparsable (see {@link #defects()}). */
    public CSeq cseq() { return headers.cseq(); }
    /** Top Via, null if absent. */
    public Via topVia() { return headers.topVia(); }
    /** Every Via value, top first (repeated headers and comma lists). */
    public List<Via> vias() { return headers.vias(); }
    public NameAddr from() { return headers.from(); }
    public NameAddr to() { return headers.to(); }
    /**
     * Branch of the top Via, null if absent: equals {@code topVia() == null ? null : topVia().branch()}
     * but cheaper when the Via itself is not needed (only the branch String is made).
     */
    public String topViaBranch() { return headers.topViaBranch(); }

    /** {@link #topViaBranchRange()}: the top Via has no branch. */
    public static final long NO_BRANCH = -1L;
    /** {@link #topViaBranchRange()}: only {@link #topViaBranch()} can say (a folded, non-ASCII or quoted Via). */
    public static final long BRANCH_NEEDS_STRING = -2L;

    /**
     * Where {@link #topViaBranch()} lies in {@code packet().data()}, as {@code start << 32 | end},
     * when it is exactly those ASCII bytes (no String made); else {@link #NO_BRANCH} or
     * {@link #BRANCH_NEEDS_STRING}.
     */
    public long topViaBranchRange() { return headers.topViaBranchRange(); }
    /** Tag of From, null if absent: equals {@code from() == null ? null : from().tag()}, cheaper. */
    public String fromTag() { return headers.fromTag(); }
    /** Tag of To, null if absent: equals {@code to() == null ? null : to().tag()}, cheaper. */
    public String toTag() { return headers.toTag(); }
    /** First Contact value (the one Microsoft looks at), null if absent. */
    public NameAddr contact() { return headers.contact(); }
    /** Every Contact value in order. */
    public List<NameAddr> contacts() { return headers.contacts(); }
    /** Top Record-Route value, null if absent. */
    public NameAddr recordRoute() { return headers.recordRoute(); }
    /** Every Record-Route value, top first. */
    public List<NameAddr> recordRoutes() { return headers.recordRoutes(); }
    /** Every Reason value (SIP and Q.850), in order; empty if none. */
    public List<Reason> reasons() { return headers.reasons(); }
    public String server() { return headers.server(); }
    public String userAgent() { return headers.userAgent(); }
    /** Content-Length header value, -1 if absent or unparsable. */
    public int contentLength() { return headers.contentLength(); }
    public String contentType() { return headers.first(SipHeaders.CONTENT_TYPE); }

    /** First value of a header (any case, compact or full name), null if absent. */
    public String header(String name) { return headers.first(name); }
    /**
     * Every value of a header in order; for list headers (Via, Contact, Route, Record-Route,
     * Reason, Allow, Supported, ...) comma-separated values are split (quotes and &lt;&gt; respected).
     */
    public List<String> headers(String name) { return headers.all(name); }
    /** Header names in order of appearance, canonical lower-case full names. */
    public List<String> headerNames() { return headers.names(); }
    /** Number of header lines kept (a folded header counts once). */
    public int headerCount() { return headers.count(); }

    /**
     * What is wrong with this message although it parsed (header line without colon, missing
     * mandatory header, bad CSeq, body shorter than Content-Length, ...); empty for a clean one.
     */
    public List<Malformed> defects() { return defects; }

    /** Body length: Content-Length when present and satisfiable, else the bytes after the headers. */
    public int bodyLength() { return bodyLength; }
    /** Offset of the body in {@code packet().data()}. */
    public int bodyOffset() { return bodyOffset; }
    public byte[] body() {
        return java.util.Arrays.copyOfRange(packet.data(), bodyOffset, bodyOffset + bodyLength);
    }
    /** The SDP body, or null when the body is absent or not SDP. */
    public Sdp sdp() { return headers.sdp(bodyOffset, bodyLength); }

    /** The header storage (package-private, for tests that compare accessors with their reference). */
    SipHeaders headerStore() { return headers; }

    @Override
    public String toString() {
        return (isRequest() ? method + " " + requestUri() : statusCode + " " + reasonPhrase()) + " Call-ID " + callId()
                + " @" + where();
    }
}
