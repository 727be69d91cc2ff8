package dev.drsip.rules.spike;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.rules.BoundedMap;
import dev.drsip.rules.Evidence;
import dev.drsip.rules.FindingAccumulator;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.RulesConfig;
import dev.drsip.rules.Severity;
import dev.drsip.rules.Times;
import dev.drsip.sip.dr.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code response-spike}: per SBC and side (failures attributed to Microsoft, or to the SBC and what
 * is behind it), a window whose network-failure ratio rises far above that SBC's own recent baseline.
 *
 * <p><b>Method.</b> Time is cut into fixed windows of {@link RulesConfig.SpikeParams#windowNanos()}
 * (default 5 min) aligned on multiples of the window since the epoch. Each finished Direct Routing
 * call ({@link CallRecord}, counted in the window of the event time at which its record arrives,
 * i.e. when its outcome is final) is one attempt of its SBC; calls still in progress at the end of
 * the trace are not attempts. An attempt is a <i>network failure</i> of side S when the analyzer
 * says it failed ({@link CallOutcome#isFailure()}: 5xx, 4xx/6xx, the 500001 and 1106 patterns,
 * no final answer) and attributes it to S, except terminal rejects that NER counts as delivered
 * (404, 410, 484, 485, 604). User outcomes (busy 486/600, no answer 480/408 from the user, decline
 * 603, caller cancel 487, completed elsewhere, terminal rejects) are never failures; they are
 * counted separately and reported beside each spike.
 *
 * <p>When a window closes (event time passes its end, or the stream ends), for each side with at
 * least {@code minAttempts} attempts (default 10) in the window: ratio r = failures(S) / attempts;
 * baseline b = exponentially weighted moving average (weight {@code alpha} = 0.3 for the newest)
 * of r over the previous judged, non-spike windows of this SBC and side. The window is a spike when
 * at least {@code warmupWindows} (2) windows built the baseline and r >= {@code minRatio} (0.2),
 * r >= {@code factor} x b (3) and r - b >= {@code minIncrease} (0.1). Spike windows do not feed the
 * baseline (a long outage stays abnormal), and consecutive spike windows extend one finding. Windows
 * under the minimum are skipped (neither judged nor learned). Severity: warning, error at r >= 0.5.
 *
 * <p>Each finding reports the window (start, end), the ratio, the baseline, attempts, failures,
 * user outcomes and the top codes (SIP code with the reconstructed Microsoft code). State per SBC
 * and side: the open window's counters (at most {@value #MAX_CODES} distinct codes) and the baseline.
 */
public final class ResponseSpikeRule implements Rule {
    static final int MAX_CODES = 32;
    private static final Side[] SIDES = {Side.SBC, Side.MICROSOFT};

    /** Terminal rejects NER counts as delivered although the analyzer marks them FAILED. */
    static boolean terminalReject(int sipCode) {
        return sipCode == 404 || sipCode == 410 || sipCode == 484 || sipCode == 485 || sipCode == 604;
    }

    private static final class SideState {
        long failures;
        final Map<String, long[]> codes = new HashMap<>();
        final List<Evidence> examples = new ArrayList<>(3);
        double baseline = Double.NaN;
        int learned;
        FindingAccumulator openSpike; // the spike of the previous judged window, if it was one

        void resetWindow() {
            failures = 0;
            codes.clear();
            examples.clear();
        }
    }

    private static final class State {
        String sbc;
        long windowStart = Long.MIN_VALUE;
        long attempts;
        long userOutcomes;
        final SideState[] sides = {new SideState(), new SideState()};

        State(String sbc) {
            this.sbc = sbc;
        }
    }

    private BoundedMap<String, State> states;

    @Override
    public void onCall(CallRecord c, RuleContext ctx) {
        if (!c.directRouting() || c.outcome() == CallOutcome.IN_PROGRESS) {
            return;
        }
        if (states == null) {
            states = new BoundedMap<>(ctx.config().maxSbcs());
        }
        State s = states.get(c.sbc());
        if (s == null) {
            s = new State(c.sbc());
            states.put(c.sbc(), s);
        }
        long w = ctx.config().spike().windowNanos();
        long t = Math.max(ctx.now(), c.endTime());
        long start = Math.floorDiv(t, w) * w;
        if (start != s.windowStart) {
            if (s.windowStart != Long.MIN_VALUE) {
                close(s, ctx);
            }
            s.windowStart = start;
        }
        s.attempts++;
        boolean failure = c.outcome().isFailure() && !terminalReject(c.finalSipCode());
        if (!failure) {
            if (c.outcome().isUserOutcome() || c.outcome().isFailure()) {
                s.userOutcomes++;
            }
            return;
        }
        Side side = c.failureSide() != null ? c.failureSide() : c.side();
        int idx = side == Side.MICROSOFT ? 1 : side == Side.SBC ? 0 : -1;
        if (idx < 0) {
            return;
        }
        SideState ss = s.sides[idx];
        ss.failures++;
        String code = codeKey(c);
        long[] n = ss.codes.get(code);
        if (n == null && ss.codes.size() < MAX_CODES) {
            n = new long[1];
            ss.codes.put(code, n);
        }
        if (n != null) {
            n[0]++;
        }
        if (ss.examples.size() < 3) {
            ss.examples.add(new Evidence(c.endTime(), c.finalWhere() != null ? c.finalWhere() : c.inviteWhere(),
                    c.callId(), code));
        }
    }

    private static String codeKey(CallRecord c) {
        int sip = c.reportedSipCode() != 0 ? c.reportedSipCode() : c.finalSipCode();
        Integer ms = c.microsoftCode() == null ? null : c.microsoftCode().code();
        String s = sip == 0 ? "no final" : String.valueOf(sip);
        return ms == null ? s : s + " (" + ms + ")";
    }

    @Override
    public void onSbcRenamed(String from, String to, RuleContext ctx) {
        if (states != null) {
            states.renameKey(from, to, (st, name) -> st.sbc = name, ResponseSpikeRule::foldInto);
        }
    }

    /** Both names saw traffic: fold the older (address-named) history {@code old} into {@code s}. */
    private static void foldInto(State s, State old) {
        if (old.windowStart == s.windowStart) {
            s.attempts += old.attempts;
            s.userOutcomes += old.userOutcomes;
            for (int i = 0; i < s.sides.length; i++) {
                SideState a = s.sides[i];
                SideState b = old.sides[i];
                a.failures += b.failures;
                for (Map.Entry<String, long[]> e : b.codes.entrySet()) {
                    long[] n = a.codes.get(e.getKey());
                    if (n == null && a.codes.size() < MAX_CODES) {
                        a.codes.put(e.getKey(), e.getValue());
                    } else if (n != null) {
                        n[0] += e.getValue()[0];
                    }
                }
            }
        }
    }

    @Override
    public void onTime(RuleContext ctx) {
        if (states == null) {
            return;
        }
        long w = ctx.config().spike().windowNanos();
        for (State s : states.values()) {
            if (s.windowStart != Long.MIN_VALUE && ctx.now() >= s.windowStart + w) {
                close(s, ctx);
                s.windowStart = Long.MIN_VALUE;
            }
        }
    }

    @Override
    public void onFinish(RuleContext ctx) {
        if (states == null) {
            return;
        }
        for (State s : states.values()) {
            if (s.windowStart != Long.MIN_VALUE) {
                close(s, ctx);
                s.windowStart = Long.MIN_VALUE;
            }
        }
    }

    private void close(State s, RuleContext ctx) {
        RulesConfig.SpikeParams p = ctx.config().spike();
        long end = s.windowStart + p.windowNanos();
        for (int i = 0; i < SIDES.length; i++) {
            SideState ss = s.sides[i];
            if (s.attempts < p.minAttempts()) {
                ss.resetWindow();
                continue;
            }
            double r = ss.failures / (double) s.attempts;
            double b = ss.baseline;
            boolean spike = ss.learned >= p.warmupWindows() && r >= p.minRatio() && r >= p.factor() * b
                    && r - b >= p.minIncrease();
            if (spike) {
                report(s, ss, SIDES[i], r, b, end, ctx);
            } else {
                ss.openSpike = null;
                ss.baseline = Double.isNaN(b) ? r : p.alpha() * r + (1 - p.alpha()) * b;
                ss.learned++;
            }
            ss.resetWindow();
        }
        s.attempts = 0;
        s.userOutcomes = 0;
    }

    private void report(State s, SideState ss, Side side, double r, double b, long end, RuleContext ctx) {
        Severity sev = r >= 0.5 ? Severity.ERROR : Severity.WARNING;
        List<Map.Entry<String, long[]>> top = new ArrayList<>(ss.codes.entrySet());
        top.sort((x, y) -> x.getValue()[0] != y.getValue()[0] ? Long.compare(y.getValue()[0], x.getValue()[0])
                : x.getKey().compareTo(y.getKey()));
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < Math.min(3, top.size()); i++) {
            if (i > 0) {
                codes.append(", ");
            }
            codes.append(top.get(i).getKey()).append(" x").append(top.get(i).getValue()[0]);
        }
        FindingAccumulator f = ss.openSpike;
        if (f == null) {
            f = ctx.finding(RuleIds.RESPONSE_SPIKE, sev, s.sbc, side.label() + "@" + s.windowStart);
            f.occurrence(s.windowStart, null).seen(end);
            f.detail("side", side.label()).detail("windowStart", Times.iso(s.windowStart))
                    .detail("baseline", pct(b)).detail("windows", 1);
        } else {
            f.escalate(sev).seen(end);
            f.detail("windows", Long.parseLong(f.detail("windows")) + 1);
        }
        for (Evidence e : ss.examples) {
            f.evidence(e);
        }
        f.detail("windowEnd", Times.iso(end)).detail("ratio", pct(r)).detail("attempts", s.attempts)
                .detail("failures", ss.failures).detail("userOutcomes", s.userOutcomes).detail("topCodes", codes);
        f.summary(side.label() + "-side failures " + pct(r) + " of " + s.attempts + " attempts in " + f.detail("windowStart")
                + " .. " + Times.iso(end) + " vs baseline " + f.detail("baseline") + "; top codes " + codes
                + "; user outcomes (not failures) " + s.userOutcomes);
        ss.openSpike = f;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
