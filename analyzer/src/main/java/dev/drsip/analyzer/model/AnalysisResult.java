package dev.drsip.analyzer.model;

import java.util.List;
import java.util.Map;

/**
 * The outcome of analysing one or more inputs. Stable: the CLI renders text and JSON from it.
 *
 * @param sipMessages every SIP message parsed, retransmissions included (as tshark's
 *     {@code -z sip,stat} counts)
 * @param requests method -> count, retransmissions included
 * @param responses status code -> count, retransmissions included
 * @param retransmissions messages recognised as retransmissions
 * @param problems bad input by reason (from the sources and from parsing), most frequent first
 * @param firstTime first event time seen (ns since epoch), -1 if nothing
 * @param lastTime last event time seen, -1 if nothing
 * @param calls every INVITE dialog (Direct Routing or not)
 * @param directRoutingCalls calls with a Microsoft party
 * @param microsoftAddresses Microsoft proxy addresses seen, text form, sorted
 * @param sbcs per-SBC statistics, sorted by name
 * @param nonDirectRouting calls without a Microsoft party (traces of plain SIP still give counts)
 * @param tlsHandshakes TLS handshakes reported by the sources
 * @param correlator how state was bounded
 */
public record AnalysisResult(
        long sipMessages,
        Map<String, Long> requests,
        Map<Integer, Long> responses,
        long retransmissions,
        List<ProblemCount> problems,
        long firstTime,
        long lastTime,
        long calls,
        long directRoutingCalls,
        List<String> microsoftAddresses,
        List<SbcStats> sbcs,
        DirectionStats nonDirectRouting,
        long tlsHandshakes,
        CorrelatorStats correlator) {

    /** Total problems of every reason. */
    public long problemCount() {
        long n = 0;
        for (ProblemCount p : problems) {
            n += p.count();
        }
        return n;
    }
}
