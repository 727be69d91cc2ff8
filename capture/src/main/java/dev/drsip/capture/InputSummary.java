package dev.drsip.capture;

import dev.drsip.capture.link.LinkTypes;
import java.util.List;

/**
 * What one trace file held.
 *
 * @param file the name used in {@link dev.drsip.sip.Where} for this file
 * @param format "pcap", "pcapng", "pcap.gz", "pcapng.gz" ("unknown" / "unknown.gz" when not a trace)
 * @param linkTypes LINKTYPE_* values seen, in order of first appearance
 * @param packets frames read
 * @param bytes captured bytes of those frames
 * @param sipPackets SIP packets emitted for this file (UDP datagrams, TCP-framed messages, exported PDUs)
 * @param problems problems reported for this file (the problems themselves went to the listener)
 * @param notDecoded frames or payloads that carried nothing we decode (ARP, RTP, SCTP, ICMP, ...)
 */
public record InputSummary(
        String file,
        String format,
        List<Integer> linkTypes,
        long packets,
        long bytes,
        long sipPackets,
        long problems,
        long notDecoded) {

    public InputSummary {
        linkTypes = List.copyOf(linkTypes);
    }

    /** {@link #linkTypes()} as names ("ethernet", "linux-sll2", ...). */
    public List<String> linkTypeNames() {
        return linkTypes.stream().map(LinkTypes::name).toList();
    }
}
