package dev.drsip.capture.file;

import dev.drsip.sip.Malformed;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * pcapng: sections of either byte order (several per file), interface description blocks with
 * their own link types, snaplens, {@code if_tsresol} and {@code if_tsoffset}; enhanced, simple and
 * obsolete packet blocks; every other block type is skipped. Packet data is handed out in place.
 */
public final class PcapngReader extends TraceReader {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int PB = 2;
    static final int SPB = 3;
    static final int ISB = 5;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Blocks we must hold in memory (SHB, IDB and packets) beyond this are damage. */
    static final int MAX_HELD_BLOCK = MAX_FRAME + (1 << 16);
    /** Any block beyond this is damage (skipped blocks included). */
    static final int MAX_BLOCK = 64 << 20;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private VarHandle order = PcapReader.LE;
    private boolean le = true;
    private int ifCount;
    private int[] ifLinkType = new int[4];
    private int[] ifSnap = new int[4];
    private int[] ifResol = new int[4]; // decimal exponent, or 0x80|binary exponent
    private long[] ifOffsetSec = new long[4];
    private boolean done;
    private int sections;
    private long lastTime;

    PcapngReader(String name, ByteInput in, CountingStream counter, Consumer<Malformed> problems, String format,
            long size) {
        super(name, in, counter, problems, format, size);
    }

    private int i32(int at) {
        // both handles are constants: a VarHandle held in a field is not inlined (a slow generic call per read)
        return le ? (int) PcapReader.LE.get(in.buf, at) : (int) PcapReader.BE.get(in.buf, at);
    }

