package dev.drsip.rules;

import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.call.DelayedOfferRule;
import dev.drsip.rules.call.HoldSendonlyRule;
import dev.drsip.rules.call.NoAckRule;
import dev.drsip.rules.call.NumberNotE164Rule;
import dev.drsip.rules.call.ReplacesFromSbcRule;
import dev.drsip.rules.call.RetryAfter603Rule;
import dev.drsip.rules.call.SdpNullConnectionRule;
import dev.drsip.rules.call.SlowSbcRule;
import dev.drsip.rules.identity.ContactFqdnUnknownRule;
import dev.drsip.rules.identity.ContactNotFqdnRule;
import dev.drsip.rules.identity.OptionsToIpRule;
import dev.drsip.rules.identity.RecordRouteContactMismatchRule;
import dev.drsip.rules.identity.RecordRouteNotFqdnRule;
import dev.drsip.rules.options.OptionsHealthRule;
import dev.drsip.rules.options.SbcHealth;
import dev.drsip.rules.spike.ResponseSpikeRule;
import dev.drsip.rules.tls.CertificateRule;
import dev.drsip.rules.tls.TlsParametersRule;
import dev.drsip.sip.event.TlsHandshake;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every rule on the analysis event stream ({@link AnalysisListener}), on event time: each
 * message, call and handshake advances "now", and rules get {@link Rule#onTime} about once per
 * second of event time so gaps and windows close during quiet periods, as they will live.
 * {@link #findings()} can be read at any time (a snapshot); {@link #finish()} (or
 * {@link #onFinish}) closes what is still open at the end of a trace. Single-threaded.
 */
public final class RuleEngine implements AnalysisListener {
    private static final long TICK_NANOS = 1_000_000_000L;

    private final RulesConfig config;
    private final List<Rule> rules;
    private final SbcIdentities identities;
    private final Map<String, FindingAccumulator> findings = new HashMap<>();
    private final List<FindingAccumulator> order = new ArrayList<>();
    private final Context ctx = new Context();
    private final OptionsHealthRule optionsHealth;
    private long now = -1;
    private long nextTick = Long.MIN_VALUE;
    private long dropped;
    private boolean finished;

    /** Every rule, configured by {@code config}. */
    public RuleEngine(RulesConfig config) {
        this(config, defaultRules(config));
    }

    /** Only the given rules (tests, or a subset chosen by the user). */
    public RuleEngine(RulesConfig config, List<Rule> rules) {
        this.config = config;
        this.rules = List.copyOf(rules);
        this.identities = new SbcIdentities(config);
        OptionsHealthRule oh = null;
        for (Rule r : this.rules) {
            if (r instanceof OptionsHealthRule) {
                oh = (OptionsHealthRule) r;
            }
        }
        this.optionsHealth = oh;
    }

    /** One instance of every rule. */
    public static List<Rule> defaultRules(RulesConfig config) {
        return List.of(
                new ContactNotFqdnRule(), new ContactFqdnUnknownRule(), new RecordRouteNotFqdnRule(),
                new RecordRouteContactMismatchRule(), new OptionsToIpRule(),
                new CertificateRule(), new TlsParametersRule(),
                new OptionsHealthRule(),
                new ResponseSpikeRule(),
                new SlowSbcRule(), new NoAckRule(), new RetryAfter603Rule(), new ReplacesFromSbcRule(),
                new DelayedOfferRule(), new SdpNullConnectionRule(), new HoldSendonlyRule(), new NumberNotE164Rule());
    }

    public RulesConfig config() {
        return config;
    }

    @Override
    public void onMessage(ClassifiedMessage message) {
        if (finished) {
            return;
        }
        advance(message.message().timeNanos());
        identities.learn(message);
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).onMessage(message, ctx);
        }
    }

    @Override
    public void onCall(CallRecord call) {
        if (finished) {
            return;
        }
        advance(call.endTime());
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).onCall(call, ctx);
        }
    }

    @Override
    public void onTls(TlsHandshake handshake) {
        if (finished) {
            return;
        }
        advance(handshake.timeNanos());
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).onTls(handshake, ctx);
        }
    }

    @Override
    public void onTime(long timeNanos) {
        if (!finished) {
            advance(timeNanos);
        }
    }

    @Override
    public void onFinish(AnalysisResult result) {
        finish();
    }

    /** Closes open gaps, windows and waits at the latest event time. Idempotent; later events are ignored. */
    public void finish() {
        if (finished) {
            return;
        }
        for (Rule r : rules) {
            r.onTime(ctx);
        }
        for (Rule r : rules) {
            r.onFinish(ctx);
        }
        finished = true;
    }

    private void advance(long t) {
        if (t <= now) {
            return;
        }
        now = t;
        if (now >= nextTick) {
            nextTick = now + TICK_NANOS;
            for (int i = 0; i < rules.size(); i++) {
                rules.get(i).onTime(ctx);
            }
        }
    }

    /** Latest event time seen (ns since the epoch), -1 before any event. */
    public long now() {
        return now;
    }

    /** A snapshot of the findings so far, most severe first (see {@link Finding#REPORT_ORDER}). */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (FindingAccumulator a : order) {
            if (a.reported()) {
                out.add(a.toFinding());
            }
        }
        out.sort(Finding.REPORT_ORDER);
        return out;
    }

    /** Per SBC name: OPTIONS health and the admin-center-like status at the current event time. */
    public Map<String, SbcHealth> sbcHealth() {
        return optionsHealth == null ? Map.of() : optionsHealth.health(now);
    }

    /** Findings not kept because {@link RulesConfig#maxFindings()} distinct ones existed (reports counted). */
    public long droppedFindings() {
        return dropped;
    }

    private final class Context implements RuleContext {
        @Override
        public RulesConfig config() {
            return config;
        }

        @Override
        public long now() {
            return now;
        }

        @Override
        public SbcIdentities identities() {
            return identities;
        }

        @Override
        public FindingAccumulator finding(String ruleId, Severity severity, String sbc, String subject) {
            String key = ruleId + '\u0000' + sbc + '\u0000' + subject;
            FindingAccumulator a = findings.get(key);
            if (a == null) {
                if (findings.size() >= config.maxFindings()) {
                    dropped++;
                    return new FindingAccumulator(ruleId, severity, sbc, 0);
                }
                a = new FindingAccumulator(ruleId, severity, sbc, config.maxEvidence());
                findings.put(key, a);
                order.add(a);
            } else {
                a.escalate(severity);
            }
            return a;
        }
    }
}
