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
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.dr.Side;
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
    /** The rules that override onMessage / onCall / onTls, in rule order (the others' are no-ops). */
    private final Rule[] messageRules;
    /** messageRules[i] only wants Direct Routing first transmissions from the SBC to Microsoft. */
    private final boolean[] sbcToMicrosoftOnly;
    private final Rule[] callRules;
    private final Rule[] tlsRules;
    private final SbcIdentities identities;
    private final Map<String, FindingAccumulator> findings = new HashMap<>();
    private final List<FindingAccumulator> order = new ArrayList<>();
    private final Context ctx = new Context();
    private final OptionsHealthRule optionsHealth;
    private final BoundedMap<String, String> aliases;
    private final BoundedMap<IpAddress, Boolean> addressNamed;
    /** Text form of SBC addresses (made once per address, not per message); bounded by maxSbcs. */
    private final Map<IpAddress, String> addressText = new HashMap<>();
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
        this.messageRules = overriding(this.rules, "onMessage", ClassifiedMessage.class);
        this.sbcToMicrosoftOnly = new boolean[messageRules.length];
        for (int i = 0; i < messageRules.length; i++) {
            sbcToMicrosoftOnly[i] = messageRules[i].messageScope() == Rule.MessageScope.SBC_TO_MICROSOFT;
        }
        this.callRules = overriding(this.rules, "onCall", CallRecord.class);
        this.tlsRules = overriding(this.rules, "onTls", TlsHandshake.class);
        this.identities = new SbcIdentities(config);
        this.aliases = new BoundedMap<>(config.maxSbcs());
        this.addressNamed = new BoundedMap<>(config.maxSbcs());
        OptionsHealthRule oh = null;
        for (Rule r : this.rules) {
            if (r instanceof OptionsHealthRule) {
                oh = (OptionsHealthRule) r;
            }
        }
        this.optionsHealth = oh;
    }

    /** The rules whose class overrides the interface's no-op {@code method(arg, RuleContext)}. */
    private static Rule[] overriding(List<Rule> rules, String method, Class<?> arg) {
        List<Rule> out = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            boolean overrides = true;
            try {
                overrides = r.getClass().getMethod(method, arg, RuleContext.class).getDeclaringClass() != Rule.class;
            } catch (NoSuchMethodException | SecurityException e) {
                // keep it: calling a no-op is harmless
            }
            if (overrides) {
                out.add(r);
            }
        }
        return out.toArray(new Rule[0]);
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
        message = canonical(message);
        identities.learn(message);
        boolean sbcToMicrosoft = message.directRouting() && !message.retransmission() && message.from() == Side.SBC
                && message.to() == Side.MICROSOFT;
        for (int i = 0; i < messageRules.length; i++) {
            if (sbcToMicrosoft || !sbcToMicrosoftOnly[i]) {
                messageRules[i].onMessage(message, ctx);
            }
        }
    }

    @Override
    public void onCall(CallRecord call) {
        if (finished) {
            return;
        }
        advance(call.endTime());
        if (call.sbc() != null) {
            String alias = aliases.get(call.sbc());
            if (alias != null) {
                call = withSbc(call, alias);
            }
        }
        for (Rule r : callRules) {
            r.onCall(call, ctx);
        }
    }

    @Override
    public void onTls(TlsHandshake handshake) {
        if (finished) {
            return;
        }
        advance(handshake.timeNanos());
        for (Rule r : tlsRules) {
            r.onTls(handshake, ctx);
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

    /**
     * The analyzer names an SBC by its address until it learns its FQDN, then by the FQDN. Rules
     * keep one state per SBC, so the address name is folded into the FQDN name the first time the
     * same address shows up under an FQDN; later records still carrying the address name (calls
     * that began before) are renamed.
     */
    private ClassifiedMessage canonical(ClassifiedMessage cm) {
        if (!cm.directRouting()) {
            return cm;
        }
        IpAddress addr = cm.from() == Side.SBC ? cm.message().src() : cm.to() == Side.SBC ? cm.message().dst() : null;
        if (addr == null) {
            return cm;
        }
        String name = cm.sbc();
        String text = addressText(addr);
        if (name.equals(text)) {
            String alias = aliases.get(name);
            if (alias != null) {
                return new ClassifiedMessage(cm.message(), cm.from(), cm.to(), alias, cm.direction(), cm.retransmission());
            }
            addressNamed.put(addr, Boolean.TRUE);
        } else if (!addressNamed.isEmpty() && addressNamed.remove(addr) != null) {
            rename(text, name);
        }
        return cm;
    }

    private String addressText(IpAddress addr) {
        String text = addressText.get(addr);
        if (text == null) {
            text = addr.toString();
            if (addressText.size() < config.maxSbcs()) {
                addressText.put(addr, text);
            }
        }
        return text;
    }

    private void rename(String from, String to) {
        aliases.put(from, to);
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).onSbcRenamed(from, to, ctx);
        }
        List<FindingAccumulator> moved = new ArrayList<>();
        for (FindingAccumulator a : order) {
            if (from.equals(a.sbc())) {
                moved.add(a);
            }
        }
        for (FindingAccumulator a : moved) {
            findings.remove(key(a.ruleId(), from, a.subject()));
            String k = key(a.ruleId(), to, a.subject());
            FindingAccumulator target = findings.get(k);
            if (target != null) {
                target.absorb(a);
                order.remove(a);
            } else {
                a.renameSbc(to);
                findings.put(k, a);
            }
        }
    }

    private static String key(String ruleId, String sbc, String subject) {
        return ruleId + '\u0000' + sbc + '\u0000' + subject;
    }

    static CallRecord withSbc(CallRecord c, String sbc) {
        return new CallRecord(c.callId(), sbc, c.sbcAddress(), c.microsoftAddress(), c.direction(), c.caller(),
                c.callee(), c.inviteTime(), c.ringTime(), c.answerTime(), c.endTime(), c.finalSipCode(),
                c.finalReasonPhrase(), c.finalFrom(), c.outcome(), c.failureSide(), c.microsoftCode(),
                c.reportedSipCode(), c.endedBy(), c.reasons(), c.inviteWhere(), c.finalWhere(), c.endWhere(),
                c.inviteHadSdp(), c.earlyDialogs(), c.provisionalCodes(), c.acked(), c.retryAfterFailure(),
                c.authChallenges(), c.reInvites(), c.reInviteFailures(), c.retransmissions(), c.endState(),
                c.microsoftBanner(), c.side());
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
            String key = key(ruleId, sbc, subject);
            FindingAccumulator a = findings.get(key);
            if (a == null) {
                if (findings.size() >= config.maxFindings()) {
                    dropped++;
                    return new FindingAccumulator(ruleId, severity, sbc, subject, 0);
                }
                a = new FindingAccumulator(ruleId, severity, sbc, subject, config.maxEvidence());
                findings.put(key, a);
                order.add(a);
            } else {
                a.escalate(severity);
            }
            return a;
        }
    }
}
