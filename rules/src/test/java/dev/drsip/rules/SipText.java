package dev.drsip.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds SIP message text for tests: CRLF line ends, Content-Length computed. */
public final class SipText {
    public static final String SDP = "v=0\r\no=- 1 1 IN IP4 203.0.113.10\r\ns=-\r\nc=IN IP4 203.0.113.10\r\nt=0 0\r\n"
            + "m=audio 49170 RTP/SAVP 0 8 101\r\na=sendrecv\r\n";

    private final String startLine;
    private final List<String> headers = new ArrayList<>();
    private String body = "";

    private SipText(String startLine) {
        this.startLine = startLine;
    }

    public static SipText request(String method, String ruri) {
        return new SipText(method + " " + ruri + " SIP/2.0");
    }

    /** A response to {@code request}: Via, From, To (+tag), Call-ID, CSeq, Record-Route copied. */
    public static SipText response(String request, int code, String phrase, String toTag) {
        SipText m = new SipText("SIP/2.0 " + code + " " + phrase);
        for (String line : request.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:") || lower.startsWith("record-route:")) {
                m.headers.add(line);
            } else if (lower.startsWith("to:")) {
                m.headers.add(toTag != null && !lower.contains(";tag=") ? line + ";tag=" + toTag : line);
            }
        }
        return m;
    }

    public SipText h(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    /** Standard dialog headers: Via with branch, From with tag, To, Call-ID, CSeq, Max-Forwards. */
    public SipText dialog(String sentBy, String branch, String fromUri, String toUri, String toTag, String callId,
                          long cseq, String method) {
        h("Via", "SIP/2.0/TLS " + sentBy + ";branch=z9hG4bK" + branch);
        h("From", "<" + fromUri + ">;tag=f" + Integer.toHexString(callId.hashCode()));
        h("To", "<" + toUri + ">" + (toTag == null ? "" : ";tag=" + toTag));
        h("Call-ID", callId);
        h("CSeq", cseq + " " + method);
        h("Max-Forwards", "70");
        return this;
    }

    public SipText contact(String uri) {
        return h("Contact", "<" + uri + ">");
    }

    public SipText sdp() {
        return sdp(SDP);
    }

    public SipText sdp(String sdpText) {
        h("Content-Type", "application/sdp");
        body = sdpText;
        return this;
    }

    public String build() {
        StringBuilder b = new StringBuilder(startLine).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        b.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return b.toString();
    }
}
