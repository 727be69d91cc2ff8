package dev.drsip.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPOutputStream;

/** Test helper: writes pcap and pcapng files of either byte order, frame by frame. */
final class TraceWriter {
    private TraceWriter() {
    }

    /** Classic pcap. */
    static final class Pcap {
        private final OutputStream out;
        private final boolean le;
        private final boolean nanos;
        private final ByteBuffer hdr;

        Pcap(OutputStream out, boolean littleEndian, boolean nanos, int linkType, int snaplen) throws IOException {
            this.out = out;
            this.le = littleEndian;
            this.nanos = nanos;
            this.hdr = ByteBuffer.allocate(24).order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            hdr.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(snaplen).putInt(linkType);
            out.write(hdr.array(), 0, 24);
        }

        Pcap frame(long timeNanos, byte[] data) throws IOException {
            return frame(timeNanos, data, data.length);
        }

        Pcap frame(long timeNanos, byte[] data, int origLen) throws IOException {
            hdr.clear();
            long sec = timeNanos / 1_000_000_000L;
            long frac = timeNanos % 1_000_000_000L;
            hdr.putInt((int) sec).putInt((int) (nanos ? frac : frac / 1000)).putInt(data.length).putInt(origLen);
            out.write(hdr.array(), 0, 16);
            out.write(data);
            return this;
        }
    }

    static byte[] pcap(boolean le, boolean nanos, int linkType, long t0, byte[]... frames) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        Pcap p = new Pcap(o, le, nanos, linkType, 262144);
        long t = t0;
        for (byte[] f : frames) {
            p.frame(t, f);
            t += 1_000_000;
        }
        return o.toByteArray();
    }

    /** pcapng, block by block; sections may switch byte order. */
    static final class Pcapng {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        Pcapng section(boolean littleEndian) {
            order = littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            ByteBuffer b = buf(16);
            b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            return block(0x0A0D0D0A, b);
        }

        /** @param tsresol if_tsresol byte, or -1 for none (microseconds); tsoffset seconds or 0 */
        Pcapng iface(int linkType, int snaplen, int tsresol, long tsoffset) {
            ByteBuffer b = buf(64);
            b.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
            if (tsresol >= 0) {
                b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            }
            if (tsoffset != 0) {
                b.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
            }
            b.putShort((short) 0).putShort((short) 0);
            return block(1, b);
        }

        Pcapng epb(int iface, long ts, byte[] data) {
            ByteBuffer b = buf(20 + data.length + 3);
            b.putInt(iface).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(data.length).put(data);
            pad(b);
            return block(6, b);
        }

        Pcapng obsoletePacket(int iface, long ts, byte[] data) {
            ByteBuffer b = buf(20 + data.length + 3);
            b.putShort((short) iface).putShort((short) 0).putInt((int) (ts >>> 32)).putInt((int) ts)
                    .putInt(data.length).putInt(data.length).put(data);
            pad(b);
            return block(2, b);
        }

        Pcapng spb(byte[] data) {
            ByteBuffer b = buf(4 + data.length + 3);
            b.putInt(data.length).put(data);
            pad(b);
            return block(3, b);
        }

        Pcapng other(int type, int bodyLen) {
            ByteBuffer b = buf(bodyLen);
            for (int i = 0; i < bodyLen; i++) {
                b.put((byte) i);
            }
            return block(type, b);
        }

        private ByteBuffer buf(int n) {
            return ByteBuffer.allocate(n).order(order);
        }

        private static void pad(ByteBuffer b) {
            while (b.position() % 4 != 0) {
                b.put((byte) 0);
            }
        }

        private Pcapng block(int type, ByteBuffer body) {
            int len = 12 + body.position();
            ByteBuffer b = buf(len);
            b.putInt(type).putInt(len).put(body.array(), 0, body.position()).putInt(len);
            out.writeBytes(b.array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(data);
        }
        return o.toByteArray();
    }
}
