package dev.drsip.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.TraceAnalysis;
import dev.drsip.capture.TraceFileSource;
import dev.drsip.rules.options.SbcHealth;
import dev.drsip.traces.DirectRoutingScenario;
import dev.drsip.traces.DirectRoutingScenario.Burst;
import dev.drsip.traces.DirectRoutingScenario.Config;
import dev.drsip.traces.DirectRoutingScenario.Kind;
import dev.drsip.traces.DirectRoutingScenario.SbcQuirks;
import dev.drsip.traces.Link;
import dev.drsip.traces.LinkType;
import dev.drsip.traces.PcapWriter;
import dev.drsip.traces.TraceAssembler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on traces made by the project's generator (test-traces' DirectRoutingScenario): written
 * as a pcap, read back by capture, analysed, and judged by every rule, as {@code drsip analyze} does.
 */
class GeneratedTraceRulesTest {
    static final String SBC1 = "sbc1.contoso.com";
    static final String SBC2 = "sbc2.contoso.com";

    @TempDir
    Path dir;

    record Run(List<Finding> findings, Map<String, SbcHealth> health) {
        List<Finding> of(String id, String sbc) {
            return findings.stream().filter(f -> f.ruleId().equals(id) && sbc.equals(f.sbc())).toList();
        }

        List<Finding> of(String id) {
            return findings.stream().filter(f -> f.ruleId().equals(id)).toList();
        }
    }

    Run run(Config cfg) throws IOException {
        Path pcap = dir.resolve("generated.pcap");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(pcap));
                PcapWriter w = new PcapWriter(os, LinkType.ETHERNET, false)) {
            TraceAssembler as = new TraceAssembler(fr -> {
                try {
                    w.write(fr);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Link.ethernet());
            new DirectRoutingScenario(cfg).generate(as::add);
        }
        RuleEngine engine = new RuleEngine(RulesConfig.defaults());
        TraceAnalysis a = new TraceAnalysis(AnalyzerConfig.defaults(), engine);
        new TraceFileSource(List.of(pcap)).run(a);
        a.finish();
        return new Run(engine.findings(), engine.sbcHealth());
    }

    static Config base() {
        Map<Kind, Integer> mix = DirectRoutingScenario.defaultMix();
        mix.remove(Kind.OUT_SLOW_SBC);
        mix.remove(Kind.IN_NO_ACK);
        return new Config().seed(11).duration(3600).calls(600).steady().mix(mix).oneOfEach(false);
    }

    /**
     * The generator stops the keep-alives at the end of its hour while the last calls still run for
     * up to a few minutes: that trailing silence is a real open gap at the end of the trace, and the
     * only thing a healthy generated hour may show.
     */
    static List<Finding> withoutTrailingGap(List<Finding> findings, long endOfOptionsSeconds) {
        String limit = dev.drsip.rules.Times.iso((1793664000L + endOfOptionsSeconds - 61) * 1_000_000_000L);
        return findings.stream().filter(f -> !(f.ruleId().equals(RuleIds.OPTIONS_GAP)
                && "true".equals(f.details().get("gapOpen")) && f.details().get("gapStart").compareTo(limit) >= 0)).toList();
    }

    @Test
    void healthyGeneratedHourRaisesNothingAndBothSbcsAreActive() throws IOException {
        Run r = run(base());
        assertThat(withoutTrailingGap(r.findings(), 3600)).isEmpty();
        assertThat(r.health()).containsOnlyKeys(SBC1, SBC2);
        assertThat(r.health().get(SBC1).averageIntervalSeconds()).isBetween(55.0, 65.0);
    }

    @Test
    void slowSbcAndNoAckPatternsFromTheGenerator() throws IOException {
        Config c = base();
        c.mix.put(Kind.OUT_SLOW_SBC, 10);
        c.mix.put(Kind.IN_NO_ACK, 10);
        Run r = run(c);
        assertThat(r.of(RuleIds.SLOW_SBC)).isNotEmpty();
        assertThat(r.of(RuleIds.NO_ACK)).isNotEmpty();
        assertThat(r.of(RuleIds.SLOW_SBC).stream().mapToLong(Finding::count).sum()
                + r.of(RuleIds.NO_ACK).stream().mapToLong(Finding::count).sum()).isGreaterThan(2);
    }

    @Test
    void misbehavingSbcIsReportedAndTheOtherIsNot() throws IOException {
        SbcQuirks bad = new SbcQuirks("203.0.113.10", "52.114.148.0", 403, false, List.of(new long[] {1200, 400}));
        Run r = run(base().quirks(Map.of(0, bad)));
        List<Finding> f = r.findings();
        // The SBC is first named by its address (its Contact has no FQDN), then by the FQDN Microsoft
        // sends to: the engine folds both names into one SBC.
        assertThat(f).extracting(Finding::sbc).containsOnly(SBC1);
        assertThat(r.health()).containsOnlyKeys(SBC1, SBC2);
        assertThat(f).extracting(Finding::ruleId).contains(RuleIds.CONTACT_NOT_FQDN, RuleIds.OPTIONS_TO_IP,
                RuleIds.OPTIONS_REJECTED, RuleIds.OPTIONS_UNANSWERED, RuleIds.OPTIONS_GAP);
        assertThat(r.of(RuleIds.CONTACT_NOT_FQDN, SBC2)).isEmpty();
        assertThat(r.of(RuleIds.OPTIONS_GAP, SBC2)).isEmpty();
        assertThat(r.of(RuleIds.OPTIONS_UNANSWERED, SBC2)).isEmpty();
        Finding gap = r.of(RuleIds.OPTIONS_GAP).get(0);
        assertThat(gap.severity()).isEqualTo(Severity.ERROR);
        assertThat(Long.parseLong(gap.details().get("longestGapSeconds"))).isBetween(400L, 480L);
        Finding rej = r.of(RuleIds.OPTIONS_REJECTED).get(0);
        assertThat(rej.details()).containsEntry("code", "403");
        assertThat(r.health().get(SBC2).status()).isEqualTo(SbcHealth.ACTIVE);
        assertThat(r.health().values()).anyMatch(h -> h.status().equals(SbcHealth.NO_SIP_OPTIONS));
    }

    @Test
    void burstOf503GivesOneSpikeAndABurstOfBusyGivesNone() throws IOException {
        Run spike = run(base().calls(1200).bursts(List.of(new Burst(1810, 240, 0, Kind.OUT_SBC_503, 60))));
        List<Finding> s = spike.of(RuleIds.RESPONSE_SPIKE);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).sbc()).isEqualTo(SBC1);
        assertThat(s.get(0).details().get("side")).isEqualTo("sbc");
        assertThat(s.get(0).details().get("topCodes")).startsWith("503 (560503)");
        Run busy = run(base().calls(1200).bursts(List.of(new Burst(1810, 240, 0, Kind.OUT_BUSY, 60))));
        assertThat(busy.of(RuleIds.RESPONSE_SPIKE)).isEmpty();
    }
}