    private int u16(int at) {
        byte[] b = in.buf;
        return le ? (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 : (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    /** Sections (SHBs) seen so far. */
    public int sections() {
        return sections;
    }

    @Override
    public Frame next() throws IOException {
        while (!done) {
            if (!in.ensure(8)) {
                if (in.available() > 0) {
                    problem("pcapng.truncated-block", frames + 1,
                            "file ends inside a block header (" + in.available() + " bytes left)");
                }
                end();
                return null;
            }
            int p = in.pos;
            int type = i32(p);
            if (type == SHB) {
                if (!in.ensure(12)) {
                    problem("pcapng.truncated-block", frames + 1, "file ends inside a section header");
                    end();
                    return null;
                }
                p = in.pos;
                int bom = (int) PcapReader.LE.get(in.buf, p + 8);
                if (bom == BYTE_ORDER_MAGIC) {
                    order = PcapReader.LE;
                    le = true;
                } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
                    order = PcapReader.BE;
                    le = false;
                } else {
                    badBlock("pcapng.bad-section", "section header without byte-order magic");
                    continue;
                }
            }
            int len = i32(p + 4);
            if (len < 12 || (len & 3) != 0 || len > MAX_BLOCK
                    || (len > MAX_HELD_BLOCK && isHeld(type))) {
                badBlock("pcapng.bad-block-length", "block type 0x" + Integer.toHexString(type) + " with length "
                        + Integer.toUnsignedString(len));
                continue;
            }
            if (!isHeld(type)) {
                long skipped = in.skip(len);
                if (skipped < len) {
                    problem("pcapng.truncated-block", frames + 1, "file ends inside a block of type 0x"
                            + Integer.toHexString(type) + " (" + skipped + " of " + len + " bytes)");
                    end();
                    return null;
                }
                continue;
            }
            if (!in.ensure(len)) {
                problem("pcapng.truncated-block", frames + 1, "file ends inside a block of type 0x"
                        + Integer.toHexString(type) + " (" + in.available() + " of " + len + " bytes)");
                end();
                return null;
            }
            p = in.pos;
            if (i32(p + len - 4) != len) {
                badBlock("pcapng.bad-block-length", "block type 0x" + Integer.toHexString(type)
                        + ": trailing length " + Integer.toUnsignedString(i32(p + len - 4)) + " != " + len);
                continue;
            }
            in.pos = p + len;
            switch (type) {
                case SHB:
                    section(p, len);
                    break;
                case IDB:
                    iface(p, len);
                    break;
                case EPB:
                case PB:
                    if (packet(p, len, type == PB)) {
                        return frame;
                    }
                    break;
                case SPB:
                    if (simplePacket(p, len)) {
                        return frame;
                    }
                    break;
                default:
                    break;
            }
        }
        return null;
    }

    private static boolean isHeld(int type) {
        return type == SHB || type == IDB || type == EPB || type == PB || type == SPB;
    }

    private void end() {
        reportDamage();
        done = true;
    }

    private void section(int p, int len) {
        sections++;
        ifCount = 0;
        if (len < 28) {
            problem("pcapng.bad-section", frames + 1, "section header block too short: " + len);
            return;
        }
        int major = u16(p + 12);
        if (major != 1) {
            problem("pcapng.bad-section", frames + 1, "unsupported pcapng major version " + major);
        }
    }

    private void iface(int p, int len) {
        if (len < 20) {
            problem("pcapng.bad-block-length", frames + 1, "interface description block too short: " + len);
            return;
        }
        if (ifCount == ifLinkType.length) {
            int n = ifCount * 2;
            ifLinkType = Arrays.copyOf(ifLinkType, n);
            ifSnap = Arrays.copyOf(ifSnap, n);
            ifResol = Arrays.copyOf(ifResol, n);
            ifOffsetSec = Arrays.copyOf(ifOffsetSec, n);
        }
        int id = ifCount++;
        ifLinkType[id] = u16(p + 8);
        ifSnap[id] = i32(p + 12);
        ifResol[id] = 6;
        ifOffsetSec[id] = 0;
        int o = p + 16;
        int end = p + len - 4;
        while (o + 4 <= end) {
            int code = u16(o);
            int olen = u16(o + 2);
            int v = o + 4;
            if (code == 0 || v + olen > end) {
                break;
            }
            if (code == 9 && olen >= 1) {
                int r = in.buf[v] & 0xff;
                int exp = r & 0x7f;
                if ((r & 0x80) == 0 ? exp > 18 : exp > 62) {
                    problem("pcapng.bad-option", frames + 1, "interface " + id + ": unusable if_tsresol " + r);
                } else {
                    ifResol[id] = r;
                }
            } else if (code == 14 && olen >= 8) {
                long hi = i32(le ? v + 4 : v) & 0xffffffffL;
                long lo = i32(le ? v : v + 4) & 0xffffffffL;
                ifOffsetSec[id] = hi << 32 | lo;
            }
            o = v + ((olen + 3) & ~3);
        }
    }

    private boolean packet(int p, int len, boolean obsolete) {
        if (len < 32) {
            problem("pcapng.bad-block-length", frames + 1, "packet block too short: " + len);
            return false;
        }
        int id = obsolete ? u16(p + 8) : i32(p + 8);
        long tsHigh = i32(p + 12) & 0xffffffffL;
        long tsLow = i32(p + 16) & 0xffffffffL;
        int caplen = i32(p + 20);
        int origlen = i32(p + 24);
        frames++;
        if (id < 0 || id >= ifCount) {
            problem("pcapng.unknown-interface", frames, "packet for interface " + Integer.toUnsignedString(id)
                    + " but the section describes " + ifCount);
            return false;
        }
        if (caplen < 0 || caplen > MAX_FRAME || caplen > len - 32) {
            problem("pcapng.bad-caplen", frames, "captured length " + Integer.toUnsignedString(caplen)
                    + " does not fit the block of " + len + " bytes");
            return false;
        }
        Frame f = frame;
        f.linkType = ifLinkType[id];
        f.timeNanos = toNanos(id, tsHigh << 32 | tsLow);
        lastTime = f.timeNanos;
        f.data = in.buf;
        f.offset = p + 28;
        f.length = caplen;
        f.originalLength = origlen;
        f.number = frames;
        f.interfaceId = id;
        return true;
    }

    private boolean simplePacket(int p, int len) {
        if (len < 16) {
            problem("pcapng.bad-block-length", frames + 1, "simple packet block too short: " + len);
            return false;
        }
        frames++;
        if (ifCount == 0) {
            problem("pcapng.unknown-interface", frames, "simple packet block before any interface description");
            return false;
        }
        int origlen = i32(p + 8);
        int caplen = len - 16;
        if (origlen >= 0 && origlen < caplen) {
            caplen = origlen;
        }
        int snap = ifSnap[0];
        if (snap > 0 && snap < caplen) {
            caplen = snap;
        }
        if (caplen > MAX_FRAME) {
            problem("pcapng.bad-caplen", frames, "simple packet of " + caplen + " bytes");
            return false;
        }
        Frame f = frame;
        f.linkType = ifLinkType[0];
        f.timeNanos = lastTime; // SPBs carry no time: keep the previous packet's
        f.data = in.buf;
        f.offset = p + 12;
        f.length = caplen;
        f.originalLength = origlen;
        f.number = frames;
        f.interfaceId = 0;
        return true;
    }

    long toNanos(int id, long ts) {
        int r = ifResol[id];
        int exp = r & 0x7f;
        long ns;
        if ((r & 0x80) == 0) {
            if (exp == 9) {
                ns = ts;
            } else if (exp < 9) {
                ns = ts * POW10[9 - exp];
            } else {
                ns = ts / POW10[exp - 9];
            }
        } else {
            long sec = exp >= 64 ? 0 : ts >>> exp;
            long frac = ts - (sec << exp);
            long fracNs;
            if (exp <= 30) {
                fracNs = (frac * 1_000_000_000L) >>> exp;
            } else {
                fracNs = ((frac >>> (exp - 30)) * 1_000_000_000L) >>> 30;
            }
            ns = sec * 1_000_000_000L + fracNs;
        }
        return ns + ifOffsetSec[id] * 1_000_000_000L;
    }

    /** Reports a damaged block, then scans (4-byte steps) for the next block that is whole. */
    private void badBlock(String reason, String detail) throws IOException {
        problem(reason, frames + 1, detail + " at offset " + in.position());
        long scanned = 0;
        in.pos += 4;
        while (scanned < MAX_RESYNC_SCAN) {
            if (!in.ensure(12)) {
                problem("pcapng.resync-failed", frames + 1, "no intact block found after the damage; rest of file skipped");
                end();
                return;
            }
            int p = in.pos;
            int type = i32(p);
            VarHandle o = order;
            if (type == SHB) {
                int bom = (int) PcapReader.LE.get(in.buf, p + 8);
                o = bom == BYTE_ORDER_MAGIC ? PcapReader.LE
                        : Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC ? PcapReader.BE : null;
            }
            if (o != null && (type == SHB || type == IDB || type == EPB || type == SPB || type == PB || type == ISB)) {
                int len = (int) o.get(in.buf, p + 4);
                if (len >= 12 && (len & 3) == 0 && len <= MAX_HELD_BLOCK && in.ensure(len)) {
                    p = in.pos;
                    if ((int) o.get(in.buf, p + len - 4) == len) {
                        return; // the main loop takes it from here
                    }
                }
            }
            in.pos += 4;
            scanned += 4;
        }
        problem("pcapng.resync-failed", frames + 1, "no intact block within " + MAX_RESYNC_SCAN + " bytes; rest of file skipped");
        end();
    }
}
