package dev.drsip.sip;

import dev.drsip.sip.header.CSeq;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link SipPacket} into a {@link SipMessage} or a {@link Malformed}, in one pass over the
 * bytes: the scanner finds the start line and every header line (joining folded continuation
 * lines), recognises header names case-insensitively including every compact form, and stores
 * offsets. Header values become Strings, and structured values are parsed, only when asked for.
 *
 * <p>Outcomes: a broken start line (or an empty/oversized packet) gives a {@link Malformed}; a
 * message whose start line is fine but which has defects (header line without colon, missing
 * mandatory header, unparsable CSeq or Content-Length, body shorter than Content-Length, too many
 * headers, ...) is still a {@link SipMessage} carrying them in {@link SipMessage#defects()}, as
 * tshark still counts it.
 *
 * <p>Never throws on bad input. Stateless and thread-safe.
 */
public final class SipMessageParser {
    /** Largest message accepted (the IPv4/UDP datagram limit; TCP framing cuts at this too). */
    public static final int MAX_MESSAGE_BYTES = 65535;
    /** Header lines kept per message; the rest are scanned over and reported once. */
    public static final int MAX_HEADERS = 256;
    /** Longest start line or physical header line accepted; longer header lines are dropped. */
    public static final int MAX_LINE_LENGTH = 16384;
    /** Defects recorded per message; more are counted into one final {@code sip.too-many-defects}. */
    public static final int MAX_DEFECTS = 16;

    // Reason keys (short and stable: they are counted and shown in reports).
    public static final String EMPTY = "sip.empty";
    public static final String TOO_LARGE = "sip.too-large";
    public static final String BAD_START_LINE = "sip.bad-start-line";
    public static final String BAD_STATUS_LINE = "sip.bad-status-line";
    public static final String HEADER_WITHOUT_COLON = "sip.header-without-colon";
    public static final String BAD_HEADER_NAME = "sip.bad-header-name";
    public static final String LINE_TOO_LONG = "sip.line-too-long";
    public static final String BAD_FOLDING = "sip.bad-folding";
    public static final String TOO_MANY_HEADERS = "sip.too-many-headers";
    public static final String MISSING_HEADER = "sip.missing-header";
    public static final String BAD_CSEQ = "sip.bad-cseq";
    public static final String CSEQ_METHOD_MISMATCH = "sip.cseq-method-mismatch";
    public static final String BAD_CONTENT_LENGTH = "sip.bad-content-length";
    public static final String BODY_TRUNCATED = "sip.body-truncated";
    public static final String NO_END_OF_HEADERS = "sip.no-end-of-headers";
    public static final String TOO_MANY_DEFECTS = "sip.too-many-defects";
    public static final String DUPLICATE_HEADER = "sip.duplicate-header";

    /** Headers that must appear at most once (a second Content-Length makes framing ambiguous). */
    private static final long SINGLETONS = 1L << SipHeaders.CALL_ID | 1L << SipHeaders.CSEQ | 1L << SipHeaders.FROM
            | 1L << SipHeaders.TO | 1L << SipHeaders.CONTENT_LENGTH | 1L << SipHeaders.MAX_FORWARDS
            | 1L << SipHeaders.CONTENT_TYPE;

    private static final byte[] SIP20 = {'S', 'I', 'P', '/', '2', '.', '0'};

    /** Methods returned as shared constants (no allocation per message). */
    private static final String[] METHODS = {
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "UPDATE", "INFO",
        "REFER", "NOTIFY", "SUBSCRIBE", "MESSAGE", "PUBLISH",
    };

    public ParseResult parse(SipPacket p) {
        byte[] b = p.data();
        if (b == null || p.length() <= 0 || p.offset() < 0 || p.offset() + p.length() > b.length) {
            return new Malformed(EMPTY, p.where(), "no bytes");
        }
        if (p.length() > MAX_MESSAGE_BYTES) {
            return new Malformed(TOO_LARGE, p.where(),
                    p.length() + " bytes, more than the " + MAX_MESSAGE_BYTES + " accepted");
        }
        final int end = p.offset() + p.length();
        int pos = p.offset();
        // RFC 3261 7.5: CRLFs before the start line are ignored (keep-alives, stream leftovers).
        while (pos < end && (b[pos] == '\r' || b[pos] == '\n')) {
            pos++;
        }
        if (pos == end) {
            return new Malformed(EMPTY, p.where(), "only line breaks (" + p.length() + " bytes)");
        }
        // ---- start line ----
        int eol = ByteScan.indexOfLf(b, pos, Math.min(end, pos + MAX_LINE_LENGTH + 2));
        int lineEnd;
        int next;
        if (eol < 0) {
            if (end - pos > MAX_LINE_LENGTH) {
                return new Malformed(BAD_START_LINE, p.where(), "no line break in the first " + MAX_LINE_LENGTH + " bytes");
            }
            lineEnd = end;
            next = end;
        } else {
            lineEnd = eol > pos && b[eol - 1] == '\r' ? eol - 1 : eol;
            next = eol + 1;
        }
        String method = null;
        int uriStart = 0;
        int uriEnd = 0;
        int status = 0;
        int phraseStart = 0;
        int phraseEnd = 0;
        if (startsWithIgnoreCase(b, pos, lineEnd, SIP20) && lineEnd - pos > SIP20.length
                && (b[pos + SIP20.length] == ' ' || b[pos + SIP20.length] == '\t')) {
            int i = skipSpaces(b, pos + SIP20.length, lineEnd);
            int cs = i;
            while (i < lineEnd && b[i] >= '0' && b[i] <= '9') {
                status = status * 10 + (b[i] - '0');
                i++;
            }
            if (i - cs != 3 || status < 100 || (i < lineEnd && b[i] != ' ' && b[i] != '\t')) {
                return new Malformed(BAD_STATUS_LINE, p.where(), "bad status line: " + excerpt(b, pos, lineEnd));
            }
            phraseStart = skipSpaces(b, i, lineEnd);
            phraseEnd = trimEnd(b, phraseStart, lineEnd);
        } else {
            int i = pos;
            while (i < lineEnd && isTokenChar(b[i])) {
                i++;
            }
            int methodEnd = i;
            if (methodEnd == pos || i >= lineEnd || (b[i] != ' ' && b[i] != '\t')) {
                return new Malformed(BAD_START_LINE, p.where(), "not a SIP start line: " + excerpt(b, pos, lineEnd));
            }
            i = skipSpaces(b, i, lineEnd);
            uriStart = i;
            while (i < lineEnd && b[i] > ' ' && b[i] != 0x7f) {
                i++;
            }
            uriEnd = i;
            int vs = skipSpaces(b, i, lineEnd);
            int ve = trimEnd(b, vs, lineEnd);
            if (uriEnd == uriStart || vs == i || ve - vs != SIP20.length || !startsWithIgnoreCase(b, vs, ve, SIP20)) {
                boolean looksLikeStatus = startsWithIgnoreCase(b, pos, lineEnd, new byte[] {'S', 'I', 'P', '/'});
                return new Malformed(looksLikeStatus ? BAD_STATUS_LINE : BAD_START_LINE, p.where(),
                        "not a SIP start line: " + excerpt(b, pos, lineEnd));
            }
            method = method(b, pos, methodEnd);
        }

        // ---- header lines ----
        SipHeaders h = new SipHeaders(b);
        List<Malformed> defects = null;
        int line = 1;
        int bodyStart = -1;
        boolean lastKept = false; // a folded line continues the last header only if it was kept
        int extraHeaders = 0;
        int droppedDefects = 0;
        int cseqIndex = -1;
        int clIndex = -1;
        long seen = 0; // bit per singleton header id already seen
        pos = next;
        while (pos < end) {
            line++;
            // One pass to the name's colon (or the line's end), then on to the LF: the name's bytes
            // are not walked one by one unless the name is not a known header's.
            byte first = b[pos];
            int colonAt = first == ' ' || first == '\t' ? -1 : ByteScan.indexOfColonOrLineEnd(b, pos, end);
            if (colonAt > pos && b[colonAt] == ':') {
                eol = ByteScan.indexOfLf(b, colonAt + 1, end);
            } else {
                colonAt = -1;
                eol = ByteScan.indexOfLf(b, pos, end);
            }
            int le;
            if (eol < 0) {
                le = end;
                next = end;
            } else {
                le = eol > pos && b[eol - 1] == '\r' ? eol - 1 : eol;
                next = eol + 1;
            }
            if (le == pos) { // empty line: end of headers
                bodyStart = next;
                break;
            }
            if (le - pos > MAX_LINE_LENGTH) {
                defects = add(defects, p.where(), LINE_TOO_LONG, "line " + line + ": " + (le - pos)
                        + " bytes, more than " + MAX_LINE_LENGTH + "; dropped");
                lastKept = false;
                pos = next;
                continue;
            }
            if (first == ' ' || first == '\t') {
                if (lastKept) {
                    h.extendLast(trimEnd(b, pos, le));
                } else if (h.count() == 0 && extraHeaders == 0) {
                    defects = add(defects, p.where(), BAD_FOLDING, "line " + line + ": continuation line before any header");
                }
                pos = next;
                continue;
            }
            int id = SipHeaders.UNKNOWN;
            int nameEnd = -1;
            int colon = -1;
            if (colonAt >= 0) {
                // Fast path: the first ':' comes before any CR or LF. A known name (matched with
                // '| 0x20', which only a CR could fake, and there is none before the colon) is made
                // of token characters; an unknown one is checked byte by byte.
                int ne = colonAt;
                while (ne > pos && (b[ne - 1] == ' ' || b[ne - 1] == '\t')) {
                    ne--;
                }
                if (ne > pos) {
                    id = SipHeaders.lookup(b, pos, ne);
                    if (id != SipHeaders.UNKNOWN || allTokenChars(b, pos, ne)) {
                        nameEnd = ne;
                        colon = colonAt;
                    }
                }
            }
            if (colon < 0) {
                // Token characters, optional blanks, then ':' (the rules the fast path follows).
                int i = pos;
                while (i < le && TOKEN[b[i] & 0xff]) {
                    i++;
                }
                nameEnd = i;
                while (i < le && (b[i] == ' ' || b[i] == '\t')) {
                    i++;
                }
                colon = i < le && b[i] == ':' && nameEnd > pos ? i : -1;
                id = colon < 0 ? SipHeaders.UNKNOWN : SipHeaders.lookup(b, pos, nameEnd);
            }
            if (colon < 0) {
                // Slow path, only for broken lines: say whether the colon is missing or the name is bad.
                int c = -1;
                for (int k = pos; k < le; k++) {
                    if (b[k] == ':') {
                        c = k;
                        break;
                    }
                }
                if (c < 0) {
                    defects = add(defects, p.where(), HEADER_WITHOUT_COLON,
                            "line " + line + ": header line without colon: " + excerpt(b, pos, le));
                } else {
                    defects = add(defects, p.where(), BAD_HEADER_NAME,
                            "line " + line + ": bad header name: " + excerpt(b, pos, c));
                }
                lastKept = false;
                pos = next;
                continue;
            }
            if (h.count() >= MAX_HEADERS) {
                extraHeaders++;
                lastKept = false;
                pos = next;
                continue;
            }
            if (id >= 0 && id < 64 && (SINGLETONS & (1L << id)) != 0) {
                if ((seen & (1L << id)) != 0) {
                    defects = add(defects, p.where(), DUPLICATE_HEADER,
                            "line " + line + ": second " + SipHeaders.NAMES[id] + " header (the first one is used)");
                }
                seen |= 1L << id;
            }
            int vs = skipSpaces(b, colon + 1, le);
            h.add(id, pos, nameEnd, vs, trimEnd(b, vs, le), false);
            if (id == SipHeaders.CSEQ && cseqIndex < 0) {
                cseqIndex = h.count() - 1;
            } else if (id == SipHeaders.CONTENT_LENGTH && clIndex < 0) {
                clIndex = h.count() - 1;
            }
            lastKept = true;
            pos = next;
        }
        if (extraHeaders > 0) {
            defects = add(defects, p.where(), TOO_MANY_HEADERS,
                    extraHeaders + " header lines beyond the " + MAX_HEADERS + " kept were ignored");
        }

        // ---- mandatory headers, CSeq, Content-Length ----
        if (!h.has(SipHeaders.CALL_ID)) {
            defects = add(defects, p.where(), MISSING_HEADER, "missing Call-ID");
        }
        if (cseqIndex < 0) {
            defects = add(defects, p.where(), MISSING_HEADER, "missing CSeq");
        } else {
            CSeq c = HeaderValues.cseq(b, h.valueStart(cseqIndex), h.valueEnd(cseqIndex));
            h.cseq = c;
            if (c == null) {
                defects = add(defects, p.where(), BAD_CSEQ, "unparsable CSeq: " + excerpt(b, h.valueStart(cseqIndex), h.valueEnd(cseqIndex)));
            } else if (method != null && !c.method().equals(method)) {
                defects = add(defects, p.where(), CSEQ_METHOD_MISMATCH,
                        "CSeq method " + c.method() + " differs from request method " + method);
            }
        }
        if (!h.has(SipHeaders.FROM)) {
            defects = add(defects, p.where(), MISSING_HEADER, "missing From");
        }
        if (!h.has(SipHeaders.TO)) {
            defects = add(defects, p.where(), MISSING_HEADER, "missing To");
        }
        if (!h.has(SipHeaders.VIA)) {
            defects = add(defects, p.where(), MISSING_HEADER, "missing Via");
        }
        int available;
        if (bodyStart < 0) {
            bodyStart = end;
            available = 0;
            defects = add(defects, p.where(), NO_END_OF_HEADERS, "no empty line after the headers (message cut short?)");
        } else {
            available = end - bodyStart;
        }
        int bodyLength = available;
        if (clIndex >= 0) {
            int cl = parseContentLength(b, h.valueStart(clIndex), h.valueEnd(clIndex));
            h.contentLength = cl;
            if (cl < 0) {
                defects = add(defects, p.where(), BAD_CONTENT_LENGTH,
                        "unparsable Content-Length: " + excerpt(b, h.valueStart(clIndex), h.valueEnd(clIndex)));
            } else if (cl > available) {
                defects = add(defects, p.where(), BODY_TRUNCATED,
                        "Content-Length " + cl + " but only " + available + " body bytes");
            } else {
                // Extra bytes after Content-Length (UDP) are not part of this message.
                bodyLength = cl;
            }
        }
        if (defects != null && defects.size() > MAX_DEFECTS) {
            droppedDefects = defects.size() - MAX_DEFECTS;
            defects = new ArrayList<>(defects.subList(0, MAX_DEFECTS));
            defects.add(new Malformed(TOO_MANY_DEFECTS, p.where(), droppedDefects + " more defects not listed"));
        }
        h.seal();
        return new SipMessage(p, method, uriStart, uriEnd, status, phraseStart, phraseEnd, h,
                bodyStart, bodyLength, defects == null ? List.of() : List.copyOf(defects));
    }

    private static List<Malformed> add(List<Malformed> defects, Where where, String reason, String detail) {
        List<Malformed> d = defects == null ? new ArrayList<>(4) : defects;
        if (d.size() <= MAX_DEFECTS) {
            d.add(new Malformed(reason, where, detail));
        } else {
            d.add(null); // placeholder: only counted
        }
        return d;
    }

    /** Content-Length digits with optional surrounding whitespace; -1 when not a number. */
    static int parseContentLength(byte[] b, int from, int to) {
        int i = from;
        while (i < to && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        int s = i;
        long v = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            if (v > Integer.MAX_VALUE) {
                return -1;
            }
            i++;
        }
        if (i == s) {
            return -1;
        }
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i == to ? (int) v : -1;
    }

    /** The method token {@code b[from, to)} upper-cased, shared constant for the usual ones. */
    static String method(byte[] b, int from, int to) {
        int len = to - from;
        if (len > 0) {
            // '& 0xDF' upper-cases ASCII letters and maps no other byte onto a letter.
            int first = b[from] & 0xDF;
            for (int m = 0; m < METHOD_BYTES.length; m++) {
                byte[] mb = METHOD_BYTES[m];
                if (mb.length == len && mb[0] == first) {
                    int k = 1;
                    while (k < len && (b[from + k] & 0xDF) == mb[k]) {
                        k++;
                    }
                    if (k == len) {
                        return METHODS[m];
                    }
                }
            }
        }
        return new String(b, from, len, StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT);
    }

    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];

    static {
        for (int m = 0; m < METHODS.length; m++) {
            METHOD_BYTES[m] = METHODS[m].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            TOKEN[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+'
                    || c == '`' || c == '\'' || c == '~';
        }
    }

    private static boolean allTokenChars(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!TOKEN[b[i] & 0xff]) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3261 token character. */
    static boolean isTokenChar(byte c) {
        return TOKEN[c & 0xff];
    }


    private static int skipSpaces(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t' || b[to - 1] == '\r')) {
            to--;
        }
        return to;
    }

    private static boolean startsWithIgnoreCase(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (SipHeaders.lower(b[from + i]) != SipHeaders.lower(prefix[i])) {
                return false;
            }
        }
        return true;
    }

    /** Up to 80 printable characters of {@code b[from, to)} for a defect detail. */
    static String excerpt(byte[] b, int from, int to) {
        int n = Math.min(to - from, 80);
        StringBuilder s = new StringBuilder(n + 3).append('\'');
        for (int i = 0; i < n; i++) {
            int c = b[from + i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        if (to - from > n) {
            s.append("...");
        }
        return s.append('\'').toString();
    }
}
