package dev.drsip.cli;

import dev.drsip.analyzer.model.ProblemCount;
import java.util.List;

/**
 * What one input gave: its format, how much was read, and its problems with frame numbers.
 *
 * @param format "pcap", "pcapng", "pcap.gz", "pcapng.gz", "teams-csv", "graph-json"
 * @param packets frames (or records/rows) read
 * @param sipMessages SIP messages parsed from it
 * @param problems problems found in this input, by reason, with their first places
 */
public record InputReport(String file, String format, List<String> linkTypes, long packets, long bytes,
                          long sipMessages, long problemCount, List<ProblemCount> problems) {
}
