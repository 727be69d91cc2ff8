package dev.drsip.rules.options;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.rules.Finding;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.rules.Sim;
import dev.drsip.rules.SipText;
import dev.drsip.rules.Times;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsHealthRuleTest {

    private static void healthy(Sim sim, double from, double to) {
        for (double t = from; t < to; t += 60) {
            sim.sbcOptionsAnswered(t, 200);
            sim.microsoftOptionsAnswered(t + 20, 200);
        }
    }

    @Test
    void regularCadenceIsActiveWithoutFindings() {
        Sim sim = new Sim();
        healthy(sim, 0, 1200);
        assertThat(sim.finish()).isEmpty();
        SbcHealth h = sim.engine.sbcHealth().get(Sim.SBC_FQDN);
        assertThat(h.status()).isEqualTo(SbcHealth.ACTIVE);
        assertThat(h.why()).isNull();
        assertThat(h.sbcOptionsSent()).isEqualTo(20);
        assertThat(h.sbcOptionsAnswered200()).isEqualTo(20);
        assertThat(h.averageIntervalSeconds()).isEqualTo(60.0);
        assertThat(h.microsoftOptionsSent()).isEqualTo(20);
        assertThat(h.microsoftOptionsAnswered200()).isEqualTo(20);
        assertThat(h.microsoftOptionsUnanswered()).isZero();
    }

    @Test
    void gapOver180sIsAWarningWithStartAndEnd() {
        Sim sim = new Sim();
        healthy(sim, 0, 300);          // last at 240
        healthy(sim, 440, 600);        // 200 s gap 240 -> 440
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.OPTIONS_GAP);
        assertThat(f).hasSize(1);
        Finding g = f.get(0);
        assertThat(g.severity()).isEqualTo(Severity.WARNING);
        assertThat(g.count()).isEqualTo(1);
        assertThat(g.details()).containsEntry("gapStart", Times.iso(Sim.nanos(240)))
                .containsEntry("gapEnd", Times.iso(Sim.nanos(440))).containsEntry("longestGapSeconds", "200")
                .containsEntry("gapOpen", "false");
        assertThat(g.evidence()).hasSize(1);
        assertThat(g.evidence().get(0).value()).contains("(200 s)");
        assertThat(g.firstSeenNanos()).isEqualTo(Sim.nanos(240));
        assertThat(g.lastSeenNanos()).isEqualTo(Sim.nanos(440));
    }

    @Test
    void gapOver300sIsAnErrorAndIsSeenLiveBeforeItEnds() {
        Sim sim = new Sim();
        healthy(sim, 0, 120);              // last SBC OPTIONS at 60
        sim.time(200);
        assertThat(sim.findings(RuleIds.OPTIONS_GAP)).isEmpty();
        sim.time(241);                     // 181 s since the last
        List<Finding> live = sim.findings(RuleIds.OPTIONS_GAP);
        assertThat(live).hasSize(1);
        assertThat(live.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(live.get(0).details()).containsEntry("gapOpen", "true");
        assertThat(sim.engine.sbcHealth().get(Sim.SBC_FQDN).status()).isEqualTo(SbcHealth.NO_SIP_OPTIONS);
        sim.time(361);                     // 301 s: trunk demoted
        live = sim.findings(RuleIds.OPTIONS_GAP);
        assertThat(live).hasSize(1);
        assertThat(live.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(live.get(0).count()).isEqualTo(1);
        healthy(sim, 400, 500);            // the gap closes at 400
        sim.finish();
        Finding g = sim.findings(RuleIds.OPTIONS_GAP).get(0);
        assertThat(g.count()).isEqualTo(1);
        assertThat(g.details()).containsEntry("longestGapSeconds", "340").containsEntry("gapOpen", "false")
                .containsEntry("gapEnd", Times.iso(Sim.nanos(400)));
        assertThat(sim.engine.sbcHealth().get(Sim.SBC_FQDN).status()).isEqualTo(SbcHealth.ACTIVE);
        assertThat(sim.engine.sbcHealth().get(Sim.SBC_FQDN).maxGapSeconds()).isEqualTo(340);
    }

    @Test
    void gapOpenAtTheEndOfTheTraceIsClosedThere() {
        Sim sim = new Sim();
        healthy(sim, 0, 60);
        sim.goodSbcInvite(400, "late@test"); // traffic, but no more OPTIONS
        sim.finish();
        Finding g = sim.findings(RuleIds.OPTIONS_GAP).get(0);
        assertThat(g.severity()).isEqualTo(Severity.ERROR);
        assertThat(g.evidence().get(0).value()).contains("open at the end of the trace");
    }

    @Test
    void rejectedOptionsCarryCodeAndReason() {
        Sim sim = new Sim();
        for (int i = 0; i < 3; i++) {
            String req = sim.sbcOptions(i * 60);
            sim.send(i * 60 + 0.05, Sim.MS, Sim.SBC, SipText.response(req, 403, "Forbidden", "r" + i)
                    .h("REASON", "Q.850;cause=21;text=\"abc-123;No trunk config was found\""));
        }
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.OPTIONS_REJECTED);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).count()).isEqualTo(3);
        assertThat(f.get(0).details()).containsEntry("code", "403");
        assertThat(f.get(0).evidence().get(0).value()).contains("403 Forbidden").contains("No trunk config was found");
        SbcHealth h = sim.engine.sbcHealth().get(Sim.SBC_FQDN);
        assertThat(h.status()).isEqualTo(SbcHealth.NO_SIP_OPTIONS);
        assertThat(h.sbcOptionsRejected()).isEqualTo(3);
        assertThat(h.why()).contains("403");
    }

    @Test
    void optionsAnswered200AreNotRejected() {
        Sim sim = new Sim();
        healthy(sim, 0, 180);
        sim.finish();
        assertThat(sim.findings(RuleIds.OPTIONS_REJECTED)).isEmpty();
    }

    @Test
    void microsoftOptionsUnansweredOrAnsweredWithError() {
        Sim sim = new Sim();
        for (int i = 0; i < 5; i++) {
            sim.sbcOptionsAnswered(i * 60, 200);
            sim.microsoftOptions(i * 60 + 20); // never answered
        }
        sim.microsoftOptionsAnswered(290, 503);
        List<Finding> f = sim.findings(RuleIds.OPTIONS_UNANSWERED);
        assertThat(f).hasSize(1);
        // Four timed out (the one at 260 is still within 32 s at 290, judged later) + one 503.
        assertThat(f.get(0).count()).isEqualTo(5);
        sim.time(330);
        sim.finish();
        f = sim.findings(RuleIds.OPTIONS_UNANSWERED);
        assertThat(f.get(0).count()).isEqualTo(6);
        assertThat(f.get(0).evidence()).extracting(e -> e.value()).anyMatch(v -> v.contains("no final answer within 32 s"));
        SbcHealth h = sim.engine.sbcHealth().get(Sim.SBC_FQDN);
        assertThat(h.status()).isEqualTo(SbcHealth.NO_SIP_OPTIONS);
        assertThat(h.microsoftOptionsUnanswered()).isEqualTo(6);
    }

    @Test
    void answeredMicrosoftOptionsAreFine() {
        Sim sim = new Sim();
        healthy(sim, 0, 240);
        sim.time(400);
        assertThat(sim.findings(RuleIds.OPTIONS_UNANSWERED)).isEmpty();
    }

    @Test
    void sbcWithCallsButNoOptionsIsNotConfigured() {
        Sim sim = new Sim();
        sim.goodSbcInvite(0, "x@test");
        sim.goodSbcInvite(60, "y@test");
        sim.finish();
        SbcHealth h = sim.engine.sbcHealth().get(Sim.SBC_FQDN);
        assertThat(h.status()).isEqualTo(SbcHealth.NOT_CONFIGURED);
        assertThat(h.sbcOptionsSent()).isZero();
        assertThat(sim.findings(RuleIds.OPTIONS_GAP)).isEmpty(); // seen for 60 s only
    }

    @Test
    void sbcThatNeverSendsOptionsGetsOnlyAnInfoGap() {
        Sim sim = new Sim();
        sim.goodSbcInvite(0, "x@test");
        sim.goodSbcInvite(400, "y@test");
        sim.finish();
        Finding g = sim.findings(RuleIds.OPTIONS_GAP).get(0);
        assertThat(g.severity()).isEqualTo(Severity.INFO);
        assertThat(g.summary()).contains("filtered out of the capture");
        assertThat(sim.engine.sbcHealth().get(Sim.SBC_FQDN).status()).isEqualTo(SbcHealth.NOT_CONFIGURED);
    }

    @Test
    void firstOptionsLongAfterTheSbcAppearedClosesACertainGap() {
        Sim sim = new Sim();
        sim.goodSbcInvite(0, "x@test");
        sim.time(200);
        assertThat(sim.findings(RuleIds.OPTIONS_GAP).get(0).severity()).isEqualTo(Severity.INFO);
        sim.sbcOptionsAnswered(250, 200);
        sim.finish();
        Finding g = sim.findings(RuleIds.OPTIONS_GAP).get(0);
        assertThat(g.severity()).isEqualTo(Severity.WARNING);
        assertThat(g.count()).isEqualTo(1);
        assertThat(g.details()).containsEntry("longestGapSeconds", "250");
    }

    @Test
    void activeWithoutMicrosoftOptionsInTheCaptureSaysSo() {
        Sim sim = new Sim();
        for (int i = 0; i < 6; i++) {
            sim.sbcOptionsAnswered(i * 60, 200);
        }
        sim.finish();
        SbcHealth h = sim.engine.sbcHealth().get(Sim.SBC_FQDN);
        assertThat(h.status()).isEqualTo(SbcHealth.ACTIVE);
        assertThat(h.why()).contains("not in the capture");
        assertThat(sim.findings(RuleIds.OPTIONS_UNANSWERED)).isEmpty();
    }
}
