package dev.drsip.sip;

import dev.drsip.sip.header.CSeq;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Sdp;
import dev.drsip.sip.header.Via;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Offset-based header storage for {@link SipMessage}, filled by {@link SipMessageParser}'s
 * scanner. Each header is kept as (name id, name offsets, value offsets, folded flag) into the
 * packet bytes; value Strings are made on first use and cached, structured values (Via, From/To,
 * Contact, Reason, SDP, ...) are parsed on first use and cached.
 *
 * <p>Thread-safety: the lazy caches use the racy single-check idiom with immutable values, so a
 * message may be read from several threads (a value may then be computed twice, never torn).
 */
final class SipHeaders {
    /** ASCII lower-case table (first: the static tables below use it). */
    private static final byte[] LOWER = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }

    // ---- known header names: id = index in NAMES (canonical lower-case full name) ----
    static final int UNKNOWN = -1;
    static final int CALL_ID = 0;
    static final int VIA = 1;
    static final int CONTACT = 2;
    static final int CONTENT_LENGTH = 3;
    static final int FROM = 4;
    static final int TO = 5;
    static final int CONTENT_TYPE = 6;
    static final int SUPPORTED = 7;
    static final int SUBJECT = 8;
    static final int CONTENT_ENCODING = 9;
    static final int EVENT = 10;
    static final int REFER_TO = 11;
    static final int REFERRED_BY = 12;
    static final int ALLOW_EVENTS = 13;
    static final int SESSION_EXPIRES = 14;
    static final int IDENTITY = 15;
    static final int ACCEPT_CONTACT = 16;
    static final int REJECT_CONTACT = 17;
    static final int REQUEST_DISPOSITION = 18;
    static final int IDENTITY_INFO = 19;
    static final int CSEQ = 20;
    static final int RECORD_ROUTE = 21;
    static final int ROUTE = 22;
    static final int REASON = 23;
    static final int SERVER = 24;
    static final int USER_AGENT = 25;
    static final int MAX_FORWARDS = 26;

    /** Canonical lower-case full names of the headers the scanner recognises by id. */
    static final String[] NAMES = {
        "call-id", "via", "contact", "content-length", "from", "to", "content-type", "supported",
        "subject", "content-encoding", "event", "refer-to", "referred-by", "allow-events",
        "session-expires", "identity", "accept-contact", "reject-contact", "request-disposition",
        "identity-info", "cseq", "record-route", "route", "reason", "server", "user-agent",
        "max-forwards", "allow", "require", "proxy-require", "unsupported", "expires", "min-se",
        "date", "accept", "accept-encoding", "accept-language", "content-disposition",
        "p-asserted-identity", "p-preferred-identity", "privacy", "diversion", "history-info",
        "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate",
        "warning", "retry-after", "rseq", "rack", "organization", "timestamp", "call-info",
        "alert-info", "error-info", "path", "service-route", "content-language",
        "p-charging-vector", "p-access-network-info", "x-ms-call-id", "ms-sbc-host",
    };

    /**
     * Every compact form registered at IANA (RFC 3261 7.3.3 and extensions), index = letter.
     */
    private static final String[] COMPACT = new String[26];

    /** Headers whose values are comma-separated lists (split by {@link #all}). */
    private static final String[] LIST_HEADERS = {
        "via", "contact", "record-route", "route", "reason", "allow", "supported", "require",
        "proxy-require", "unsupported", "accept", "accept-encoding", "accept-language",
        "allow-events", "content-encoding", "content-language", "p-asserted-identity",
        "p-preferred-identity", "diversion", "history-info", "path", "service-route", "warning",
        "call-info", "alert-info", "error-info", "accept-contact", "reject-contact",
        "request-disposition",
    };

    private static final Map<String, Integer> ID_BY_NAME = new HashMap<>();
    private static final boolean[] IS_LIST = new boolean[NAMES.length];

    // Open-addressing table from a lower-case name to its id, for the scanner. A name (at most
    // MAX_NAME bytes) is compared as three little-endian words with 0x20 OR-ed into its bytes, so
    // neither hashing nor comparing walks it byte by byte.
    private static final int MAX_NAME = 24;
    private static final int TABLE_SIZE = 512;
    private static final int[] TABLE_LEN = new int[TABLE_SIZE];
    private static final long[] TABLE_WORDS = new long[TABLE_SIZE * 3];
    private static final int[] TABLE_ID = new int[TABLE_SIZE];
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long CASE_BITS = 0x2020202020202020L;

    static {
        COMPACT['a' - 'a'] = "accept-contact";
        COMPACT['b' - 'a'] = "referred-by";
        COMPACT['c' - 'a'] = "content-type";
        COMPACT['d' - 'a'] = "request-disposition";
        COMPACT['e' - 'a'] = "content-encoding";
        COMPACT['f' - 'a'] = "from";
        COMPACT['i' - 'a'] = "call-id";
        COMPACT['j' - 'a'] = "reject-contact";
        COMPACT['k' - 'a'] = "supported";
        COMPACT['l' - 'a'] = "content-length";
        COMPACT['m' - 'a'] = "contact";
        COMPACT['n' - 'a'] = "identity-info";
        COMPACT['o' - 'a'] = "event";
        COMPACT['r' - 'a'] = "refer-to";
        COMPACT['s' - 'a'] = "subject";
        COMPACT['t' - 'a'] = "to";
        COMPACT['u' - 'a'] = "allow-events";
        COMPACT['v' - 'a'] = "via";
        COMPACT['x' - 'a'] = "session-expires";
        COMPACT['y' - 'a'] = "identity";
        for (int i = 0; i < NAMES.length; i++) {
            ID_BY_NAME.put(NAMES[i], i);
        }
        for (String l : LIST_HEADERS) {
            IS_LIST[ID_BY_NAME.get(l)] = true;
        }
        if (NAMES.length > 64) {
            throw new IllegalStateException("known header ids must fit the 64-bit presence mask");
        }
        java.util.Arrays.fill(TABLE_LEN, -1);
        for (int i = 0; i < NAMES.length; i++) {
            put(NAMES[i].getBytes(StandardCharsets.US_ASCII), i);
        }
        for (int c = 0; c < 26; c++) {
            if (COMPACT[c] != null) {
                int id = ID_BY_NAME.get(COMPACT[c]);
                put(new byte[] {(byte) ('a' + c)}, id);
                ID_BY_NAME.put(String.valueOf((char) ('a' + c)), id);
            }
        }
    }

    private static void put(byte[] lower, int id) {
        int len = lower.length;
        if (len == 0 || len > MAX_NAME) {
            throw new IllegalStateException("header name length " + len);
        }
        long w0 = word(lower, 0, len, 0);
        long w1 = word(lower, 0, len, 1);
        long w2 = word(lower, 0, len, 2);
        int slot = slot(w0, w1, len);
        while (TABLE_LEN[slot] >= 0) {
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        TABLE_LEN[slot] = len;
        TABLE_WORDS[slot * 3] = w0;
        TABLE_WORDS[slot * 3 + 1] = w1;
        TABLE_WORDS[slot * 3 + 2] = w2;
        TABLE_ID[slot] = id;
    }

    /**
     * Word {@code k} (bytes 8k..8k+7) of the name {@code b[from, from+len)} with 0x20 OR-ed into
     * each byte, zero beyond the name.
     */
    private static long word(byte[] b, int from, int len, int k) {
        int rem = len - 8 * k;
        if (rem <= 0) {
            return 0;
        }
        int off = from + 8 * k;
        long w;
        if (off + 8 <= b.length) {
            w = (long) LONGS.get(b, off);
        } else {
            w = 0;
            for (int j = 0, m = Math.min(rem, 8); j < m; j++) {
                w |= (b[off + j] & 0xffL) << (8 * j);
            }
        }
        long mask = rem >= 8 ? -1L : (1L << (8 * rem)) - 1;
        return (w | CASE_BITS) & mask;
    }

    private static int slot(long w0, long w1, int len) {
        long h = (w0 + w1 * 0x9E3779B97F4A7C15L + len) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> 55); // top 9 bits index the 512 slots
    }

    /** ASCII lower case of a byte (as an int, sign-extended like the byte). */
    static int lower(byte b) {
        return LOWER[b & 0xff];
    }

    /**
     * Id of the header name in {@code b[from, to)} (any case, compact forms), or UNKNOWN. The bytes
     * are RFC 3261 token characters (the scanner's name), for which {@code c | 0x20} is their lower
     * case as far as the table's names (letters and '-') can tell: no other token maps onto those.
     */
    static int lookup(byte[] b, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > MAX_NAME) {
            return UNKNOWN;
        }
        long w0 = word(b, from, len, 0);
        long w1 = word(b, from, len, 1);
        int slot = slot(w0, w1, len);
        int l;
        while ((l = TABLE_LEN[slot]) >= 0) {
            if (l == len && TABLE_WORDS[slot * 3] == w0 && TABLE_WORDS[slot * 3 + 1] == w1
                    && (len <= 16 || TABLE_WORDS[slot * 3 + 2] == word(b, from, len, 2))) {
                return TABLE_ID[slot];
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return UNKNOWN;
    }

    /** Canonical lower-case full name for any spelling (compact forms expanded). */
    static String canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Integer id = ID_BY_NAME.get(n);
        return id == null ? n : NAMES[id];
    }

    // ---- per-message storage ----
    // Four ints per header row: meta = (id + 1) | FOLDED | nameLength << 8, nameStart, valueStart,
    // valueEnd. The parser fills a per-thread scratch array and seals an exactly-sized copy.
    private static final int STRIDE = 4;
    private static final int FOLDED = 0x80;
    private static final ThreadLocal<int[]> SCRATCH =
            ThreadLocal.withInitial(() -> new int[SipMessageParser.MAX_HEADERS * STRIDE]);

    private final byte[] data;
    private int[] rows;
    private int count;
    /** Bit per known id (all ids are below 64) that has at least one row. */
    private long present;
    private String[] valueCache;

    // Lazy structured values; null = not computed yet, ABSENT_* = computed and absent.
    private static final String ABSENT = new String("<absent>");
    private static final Via ABSENT_VIA = new Via("", "", -1, null, null, "");
    private static final NameAddr ABSENT_NA = new NameAddr(null, null, null, "");
    private static final Sdp ABSENT_SDP = new Sdp(List.of(), List.of(), List.of(), false, false);
    private String callId;
    private String userAgent;
    private String server;
    private Via topVia;
    private String topViaBranch;
    private String fromTag;
    private String toTag;
    private List<Via> vias;
    private NameAddr from;
    private NameAddr to;
    private NameAddr contact;
    private NameAddr recordRoute;
    private List<Reason> reasons;
    private Sdp sdp;
    // Filled eagerly by the scanner (needed to frame the body and to report defects).
    CSeq cseq;
    int contentLength = -1;

    /** Storage being filled by the scanner (in this thread's scratch rows until {@link #seal()}). */
    SipHeaders(byte[] data) {
        this.data = data;
        this.rows = SCRATCH.get();
    }

    void add(int id, int nameStart, int nameEnd, int valueStart, int valueEnd, boolean folded) {
        int r = count * STRIDE;
        if (r == rows.length) { // not reached by the parser (MAX_HEADERS); kept for safety
            rows = java.util.Arrays.copyOf(rows, rows.length * 2);
        }
        rows[r] = (id + 1) | (folded ? FOLDED : 0) | (nameEnd - nameStart) << 8;
        rows[r + 1] = nameStart;
        rows[r + 2] = valueStart;
        rows[r + 3] = valueEnd;
        if (id >= 0) {
            present |= 1L << id;
        }
        count++;
    }

    /** Extends the value of the last header over a folded continuation line. */
    void extendLast(int valueEnd) {
        int r = (count - 1) * STRIDE;
        rows[r + 3] = valueEnd;
        rows[r] |= FOLDED;
    }

    /** Moves the rows out of the scratch array into one of exactly the needed size. */
    void seal() {
        rows = java.util.Arrays.copyOf(rows, count * STRIDE);
    }

    int count() {
        return count;
    }

    int id(int i) {
        return (rows[i * STRIDE] & 0x7f) - 1;
    }

    private boolean folded(int i) {
        return (rows[i * STRIDE] & FOLDED) != 0;
    }

    int valueStart(int i) {
        return rows[i * STRIDE + 2];
    }

    int valueEnd(int i) {
        return rows[i * STRIDE + 3];
    }

    /** True when some header has this (known) id. */
    boolean has(int id) {
        return (present & (1L << id)) != 0;
    }

    /** Index of the first header with this id, or -1. */
    int indexOf(int id) {
        if (id >= 0 && !has(id)) {
            return -1;
        }
        int meta = id + 1;
        for (int i = 0, r = 0; i < count; i++, r += STRIDE) {
            if ((rows[r] & 0x7f) == meta) {
                return i;
            }
        }
        return -1;
    }

    /** True when header {@code i} is one physical line of ASCII: the byte parsers may read it. */
    private boolean bytesReadable(int i) {
        int r = i * STRIDE;
        return (rows[r] & FOLDED) == 0 && HeaderBytes.isAscii(data, rows[r + 2], rows[r + 3]);
    }

    /** Canonical lower-case full name of header {@code i}. */
    String name(int i) {
        int id = id(i);
        if (id != UNKNOWN) {
            return NAMES[id];
        }
        int r = i * STRIDE;
        return new String(data, rows[r + 1], rows[r] >>> 8, StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
    }

    /** The value of header {@code i} as a String, folded lines joined by one space. */
    String value(int i) {
        String[] cache = valueCache;
        if (cache == null) {
            cache = new String[count];
            valueCache = cache;
        }
        String v = cache[i];
        if (v == null) {
            v = valueUncached(i);
            cache[i] = v;
        }
        return v;
    }

    private String valueUncached(int i) {
        int r = i * STRIDE;
        return (rows[r] & FOLDED) == 0 ? decode(data, rows[r + 2], rows[r + 3]) : unfold(data, rows[r + 2], rows[r + 3]);
    }

    static String decode(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Joins folded lines: every CR/LF run plus the following whitespace becomes one space. */
    private static String unfold(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c == '\r' || c == '\n') {
                while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t')) {
                    n--;
                }
                while (i < to && (b[i] == '\r' || b[i] == '\n' || b[i] == ' ' || b[i] == '\t')) {
                    i++;
                }
                out[n++] = ' ';
            } else {
                out[n++] = c;
                i++;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private boolean nameMatches(int i, String lowerName) {
        int r = i * STRIDE;
        int s = rows[r + 1];
        int len = rows[r] >>> 8;
        if (len != lowerName.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (lower(data[s + k]) != lowerName.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    List<String> names() {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(name(i));
        }
        return Collections.unmodifiableList(out);
    }

    String first(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Integer id = ID_BY_NAME.get(n);
        if (id != null) {
            return first(id);
        }
        for (int i = 0; i < count; i++) {
            if (id(i) == UNKNOWN && nameMatches(i, n)) {
                return value(i);
            }
        }
        return null;
    }

    String first(int id) {
        switch (id) {
            case CALL_ID:
                return callId();
            case USER_AGENT:
                return userAgent();
            case SERVER:
                return server();
            default:
                int i = indexOf(id);
                return i < 0 ? null : value(i);
        }
    }

    /** Every value of a header; list headers are split at top-level commas. */
    List<String> all(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Integer id = ID_BY_NAME.get(n);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (id != null ? id(i) == id : id(i) == UNKNOWN && nameMatches(i, n)) {
                if (id != null && IS_LIST[id]) {
                    HeaderValues.splitList(value(i), out);
                } else {
                    out.add(value(i));
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A first value cached in a field: computed once, ABSENT when the header is missing. */
    private String firstUncached(int id) {
        int i = indexOf(id);
        if (i < 0) {
            return ABSENT;
        }
        int r = i * STRIDE;
        return (rows[r] & FOLDED) == 0 ? decodeCached(data, rows[r + 2], rows[r + 3]) : unfold(data, rows[r + 2], rows[r + 3]);
    }

    String callId() {
        String c = callId;
        if (c == null) {
            c = firstUncached(CALL_ID);
            callId = c;
        }
        return c == ABSENT ? null : c;
    }

    String userAgent() {
        String c = userAgent;
        if (c == null) {
            c = firstUncached(USER_AGENT);
            userAgent = c;
        }
        return c == ABSENT ? null : c;
    }

    String server() {
        String c = server;
        if (c == null) {
            c = firstUncached(SERVER);
            server = c;
        }
        return c == ABSENT ? null : c;
    }

    CSeq cseq() {
        return cseq;
    }

    /** Parses one list item, from bytes (ASCII range) or from its String (anything else). */
    private interface ItemParser<T> {
        T bytes(byte[] b, int from, int to);

        T string(String item);
    }

    /**
     * Call-ID, User-Agent and Server Strings repeat across messages (see ValueCache). One cache per
     * thread: the cache is not thread-safe, and a pipeline decodes the Call-ID on its parsing thread.
     */
    private static final ThreadLocal<ValueCache<String>> STRING_CACHE = ThreadLocal.withInitial(() -> new ValueCache<>(4096));

    /** {@link #decode} of an unfolded value, through this thread's {@link #STRING_CACHE}. */
    static String decodeCached(byte[] b, int from, int to) {
        if (to - from > ValueCache.MAX_KEY) {
            return decode(b, from, to);
        }
        int h = ValueCache.hash(b, from, to);
        ValueCache<String> cache = STRING_CACHE.get();
        String s = cache.get(b, from, to, h);
        if (s == null) {
            s = decode(b, from, to);
            cache.put(b, from, to, h, s);
        }
        return s;
    }

    private static final ItemParser<Via> VIA_PARSER = new ItemParser<>() {
        @Override
        public Via bytes(byte[] b, int from, int to) {
            return HeaderBytes.via(b, from, to);
        }

        @Override
        public Via string(String item) {
            return HeaderValues.via(item);
        }
    };

    private static final ItemParser<NameAddr> NAME_ADDR_PARSER = new ItemParser<>() {
        @Override
        public NameAddr bytes(byte[] b, int from, int to) {
            return HeaderBytes.nameAddr(b, from, to);
        }

        @Override
        public NameAddr string(String item) {
            return HeaderValues.nameAddr(item);
        }
    };

    private static final ItemParser<Reason> REASON_PARSER = new ItemParser<>() {
        @Override
        public Reason bytes(byte[] b, int from, int to) {
            return HeaderBytes.reason(b, from, to);
        }

        @Override
        public Reason string(String item) {
            return HeaderValues.reason(item);
        }
    };

    /** The first list item of the headers with this id, parsed; null if there is none. */
    private <T> T firstItem(int id, ItemParser<T> parser) {
        long at = firstItemAt(id);
        if (at >= 0) {
            return parser.bytes(data, (int) (at >>> 32), (int) at);
        }
        return at == -1 ? null : parser.string(HeaderValues.firstListItem(value((int) -at - 2)));
    }

    /**
     * Where the first list item of the headers with this id is: {@code start << 32 | end} in the
     * bytes for an ASCII row, {@code -(row + 2)} for a row only its String can give (folded or not
     * ASCII), -1 when there is none. Rows without an item are passed over.
     */
    private long firstItemAt(int id) {
        if (!has(id)) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (id(i) == id) {
                int kind = folded(i) ? 0 : HeaderBytes.classify(data, valueStart(i), valueEnd(i));
                if (kind == HeaderBytes.ASCII) {
                    // No comma: the only item is the whole value (HeaderBytes.firstItem's answer, quicker).
                    int s = HeaderBytes.trimStart(data, valueStart(i), valueEnd(i));
                    int e = HeaderBytes.trimEnd(data, s, valueEnd(i));
                    if (e > s) {
                        return (long) s << 32 | e;
                    }
                } else if ((kind & HeaderBytes.ASCII) != 0) {
                    long r = HeaderBytes.firstItem(data, valueStart(i), valueEnd(i));
                    if (r >= 0) {
                        return r;
                    }
                } else if (HeaderValues.firstListItem(value(i)) != null) {
                    return -(i + 2L);
                }
            }
        }
        return -1;
    }

    /** Every list item of every header with this id, parsed, in order. */
    private <T> List<T> allItems(int id, ItemParser<T> parser) {
        List<T> out = new ArrayList<>(4);
        if (!has(id)) {
            return out;
        }
        List<String> strings = null;
        for (int i = 0; i < count; i++) {
            if (id(i) != id) {
                continue;
            }
            if (bytesReadable(i)) {
                int n = valueEnd(i);
                for (int start = valueStart(i); start <= n; ) {
                    int end = HeaderBytes.itemEnd(data, start, n);
                    // HeaderValues.splitList's trimming (whitespace only), then the parser's own
                    int s = start;
                    int e = end;
                    while (s < e && HeaderBytes.isWs(data[s])) {
                        s++;
                    }
                    while (e > s && HeaderBytes.isWs(data[e - 1])) {
                        e--;
                    }
                    if (e > s) {
                        out.add(parser.bytes(data, s, e));
                    }
                    start = end + 1;
                }
            } else {
                if (strings == null) {
                    strings = new ArrayList<>(4);
                } else {
                    strings.clear();
                }
                HeaderValues.splitList(value(i), strings);
                for (String item : strings) {
                    out.add(parser.string(item));
                }
            }
        }
        return out;
    }

    private static final ItemParser<String> VIA_BRANCH_PARSER = new ItemParser<>() {
        @Override
        public String bytes(byte[] b, int from, int to) {
            return HeaderBytes.viaBranch(b, from, to);
        }

        @Override
        public String string(String item) {
            return HeaderValues.via(item).branch();
        }
    };

    static final long NO_BRANCH = SipMessage.NO_BRANCH;
    static final long BRANCH_NEEDS_STRING = SipMessage.BRANCH_NEEDS_STRING;

    /**
     * Where {@link #topViaBranch()} lies in the message bytes, as {@code start << 32 | end}, when it
     * is exactly those (ASCII) bytes; else {@link #NO_BRANCH} or {@link #BRANCH_NEEDS_STRING}. Finds
     * the top Via as {@link #firstItem} does, without making a String.
     */
    long topViaBranchRange() {
        long at = firstItemAt(VIA);
        if (at >= 0) {
            return HeaderBytes.viaBranchRange(data, (int) (at >>> 32), (int) at);
        }
        return at == -1 ? NO_BRANCH : BRANCH_NEEDS_STRING;
    }

    /** topVia().branch() without making the Via when it was not asked for yet. */
    String topViaBranch() {
        Via v = topVia;
        if (v != null) {
            return v.branch(); // ABSENT_VIA's branch is null too
        }
        String b = topViaBranch;
        if (b == null) {
            b = firstItem(VIA, VIA_BRANCH_PARSER);
            if (b == null) {
                b = ABSENT;
            }
            topViaBranch = b;
        }
        return b == ABSENT ? null : b;
    }

    /** from().tag() / to().tag() without making the NameAddr when it was not asked for yet. */
    String fromTag() {
        NameAddr n = from;
        if (n != null) {
            return n.tag(); // ABSENT_NA's tag is null too
        }
        String t = fromTag;
        if (t == null) {
            t = wholeTag(FROM);
            fromTag = t;
        }
        return t == ABSENT ? null : t;
    }

    String toTag() {
        NameAddr n = to;
        if (n != null) {
            return n.tag();
        }
        String t = toTag;
        if (t == null) {
            t = wholeTag(TO);
            toTag = t;
        }
        return t == ABSENT ? null : t;
    }

    private String wholeTag(int id) {
        int i = indexOf(id);
        String t = i < 0 ? null : bytesReadable(i) ? HeaderBytes.nameAddrTag(data, valueStart(i), valueEnd(i))
                : HeaderValues.nameAddr(value(i)).tag();
        return t == null ? ABSENT : t;
    }

    /** The whole value of the first header with this id as a name-addr, or null. */
    private NameAddr wholeNameAddr(int id) {
        int i = indexOf(id);
        if (i < 0) {
            return null;
        }
        return bytesReadable(i) ? HeaderBytes.nameAddr(data, valueStart(i), valueEnd(i)) : HeaderValues.nameAddr(value(i));
    }

    Via topVia() {
        Via v = topVia;
        if (v == null) {
            v = firstItem(VIA, VIA_PARSER);
            if (v == null) {
                v = ABSENT_VIA;
            }
            topVia = v;
        }
        return v == ABSENT_VIA ? null : v;
    }

    List<Via> vias() {
        List<Via> v = vias;
        if (v == null) {
            v = Collections.unmodifiableList(allItems(VIA, VIA_PARSER));
            vias = v;
        }
        return v;
    }

    NameAddr from() {
        NameAddr n = from;
        if (n == null) {
            n = wholeNameAddr(FROM);
            if (n == null) {
                n = ABSENT_NA;
            }
            from = n;
        }
        return n == ABSENT_NA ? null : n;
    }

    NameAddr to() {
        NameAddr n = to;
        if (n == null) {
            n = wholeNameAddr(TO);
            if (n == null) {
                n = ABSENT_NA;
            }
            to = n;
        }
        return n == ABSENT_NA ? null : n;
    }

    NameAddr contact() {
        NameAddr n = contact;
        if (n == null) {
            n = firstItem(CONTACT, NAME_ADDR_PARSER);
            if (n == null) {
                n = ABSENT_NA;
            }
            contact = n;
        }
        return n == ABSENT_NA ? null : n;
    }

    NameAddr recordRoute() {
        NameAddr n = recordRoute;
        if (n == null) {
            n = firstItem(RECORD_ROUTE, NAME_ADDR_PARSER);
            if (n == null) {
                n = ABSENT_NA;
            }
            recordRoute = n;
        }
        return n == ABSENT_NA ? null : n;
    }

    /** Every Contact value (all headers, comma lists split). */
    List<NameAddr> contacts() {
        return Collections.unmodifiableList(allItems(CONTACT, NAME_ADDR_PARSER));
    }

    /** Every Record-Route value, top first. */
    List<NameAddr> recordRoutes() {
        return Collections.unmodifiableList(allItems(RECORD_ROUTE, NAME_ADDR_PARSER));
    }

    List<Reason> reasons() {
        List<Reason> r = reasons;
        if (r == null) {
            r = has(REASON) ? Collections.unmodifiableList(allItems(REASON, REASON_PARSER)) : List.of();
            reasons = r;
        }
        return r;
    }

    int contentLength() {
        return contentLength;
    }

    /** True when the first Content-Type says application/sdp. */
    private boolean sdpContentType() {
        int i = indexOf(CONTENT_TYPE);
        if (i < 0) {
            return false;
        }
        return bytesReadable(i) ? HeaderBytes.isSdpContentType(data, valueStart(i), valueEnd(i))
                : HeaderValues.isSdpContentType(value(i));
    }

    Sdp sdp(int off, int len) {
        Sdp s = sdp;
        if (s == null) {
            if (len <= 0 || !sdpContentType()) {
                s = ABSENT_SDP;
            } else {
                s = HeaderValues.sdp(data, off, off + len);
            }
            sdp = s;
        }
        return s == ABSENT_SDP ? null : s;
    }
}
