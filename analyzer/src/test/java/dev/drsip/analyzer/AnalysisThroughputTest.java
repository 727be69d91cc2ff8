package dev.drsip.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.sip.SipMessageParser;
import dev.drsip.sip.SipPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the analysis pipeline on realistic Direct Routing call flows (answered outbound and
 * inbound calls, ~7 messages each, Microsoft-style headers) against parsing alone. Prints the
 * figures; asserts the counts, never the timing.
 */
// A measurement, not a test of speed: run it with -Ddrsip.bench=true (the benchmarks module is the proof).
@EnabledIfSystemProperty(named = "drsip.bench", matches = "true")
class AnalysisThroughputTest {

    static List<SipPacket> flows(int calls) {
        List<SipPacket> out = new ArrayList<>(calls * 8);
        long frame = 0;
        for (int i = 0; i < calls; i++) {
            String id = "tp-" + i + "-6f1c2d3e4f5a6b7c8d9e@sbc1.contoso.com";
            long ms = i * 50L;
            List<String[]> msgs = new ArrayList<>();
            if ((i & 1) == 0) {
                String inv = Harness.msInvite(id, "z9hG4bKo" + i).h("X-MS-UserLocation", "internal")
                        .h("Record-Route", "<sip:sip-du-a-us.pstnhub.microsoft.com:5061;transport=tls;lr>").build();
                msgs.add(new String[] {Harness.MS, Harness.SBC, inv});
                msgs.add(new String[] {Harness.SBC, Harness.MS, Msg.response(inv, 100, "Trying", null).build()});
                msgs.add(new String[] {Harness.SBC, Harness.MS, Msg.response(inv, 183, "Session Progress", "s" + i)
                        .contact(CallCorrelatorTest.SBC_CONTACT).sdp().build()});
                msgs.add(new String[] {Harness.SBC, Harness.MS, Msg.response(inv, 200, "OK", "s" + i)
                        .contact(CallCorrelatorTest.SBC_CONTACT).sdp().build()});
                msgs.add(new String[] {Harness.MS, Harness.SBC, Harness.inDialog("ACK", CallCorrelatorTest.SBC_CONTACT,
                        "sip.pstnhub.microsoft.com:5061", "z9hG4bKa" + i, CallCorrelatorTest.MS_URI, "msft" + id,
                        CallCorrelatorTest.SBC_URI, "s" + i, id, 1).build()});
                String bye = Harness.inDialog("BYE", CallCorrelatorTest.MS_CONTACT, Harness.SBC_FQDN + ":5067",
                        "z9hG4bKb" + i, CallCorrelatorTest.SBC_URI, "s" + i, CallCorrelatorTest.MS_URI, "msft" + id, id, 1)
                        .build();
                msgs.add(new String[] {Harness.SBC, Harness.MS, bye});
                msgs.add(new String[] {Harness.MS, Harness.SBC, Msg.response(bye, 200, "OK", null).build()});
            } else {
                String inv = Harness.sbcInvite(id, "z9hG4bKi" + i, "+15550001111", "+4930999888")
                        .h("X-MS-SBC", "Contoso/SBC/1.0").build();
                msgs.add(new String[] {Harness.SBC, Harness.MS, inv});
                msgs.add(new String[] {Harness.MS, Harness.SBC, Msg.response(inv, 100, "Trying", null).build()});
                msgs.add(new String[] {Harness.MS, Harness.SBC, Msg.response(inv, 180, "Ringing", "m" + i)
                        .h("SERVER", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3").build()});
                msgs.add(new String[] {Harness.MS, Harness.SBC, Msg.response(inv, 486, "Busy Here", "m" + i)
                        .h("REASON", "Q.850;cause=34;text=\"4656976f-aaaa-bbbb-cccc-ddddeeeeffff;User is busy\"")
                        .build()});
                msgs.add(new String[] {Harness.SBC, Harness.MS, Harness.ackOf(inv, "m" + i).build()});
            }
            for (int k = 0; k < msgs.size(); k++) {
                String[] m = msgs.get(k);
                out.add(Harness.packet(ms + k * 5L, m[0], m[1], m[2], ++frame));
            }
        }
        return out;
    }

    @Test
    void pipelineThroughputOnDirectRoutingFlows() {
        List<SipPacket> packets = flows(20_000);
        SipMessageParser parser = new SipMessageParser();
        double parseRate = 0;
        double pipeRate = 0;
        AnalysisResult r = null;
        for (int round = 0; round < 2; round++) {
            long s = System.nanoTime();
            for (SipPacket p : packets) {
                parser.parse(p);
            }
            parseRate = packets.size() / ((System.nanoTime() - s) / 1e9);
            TraceAnalysis a = new TraceAnalysis(AnalyzerConfig.defaults());
            s = System.nanoTime();
            for (SipPacket p : packets) {
                a.onSip(p);
            }
            r = a.finish();
            pipeRate = packets.size() / ((System.nanoTime() - s) / 1e9);
        }
        System.out.printf("throughput: %d messages; parse only %.0f msg/s; full analysis %.0f msg/s%n",
                packets.size(), parseRate, pipeRate);
        assertThat(r.sipMessages()).isEqualTo(packets.size());
        assertThat(r.retransmissions()).isZero();
        assertThat(r.sbcs()).hasSize(1);
        assertThat(r.sbcs().get(0).outbound().answered()).isEqualTo(10_000);
        assertThat(r.sbcs().get(0).inbound().userOutcomes()).containsEntry("busy", 10_000L);
        assertThat(r.problems()).isEmpty();
    }
}
