package dev.drsip.rules;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.dr.MicrosoftNetworks;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the rules are set up. Durations are nanoseconds of event time.
 *
 * @param microsoft Microsoft's networks (tells which end of a TLS handshake is Microsoft)
 * @param sbcFqdns the SBC FQDNs the user configured (lower case); empty = not configured, and
 *     {@code contact-fqdn-unknown} stays silent
 * @param sbcByAddress user-given names of SBC addresses ({@code --sbc sbc1.contoso.com=203.0.113.10}):
 *     the FQDN of last resort for {@code cert-name-mismatch}
 * @param spike parameters of {@code response-spike}
 * @param optionsDemotedNanos SBC OPTIONS gap after which Microsoft stops routing to it (180 s)
 * @param optionsTrunkDemotedNanos gap after which the trunk is demoted (300 s)
 * @param optionsAnswerTimeoutNanos a Microsoft OPTIONS without final answer after this is unanswered (32 s)
 * @param certExpiringNanos {@code cert-expiring} horizon before notAfter (30 days)
 * @param certNameWaitNanos how long a handshake waits for the SBC's Contact FQDN before its name is
 *     checked against the SNI or configuration (live mode; at the end of a trace it is checked at once)
 * @param maxEvidence evidence items kept per finding (the first ones)
 * @param maxFindings distinct findings kept; more are counted in {@link RuleEngine#droppedFindings()}
 * @param maxSbcs SBCs whose state a rule keeps (least recently seen evicted beyond)
 */
public record RulesConfig(
        MicrosoftNetworks microsoft,
        Set<String> sbcFqdns,
        Map<IpAddress, String> sbcByAddress,
        SpikeParams spike,
        long optionsDemotedNanos,
        long optionsTrunkDemotedNanos,
        long optionsAnswerTimeoutNanos,
        long certExpiringNanos,
        long certNameWaitNanos,
        int maxEvidence,
        int maxFindings,
        int maxSbcs) {

    public static final long SECOND = 1_000_000_000L;

    /**
     * Parameters of the spike detector (see {@link dev.drsip.rules.spike.ResponseSpikeRule}).
     *
     * @param windowNanos window length (5 min), windows aligned on multiples of it since the epoch
     * @param minAttempts a window with fewer call attempts for the SBC is neither judged nor learned (10)
     * @param factor the ratio must be at least this many times the baseline (3.0)
     * @param minRatio and at least this ratio (0.2)
     * @param minIncrease and at least this much above the baseline (0.1)
     * @param alpha EWMA weight of the newest window in the baseline (0.3)
     * @param warmupWindows judged windows needed to have a baseline before any spike is reported (2)
     */
    public record SpikeParams(long windowNanos, int minAttempts, double factor, double minRatio,
                              double minIncrease, double alpha, int warmupWindows) {
        public SpikeParams {
            if (windowNanos < SECOND) {
                throw new IllegalArgumentException("spike window must be at least 1 s");
            }
            if (minAttempts < 1 || factor < 1 || alpha <= 0 || alpha > 1 || warmupWindows < 1) {
                throw new IllegalArgumentException("bad spike parameters");
            }
        }

        public static SpikeParams defaults() {
            return new SpikeParams(300 * SECOND, 10, 3.0, 0.2, 0.1, 0.3, 2);
        }

        public SpikeParams withWindow(Duration window) {
            return new SpikeParams(window.toNanos(), minAttempts, factor, minRatio, minIncrease, alpha, warmupWindows);
        }

        public SpikeParams withMinAttempts(int n) {
            return new SpikeParams(windowNanos, n, factor, minRatio, minIncrease, alpha, warmupWindows);
        }
    }

    public RulesConfig {
        microsoft = microsoft == null ? MicrosoftNetworks.defaults() : microsoft;
        Set<String> f = new LinkedHashSet<>();
        if (sbcFqdns != null) {
            for (String s : sbcFqdns) {
                if (s != null && !s.isBlank()) {
                    f.add(s.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        sbcFqdns = java.util.Collections.unmodifiableSet(f);
        sbcByAddress = sbcByAddress == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sbcByAddress));
        spike = spike == null ? SpikeParams.defaults() : spike;
        if (maxEvidence < 1 || maxFindings < 1 || maxSbcs < 1) {
            throw new IllegalArgumentException("caps must be positive");
        }
    }

    public static RulesConfig defaults() {
        return new RulesConfig(MicrosoftNetworks.defaults(), Set.of(), Map.of(), SpikeParams.defaults(),
                180 * SECOND, 300 * SECOND, 32 * SECOND, 30L * 24 * 3600 * SECOND, 60 * SECOND, 5, 10_000, 4096);
    }

    /**
     * The analyzer's view (Microsoft networks, {@code --sbc NAME=ADDR} names) carried over: names that
     * are FQDNs become configured SBC FQDNs.
     */
    public static RulesConfig from(AnalyzerConfig analyzer) {
        Map<IpAddress, String> byAddr = new LinkedHashMap<>();
        Set<String> fqdns = new LinkedHashSet<>();
        for (AnalyzerConfig.SbcName n : analyzer.sbcNames()) {
            byAddr.put(n.address(), n.name());
            if (IpAddress.parse(n.name()) == null && n.name().indexOf('.') > 0) {
                fqdns.add(n.name());
            }
        }
        return defaults().withMicrosoft(analyzer.microsoft()).withSbcByAddress(byAddr).withSbcFqdns(fqdns);
    }

    public RulesConfig withMicrosoft(MicrosoftNetworks m) {
        return new RulesConfig(m, sbcFqdns, sbcByAddress, spike, optionsDemotedNanos, optionsTrunkDemotedNanos,
                optionsAnswerTimeoutNanos, certExpiringNanos, certNameWaitNanos, maxEvidence, maxFindings, maxSbcs);
    }

    /** Adds to the configured SBC FQDNs. */
    public RulesConfig withSbcFqdns(Collection<String> fqdns) {
        Set<String> all = new LinkedHashSet<>(sbcFqdns);
        all.addAll(fqdns);
        return new RulesConfig(microsoft, all, sbcByAddress, spike, optionsDemotedNanos, optionsTrunkDemotedNanos,
                optionsAnswerTimeoutNanos, certExpiringNanos, certNameWaitNanos, maxEvidence, maxFindings, maxSbcs);
    }

    public RulesConfig withSbcByAddress(Map<IpAddress, String> names) {
        return new RulesConfig(microsoft, sbcFqdns, names, spike, optionsDemotedNanos, optionsTrunkDemotedNanos,
                optionsAnswerTimeoutNanos, certExpiringNanos, certNameWaitNanos, maxEvidence, maxFindings, maxSbcs);
    }

    public RulesConfig withSpike(SpikeParams p) {
        return new RulesConfig(microsoft, sbcFqdns, sbcByAddress, p, optionsDemotedNanos, optionsTrunkDemotedNanos,
                optionsAnswerTimeoutNanos, certExpiringNanos, certNameWaitNanos, maxEvidence, maxFindings, maxSbcs);
    }

    public RulesConfig withCaps(int evidence, int findings, int sbcs) {
        return new RulesConfig(microsoft, sbcFqdns, sbcByAddress, spike, optionsDemotedNanos, optionsTrunkDemotedNanos,
                optionsAnswerTimeoutNanos, certExpiringNanos, certNameWaitNanos, evidence, findings, sbcs);
    }

    /** The single configured FQDN when exactly one is configured, else null. */
    public String onlyConfiguredFqdn() {
        return sbcFqdns.size() == 1 ? sbcFqdns.iterator().next() : null;
    }

    static List<String> sorted(Collection<String> c) {
        return c.stream().sorted().toList();
    }
}
