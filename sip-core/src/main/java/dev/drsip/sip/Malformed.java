package dev.drsip.sip;

/**
 * Bad input as a value, never an exception: a truncated file, a garbage frame, a broken SIP
 * header. {@code reason} is a short stable key used for counting (e.g. "pcap.truncated-record",
 * "sip.bad-start-line"); {@code detail} is the human explanation.
 */
public record Malformed(String reason, Where where, String detail) implements ParseResult {
}
