/**
 * TCP reassembly for SIP and TLS handshakes: {@link dev.drsip.capture.tcp.TcpReassembler} rebuilds
 * each direction of a connection from captured segments (reordering, retransmissions, overlaps,
 * losses, sequence wrap) with bounded state, decides per connection whether it is SIP, TLS or not
 * ours, and hands the streams to {@link dev.drsip.capture.sip.SipStreamFramer} or
 * {@link dev.drsip.capture.tls.TlsHandshakeDecoder}.
 */
package dev.drsip.capture.tcp;
