package dev.drsip.sip;

import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Via;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The structured-value parsers of {@link HeaderValues} and {@link SipUri#parse}, run directly on
 * the packet bytes: no value String, no substring per step, no parameter-iterator object; only
 * the Strings the records keep are made. Each method reads exactly what its String twin reads
 * from {@code new String(b, from, to - from, UTF_8)} and gives an equal result, PROVIDED the
 * range is pure ASCII (then byte index = char index and ISO-8859-1 = UTF-8); callers check
 * {@link #isAscii} and use the String twins otherwise. The twins stay the reference: the property
 * test {@code HeaderBytesEquivalenceTest} compares both on generated and garbled values.
 */
final class HeaderBytes {
    private HeaderBytes() {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;

    /** No byte of {@code b[from, to)} has the high bit set (eight bytes per step). */
    static boolean isAscii(byte[] b, int from, int to) {
        int i = from;
        long acc = 0;
        for (; i + 8 <= to; i += 8) {
            acc |= (long) LONGS.get(b, i);
        }
        for (; i < to; i++) {
            acc |= b[i];
        }
        return (acc & HIGHS) == 0;
    }

    /** {@link #classify} flag: every byte is ASCII. */
    static final int ASCII = 1;
    /** {@link #classify} flag: there is a ',' (the value may be a list of several items). */
    static final int COMMA = 2;
    private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    private static final long ONES = 0x0101010101010101L;

    /** {@link #ASCII} and {@link #COMMA} flags of {@code b[from, to)}, eight bytes per step. */
    static int classify(byte[] b, int from, int to) {
        int i = from;
        long acc = 0;
        long commas = 0;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            acc |= w;
            long x = w ^ COMMAS;
            commas |= (x - ONES) & ~x & HIGHS; // non-zero iff some byte of w is ','
        }
        boolean comma = commas != 0;
        for (; i < to; i++) {
            acc |= b[i];
            comma |= b[i] == ',';
        }
        return ((acc & HIGHS) == 0 ? ASCII : 0) | (comma ? COMMA : 0);
    }

    static String str(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** ASCII lower case of an ASCII range (what {@link HeaderValues#lowerAscii} gives for it). */
    static String lower(byte[] b, int from, int to) {
        return shifted(b, from, to, 'A', 'Z', 32);
    }

    /** {@code b[from, to)} with the bytes in {@code [lo, hi]} moved by {@code delta} (case change). */
    private static String shifted(byte[] b, int from, int to, char lo, char hi, int delta) {
        int i = from;
        while (i < to && (b[i] < lo || b[i] > hi)) {
            i++;
        }
        if (i == to) {
            return str(b, from, to);
        }
        byte[] out = new byte[to - from];
        for (int k = from; k < to; k++) {
            byte c = b[k];
            out[k - from] = c >= lo && c <= hi ? (byte) (c + delta) : c;
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    static boolean isWs(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    // Byte classes for the hottest scanning loops: one table load per byte instead of a chain of
    // compares (the parameter walk runs on every message's Via, tags and URIs).
    private static final byte C_WS = 1;
    private static final byte C_SEMI = 2;
    private static final byte C_COMMA = 4;
    private static final byte C_QUOTE = 8;
    private static final byte C_EQ = 16;
    private static final byte C_BRACKET = 32;
    private static final byte[] CLS = new byte[256];

    static {
        CLS[' '] = C_WS;
        CLS['\t'] = C_WS;
        CLS['\r'] = C_WS;
        CLS['\n'] = C_WS;
        CLS[';'] = C_SEMI;
        CLS[','] = C_COMMA;
        CLS['"'] = C_QUOTE;
        CLS['='] = C_EQ;
        CLS['['] = C_BRACKET;
    }

    static int skipWs(byte[] b, int i, int n) {
        while (i < n && (CLS[b[i] & 0xff] & C_WS) != 0) {
            i++;
        }
        return i;
    }

    /** Start of {@code b[from, to)} without what {@link String#trim()} strips (chars up to ' '). */
    static int trimStart(byte[] b, int from, int to) {
        while (from < to && (b[from] & 0xff) <= ' ') {
            from++;
        }
        return from;
    }

    /** End of {@code b[from, to)} without what {@link String#trim()} strips. */
    static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] & 0xff) <= ' ') {
            to--;
        }
        return to;
    }

    private static int indexOf(byte[] b, byte c, int from, int n) {
        return ByteScan.indexOf(b, c, from, n);
    }

    /** Index just after the quoted string starting at {@code b[open] == '"'} (or {@code n}). */
    static int skipQuoted(byte[] b, int open, int n) {
        int i = open + 1;
        while (i < n) {
            byte c = b[i];
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

    /** Index of the next comma outside quotes and angle brackets at or after {@code from}, else {@code n}. */
    static int itemEnd(byte[] b, int from, int n) {
        int i = from;
        boolean angle = false;
        while (i < n) {
            byte c = b[i];
            if (c == '"') {
                i = skipQuoted(b, i, n);
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

    /**
     * The first comma-separated item that is not empty after {@link String#trim()} (what
     * {@link HeaderValues#firstListItem} returns), as {@code start << 32 | end}; -1 if none.
     */
    static long firstItem(byte[] b, int from, int n) {
        for (int start = from; start <= n; ) {
            int end = itemEnd(b, start, n);
            int s = trimStart(b, start, end);
            int e = trimEnd(b, s, end);
            if (e > s) {
                return (long) s << 32 | e;
            }
            start = end + 1;
        }
        return -1;
    }

    /** The value between {@code b[open] == '"'} and {@code end} unquoted (backslash escapes removed). */
    static String unquote(byte[] b, int open, int end, int n) {
        int to = end > open + 1 && end <= n && b[end - 1] == '"' ? end - 1 : end;
        int from = open + 1;
        if (to <= from) {
            return "";
        }
        if (indexOf(b, (byte) '\\', from, to) < 0) {
            return str(b, from, to);
        }
        byte[] out = new byte[to - from];
        int k = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to) {
                c = b[++i];
            }
            out[k++] = c;
        }
        return new String(out, 0, k, StandardCharsets.ISO_8859_1);
    }

    static int parsePort(byte[] b, int from, int to) {
        if (to <= from || to - from > 5) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 65535 ? v : -1;
    }

    // ---- ;name=value parameters (HeaderValues.Params on bytes, without an iterator object) ----

    /** {@link #param} result for a parameter that is absent. */
    static final long NO_PARAM = -1L;

    /**
     * The LAST {@code ;name=value} parameter named {@code lower} (any case) among those from
     * {@code pos} (the scan stops at a top-level ','), as {@code (valueStart + 1) << 32 | valueEnd};
     * a parameter without '=' gives 0; absent gives {@link #NO_PARAM}. Same walk as
     * {@code HeaderValues.Params}.
     */
    static long param(byte[] b, int pos, int n, String lower) {
        long found = NO_PARAM;
        int i = pos;
        while (true) {
            int k = 0;
            while (i < n && (k = CLS[b[i] & 0xff] & (C_SEMI | C_COMMA | C_QUOTE)) != C_SEMI) {
                if (k == C_COMMA) {
                    return found;
                }
                i = k == C_QUOTE ? skipQuoted(b, i, n) : i + 1;
            }
            if (i >= n) {
                return found;
            }
            i = skipWs(b, i + 1, n);
            int nameStart = i;
            while (i < n && (CLS[b[i] & 0xff] & (C_EQ | C_SEMI | C_COMMA | C_WS)) == 0) {
                i++;
            }
            boolean match = nameIs(b, nameStart, i, lower);
            i = skipWs(b, i, n);
            int vs = -1;
            int ve = -1;
            if (i < n && b[i] == '=') {
                i = skipWs(b, i + 1, n);
                if (i < n && b[i] == '"') {
                    vs = i;
                    i = skipQuoted(b, i, n);
                    ve = i;
                } else {
                    vs = i;
                    while (i < n && (CLS[b[i] & 0xff] & (C_SEMI | C_COMMA | C_WS)) == 0) {
                        i++;
                    }
                    ve = i;
                }
            }
            if (match) {
                found = vs < 0 ? 0 : (long) (vs + 1) << 32 | ve;
            }
        }
    }

    private static boolean nameIs(byte[] b, int from, int to, String lower) {
        int len = lower.length();
        if (to - from != len) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            int c = b[from + k];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The value of a {@link #param} result (unquoted; "" without '='); null when absent. */
    static String paramValue(byte[] b, long p, int n) {
        if (p == NO_PARAM) {
            return null;
        }
        if (p == 0) {
            return "";
        }
        int vs = (int) (p >>> 32) - 1;
        int ve = (int) p;
        return vs < n && b[vs] == '"' && ve > vs ? unquote(b, vs, ve, n) : str(b, vs, ve);
    }

    // ---- Via ----

    /** {@link HeaderValues#via} of the ASCII value {@code b[from, to)}. */
    static Via via(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        int n = trimEnd(b, from, to);
        String transport = "";
        int i = transportStart(b, from, n);
        if (i >= 0) {
            int tokStart = i;
            i = tokenEnd(b, i, n);
            transport = transport(b, tokStart, i);
        } else {
            i = from;
        }
        int hs = skipWs(b, i, n);
        i = hostEnd(b, hs, n);
        String host;
        int port = -1;
        if (hs < n && b[hs] == '[') {
            host = lower(b, hs + 1, b[i - 1] == ']' ? i - 1 : i); // no ']' at all: to the end
        } else {
            int lastColon = lastIndexOf(b, (byte) ':', hs, i);
            if (lastColon >= 0) { // a bare IPv6 address, perhaps with a port after its last colon
                String whole = str(b, hs, i);
                String before = str(b, hs, lastColon);
                int p = parsePort(b, lastColon + 1, i);
                if (IpAddress.parse(whole) == null && p >= 0 && IpAddress.parse(before) != null) {
                    host = HeaderValues.lowerAscii(before);
                    port = p;
                } else {
                    host = HeaderValues.lowerAscii(whole);
                }
            } else {
                host = lower(b, hs, i);
            }
        }
        i = skipWs(b, i, n);
        if (i < n && b[i] == ':') {
            i = skipWs(b, i + 1, n);
            int ps = i;
            while (i < n && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            port = parsePort(b, ps, i);
        }
        // One walk over the parameters for both names (the walk of param(); the last one wins).
        long branch = NO_PARAM;
        long received = NO_PARAM;
        while (true) {
            while (i < n && b[i] != ';') {
                byte c = b[i];
                if (c == ',') {
                    break;
                }
                i = c == '"' ? skipQuoted(b, i, n) : i + 1;
            }
            if (i >= n || b[i] != ';') {
                break;
            }
            i = skipWs(b, i + 1, n);
            int nameStart = i;
            byte c;
            while (i < n && (c = b[i]) != '=' && c != ';' && c != ',' && !isWs(c)) {
                i++;
            }
            int which = nameIs(b, nameStart, i, "branch") ? 1 : nameIs(b, nameStart, i, "received") ? 2 : 0;
            i = skipWs(b, i, n);
            long found = 0;
            if (i < n && b[i] == '=') {
                i = skipWs(b, i + 1, n);
                int vs = i;
                if (i < n && b[i] == '"') {
                    i = skipQuoted(b, i, n);
                } else {
                    while (i < n && (c = b[i]) != ';' && c != ',' && !isWs(c)) {
                        i++;
                    }
                }
                found = (long) (vs + 1) << 32 | i;
            }
            if (which == 1) {
                branch = found;
            } else if (which == 2) {
                received = found;
            }
        }
        return new Via(transport, host, port, paramValue(b, branch, n), paramValue(b, received, n), str(b, from, n));
    }

    /**
     * Just the branch of {@link #via} of the ASCII value {@code b[from, to)}: the same walk to the
     * parameters, without making the other Strings.
     */
    static String viaBranch(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        int n = trimEnd(b, from, to);
        return paramValue(b, viaBranchParam(b, from, n), n);
    }

    /**
     * Where {@link #viaBranch} of the ASCII value {@code b[from, to)} lies in {@code b}, as
     * {@code start << 32 | end}: the String would be exactly those bytes. {@link SipHeaders#NO_BRANCH}
     * when there is no branch, {@link SipHeaders#BRANCH_NEEDS_STRING} for a quoted one.
     */
    static long viaBranchRange(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        int n = trimEnd(b, from, to);
        long p = viaBranchParam(b, from, n);
        if (p == NO_PARAM) {
            return SipHeaders.NO_BRANCH;
        }
        if (p == 0) {
            return 0; // "branch" without a value: the empty String, an empty range
        }
        int vs = (int) (p >>> 32) - 1;
        int ve = (int) p;
        return vs < n && b[vs] == '"' && ve > vs ? SipHeaders.BRANCH_NEEDS_STRING : (long) vs << 32 | ve;
    }

    /** {@link #param} "branch" of the trimmed Via value {@code b[from, n)}. */
    private static long viaBranchParam(byte[] b, int from, int n) {
        // The walk over sent-protocol and sent-by never passes a ';' unless the sent-by holds a '['
        // (an IPv6 reference may) and the parameter walk skips no quote or comma before it, so
        // without those the parameters can be read from the first ';' (the usual case).
        int i = from;
        while (i < n && (CLS[b[i] & 0xff] & (C_SEMI | C_QUOTE | C_COMMA | C_BRACKET)) == 0) {
            i++;
        }
        if (i < n && b[i] != ';') {
            i = transportStart(b, from, n);
            i = i >= 0 ? tokenEnd(b, i, n) : from;
            i = skipWs(b, hostEnd(b, skipWs(b, i, n), n), n);
            if (i < n && b[i] == ':') {
                i = skipWs(b, i + 1, n);
                while (i < n && b[i] >= '0' && b[i] <= '9') {
                    i++;
                }
            }
        }
        return param(b, i, n, "branch");
    }

    /**
     * Where a Via's transport token starts: after the two slashes of "SIP/2.0/" and any blanks; -1
     * when the value has no such sent-protocol (before its first ';').
     */
    private static int transportStart(byte[] b, int from, int n) {
        int i = from;
        int slashes = 0;
        while (i < n && slashes < 2) {
            byte c = b[i];
            if (c == '/') {
                slashes++;
            } else if (c == ';') {
                break;
            }
            i++;
        }
        return slashes == 2 ? skipWs(b, i, n) : -1;
    }

    /** End of a token: the first blank or ';'. */
    private static int tokenEnd(byte[] b, int i, int n) {
        while (i < n && !isWs(b[i]) && b[i] != ';') {
            i++;
        }
        return i;
    }

    /**
     * End of the host of a Via sent-by starting at {@code hs}: after the ']' of an IPv6 reference
     * (the end without one), the whole run for a bare IPv6 address (two or more colons), else
     * before the ':' of the port. A bare host with one colon is host:port, so the host has none.
     */
    private static int hostEnd(byte[] b, int hs, int n) {
        if (hs < n && b[hs] == '[') {
            int close = indexOf(b, (byte) ']', hs, n);
            return close < 0 ? n : close + 1;
        }
        int colons = 0;
        int he = hs;
        while (he < n && b[he] != ';' && !isWs(b[he])) {
            if (b[he] == ':') {
                colons++;
            }
            he++;
        }
        if (colons > 1) {
            return he;
        }
        int i = hs;
        while (i < n && b[i] != ':' && b[i] != ';' && !isWs(b[i])) {
            i++;
        }
        return i;
    }

    /** Last index of {@code c} in {@code b[from, to)}, or -1. */
    private static int lastIndexOf(byte[] b, byte c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Upper-cased transport token; the usual ones as shared constants. */
    private static String transport(byte[] b, int from, int to) {
        if (to - from == 3) {
            int c0 = b[from] & ~0x20;
            int c1 = b[from + 1] & ~0x20;
            int c2 = b[from + 2] & ~0x20;
            if (c0 == 'T' && c1 == 'L' && c2 == 'S') {
                return "TLS";
            }
            if (c0 == 'U' && c1 == 'D' && c2 == 'P') {
                return "UDP";
            }
            if (c0 == 'T' && c1 == 'C' && c2 == 'P') {
                return "TCP";
            }
        }
        return shifted(b, from, to, 'a', 'z', -32);
    }

    // ---- name-addr ----

    /** {@link HeaderValues#nameAddr} of the ASCII value {@code b[from, to)}. */
    static NameAddr nameAddr(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        int n = trimEnd(b, from, to);
        String display = null;
        int i = skipWs(b, from, n);
        int lt;
        if (i < n && b[i] == '"') {
            int end = skipQuoted(b, i, n);
            display = unquote(b, i, end, n);
            lt = indexOf(b, (byte) '<', end, n);
        } else {
            lt = indexOf(b, (byte) '<', from, n);
            if (lt > from) {
                int ds = trimStart(b, from, lt);
                int de = trimEnd(b, ds, lt);
                display = de > ds ? str(b, ds, de) : null;
            }
        }
        SipUri uri;
        int rest;
        if (lt >= 0) {
            int gt = indexOf(b, (byte) '>', lt, n);
            int end = gt < 0 ? n : gt;
            uri = uri(b, lt + 1, end);
            rest = gt < 0 ? n : gt + 1;
        } else {
            int semi = indexOf(b, (byte) ';', i, n);
            int end = semi < 0 ? n : semi;
            uri = uri(b, i, end);
            rest = end;
        }
        String tag = paramValue(b, param(b, rest, n, "tag"), n);
        return new NameAddr(display, uri, tag, str(b, from, n));
    }

    /**
     * Just the tag of {@link #nameAddr} of the ASCII value {@code b[from, to)}: the same walk to the
     * header parameters, without parsing the URI or making the other Strings.
     */
    static String nameAddrTag(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        int n = trimEnd(b, from, to);
        int i = skipWs(b, from, n);
        int lt;
        if (i < n && b[i] == '"') {
            lt = indexOf(b, (byte) '<', skipQuoted(b, i, n), n);
        } else {
            lt = indexOf(b, (byte) '<', from, n);
        }
        int rest;
        if (lt >= 0) {
            int gt = indexOf(b, (byte) '>', lt, n);
            rest = gt < 0 ? n : gt + 1;
        } else {
            int semi = indexOf(b, (byte) ';', i, n);
            rest = semi < 0 ? n : semi;
        }
        return paramValue(b, param(b, rest, n, "tag"), n);
    }

    // ---- URI ----

    /** {@link SipUri#parse} of the ASCII text {@code b[from, to)}. */
    static SipUri uri(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        int n = trimEnd(b, from, to);
        if (n - from >= 2 && b[from] == '<' && b[n - 1] == '>') {
            from = trimStart(b, from + 1, n - 1);
            n = trimEnd(b, from, n - 1);
        }
        String scheme = "";
        int i = from;
        int colon = indexOf(b, (byte) ':', from, n);
        if (colon > from) {
            String sc = knownScheme(b, from, colon);
            if (sc != null) {
                scheme = sc;
                i = colon + 1;
            }
        }
        if (scheme.equals("tel")) {
            int end = i;
            while (end < n && b[end] != ';' && b[end] != '?') {
                end++;
            }
            return new SipUri(scheme, str(b, i, end), null, -1, transportParam(b, end, n));
        }
        if (scheme.equals("urn")) {
            return new SipUri(scheme, null, lower(b, i, n), -1, null);
        }
        String user = null;
        int at = indexOf(b, (byte) '@', i, n);
        if (at >= 0) {
            int uEnd = at;
            int pw = indexOf(b, (byte) ':', i, n);
            if (pw >= 0 && pw < at) {
                uEnd = pw;
            }
            user = uEnd > i ? str(b, i, uEnd) : null; // "sip:@host" has no user
            i = at + 1;
        }
        int hostStart;
        int hostEnd;
        int port = -1;
        if (i < n && b[i] == '[') {
            int close = indexOf(b, (byte) ']', i, n);
            int end = close < 0 ? n : close;
            hostStart = i + 1;
            hostEnd = end;
            i = close < 0 ? n : close + 1;
        } else {
            int hs = i;
            int colons = 0;
            int lastColon = -1;
            int he = i;
            while (he < n && b[he] != ';' && b[he] != '?') {
                if (b[he] == ':') {
                    colons++;
                    lastColon = he;
                }
                he++;
            }
            if (colons > 1) {
                String whole = str(b, hs, he).trim();
                String before = str(b, hs, lastColon).trim();
                int p = parsePort(b, lastColon + 1, he);
                if (IpAddress.parse(whole) == null && p >= 0 && IpAddress.parse(before) != null) {
                    return new SipUri(scheme, user, HeaderValues.lowerAscii(before), p, transportParam(b, he, n));
                }
                return new SipUri(scheme, user, HeaderValues.lowerAscii(whole), -1, transportParam(b, he, n));
            }
            while (i < n && b[i] != ':' && b[i] != ';' && b[i] != '?') {
                i++;
            }
            hostStart = trimStart(b, hs, i);
            hostEnd = trimEnd(b, hostStart, i);
        }
        if (i < n && b[i] == ':') {
            int ps = ++i;
            while (i < n && b[i] != ';' && b[i] != '?') {
                i++;
            }
            int pe = i;
            while (ps < pe && b[ps] == ' ') {
                ps++;
            }
            while (pe > ps && b[pe - 1] == ' ') {
                pe--;
            }
            port = parsePort(b, ps, pe);
        }
        return new SipUri(scheme, user, lower(b, hostStart, hostEnd), port, transportParam(b, i, n));
    }

    private static String knownScheme(byte[] b, int from, int colon) {
        switch (colon - from) {
            case 3:
                if (nameIs(b, from, colon, "sip")) {
                    return "sip";
                }
                if (nameIs(b, from, colon, "tel")) {
                    return "tel";
                }
                if (nameIs(b, from, colon, "urn")) {
                    return "urn";
                }
                return null;
            case 4:
                return nameIs(b, from, colon, "sips") ? "sips" : null;
            default:
                return null;
        }
    }

    /** Value of {@code transport=} among the ';' parameters from {@code from} (before any '?'). */
    private static String transportParam(byte[] b, int from, int n) {
        int i = from;
        while (i < n) {
            byte c = b[i];
            if (c == '?') {
                return null;
            }
            if (c == ';') {
                int ns = i + 1;
                while (ns < n && b[ns] == ' ') {
                    ns++;
                }
                if (ns + 9 <= n && nameIs(b, ns, ns + 9, "transport")) {
                    int j = ns + 9;
                    while (j < n && b[j] == ' ') {
                        j++;
                    }
                    if (j < n && b[j] == '=') {
                        j++;
                        while (j < n && b[j] == ' ') {
                            j++;
                        }
                        int vs = j;
                        while (j < n && b[j] != ';' && b[j] != '?' && b[j] != ' ') {
                            j++;
                        }
                        return transportValue(b, vs, j);
                    }
                }
            }
            i++;
        }
        return null;
    }

    /** Lower-cased transport parameter value; the usual ones as shared constants. */
    private static String transportValue(byte[] b, int from, int to) {
        if (to - from == 3) {
            if (nameIs(b, from, to, "tls")) {
                return "tls";
            }
            if (nameIs(b, from, to, "tcp")) {
                return "tcp";
            }
            if (nameIs(b, from, to, "udp")) {
                return "udp";
            }
        }
        return lower(b, from, to);
    }

    // ---- Reason ----

    /** {@link HeaderValues#reason} of the ASCII value {@code b[from, to)}. */
    static Reason reason(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        int n = trimEnd(b, from, to);
        int i = from;
        while (i < n && b[i] != ';' && !isWs(b[i])) {
            i++;
        }
        String protocol = protocol(b, from, i);
        long c = param(b, i, n, "cause");
        int cause = -1;
        if (c != NO_PARAM && c != 0) {
            int vs = (int) (c >>> 32) - 1;
            int ve = (int) c;
            if (vs < n && b[vs] == '"' && ve > vs) {
                cause = parseCause(unquote(b, vs, ve, n));
            } else {
                cause = parseCause(b, vs, ve);
            }
        }
        String text = paramValue(b, param(b, i, n, "text"), n);
        return new Reason(protocol, cause, text);
    }

    private static String protocol(byte[] b, int from, int to) {
        if (to - from == 5 && b[from] == 'Q' && b[from + 1] == '.' && b[from + 2] == '8' && b[from + 3] == '5'
                && b[from + 4] == '0') {
            return "Q.850";
        }
        if (to - from == 3 && b[from] == 'S' && b[from + 1] == 'I' && b[from + 2] == 'P') {
            return "SIP";
        }
        return str(b, from, to);
    }

    private static int parseCause(String v) {
        return parseCause(v.getBytes(StandardCharsets.ISO_8859_1), 0, v.length());
    }

    private static int parseCause(byte[] b, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 9) {
            return -1;
        }
        int c = 0;
        for (int i = from; i < to; i++) {
            byte ch = b[i];
            if (ch < '0' || ch > '9') {
                return -1;
            }
            c = c * 10 + (ch - '0');
        }
        return c;
    }

    /** {@link HeaderValues#isSdpContentType} of the ASCII value {@code b[from, to)}. */
    static boolean isSdpContentType(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        int n = trimEnd(b, from, to);
        if (n - from < 15 || !nameIs(b, from, from + 15, "application/sdp")) {
            return false;
        }
        return n - from == 15 || b[from + 15] == ';' || isWs(b[from + 15]);
    }
}
