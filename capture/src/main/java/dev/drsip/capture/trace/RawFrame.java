package dev.drsip.capture.trace;

/**
 * One captured frame as read from a trace file. The reader REUSES this object and its buffer for
 * the next frame: consumers copy what they keep.
 */
public final class RawFrame {
    /** Link type (LINKTYPE_* numbers as in pcap). */
    public int linkType;
    /** Event time, nanoseconds since the epoch. */
    public long timeNanos;
    /** 1-based frame number within its file. */
    public long number;
    /** Captured bytes in {@code data[0, length)}. */
    public byte[] data = new byte[65536];
    public int length;
    public int originalLength;
    public int interfaceId;

    void ensure(int n) {
        if (data.length < n) {
            data = new byte[Math.max(n, data.length * 2)];
        }
    }
}
