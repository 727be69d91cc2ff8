package dev.drsip.capture.sip;

import dev.drsip.sip.ByteScan;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.SipStartLine;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.CaptureListener;
import java.util.Arrays;

/**
 * Cuts one direction of a reliable byte stream (a reassembled TCP flow, or decrypted TLS) into SIP
 * messages: the header block up to the empty line, then Content-Length bytes of body (RFC 3261
 * 18.3: on a stream a missing Content-Length means an empty body). CRLF keep-alives between
 * messages are skipped; bytes that are not a SIP start line are skipped up to the next start line
 * and reported once per run as {@code sip.stream-garbage}.
 *
 * <p>Works like a Netty {@code ByteToMessageDecoder}: bytes are decoded in place from the caller's
 * buffer when nothing is pending, and only an incomplete tail is copied into the cumulation buffer,
 * whose size is bounded by the header-block and Content-Length limits. Once a message's length is
 * known and only its body is still to come, the rest goes straight into the message's own array
 * (no second copy when it is emitted). Each emitted {@link SipPacket} owns a fresh array holding
 * exactly its message, carries the {@link Where} of the frame in which the message started and the
 * time of the frame in which it was completed.
 *
 * <p>Not thread-safe: one instance per stream direction.
 */
public final class SipStreamFramer {
    public static final int DEFAULT_MAX_HEADER_BLOCK = 64 * 1024;
    public static final int DEFAULT_MAX_CONTENT_LENGTH = 1024 * 1024;

    /** Reason keys, stable (they are counted and shown to users). */
    public static final String GARBAGE = "sip.stream-garbage";
    public static final String HEADER_TOO_LARGE = "sip.header-too-large";
    public static final String CONTENT_LENGTH_TOO_LARGE = "sip.content-length-too-large";
    public static final String BAD_CONTENT_LENGTH = "sip.bad-content-length";
    public static final String TRUNCATED = "sip.stream-truncated";

    private static final int SEEK = 0;
    private static final int HEADERS = 1;
    private static final int BODY = 2;
    private static final int SKIP = 3;

    private static final byte[] EMPTY = new byte[0];
    /**
     * A message's own array is made early only when at most this much of it is still missing: no
     * more memory held ahead of the data than the cumulation buffer's own growth slack.
     */
    private static final int MAX_DIRECT_SLACK = 64 * 1024;
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final CaptureListener out;
    private final IpAddress src;
    private final int srcPort;
    private final IpAddress dst;
    private final int dstPort;
    private final Transport transport;
    private final int maxHeaderBlock;
    private final int maxContentLength;

    /** Cumulation buffer: pending bytes are acc[accStart, accEnd). */
    private byte[] acc = EMPTY;
    private int accStart;
    private int accEnd;

    /** Stream offset (bytes fed so far) of the first pending byte. */
    private long consumed;
    private long fed;

    private int state = SEEK;
    /** HEADERS: where to resume looking for the empty line, relative to the message start. */
    private int scan;
    private int headerLen;
    /**
     * BODY: the message's own array, made once its length is known while the rest is still to
     * come; later bytes go straight in and the packet takes it as is (no second copy at emit).
     * {@code msg[0, msgFill)} holds the message so far; null when not in use.
     */
    private byte[] msg;
    private int msgFill;
    /** HEADERS: Content-Length so far (-1 none yet, -2 unreadable or contradictory, else the value). */
    private long clValue;
    /** HEADERS: start (relative to the message) of a line that may be Content-Length, awaiting its LF; -1 none. */
    private int clLine;
    private int totalLen;
    private Where msgWhere;

    /** Garbage run being skipped: its reason (null = skip silently), size and first frame. */
    private String garbageReason;
    private long garbageBytes;
    private Where garbageWhere;
    private boolean inGarbage;
    /** The next candidate may be mid-line (after a gap or a mid-stream join): accept only a known method or a status line. */
    private boolean strictNext;
    private boolean skippedLineEnd;

    /**
     * Stream offset at which each feed began, with its frame: to find where a message started. A ring
     * whose size is a power of two (indexes wrap with a mask).
     */
    private long[] markPos = new long[8];
    private Where[] markWhere = new Where[8];
    private int markHead;
    private int markCount;

    private long messages;

