package dev.drsip.analyzer;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds SIP message text for tests (CRLF line ends, Content-Length computed). Responses copy Via,
 * From, To, Call-ID and CSeq from the request text, as a UAS does.
 */
final class Msg {
    private final String startLine;
    private final List<String> headers = new ArrayList<>();
    private String body = "";

    private Msg(String startLine) {
        this.startLine = startLine;
    }

    static Msg request(String method, String ruri) {
        return new Msg(method + " " + ruri + " SIP/2.0");
    }

    /** A response to {@code request} (its text); {@code toTag} added to To when not null and absent. */
    static Msg response(String request, int code, String phrase, String toTag) {
        Msg m = new Msg("SIP/2.0 " + code + " " + phrase);
        for (String line : request.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("v:") || lower.startsWith("from:") || lower.startsWith("f:")
                    || lower.startsWith("call-id:") || lower.startsWith("i:") || lower.startsWith("cseq:")
                    || lower.startsWith("record-route:")) {
                m.headers.add(line);
            } else if (lower.startsWith("to:") || lower.startsWith("t:")) {
                m.headers.add(toTag != null && !lower.contains(";tag=") ? line + ";tag=" + toTag : line);
            }
        }
        return m;
    }

    Msg h(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    Msg via(String sentBy, String branch) {
        return h("Via", "SIP/2.0/TLS " + sentBy + (branch == null ? "" : ";branch=" + branch));
    }

    Msg from(String uri, String tag) {
        return h("From", "<" + uri + ">" + (tag == null ? "" : ";tag=" + tag));
    }

    Msg to(String uri, String tag) {
        return h("To", "<" + uri + ">" + (tag == null ? "" : ";tag=" + tag));
    }

    Msg callId(String id) {
        return h("Call-ID", id);
    }

    Msg cseq(long n, String method) {
        return h("CSeq", n + " " + method);
    }

    Msg contact(String uri) {
        return h("Contact", "<" + uri + ">");
    }

    Msg sdp() {
        h("Content-Type", "application/sdp");
        body = "v=0\r\no=- 1 1 IN IP4 203.0.113.10\r\ns=-\r\nc=IN IP4 203.0.113.10\r\nt=0 0\r\n"
                + "m=audio 49170 RTP/SAVP 0 8 101\r\na=sendrecv\r\n";
        return this;
    }

    String build() {
        StringBuilder b = new StringBuilder(startLine).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        b.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return b.toString();
    }
}
