package dev.drsip.traces;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes classic libpcap files, micro- or nanosecond resolution, either byte order. Output is a pure
 * function of the frames given, so files are byte-identical across runs.
 */
public final class PcapWriter implements TraceWriter {
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int MAGIC_NANOS = 0xa1b23c4d;

    private final OutputStream out;
    private final boolean nanos;
    private final int snaplen;
    private final ByteOrder order;
    private final ByteBuffer recordHeader;

    public PcapWriter(OutputStream out, int linkType, boolean nanos) throws IOException {
        this(out, linkType, nanos, 262144, ByteOrder.LITTLE_ENDIAN);
    }

    public PcapWriter(OutputStream out, int linkType, boolean nanos, int snaplen, ByteOrder order)
            throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.nanos = nanos;
        this.snaplen = snaplen;
        this.order = order;
        this.recordHeader = ByteBuffer.allocate(16).order(order);
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? MAGIC_NANOS : MAGIC_MICROS);
        h.putShort((short) 2).putShort((short) 4);
        h.putInt(0).putInt(0);
        h.putInt(snaplen);
        h.putInt(linkType);
        this.out.write(h.array());
    }

    @Override
    public void write(Frame frame) throws IOException {
        long sec = Math.floorDiv(frame.epochNanos(), 1_000_000_000L);
        long frac = Math.floorMod(frame.epochNanos(), 1_000_000_000L);
        int captured = Math.min(frame.data().length, snaplen);
        recordHeader.clear();
        recordHeader.putInt((int) sec);
        recordHeader.putInt((int) (nanos ? frac : frac / 1000));
        recordHeader.putInt(captured);
        recordHeader.putInt(Math.max(frame.originalLength(), captured));
        out.write(recordHeader.array());
        out.write(frame.data(), 0, captured);
    }

    /** Raw bytes, for deliberately broken files (truncated records, bad lengths). */
    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    public ByteOrder order() {
        return order;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
