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
        if (incl > MAX_FRAME || (snaplen > 0 && incl > Math.max(snaplen, 65535))) {
            problem("pcap.bad-record-length", no, "frame " + no + " claims " + incl + " captured bytes (snaplen "
                    + snaplen + "): the file is damaged from here on, rest of file skipped");
            ended = true;
            return null;
        }
        frame.ensure((int) incl);
        int got = src.read(frame.data, 0, (int) incl);
        if (got < incl) {
            problem("pcap.truncated-record", no, "file ends inside frame " + no + " (" + got + " of " + incl + " bytes)");
            ended = true;
            return null;
        }
        frames = no;
        frame.number = no;
        frame.linkType = linkType;
        frame.length = (int) incl;
        frame.originalLength = (int) orig;
        frame.interfaceId = 0;
        frame.timeNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
        return frame;
    }
}
