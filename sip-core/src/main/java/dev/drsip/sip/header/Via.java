package dev.drsip.sip.header;

/**
 * One Via value: {@code SIP/2.0/TLS host:port;branch=z9hG4bK...;received=...;rport=...}.
 *
 * @param transport upper-cased transport token (UDP, TCP, TLS, ...)
 * @param port explicit sent-by port or -1
 * @param branch the branch parameter or null (RFC 2543 senders)
 */
public record Via(String transport, String host, int port, String branch, String received, String raw) {
}