    public SipStreamFramer(CaptureListener out, IpAddress src, int srcPort, IpAddress dst, int dstPort,
            Transport transport) {
        this(out, src, srcPort, dst, dstPort, transport, DEFAULT_MAX_HEADER_BLOCK, DEFAULT_MAX_CONTENT_LENGTH);
    }

    public SipStreamFramer(CaptureListener out, IpAddress src, int srcPort, IpAddress dst, int dstPort,
            Transport transport, int maxHeaderBlock, int maxContentLength) {
        if (maxHeaderBlock < 64 || maxContentLength < 0) {
            throw new IllegalArgumentException("limits too small");
        }
        this.out = out;
        this.src = src;
        this.srcPort = srcPort;
        this.dst = dst;
        this.dstPort = dstPort;
        this.transport = transport;
        this.maxHeaderBlock = maxHeaderBlock;
        this.maxContentLength = maxContentLength;
    }

    /**
     * The stream does not begin at a message boundary (capture started mid-stream, or the flow was
     * picked up late): skip up to the first SIP start line, reporting the skipped bytes under
     * {@code reason} (null = silently). Call before the first {@link #feed}.
     */
    public void startMidStream(String reason) {
        garbageReason = reason;
        inGarbage = true;
        strictNext = true;
        skippedLineEnd = false;
    }

    /** Next contiguous stream bytes, seen in the frame {@code where} at {@code timeNanos}. */
    public void feed(long timeNanos, Where where, byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        addMark(fed, where);
        fed += len;
        if (msg != null) {
            int take = Math.min(len, totalLen - msgFill);
            System.arraycopy(buf, off, msg, msgFill, take);
            msgFill += take;
            if (msgFill < totalLen) {
                pruneMarks(consumed);
                return;
            }
            byte[] m = msg;
            msg = null;
            msgFill = 0;
            emitOwned(timeNanos, m);
            advance(totalLen);
            state = SEEK;
            off += take;
            len -= take;
            if (len == 0) {
                pruneMarks(consumed);
                return;
            }
        }
        if (accStart == accEnd) {
            int used = process(timeNanos, buf, off, len);
            if (used < len) {
                append(buf, off + used, len - used);
            }
        } else {
            append(buf, off, len);
            int used = process(timeNanos, acc, accStart, accEnd - accStart);
            accStart += used;
            if (accStart == accEnd) {
                accStart = 0;
                accEnd = 0;
                if (acc.length > 256 * 1024) {
                    acc = EMPTY; // don't keep a huge buffer for an idle flow
                }
            }
        }
        pruneMarks(consumed);
    }

    /**
     * Bytes are missing from the stream here (a TCP gap that was given up on): drop the partial
     * message, if any, and re-synchronise on the next SIP start line. The caller reports the gap.
     *
     * @return how many pending bytes (a partial message) were dropped
     */
    public int gap() {
        int dropped = accEnd - accStart + msgFill;
        msg = null;
        msgFill = 0;
        flushGarbage();
        accStart = 0;
        accEnd = 0;
        consumed = fed;
        state = SEEK;
        inGarbage = true;
        strictNext = true;
        skippedLineEnd = false;
        garbageReason = null; // the gap is reported by the caller; what we skip is its consequence
        pruneMarks(consumed);
        return dropped;
    }

    /**
     * End of the stream: report a partial message and a pending garbage run.
     *
     * @param where the frame that ended the stream (FIN, RST, end of input; may be null), cited when
     *     the frame of the partial bytes is not known
     */
    public void finish(Where where) {
        int pending = accEnd - accStart + msgFill;
        msg = null;
        msgFill = 0;
        if (state == HEADERS || state == BODY) {
            String detail = state == HEADERS
                    ? "stream ended inside a SIP header block after " + pending + " bytes"
                    : "stream ended inside a SIP message: " + pending + " of " + totalLen + " bytes";
            out.onProblem(new Malformed(TRUNCATED, msgWhere, detail));
        } else if (pending > 0 && !onlyLineEnds(accStart, accEnd)) {
            if (inGarbage) {
                garbageBytes += pending;
            } else {
                Where w = whereAt(consumed);
                out.onProblem(new Malformed(TRUNCATED, w != null ? w : where,
                        "stream ended inside a start line after " + pending + " bytes"));
            }
        }
        flushGarbage();
        accStart = 0;
        accEnd = 0;
        acc = EMPTY;
        consumed = fed;
        state = SEEK;
        markCount = 0;
    }

