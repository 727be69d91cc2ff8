package dev.drsip.traces;

import dev.drsip.sip.Transport;

/**
 * One SIP message as the generator puts it on the wire: when, from where to where, over which
 * transport, and whether it is a retransmission of an earlier message.
 */
public record SipWire(long epochNanos, Endpoint src, Endpoint dst, Transport transport, byte[] bytes,
        boolean retransmission) {
}
