package dev.drsip.capture.trace;

import dev.drsip.sip.Malformed;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** pcapng: sections, interfaces, enhanced/simple/obsolete packet blocks; other blocks skipped. */
final class PcapngReader extends TraceReader {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int OPB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;

    private record Iface(int linkType, long snaplen, long unitsPerSec, long tsOffsetSec) {
    }

    private boolean le;
    private final List<Iface> ifaces = new ArrayList<>();
    private byte[] block = new byte[65536 + 64];
    private final byte[] hdr = new byte[8];
    private boolean ended;
    private boolean firstBlock = true;

    PcapngReader(String name, InputStream stream, ByteSource src, Consumer<Malformed> problems, String format) {
        super(name, stream, src, problems, format);
    }

    @Override
    public RawFrame next() throws IOException {
        while (!ended) {
            int type;
            long len;
            if (firstBlock) {
                // the 4 magic bytes were consumed by format detection
                hdr[0] = 0x0A;
                hdr[1] = 0x0D;
                hdr[2] = 0x0D;
                hdr[3] = 0x0A;
                if (src.read(hdr, 4, 4) < 4) {
                    problem("pcapng.truncated-block", 0, "file ends inside the first section header");
                    ended = true;
                    return null;
                }
                firstBlock = false;
            } else {
                int n = src.read(hdr, 0, 8);
                if (n == 0) {
                    ended = true;
                    return null;
                }
                if (n < 8) {
                    problem("pcapng.truncated-block", frames + 1, "file ends inside a block header (after frame " + frames + ")");
                    ended = true;
                    return null;
                }
            }
            type = (int) ByteSource.u32(hdr, 0, le);
            if (type == SHB || ByteSource.u32(hdr, 0, false) == 0x0A0D0D0AL) {
                // byte order comes from the section's own magic, read after the length
                byte[] bom = new byte[4];
                if (src.read(bom, 0, 4) < 4) {
                    problem("pcapng.truncated-block", frames + 1, "file ends inside a section header");
                    ended = true;
                    return null;
                }
                long bomBe = ByteSource.u32(bom, 0, false);
                if (bomBe == 0x1A2B3C4DL) {
                    le = false;
                } else if (bomBe == 0x4D3C2B1AL) {
                    le = true;
                } else {
                    problem("pcapng.bad-section", frames + 1, "section header with unknown byte-order magic; rest of file skipped");
                    ended = true;
                    return null;
                }
                len = ByteSource.u32(hdr, 4, le);
                if (len < 28 || len % 4 != 0 || len > MAX_BLOCK) {
                    problem("pcapng.bad-block-length", frames + 1, "section header block length " + len + "; rest of file skipped");
                    ended = true;
                    return null;
                }
                ifaces.clear();
                if (src.skip(len - 12) < len - 12) {
                    problem("pcapng.truncated-block", frames + 1, "file ends inside a section header");
                    ended = true;
                    return null;
                }
                continue;
            }
            len = ByteSource.u32(hdr, 4, le);
            long no = frames + 1;
            if (len < 12 || len % 4 != 0 || len > MAX_BLOCK) {
                long skipped = resync();
                if (skipped < 0) {
                    problem("pcapng.bad-block-length", no, "block of type " + type + " has length " + len
                            + " (after frame " + frames + ") and no valid block follows: rest of file skipped");
                    ended = true;
                    return null;
                }
                problem("pcapng.bad-block-length", no, "block of type " + type + " has length " + len
                        + " (after frame " + frames + "); skipped " + skipped + " bytes to the next valid block");
                continue;
            }
            int bodyLen = (int) len - 12;
            if (type != IDB && type != EPB && type != SPB && type != OPB) {
                if (src.skip(bodyLen + 4) < bodyLen + 4) {
                    problem("pcapng.truncated-block", no, "file ends inside a block of type " + type);
                    ended = true;
                    return null;
                }
                continue;
            }
            if (block.length < bodyLen + 4) {
                block = new byte[bodyLen + 4];
            }
            int got = src.read(block, 0, bodyLen + 4);
            if (got < bodyLen + 4) {
                problem("pcapng.truncated-block", no, "file ends inside " + (type == IDB ? "an interface block" : "frame " + no)
                        + " (" + got + " of " + (bodyLen + 4) + " bytes)");
                ended = true;
                return null;
            }
            if (type == IDB) {
                readIdb(bodyLen, no);
                continue;
            }
            RawFrame f = packet(type, bodyLen, no);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static final int RESYNC_WINDOW = 4 * 1024 * 1024;

    /**
     * After a damaged block header: scans ahead for a block whose leading and trailing lengths
     * agree (pcapng repeats the length at both ends, which makes this reliable), puts the bytes
     * from there back and returns how many were skipped; -1 if none is found.
     */
    private long resync() throws IOException {
        byte[] win = new byte[RESYNC_WINDOW];
        System.arraycopy(hdr, 0, win, 0, 8);
        int n = 8 + src.read(win, 8, RESYNC_WINDOW - 8);
        for (int i = 4; i + 12 <= n; i += 4) {
            long type = ByteSource.u32(win, i, le);
            long len = ByteSource.u32(win, i + 4, le);
            if (len < 12 || len % 4 != 0 || len > MAX_BLOCK || i + len > n
                    || !(type == IDB || type == EPB || type == SPB || type == OPB || type == 4 || type == 5)) {
                continue;
            }
            if (ByteSource.u32(win, (int) (i + len - 4), le) == len) {
                src.unread(win, i, n - i);
                return i;
            }
        }
        return -1;
    }

    private void readIdb(int bodyLen, long no) {
        if (bodyLen < 8) {
            problem("pcapng.bad-interface", no, "interface block too short");
            ifaces.add(new Iface(-1, 0, 1_000_000L, 0));
            return;
        }
        int lt = ByteSource.u16(block, 0, le);
        long snap = ByteSource.u32(block, 4, le);
        long units = 1_000_000L;
        long offset = 0;
        int p = 8;
        while (p + 4 <= bodyLen) {
            int code = ByteSource.u16(block, p, le);
            int olen = ByteSource.u16(block, p + 2, le);
            if (code == 0 || p + 4 + olen > bodyLen) {
                break;
            }
            if (code == 9 && olen >= 1) {
                int r = block[p + 4] & 0xff;
                if ((r & 0x80) == 0) {
                    units = r > 18 ? 1_000_000_000L : pow(10, r);
                } else {
                    units = (r & 0x7f) > 62 ? 1L << 62 : 1L << (r & 0x7f);
                }
            } else if (code == 14 && olen >= 8) {
                if (!le) {
                    offset = ByteSource.u32(block, p + 4, false) << 32 | ByteSource.u32(block, p + 8, false);
                } else {
                    offset = ByteSource.u32(block, p + 8, true) << 32 | ByteSource.u32(block, p + 4, true);
                }
            }
            p += 4 + ((olen + 3) & ~3);
        }
        ifaces.add(new Iface(lt, snap, units, offset));
        linkTypes.add(linkName(lt));
    }

    private static long pow(long b, int e) {
        long r = 1;
        for (int i = 0; i < e; i++) {
            r *= b;
        }
        return r;
    }

    private RawFrame packet(int type, int bodyLen, long no) {
        int ifId;
        long tsHigh = 0;
        long tsLow = 0;
        int capLen;
        int origLen;
        int dataOff;
        if (type == SPB) {
            if (bodyLen < 4) {
                problem("pcapng.bad-packet-block", no, "simple packet block too short");
                frames = no;
                return null;
            }
            ifId = 0;
            origLen = (int) ByteSource.u32(block, 0, le);
            dataOff = 4;
            capLen = Math.min(origLen, bodyLen - 4);
            if (!ifaces.isEmpty() && ifaces.get(0).snaplen() > 0) {
                capLen = (int) Math.min(capLen, ifaces.get(0).snaplen());
            }
        } else {
            if (bodyLen < 20) {
                problem("pcapng.bad-packet-block", no, "packet block too short (" + bodyLen + " bytes)");
                frames = no;
                return null;
            }
            if (type == EPB) {
                ifId = (int) ByteSource.u32(block, 0, le);
            } else {
                ifId = ByteSource.u16(block, 0, le);
            }
            tsHigh = ByteSource.u32(block, 4, le);
            tsLow = ByteSource.u32(block, 8, le);
            long cap = ByteSource.u32(block, 12, le);
            origLen = (int) Math.min(Integer.MAX_VALUE, ByteSource.u32(block, 16, le));
            dataOff = 20;
            if (cap > bodyLen - 20 || cap > MAX_FRAME) {
                problem("pcapng.bad-packet-block", no, "frame " + no + " claims " + cap + " captured bytes in a "
                        + bodyLen + "-byte block; frame skipped");
                frames = no;
                return null;
            }
            capLen = (int) cap;
        }
        frames = no;
        if (ifId >= ifaces.size()) {
            problem("pcapng.unknown-interface", no, "frame " + no + " refers to interface " + ifId + " which was not described");
            return null;
        }
        Iface iface = ifaces.get(ifId);
        frame.ensure(capLen);
        System.arraycopy(block, dataOff, frame.data, 0, capLen);
        frame.length = capLen;
        frame.originalLength = origLen;
        frame.number = no;
        frame.linkType = iface.linkType();
        frame.interfaceId = ifId;
        long ts = tsHigh << 32 | tsLow;
        long units = iface.unitsPerSec();
        long secs = ts / units;
        long rem = ts % units;
        long nanos = units == 1_000_000_000L ? rem : units < 1_000_000_000L ? rem * (1_000_000_000L / units)
                : rem / (units / 1_000_000_000L);
        frame.timeNanos = (secs + iface.tsOffsetSec()) * 1_000_000_000L + nanos;
        return frame;
    }
}
