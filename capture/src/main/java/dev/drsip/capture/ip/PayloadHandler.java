package dev.drsip.capture.ip;

import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Transport;

/**
 * What the IP and link decoders hand upwards. Addresses are passed as positions in a buffer so
 * that payloads we drop (RTP, ...) cost no allocation; buffers are only valid during the call.
 */
public interface PayloadHandler {
    /** A UDP datagram (header included) from {@code b[off, off+len)}. */
    void udp(byte[] addr, int srcOff, int dstOff, int addrLen, byte[] b, int off, int len, int depth);

    /** A TCP segment (header included) from {@code b[off, off+len)}. */
    void tcp(byte[] addr, int srcOff, int dstOff, int addrLen, byte[] b, int off, int len);

    /** A GRE packet (header included): mirror tunnels. */
    void gre(byte[] b, int off, int len, int depth);

    /** One whole SIP message delivered by a link that already carries application PDUs (exported PDU). */
    void sipPdu(Transport transport, IpAddress src, int srcPort, IpAddress dst, int dstPort, byte[] b, int off, int len);
}
