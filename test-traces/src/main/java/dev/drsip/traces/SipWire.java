package dev.drsip.traces;


/**
 * One SIP message as the generator puts it on the wire: when, from where to where, over which
 * transport, and whether it is a retransmission of an earlier message.
 */
public record SipWire(long epochNanos, Endpoint src, Endpoint dst, WireTransport transport, byte[] bytes,
        boolean retransmission) {
}
