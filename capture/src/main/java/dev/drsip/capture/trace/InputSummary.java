package dev.drsip.capture.trace;

import java.util.List;

/**
 * What one trace file gave.
 *
 * @param name the file as named in reports (its file name)
 * @param format pcap, pcapng, pcap.gz, pcapng.gz
 * @param linkTypes link types seen (ethernet, sll2, ...)
 * @param packets frames read
 * @param bytes uncompressed bytes read
 * @param sipPackets SIP candidates emitted (UDP datagrams, exported PDUs, framed TCP messages)
 * @param problems problems reported for this file (frames, fragments, TCP, ...)
 */
public record InputSummary(String name, String format, List<String> linkTypes, long packets, long bytes,
                           long sipPackets, long problems) {
}
