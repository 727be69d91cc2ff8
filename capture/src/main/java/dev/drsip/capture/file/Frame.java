package dev.drsip.capture.file;

/**
 * One captured frame as handed out by a {@link TraceReader}. The object and the bytes it points at
 * are REUSED by the reader: they are valid only until the next call to {@link TraceReader#next()}.
 * Whoever keeps anything copies it.
 */
public final class Frame {
    int linkType;
    long timeNanos;
    byte[] data;
    int offset;
    int length;
    int originalLength;
    long number;
    int interfaceId;

    /** Link-layer type (LINKTYPE_* value from tcpdump.org/linktypes.html). */
    public int linkType() {
        return linkType;
    }

    /** Capture time, nanoseconds since the Unix epoch. */
    public long timeNanos() {
        return timeNanos;
    }

    /** The buffer holding the captured bytes at {@code [offset(), offset()+length())}; reused. */
    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** Captured length (bytes present in the file). */
    public int length() {
        return length;
    }

    /** Length of the packet on the wire (may exceed {@link #length()} when the snaplen cut it). */
    public int originalLength() {
        return originalLength;
    }

    /** 1-based packet number in the file, as Wireshark numbers frames. */
    public long number() {
        return number;
    }

    /** pcapng interface id (0 for classic pcap). */
    public int interfaceId() {
        return interfaceId;
    }

    /** A copy of the captured bytes (tests, diagnostics: not for the hot path). */
    public byte[] copyBytes() {
        return java.util.Arrays.copyOfRange(data, offset, offset + length);
    }
}
