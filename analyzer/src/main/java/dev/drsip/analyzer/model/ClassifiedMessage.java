package dev.drsip.analyzer.model;

import dev.drsip.sip.SipMessage;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;

/**
 * One SIP message with who sent it and who received it, in event-time order.
 *
 * @param from side of the sender (UNKNOWN when no Microsoft party is involved)
 * @param to side of the receiver
 * @param sbc the SBC's name (Contact FQDN, else its address) or null when not Direct Routing
 * @param direction direction in Microsoft's vocabulary of the request's originator: the INVITE (or
 *     any request) Microsoft -> SBC is OUTBOUND, SBC -> Microsoft is INBOUND; a response carries
 *     the direction of its request; for messages of a known call, the call's direction. UNKNOWN
 *     when not Direct Routing
 * @param retransmission true when this message repeats one already seen in the same transaction
 *     (same request, or same response code and To-tag)
 */
public record ClassifiedMessage(SipMessage message, Side from, Side to, String sbc, Direction direction,
                                boolean retransmission) {

    /** True when one end is Microsoft's SIP proxy. */
    public boolean directRouting() {
        return sbc != null;
    }
}
