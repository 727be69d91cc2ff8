package dev.drsip.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.TraceAnalysis;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.traces.DirectRoutingScenario;
import dev.drsip.traces.SipWire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the rules cost: the same generated Direct Routing day (as SipPackets in memory, so capture
 * is not measured) analysed with and without the RuleEngine. Prints messages/s for both.
 */
// A measurement, not a test of speed: run it with -Ddrsip.bench=true (the benchmarks module is the proof).
@EnabledIfSystemProperty(named = "drsip.bench", matches = "true")
class RulesThroughputTest {
    static List<SipPacket> packets() {
        DirectRoutingScenario.Config cfg = new DirectRoutingScenario.Config().seed(5).duration(8 * 3600).calls(20_000)
                .richSdp(true);
        List<SipPacket> out = new ArrayList<>();
        long[] frame = {0};
        new DirectRoutingScenario(cfg).generate((SipWire w) -> out.add(new SipPacket(w.epochNanos(),
                IpAddress.parse(w.src().ip()), w.src().port(), IpAddress.parse(w.dst().ip()), w.dst().port(),
                Transport.TCP, new Where("gen", ++frame[0]), w.bytes(), 0, w.bytes().length)));
        return out;
    }

    static long runNanos(List<SipPacket> packets, boolean rules) {
        RuleEngine engine = new RuleEngine(RulesConfig.defaults());
        TraceAnalysis a = rules ? new TraceAnalysis(AnalyzerConfig.defaults(), engine)
                : new TraceAnalysis(AnalyzerConfig.defaults());
        long t0 = System.nanoTime();
        for (SipPacket p : packets) {
            a.onSip(p);
        }
        a.finish();
        return System.nanoTime() - t0;
    }

    @Test
    void rulesKeepTheAnalysisFast() {
        List<SipPacket> packets = packets();
        long best0 = Long.MAX_VALUE;
        long best1 = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) { // warm up, keep the best of the later runs
            best0 = Math.min(best0, runNanos(packets, false));
            best1 = Math.min(best1, runNanos(packets, true));
        }
        double without = packets.size() / (best0 / 1e9);
        double with = packets.size() / (best1 / 1e9);
        System.out.printf("rules throughput: %d messages, analyzer alone %.0f msg/s, analyzer + rules %.0f msg/s (%.0f%%)%n",
                packets.size(), without, with, 100.0 * with / without);
        assertThat(packets.size()).isGreaterThan(100_000);
    }
}
