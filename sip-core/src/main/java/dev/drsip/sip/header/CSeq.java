package dev.drsip.sip.header;

/** CSeq: sequence number and method (upper-cased). */
public record CSeq(long number, String method) {
}
