package dev.drsip.sip;

/**
 * Cheap test for "these bytes begin with a SIP start line", used by sources to find SIP on
 * non-standard ports and to re-synchronise a TCP stream after a gap. Works on raw bytes, no
 * allocation.
 */
public final class SipStartLine {
    /** Longest start line we look at; real ones are far shorter. */
    public static final int MAX_START_LINE = 2048;

    private static final byte[] SIP20 = {'S', 'I', 'P', '/', '2', '.', '0'};

    private SipStartLine() {
    }

    /**
     * True when {@code buf[off, off+len)} starts with {@code SIP/2.0 NNN } or
     * {@code METHOD SP Request-URI SP SIP/2.0} followed by CRLF or LF. Needs the whole first line.
     */
    public static boolean matches(byte[] buf, int off, int len) {
        return lineLength(buf, off, len) > 0;
    }

    /**
     * Length of the start line including its line ending if the bytes begin with a SIP start line,
     * else -1 (also -1 when the line is not complete within {@code len}).
     */
    public static int lineLength(byte[] buf, int off, int len) {
        int end = off + Math.min(len, MAX_START_LINE);
        int eol = -1;
        for (int i = off; i < end; i++) {
            if (buf[i] == '\n') {
                eol = i;
                break;
            }
        }
        if (eol < 0) {
            return -1;
        }
        int lineEnd = eol > off && buf[eol - 1] == '\r' ? eol - 1 : eol;
        if (startsWith(buf, off, lineEnd, SIP20)) {
            // SIP/2.0 NNN reason
            int p = off + SIP20.length;
            if (lineEnd - p < 4 || buf[p] != ' ') {
                return -1;
            }
            for (int i = 1; i <= 3; i++) {
                if (buf[p + i] < '0' || buf[p + i] > '9') {
                    return -1;
                }
            }
            if (lineEnd - p > 4 && buf[p + 4] != ' ') {
                return -1;
            }
            return eol - off + 1;
        }
        // METHOD: token chars (upper-case letters in practice), then SP
        int i = off;
        while (i < lineEnd && isTokenChar(buf[i])) {
            i++;
        }
        if (i == off || i >= lineEnd || buf[i] != ' ') {
            return -1;
        }
        int uriStart = ++i;
        while (i < lineEnd && buf[i] != ' ') {
            i++;
        }
        if (i == uriStart || i >= lineEnd) {
            return -1;
        }
        i++;
        if (lineEnd - i != SIP20.length || !startsWith(buf, i, lineEnd, SIP20)) {
            return -1;
        }
        return eol - off + 1;
    }

    private static boolean isTokenChar(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '!' || b == '%' || b == '*' || b == '_' || b == '+'
                || b == '`' || b == '\'' || b == '~';
    }

    private static boolean startsWith(byte[] buf, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
