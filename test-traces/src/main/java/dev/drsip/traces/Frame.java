package dev.drsip.traces;

/**
 * One captured frame: capture time (nanoseconds since the epoch), the pcapng interface it was
 * seen on (0 for pcap), the captured bytes and the original on-the-wire length.
 */
public record Frame(long epochNanos, int interfaceId, byte[] data, int originalLength) {
    public Frame(long epochNanos, int interfaceId, byte[] data) {
        this(epochNanos, interfaceId, data, data.length);
    }

    public Frame(long epochNanos, byte[] data) {
        this(epochNanos, 0, data, data.length);
    }
}
