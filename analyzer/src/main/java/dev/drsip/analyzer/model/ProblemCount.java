package dev.drsip.analyzer.model;

import dev.drsip.sip.Where;
import java.util.List;

/**
 * Bad input of one kind: how many, and the first few places with their detail.
 *
 * @param reason stable key, e.g. "pcap.truncated-record", "sip.bad-start-line"
 * @param examples up to 5 first occurrences
 */
public record ProblemCount(String reason, long count, List<Example> examples) {
    public record Example(Where where, String detail) {
    }
}
