/**
 * IPv4/IPv6 decoding with extension headers, IP-in-IP, and bounded fragment reassembly keyed by
 * (source, destination, id, protocol) with event-time timeouts.
 */
package dev.drsip.capture.ip;
