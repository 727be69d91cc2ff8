package dev.drsip.rules.spike;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.rules.Finding;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.RulesConfig;
import dev.drsip.rules.Severity;
import dev.drsip.rules.Sim;
import dev.drsip.rules.Times;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class ResponseSpikeRuleTest {
    private static final long W = 300;

    /** Seconds (relative to the Sim's T0) where window {@code k} starts: windows are aligned on the epoch. */
    private static double windowStart(int k) {
        long t0 = Sim.T0_MS / 1000;
        long first = Math.floorDiv(t0, W) * W + W;
        return first - t0 + k * W;
    }

    /** 40 outbound calls in window k; {@code code.applyAsInt(i)} is the SBC's final answer for call i. */
    private static void window(Sim sim, int k, IntUnaryOperator code) {
        double s = windowStart(k);
        for (int i = 0; i < 40; i++) {
            sim.outboundCall(s + 5 + i * 6, "w" + k + "c" + i + "@test", code.applyAsInt(i));
        }
    }

    @Test
    void steadyFailureRateGivesNoSpike() {
        Sim sim = new Sim();
        Random rnd = new Random(42);
        for (int k = 0; k < 12; k++) {
            window(sim, k, i -> rnd.nextDouble() < 0.12 ? (rnd.nextBoolean() ? 503 : 500) : 200);
        }
        sim.finish();
        assertThat(sim.findings(RuleIds.RESPONSE_SPIKE)).isEmpty();
    }

    @Test
    void burstGivesExactlyOneFindingWithTheRightWindow() {
        Sim sim = new Sim();
        Random rnd = new Random(7);
        for (int k = 0; k < 10; k++) {
            boolean burst = k == 6;
            window(sim, k, i -> burst ? (i % 2 == 0 ? 503 : 200) : rnd.nextDouble() < 0.05 ? 503 : 200);
        }
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.RESPONSE_SPIKE);
        assertThat(f).hasSize(1);
        Finding s = f.get(0);
        assertThat(s.sbc()).isEqualTo(Sim.SBC_FQDN);
        assertThat(s.details()).containsEntry("side", "sbc")
                .containsEntry("windowStart", Times.iso(Sim.nanos(windowStart(6))))
                .containsEntry("windowEnd", Times.iso(Sim.nanos(windowStart(7))))
                .containsEntry("ratio", "50.0%").containsEntry("attempts", "40").containsEntry("failures", "20")
                .containsEntry("topCodes", "503 (560503) x20");
        assertThat(Double.parseDouble(s.details().get("baseline").replace("%", ""))).isBetween(0.0, 12.0);
        assertThat(s.severity()).isEqualTo(Severity.ERROR);
        assertThat(s.firstSeenNanos()).isEqualTo(Sim.nanos(windowStart(6)));
        assertThat(s.evidence()).isNotEmpty();
        assertThat(s.evidence().get(0).value()).isEqualTo("503 (560503)");
    }

    @Test
    void burstOfUserOutcomesGivesNone() {
        Sim sim = new Sim();
        Random rnd = new Random(9);
        int[] user = {486, 603, 480, 404, 484, 600};
        for (int k = 0; k < 10; k++) {
            boolean burst = k == 6;
            window(sim, k, i -> burst ? (i % 5 == 0 ? 200 : user[i % user.length]) : rnd.nextDouble() < 0.05 ? 503 : 200);
        }
        sim.finish();
        assertThat(sim.findings(RuleIds.RESPONSE_SPIKE)).isEmpty();
    }

    @Test
    void twoConsecutiveSpikeWindowsExtendOneFinding() {
        Sim sim = new Sim();
        for (int k = 0; k < 8; k++) {
            boolean burst = k == 4 || k == 5;
            window(sim, k, i -> burst ? (i % 3 == 0 ? 200 : 500) : i == 0 ? 503 : 200);
        }
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.RESPONSE_SPIKE);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).details()).containsEntry("windows", "2")
                .containsEntry("windowStart", Times.iso(Sim.nanos(windowStart(4))))
                .containsEntry("windowEnd", Times.iso(Sim.nanos(windowStart(6))));
    }

    @Test
    void smallWindowsAreNotJudged() {
        RulesConfig cfg = RulesConfig.defaults().withSpike(RulesConfig.SpikeParams.defaults().withMinAttempts(50));
        Sim sim = new Sim(cfg);
        for (int k = 0; k < 8; k++) {
            boolean burst = k == 5;
            window(sim, k, i -> burst ? 503 : 200);
        }
        sim.finish();
        assertThat(sim.findings(RuleIds.RESPONSE_SPIKE)).isEmpty();
    }

    @Test
    void windowLengthIsConfigurable() {
        RulesConfig cfg = RulesConfig.defaults().withSpike(RulesConfig.SpikeParams.defaults()
                .withWindow(java.time.Duration.ofSeconds(60)));
        Sim sim = new Sim(cfg);
        // 12 calls per minute for 10 minutes, one minute all 503.
        double s = windowStart(0);
        for (int m = 0; m < 10; m++) {
            for (int i = 0; i < 12; i++) {
                sim.outboundCall(s + m * 60 + 1 + i * 4.5, "m" + m + "c" + i + "@test", m == 7 ? 503 : 200);
            }
        }
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.RESPONSE_SPIKE);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).details()).containsEntry("windowStart", Times.iso(Sim.nanos(s + 7 * 60)))
                .containsEntry("ratio", "100.0%");
    }
}