    /** Messages emitted so far. */
    public long messages() {
        return messages;
    }

    /** Bytes held waiting for the rest of a message. */
    public int pendingBytes() {
        return accEnd - accStart + msgFill;
    }

    // ---------------------------------------------------------------------------------------------

    /** Decodes b[off, off+len), whose first byte is stream offset {@link #consumed}; returns bytes consumed. */
    private int process(long timeNanos, byte[] b, int off, int len) {
        final int end = off + len;
        int pos = off;
        while (pos < end) {
            if (state == SEEK) {
                int p = pos;
                while (p < end && (b[p] == '\r' || b[p] == '\n')) {
                    if (b[p] == '\n') {
                        skippedLineEnd = true;
                    }
                    p++;
                }
                if (inGarbage) {
                    garbageBytes += p - pos;
                }
                advance(p - pos);
                pos = p;
                if (pos == end) {
                    break;
                }
                int ll = SipStartLine.lineLength(b, pos, end - pos);
                if (ll > 0 && strictNext && !skippedLineEnd && !knownStart(b, pos, end)) {
                    ll = -1; // right after a gap we may be mid-line: "VITE sip:x SIP/2.0" is not a message
                }
                if (ll > 0 || hasLineEnd(b, pos, end) || end - pos >= SipStartLine.MAX_START_LINE) {
                    strictNext = false; // decided for this candidate
                }
                if (ll > 0) {
                    flushGarbage();
                    state = HEADERS;
                    msgWhere = whereAt(consumed);
                    scan = ll - 1; // the start line's LF: an empty line right after it ends the block
                    clValue = -1;
                    clLine = -1;
                    continue;
                }
                if (!hasLineEnd(b, pos, end) && end - pos < SipStartLine.MAX_START_LINE) {
                    break; // wait for the rest of the line
                }
                if (!inGarbage) {
                    inGarbage = true;
                    garbageReason = GARBAGE;
                    garbageWhere = whereAt(consumed);
                } else if (garbageWhere == null) {
                    garbageWhere = whereAt(consumed);
                }
                state = SKIP;
            } else if (state == SKIP) {
                int p = pos;
                while (p < end && b[p] != '\n') {
                    p++;
                }
                if (p < end) {
                    p++; // through the LF: next byte begins a line
                    state = SEEK;
                }
                garbageBytes += p - pos;
                advance(p - pos);
                pos = p;
            } else if (state == HEADERS) {
                // One pass over the header block: find each LF (8 bytes at a time), stop at the empty
                // line, and read Content-Length / l from the lines that start with 'c' or 'l'.
                int found = -1;
                int i = pos + scan;
                while (true) {
                    int lf = ByteScan.indexOfLf(b, i, end);
                    if (lf < 0) {
                        i = end;
                        break;
                    }
                    if (clLine >= 0) {
                        lengthLine(b, pos + clLine, lf);
                        clLine = -1;
                    }
                    if (lf + 1 == end) {
                        i = lf; // can't tell yet: resume at this LF
                        break;
                    }
                    int n1 = b[lf + 1];
                    if (n1 == '\n') {
                        found = lf + 2;
                        break;
                    }
                    if (n1 == '\r') {
                        if (lf + 2 == end) {
                            i = lf; // can't tell yet: resume at this LF
                            break;
                        }
                        if (b[lf + 2] == '\n') {
                            found = lf + 3;
                            break;
                        }
                    } else {
                        int c = n1 | 0x20;
                        if (c == 'c' || c == 'l') {
                            clLine = lf + 1 - pos; // judged when its LF is found
                        }
                    }
                    i = lf + 1;
                }
                if (found < 0) {
                    scan = i - pos;
                    if (i - pos > maxHeaderBlock) {
                        out.onProblem(new Malformed(HEADER_TOO_LARGE, msgWhere,
                                "no end of SIP header block within " + maxHeaderBlock + " bytes; skipped to the next start line"));
                        resyncAfterBadMessage();
                        // skip the start line itself so that we look for the next one
                        state = SKIP;
                        continue;
                    }
                    break;
                }
                headerLen = found - pos;
                if (headerLen > maxHeaderBlock) {
                    out.onProblem(new Malformed(HEADER_TOO_LARGE, msgWhere,
                            "SIP header block of " + headerLen + " bytes exceeds the limit of " + maxHeaderBlock));
                    resyncAfterBadMessage();
                    state = SKIP;
                    continue;
                }
                long cl = clValue;
                if (cl == -2) {
                    out.onProblem(new Malformed(BAD_CONTENT_LENGTH, msgWhere,
                            "unreadable Content-Length; framing the message without a body"));
                    cl = 0;
                } else if (cl == -1) {
                    cl = 0; // RFC 3261 18.3: missing on a stream means no body
                } else if (cl > maxContentLength) {
                    out.onProblem(new Malformed(CONTENT_LENGTH_TOO_LARGE, msgWhere,
                            "Content-Length " + cl + " exceeds the limit of " + maxContentLength
                                    + "; message dropped, skipped to the next start line"));
                    resyncAfterBadMessage();
                    state = SKIP;
                    continue;
                }
                totalLen = headerLen + (int) cl;
                state = BODY;
            } else { // BODY
                int have = end - pos;
                if (have < totalLen) {
                    if (totalLen - have <= MAX_DIRECT_SLACK) {
                        // the rest comes later: move what we have into the message's own array (the
                        // stream offset stays at the message start until it is emitted)
                        msg = new byte[totalLen];
                        System.arraycopy(b, pos, msg, 0, have);
                        msgFill = have;
                        pos = end;
                    }
                    break;
                }
                emit(timeNanos, b, pos, totalLen);
                advance(totalLen);
                pos += totalLen;
                state = SEEK;
            }
        }
        return pos - off;
    }

