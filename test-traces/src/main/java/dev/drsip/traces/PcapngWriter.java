package dev.drsip.traces;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes pcapng: one section header, interface description blocks (each its own link type, with
 * if_name and if_tsresol = nanoseconds) and enhanced packet blocks. Interfaces must be added before
 * the first packet that uses them.
 */
public final class PcapngWriter implements TraceWriter {
    private final OutputStream out;
    private final ByteOrder order;
    private int interfaces;

    public PcapngWriter(OutputStream out) throws IOException {
        this(out, ByteOrder.LITTLE_ENDIAN);
    }

    public PcapngWriter(OutputStream out, ByteOrder order) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.order = order;
        ByteBuffer shb = ByteBuffer.allocate(28).order(order);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D);
        shb.putShort((short) 1).putShort((short) 0);
        shb.putLong(-1L);
        shb.putInt(28);
        this.out.write(shb.array());
    }

    /** Adds an interface with nanosecond timestamps; returns its id. */
    public int addInterface(int linkType, String name) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        int namePad = pad4(nameBytes.length);
        // options: if_name(2), if_tsresol(9) = 9 (10^-9), opt_endofopt
        int optLen = 4 + namePad + 4 + 4 + 4;
        int len = 16 + optLen + 4;
        ByteBuffer b = ByteBuffer.allocate(len).order(order);
        b.putInt(1).putInt(len);
        b.putShort((short) linkType).putShort((short) 0).putInt(262144);
        b.putShort((short) 2).putShort((short) nameBytes.length).put(nameBytes);
        b.position(b.position() + namePad - nameBytes.length);
        b.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]);
        b.putShort((short) 0).putShort((short) 0);
        b.putInt(len);
        out.write(b.array());
        return interfaces++;
    }

    @Override
    public void write(Frame frame) throws IOException {
        if (frame.interfaceId() < 0 || frame.interfaceId() >= interfaces) {
            throw new IllegalArgumentException("unknown interface " + frame.interfaceId());
        }
        byte[] data = frame.data();
        int padded = pad4(data.length);
        int len = 28 + padded + 4;
        ByteBuffer b = ByteBuffer.allocate(28).order(order);
        b.putInt(6).putInt(len).putInt(frame.interfaceId());
        long ts = frame.epochNanos();
        b.putInt((int) (ts >>> 32)).putInt((int) ts);
        b.putInt(data.length).putInt(Math.max(frame.originalLength(), data.length));
        out.write(b.array());
        out.write(data);
        out.write(new byte[padded - data.length]);
        ByteBuffer t = ByteBuffer.allocate(4).order(order).putInt(len);
        out.write(t.array());
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
