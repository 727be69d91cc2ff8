package dev.drsip.sip;

import java.nio.charset.StandardCharsets;

/**
 * Turns a {@link SipPacket} into a {@link SipMessage} or a {@link Malformed}. Never throws on bad
 * input. FIRST CUT (naive): to be replaced by the fast scanner with explicit size limits.
 */
public final class SipMessageParser {

    public ParseResult parse(SipPacket p) {
        String text = new String(p.data(), p.offset(), p.length(), StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        int sepLen = 4;
        if (headerEnd < 0) {
            headerEnd = text.indexOf("\n\n");
            sepLen = 2;
        }
        if (headerEnd < 0) {
            headerEnd = text.length();
            sepLen = 0;
        }
        String[] lines = text.substring(0, headerEnd).split("\r?\n");
        String start = lines[0];
        String method = null;
        String uri = null;
        int status = 0;
        String phrase = null;
        if (start.startsWith("SIP/2.0 ")) {
            String[] parts = start.split(" ", 3);
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                return new Malformed("sip.bad-status-line", p.where(), "bad status line: " + start);
            }
            phrase = parts.length > 2 ? parts[2] : "";
        } else {
            String[] parts = start.split(" ");
            if (parts.length != 3 || !parts[2].equals("SIP/2.0")) {
                return new Malformed("sip.bad-start-line", p.where(), "not a SIP start line: " + start);
            }
            method = parts[0];
            uri = parts[1];
        }
        SipHeaders h = new SipHeaders();
        String name = null;
        StringBuilder value = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.trim());
                continue;
            }
            if (name != null) {
                h.add(name, value.toString().trim());
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return new Malformed("sip.bad-header", p.where(), "header line without colon: " + line);
            }
            name = line.substring(0, colon);
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            h.add(name, value.toString().trim());
        }
        int bodyOff = p.offset() + headerEnd + sepLen;
        int bodyLen = Math.max(0, p.offset() + p.length() - bodyOff);
        return new SipMessage(p, method, uri, status, phrase, h, bodyOff, bodyLen);
    }
}
