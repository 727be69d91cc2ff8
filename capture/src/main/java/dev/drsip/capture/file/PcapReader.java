package dev.drsip.capture.file;

import dev.drsip.sip.Malformed;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Classic libpcap files: both byte orders, microsecond (a1b2c3d4) and nanosecond (a1b23c4d) magic,
 * and the old Kuznetzov "modified pcap" (a1b2cd34, 24-byte record headers). Records are handed out
 * in place from the input buffer.
 */
public final class PcapReader extends TraceReader {
    static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final int MAGIC_US = 0xa1b2c3d4;
    static final int MAGIC_NS = 0xa1b23c4d;
    static final int MAGIC_MODIFIED = 0xa1b2cd34;
    private static final long MAX_ORIG = 16L << 20;

    private final boolean le;
    private final boolean nanos;
    private final int recordHeader;
    private int linkType = -1;
    private int snapLimit = MAX_FRAME;
    private long lastSec = -1;
    private boolean done;

    static boolean isMagic(int m) {
        return m == MAGIC_US || m == MAGIC_NS || m == MAGIC_MODIFIED;
    }

    PcapReader(String name, ByteInput in, CountingStream counter, Consumer<Malformed> problems, String format,
            long size) throws IOException {
        super(name, in, counter, problems, format, size);
        int m = (int) LE.get(in.buf, in.pos);
        boolean le = isMagic(m);
        this.le = le;
        int magic = le ? m : Integer.reverseBytes(m);
        nanos = magic == MAGIC_NS;
        recordHeader = magic == MAGIC_MODIFIED ? 24 : 16;
        if (!in.ensure(24)) {
            problem("pcap.truncated-header", 0, "file ends inside the 24-byte pcap header");
            reportDamage();
            done = true;
            return;
        }
        int snap = i32(in.pos + 16);
        if (snap > 0 && snap <= MAX_FRAME) {
            snapLimit = snap;
        }
        linkType = i32(in.pos + 20) & 0xffff;
        in.pos += 24;
    }

    private int i32(int at) {
        // both handles are constants: a VarHandle held in a field is not inlined (a slow generic call per read)
        return le ? (int) LE.get(in.buf, at) : (int) BE.get(in.buf, at);
    }

    /** Link type from the file header (-1 if the header was truncated). */
    public int linkType() {
        return linkType;
    }

    @Override
    public Frame next() throws IOException {
        while (!done) {
            if (!in.ensure(recordHeader)) {
                if (in.available() > 0) {
                    problem("pcap.truncated-record", frames + 1,
                            "file ends inside a record header (" + in.available() + " of " + recordHeader + " bytes)");
                }
                reportDamage();
                done = true;
                return null;
            }
            int p = in.pos;
            long sec = i32(p) & 0xffffffffL;
            long frac = i32(p + 4) & 0xffffffffL;
            int caplen = i32(p + 8);
            int origlen = i32(p + 12);
            if (caplen < 0 || caplen > snapLimit) {
                problem("pcap.bad-caplen", frames + 1, "captured length " + Integer.toUnsignedString(caplen)
                        + " exceeds the snapshot length " + snapLimit + " at file offset " + in.position());
                if (!resync()) {
                    problem("pcap.resync-failed", frames + 1, "no plausible record found after the damage; rest of file skipped");
                    done = true;
                    return null;
                }
                continue;
            }
            if (!in.ensure(recordHeader + caplen)) {
                problem("pcap.truncated-record", frames + 1, "file ends inside a record: "
                        + (in.available() - recordHeader) + " of " + caplen + " bytes present");
                reportDamage();
                done = true;
                return null;
            }
            p = in.pos;
            frames++;
            Frame f = frame;
            f.linkType = linkType;
            f.timeNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
            f.data = in.buf;
            f.offset = p + recordHeader;
            f.length = caplen;
            f.originalLength = origlen;
            f.number = frames;
            f.interfaceId = 0;
            lastSec = sec;
            in.pos = p + recordHeader + caplen;
            return f;
        }
        return null;
    }

    /** After a bad record header: scan forward for two consecutive plausible records (or one at EOF). */
    private boolean resync() throws IOException {
        long scanned = 0;
        in.pos++;
        while (scanned < MAX_RESYNC_SCAN) {
            if (!in.ensure(recordHeader)) {
                return false;
            }
            int len = plausible(in.pos, true);
            if (len >= 0) {
                if (!in.ensure(len + recordHeader)) {
                    // plausible record then EOF: accept only if the record itself is complete
                    if (in.ensure(len)) {
                        return true;
                    }
                } else if (plausible(in.pos + len, false) >= 0) {
                    return true;
                }
            }
            in.pos++;
            scanned++;
        }
        return false;
    }

    /** Length of the record (header + data) if a plausible header starts at {@code p}, else -1. */
    private int plausible(int p, boolean checkTime) {
        long sec = i32(p) & 0xffffffffL;
        long frac = i32(p + 4) & 0xffffffffL;
        int caplen = i32(p + 8);
        long origlen = i32(p + 12) & 0xffffffffL;
        if (frac >= (nanos ? 1_000_000_000L : 1_000_000L) || caplen < 0 || caplen > snapLimit
                || origlen < caplen || origlen > MAX_ORIG) {
            return -1;
        }
        if (checkTime && lastSec >= 0 && Math.abs(sec - lastSec) > 86_400) {
            return -1;
        }
        return recordHeader + caplen;
    }
}
