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
    private final String requestUri;
    private final int statusCode;
    private final String reasonPhrase;
    private final SipHeaders headers;
    private final int bodyOffset;
    private final int bodyLength;

    SipMessage(SipPacket packet, String method, String requestUri, int statusCode, String reasonPhrase,
               SipHeaders headers, int bodyOffset, int bodyLength) {
        this.packet = packet;
        this.method = method;
        this.requestUri = requestUri;
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
        this.headers = headers;
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
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
    public String requestUri() { return requestUri; }
    public SipUri requestUriParsed() { return requestUri == null ? null : SipUri.parse(requestUri); }
    /** Status code of a response; 0 for requests. */
    public int statusCode() { return statusCode; }
    public String reasonPhrase() { return reasonPhrase; }

    public String callId() { return headers.callId(); }
    public CSeq cseq() { return headers.cseq(); }
    /** Top Via, null if absent. */
    public Via topVia() { return headers.topVia(); }
    public List<Via> vias() { return headers.vias(); }
    public NameAddr from() { return headers.from(); }
    public NameAddr to() { return headers.to(); }
    /** First Contact value (the one Microsoft looks at), null if absent. */
    public NameAddr contact() { return headers.contact(); }
    /** Top Record-Route value, null if absent. */
    public NameAddr recordRoute() { return headers.recordRoute(); }
    public List<Reason> reasons() { return headers.reasons(); }
    public String server() { return headers.first("server"); }
    public String userAgent() { return headers.first("user-agent"); }
    /** Content-Length header value, -1 if absent. */
    public int contentLength() { return headers.contentLength(); }
    public String contentType() { return headers.first("content-type"); }

    /** First value of a header (any case, compact or full name), null if absent. */
    public String header(String name) { return headers.first(name); }
    /** Every value of a header in order; comma-separated list headers are split into values. */
    public List<String> headers(String name) { return headers.all(name); }
    /** Header names in order of appearance, canonical lower-case full names. */
    public List<String> headerNames() { return headers.names(); }

    public int bodyLength() { return bodyLength; }
    public byte[] body() {
        return java.util.Arrays.copyOfRange(packet.data(), bodyOffset, bodyOffset + bodyLength);
    }
    /** The SDP body, or null when the body is absent or not SDP. */
    public Sdp sdp() { return headers.sdp(packet.data(), bodyOffset, bodyLength); }

    @Override
    public String toString() {
        return (isRequest() ? method + " " + requestUri : statusCode + " " + reasonPhrase) + " Call-ID " + callId()
                + " @" + where();
    }
}
