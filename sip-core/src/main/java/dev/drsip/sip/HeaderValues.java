package dev.drsip.sip;

import dev.drsip.sip.header.CSeq;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Sdp;
import dev.drsip.sip.header.Via;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Lenient parsers for structured header values, written as plain character loops (no regex, no
 * split) because they run on the hot path. Never throw: a value that does not follow the grammar
 * gives the best partial reading (the strict view is {@code dev.drsip.sip.strict}).
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** Splits a comma-separated header value, respecting quotes (with escapes) and angle brackets. */
    public static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            splitList(value, out);
        }
        return out;
    }

    /** Adds the comma-separated items of {@code value} (trimmed, empty ones dropped) to {@code out}. */
    static void splitList(String value, List<String> out) {
        int n = value.length();
        for (int start = 0; start <= n; ) {
            int end = itemEnd(value, start);
            addTrimmed(value, start, end, out);
            start = end + 1;
        }
    }

    /** First comma-separated item of a value, or null when it is empty. */
    static String firstListItem(String value) {
        int n = value.length();
        for (int start = 0; start <= n; ) {
            int end = itemEnd(value, start);
            String t = value.substring(start, end).trim();
            if (!t.isEmpty()) {
                return t;
            }
            start = end + 1;
        }
        return null;
    }

    /** Index of the next comma outside quotes and angle brackets at or after {@code from}, else the length. */
    private static int itemEnd(String value, int from) {
        int n = value.length();
        int i = from;
        boolean angle = false;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '"') {
                i = skipQuoted(value, i);
                continue;
            }
            if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                return i;
            }
            i++;
        }
        return n;
    }

    private static void addTrimmed(String s, int from, int to, List<String> out) {
        while (from < to && isWs(s.charAt(from))) {
            from++;
        }
        while (to > from && isWs(s.charAt(to - 1))) {
            to--;
        }
        if (to > from) {
            out.add(s.substring(from, to));
        }
    }

    /** Index just after the quoted string starting at {@code s[open] == '"'} (or the end). */
    private static int skipQuoted(String s, int open) {
        int i = open + 1;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return n;
    }

    private static String unquote(String s, int open, int end) {
        // s[open] == '"'; end is just after the closing quote (or the end of s when unterminated)
        int to = end > open + 1 && end <= s.length() && s.charAt(end - 1) == '"' ? end - 1 : end;
        String inner = s.substring(open + 1, Math.max(open + 1, to));
        if (inner.indexOf('\\') < 0) {
            return inner;
        }
        StringBuilder b = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                c = inner.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** ASCII lower case; returns {@code s} itself when it has no upper-case letter (no copy). */
    static String lowerAscii(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }

    /** {@code s[from, from+lower.length())} equals {@code lower} ignoring ASCII case. */
    static boolean regionIs(String s, int from, String lower) {
        int n = lower.length();
        if (from < 0 || from + n > s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skipWs(String s, int i) {
        int n = s.length();
        while (i < n && isWs(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** CSeq: {@code 1234 INVITE}; null when it is not a number followed by a method token. */
    public static CSeq cseq(String v) {
        if (v == null) {
            return null;
        }
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        return cseq(b, 0, b.length);
    }

    /** CSeq from bytes {@code b[from, to)}; null when unparsable. Known methods allocate nothing. */
    static CSeq cseq(byte[] b, int from, int to) {
        int i = from;
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        long n = 0;
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            if (++digits > 10) {
                return null;
            }
            n = n * 10 + (b[i] - '0');
            i++;
        }
        if (digits == 0 || i >= to || !(b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            return null;
        }
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        int ms = i;
        while (i < to && SipMessageParser.isTokenChar(b[i])) {
            i++;
        }
        int me = i;
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        if (me == ms || i != to) {
            return null;
        }
        return new CSeq(n, SipMessageParser.method(b, ms, me));
    }

    /**
     * One Via value: {@code SIP/2.0/TLS host:port;branch=...;received=...}. Host lower-cased,
     * IPv6 without brackets. Spaces around '/', ':', ';' and '=' are tolerated.
     */
    public static Via via(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        int n = s.length();
        int i = 0;
        // sent-protocol: name / version / transport
        String transport = "";
        int slashes = 0;
        int tokStart = 0;
        while (i < n && slashes < 2) {
            char c = s.charAt(i);
            if (c == '/') {
                slashes++;
            } else if (c == ';') {
                break;
            }
            i++;
        }
        if (slashes == 2) {
            i = skipWs(s, i);
            tokStart = i;
            while (i < n && !isWs(s.charAt(i)) && s.charAt(i) != ';') {
                i++;
            }
            transport = upper(s.substring(tokStart, i));
        } else {
            i = 0;
        }
        i = skipWs(s, i);
        // sent-by
        String host;
        int port = -1;
        if (i < n && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            int end = close < 0 ? n : close;
            host = s.substring(i + 1, end);
            i = close < 0 ? n : close + 1;
        } else {
            int hs = i;
            int colons = 0;
            int lastColon = -1;
            int he = i;
            while (he < n && s.charAt(he) != ';' && !isWs(s.charAt(he))) {
                if (s.charAt(he) == ':') {
                    colons++;
                    lastColon = he;
                }
                he++;
            }
            if (colons > 1) {
                // IPv6 without brackets (old senders): a trailing group that makes it invalid is the port.
                String whole = s.substring(hs, he);
                String before = s.substring(hs, lastColon);
                int p = parsePort(s, lastColon + 1, he);
                if (IpAddress.parse(whole) == null && p >= 0 && IpAddress.parse(before) != null) {
                    host = before;
                    port = p;
                } else {
                    host = whole;
                }
                i = he;
            } else {
                while (i < n && s.charAt(i) != ':' && s.charAt(i) != ';' && !isWs(s.charAt(i))) {
                    i++;
                }
                host = s.substring(hs, i);
            }
        }
        host = lowerAscii(host);
        i = skipWs(s, i);
        if (i < n && s.charAt(i) == ':') {
            i = skipWs(s, i + 1);
            int ps = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            port = parsePort(s, ps, i);
        }
        String branch = null;
        String received = null;
        Params p = new Params(s, i);
        while (p.next()) {
            if (p.nameIs("branch")) {
                branch = p.value();
            } else if (p.nameIs("received")) {
                received = p.value();
            }
        }
        return new Via(transport, host, port, branch, received, s);
    }

    private static String upper(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return s.toUpperCase(Locale.ROOT);
            }
        }
        return s;
    }

    static int parsePort(String s, int from, int to) {
        if (to <= from || to - from > 5) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    /**
     * A name-addr or addr-spec (From, To, Contact, Record-Route, Route, P-Asserted-Identity...):
     * {@code "Display" <sip:user@host;uri-params>;tag=x}. Without angle brackets, everything
     * after the first ';' is header parameters (RFC 3261 20.10).
     */
    public static NameAddr nameAddr(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        int n = s.length();
        String display = null;
        String uri;
        int rest;
        int i = skipWs(s, 0);
        int lt = -1;
        if (i < n && s.charAt(i) == '"') {
            int end = skipQuoted(s, i);
            display = unquote(s, i, end);
            lt = s.indexOf('<', end);
        } else {
            lt = s.indexOf('<');
            if (lt > 0) {
                String d = s.substring(0, lt).trim();
                display = d.isEmpty() ? null : d;
            }
        }
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            int end = gt < 0 ? n : gt;
            uri = s.substring(lt + 1, end);
            rest = gt < 0 ? n : gt + 1;
        } else {
            int semi = s.indexOf(';', i);
            int end = semi < 0 ? n : semi;
            uri = s.substring(i, end).trim();
            rest = end;
        }
        String tag = null;
        Params p = new Params(s, rest);
        while (p.next()) {
            if (p.nameIs("tag")) {
                tag = p.value();
            }
        }
        return new NameAddr(display, SipUri.parse(uri), tag, s);
    }

    /**
     * One Reason value (RFC 3326): {@code Q.850;cause=63;text="GUID;phrase"}; tolerates spaces
     * around ';' and '=' and unquoted text.
     */
    public static Reason reason(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) != ';' && !isWs(s.charAt(i))) {
            i++;
        }
        String protocol = s.substring(0, i);
        int cause = -1;
        String text = null;
        Params p = new Params(s, i);
        while (p.next()) {
            if (p.nameIs("cause")) {
                cause = parseCause(p.rawValue());
            } else if (p.nameIs("text")) {
                text = p.value();
            }
        }
        return new Reason(protocol, cause, text);
    }

    private static int parseCause(String v) {
        if (v == null || v.isEmpty() || v.length() > 9) {
            return -1;
        }
        int c = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            c = c * 10 + (ch - '0');
        }
        return c;
    }

    /** True for {@code application/sdp} (any case, with or without parameters). */
    static boolean isSdpContentType(String ct) {
        String t = ct.trim();
        return t.regionMatches(true, 0, "application/sdp", 0, 15)
                && (t.length() == 15 || t.charAt(15) == ';' || isWs(t.charAt(15)));
    }

    public static Sdp sdp(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return sdp(b, 0, b.length);
    }

    /** The parts of an SDP body in {@code b[from, to)} the analysis looks at. */
    static Sdp sdp(byte[] b, int from, int to) {
        List<String> conns = new ArrayList<>(2);
        List<String> dirs = new ArrayList<>(2);
        List<String> media = new ArrayList<>(2);
        boolean ice = false;
        boolean crypto = false;
        int i = from;
        while (i < to) {
            int eol = ByteScan.indexOfLf(b, i, to);
            if (eol < 0) {
                eol = to;
            }
            int end = eol > i && b[eol - 1] == '\r' ? eol - 1 : eol;
            if (end - i >= 2 && b[i + 1] == '=') {
                byte type = b[i];
                int vs = i + 2;
                if (type == 'c') {
                    // c=IN IP4 203.0.113.5 -> the third field
                    int f = 0;
                    int p = vs;
                    int fs = vs;
                    String addr = null;
                    while (p <= end) {
                        if (p == end || b[p] == ' ') {
                            if (p > fs) {
                                if (f == 2) {
                                    addr = new String(b, fs, p - fs, StandardCharsets.ISO_8859_1);
                                    break;
                                }
                                f++;
                            }
                            fs = p + 1;
                        }
                        p++;
                    }
                    conns.add(addr != null ? addr : new String(b, vs, end - vs, StandardCharsets.ISO_8859_1).trim());
                } else if (type == 'm') {
                    media.add(new String(b, vs, end - vs, StandardCharsets.ISO_8859_1).trim());
                } else if (type == 'a') {
                    if (startsWith(b, vs, end, "candidate:")) {
                        ice = true;
                    } else if (startsWith(b, vs, end, "crypto:")) {
                        crypto = true;
                    } else {
                        String d = direction(b, vs, end);
                        if (d != null) {
                            dirs.add(d);
                        }
                    }
                }
            }
            i = eol + 1;
        }
        return new Sdp(Collections.unmodifiableList(conns), Collections.unmodifiableList(dirs),
                Collections.unmodifiableList(media), ice, crypto);
    }

    private static final String[] DIRECTIONS = {"sendrecv", "sendonly", "recvonly", "inactive"};

    private static String direction(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        for (String d : DIRECTIONS) {
            if (to - from == d.length() && startsWith(b, from, to, d)) {
                return d;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (b[from + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Iterates {@code ;name=value} parameters from a position, tolerating whitespace around ';' and
     * '=', quoted values containing ';' or ','. Stops at a top-level ',' (next list item).
     */
    static final class Params {
        private final String s;
        private int pos;
        private int nameStart;
        private int nameEnd;
        private int valueStart;
        private int valueEnd;
        private boolean quoted;

        Params(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        boolean next() {
            int n = s.length();
            int i = pos;
            // find the next ';'
            while (i < n && s.charAt(i) != ';') {
                char c = s.charAt(i);
                if (c == ',') {
                    return false;
                }
                if (c == '"') {
                    i = skipQuoted(s, i);
                } else {
                    i++;
                }
            }
            if (i >= n) {
                return false;
            }
            i = skipWs(s, i + 1);
            nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';' && s.charAt(i) != ',' && !isWs(s.charAt(i))) {
                i++;
            }
            nameEnd = i;
            i = skipWs(s, i);
            quoted = false;
            valueStart = -1;
            valueEnd = -1;
            if (i < n && s.charAt(i) == '=') {
                i = skipWs(s, i + 1);
                if (i < n && s.charAt(i) == '"') {
                    quoted = true;
                    valueStart = i;
                    i = skipQuoted(s, i);
                    valueEnd = i;
                } else {
                    valueStart = i;
                    while (i < n && s.charAt(i) != ';' && s.charAt(i) != ',' && !isWs(s.charAt(i))) {
                        i++;
                    }
                    valueEnd = i;
                }
            }
            pos = i;
            return true;
        }

        boolean nameIs(String lower) {
            int len = nameEnd - nameStart;
            if (len != lower.length()) {
                return false;
            }
            return regionIs(s, nameStart, lower);
        }

        /** The value, unquoted; "" for a parameter without '='. */
        String value() {
            if (valueStart < 0) {
                return "";
            }
            return quoted ? unquote(s, valueStart, valueEnd) : s.substring(valueStart, valueEnd);
        }

        String rawValue() {
            return valueStart < 0 ? null : quoted ? unquote(s, valueStart, valueEnd) : s.substring(valueStart, valueEnd);
        }
    }
}
