package dev.drsip.capture.trace;

import dev.drsip.sip.Malformed;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Classic libpcap format. */
final class PcapReader extends TraceReader {
    private final boolean le;
    private final boolean nanos;
    private final int linkType;
    private final long snaplen;
    private final byte[] hdr = new byte[24];
    private boolean ended;

    PcapReader(String name, InputStream stream, ByteSource src, Consumer<Malformed> problems, String format, byte[] magic)
            throws IOException {
        super(name, stream, src, problems, format);
        long m = ByteSource.u32(magic, 0, false);
        le = m == 0xd4c3b2a1L || m == 0x4d3cb2a1L;
        nanos = m == 0xa1b23c4dL || m == 0x4d3cb2a1L;
        System.arraycopy(magic, 0, hdr, 0, 4);
        int n = src.read(hdr, 4, 20);
        if (n < 20) {
            problem("pcap.truncated-header", 0, "file ends inside the 24-byte pcap header");
            ended = true;
            linkType = -1;
            snaplen = 0;
            return;
        }
        snaplen = ByteSource.u32(hdr, 16, le);
        linkType = (int) (ByteSource.u32(hdr, 20, le) & 0xffff);
        linkTypes.add(linkName(linkType));
    }

    private long lastSec = -1;

    /** A record header that could be real: sane lengths, sub-second fraction, time near the last one. */
    private boolean plausible(byte[] b, int o) {
        long sec = ByteSource.u32(b, o, le);
        long frac = ByteSource.u32(b, o + 4, le);
        long incl = ByteSource.u32(b, o + 8, le);
        long orig = ByteSource.u32(b, o + 12, le);
        long cap = snaplen > 0 ? Math.max(snaplen, 65535) : MAX_FRAME;
        return incl <= MAX_FRAME && incl <= cap && incl <= orig && orig <= MAX_FRAME * 4L
                && frac < (nanos ? 1_000_000_000L : 1_000_000L)
                && (lastSec < 0 || Math.abs(sec - lastSec) <= 86_400);
    }

    /**
     * After a damaged record header: scans ahead (up to {@link #RESYNC_WINDOW} bytes) for an offset
     * where a plausible record header is followed by another plausible header (or the end of the
     * file), puts the bytes from there back, and returns how many bytes were skipped; -1 if none.
     */
    private long resync() throws IOException {
        byte[] win = new byte[RESYNC_WINDOW];
        System.arraycopy(hdr, 0, win, 0, 16);
        int n = 16 + src.read(win, 16, RESYNC_WINDOW - 16);
        for (int i = 1; i + 16 <= n; i++) {
            if (!plausible(win, i)) {
                continue;
            }
            long incl = ByteSource.u32(win, i + 8, le);
            int nextHdr = (int) (i + 16 + incl);
            boolean confirmed = (nextHdr == n && n < RESYNC_WINDOW) || (nextHdr + 16 <= n && plausible(win, nextHdr));
            if (confirmed) {
                src.unread(win, i, n - i);
                return i;
            }
        }
        return -1;
    }

    private static final int RESYNC_WINDOW = 4 * 1024 * 1024;

    @Override
    public RawFrame next() throws IOException {
        if (ended) {
            return null;
        }
        int n = src.read(hdr, 0, 16);
        if (n == 0) {
            ended = true;
            return null;
        }
        long no = frames + 1;
        if (n < 16) {
            problem("pcap.truncated-record", no, "file ends inside the record header of frame " + no
                    + " (" + n + " of 16 bytes)");
            ended = true;
            return null;
        }
        long sec = ByteSource.u32(hdr, 0, le);
        long frac = ByteSource.u32(hdr, 4, le);
        long incl = ByteSource.u32(hdr, 8, le);
        long orig = ByteSource.u32(hdr, 12, le);
        if (!plausible(hdr, 0)) {
            long skipped = resync();
            frames = no;
            if (skipped < 0) {
                problem("pcap.bad-record-length", no, "frame " + no + " has a damaged record header (claims " + incl
                        + " captured bytes, snaplen " + snaplen + ") and no valid record follows: rest of file skipped");
                ended = true;
                return null;
            }
            problem("pcap.bad-record-length", no, "frame " + no + " has a damaged record header (claims " + incl
                    + " captured bytes, snaplen " + snaplen + "); skipped " + skipped
                    + " bytes to the next valid record and carried on");
            return next();
        }
        frame.ensure((int) incl);
        int got = src.read(frame.data, 0, (int) incl);
        if (got < incl) {
            problem("pcap.truncated-record", no, "file ends inside frame " + no + " (" + got + " of " + incl + " bytes)");
            ended = true;
            return null;
        }
        frames = no;
        lastSec = sec;
        frame.number = no;
        frame.linkType = linkType;
        frame.length = (int) incl;
        frame.originalLength = (int) orig;
        frame.interfaceId = 0;
        frame.timeNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
        return frame;
    }
}
