package dev.drsip.sip.header;

import java.util.List;

/**
 * The parts of an SDP body the analysis and rules look at.
 *
 * @param connectionAddresses every {@code c=} address (session and media level), in order
 * @param directions every direction attribute seen (sendrecv, sendonly, recvonly, inactive)
 * @param media one entry per {@code m=} line: "audio 49170 RTP/SAVP 0 8 101"
 * @param hasIceCandidates at least one {@code a=candidate}
 * @param hasCrypto at least one {@code a=crypto}
 */
public record Sdp(List<String> connectionAddresses, List<String> directions, List<String> media,
                  boolean hasIceCandidates, boolean hasCrypto) {
}