    /** After a message we could not frame: treat it as a silent garbage run (the problem is already reported). */
    private void resyncAfterBadMessage() {
        inGarbage = true;
        garbageReason = null;
        garbageWhere = null;
        garbageBytes = 0;
    }

    private void advance(int n) {
        consumed += n;
    }

    private void emit(long timeNanos, byte[] b, int off, int len) {
        emitOwned(timeNanos, Arrays.copyOfRange(b, off, off + len));
    }

    /** {@code message} is exactly one message in an array nobody else holds. */
    private void emitOwned(long timeNanos, byte[] message) {
        messages++;
        out.onSip(new SipPacket(timeNanos, src, srcPort, dst, dstPort, transport, msgWhere, message, 0, message.length));
    }

    private void flushGarbage() {
        if (inGarbage && garbageBytes > 0 && garbageReason != null) {
            out.onProblem(new Malformed(garbageReason, garbageWhere != null ? garbageWhere : whereAt(consumed),
                    garbageBytes + " bytes that are not SIP skipped up to the next SIP start line"));
        }
        inGarbage = false;
        garbageBytes = 0;
        garbageWhere = null;
        garbageReason = null;
    }

    private static final byte[][] KNOWN_METHODS = {
        ascii("INVITE"), ascii("ACK"), ascii("BYE"), ascii("CANCEL"), ascii("OPTIONS"), ascii("REGISTER"),
        ascii("PRACK"), ascii("UPDATE"), ascii("INFO"), ascii("MESSAGE"), ascii("NOTIFY"), ascii("SUBSCRIBE"),
        ascii("REFER"), ascii("PUBLISH"), ascii("SIP/2.0")};

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The line at {@code pos} starts with a standard method or "SIP/2.0", then a space. */
    private static boolean knownStart(byte[] b, int pos, int end) {
        for (byte[] m : KNOWN_METHODS) {
            if (end - pos > m.length && b[pos + m.length] == ' '
                    && Arrays.equals(b, pos, pos + m.length, m, 0, m.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLineEnd(byte[] b, int from, int end) {
        int stop = Math.min(end, from + SipStartLine.MAX_START_LINE);
        for (int i = from; i < stop; i++) {
            if (b[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    private boolean onlyLineEnds(int from, int to) {
        for (int i = from; i < to; i++) {
            if (acc[i] != '\r' && acc[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * Folds the header line b[i, lineEnd) into {@link #clValue} if it is Content-Length (or compact
     * {@code l}): -2 (sticky) when unreadable or contradicting an earlier one, else the value
     * (capped just above {@link #maxContentLength}).
     */
    private void lengthLine(byte[] b, int i, int lineEnd) {
        if (clValue == -2) {
            return;
        }
        int p = matchName(b, i, lineEnd);
        if (p >= 0) {
            long v = parseNumber(b, p, lineEnd);
            clValue = v < 0 || (clValue >= 0 && v != clValue) ? -2 : v;
        }
    }


    /** If line b[i, lineEnd) is a Content-Length header, the index after its colon, else -1. */
    private static int matchName(byte[] b, int i, int lineEnd) {
        int c = b[i] | 0x20;
        int p;
        if (c == 'l') {
            p = i + 1;
        } else if (c == 'c' && lineEnd - i > CONTENT_LENGTH.length) {
            for (int k = 1; k < CONTENT_LENGTH.length; k++) {
                if ((b[i + k] | 0x20) != CONTENT_LENGTH[k]) {
                    return -1;
                }
            }
            p = i + CONTENT_LENGTH.length;
        } else {
            return -1;
        }
        while (p < lineEnd && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p < lineEnd && b[p] == ':' ? p + 1 : -1;
    }

    private long parseNumber(byte[] b, int p, int lineEnd) {
        while (p < lineEnd && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        long v = 0;
        int digits = 0;
        while (p < lineEnd && b[p] >= '0' && b[p] <= '9') {
            if (v <= maxContentLength) {
                v = v * 10 + (b[p] - '0');
            }
            digits++;
            p++;
        }
        while (p < lineEnd && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
            p++;
        }
        return digits == 0 || p != lineEnd ? -1 : v;
    }

    private void append(byte[] b, int off, int len) {
        int pending = accEnd - accStart;
        if (accEnd + len > acc.length) {
            if (pending + len <= acc.length && accStart > 0) {
                System.arraycopy(acc, accStart, acc, 0, pending);
            } else {
                byte[] n = new byte[Math.max(pending + len, Math.max(1024, Math.min(2 * acc.length, pending + len + 64 * 1024)))];
                System.arraycopy(acc, accStart, n, 0, pending);
                acc = n;
            }
            accStart = 0;
            accEnd = pending;
        }
        System.arraycopy(b, off, acc, accEnd, len);
        accEnd += len;
    }

    private void addMark(long pos, Where where) {
        if (markCount > 0) {
            int last = (markHead + markCount - 1) & (markPos.length - 1);
            if (sameFrame(markWhere[last], where)) {
                return; // same frame fed in several pieces
            }
        }
        if (markCount == markPos.length) {
            long[] np = new long[markPos.length * 2];
            Where[] nw = new Where[markPos.length * 2];
            for (int k = 0; k < markCount; k++) {
                np[k] = markPos[(markHead + k) & (markPos.length - 1)];
                nw[k] = markWhere[(markHead + k) & (markPos.length - 1)];
            }
            markPos = np;
            markWhere = nw;
            markHead = 0;
        }
        int idx = (markHead + markCount) & (markPos.length - 1);
        markPos[idx] = pos;
        markWhere[idx] = where;
        markCount++;
    }

    /**
     * {@code a.equals(b)} for Where, written out: the record's generated equals is an invokedynamic
     * that C2 does not always inline here, and then costs a method-handle chain per feed.
     */
    private static boolean sameFrame(Where a, Where b) {
        if (a == b) {
            return true;
        }
        return a != null && b != null && a.frame() == b.frame() && java.util.Objects.equals(a.source(), b.source());
    }

    /** Drops marks wholly before stream offset {@code pos} (keeping the one that covers it). */
    private void pruneMarks(long pos) {
        while (markCount > 1 && markPos[(markHead + 1) & (markPos.length - 1)] <= pos) {
            markWhere[markHead] = null;
            markHead = (markHead + 1) & (markPos.length - 1);
            markCount--;
        }
    }

    private Where whereAt(long pos) {
        Where w = null;
        for (int k = 0; k < markCount; k++) {
            int idx = (markHead + k) & (markPos.length - 1);
            if (markPos[idx] > pos) {
                break;
            }
            w = markWhere[idx];
        }
        return w;
    }
}
