package dev.drsip.sip;

/**
 * One candidate SIP message as delivered by a source: a UDP payload, one Content-Length framed
 * message cut from a TCP stream, or the SIP text of one SBC log record. {@code data} is owned by the
 * packet (sources copy; nothing reuses it), the message is {@code data[offset, offset+length)}.
 *
 * @param timeNanos event time, nanoseconds since the Unix epoch, from the trace (not the wall clock)
 */
public record SipPacket(
        long timeNanos,
        IpAddress src,
        int srcPort,
        IpAddress dst,
        int dstPort,
        Transport transport,
        Where where,
        byte[] data,
        int offset,
        int length) {
}
