/**
 * Streaming trace-file readers (pcap, pcapng, gzip-compressed either way), pure Java. Readers are
 * pull-based and hand out a reused {@link dev.drsip.capture.file.Frame} pointing into their big
 * input buffer: copy what you keep. Damage is reported as problems, never thrown.
 */
package dev.drsip.capture.file;
