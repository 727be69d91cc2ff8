package dev.drsip.analyzer;

import dev.drsip.sip.IpAddress;
import dev.drsip.sip.dr.MicrosoftNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the analysis is set up: who Microsoft is, names for SBCs, event-time timers and state caps.
 * Durations are nanoseconds of event time.
 *
 * @param microsoft Microsoft's networks (published ranges plus {@code --microsoft-net} values)
 * @param sbcNames user-given SBC names ({@code --sbc sbc1.contoso.com=203.0.113.10})
 * @param failoverTimerNanos Microsoft's FailoverTimeSeconds (10 s): the 500001 pattern
 * @param ackTimeoutNanos how long Microsoft waits for the SBC's ACK of its 200 OK (32 s): 1106
 * @param setupTimeoutNanos an INVITE without final response is closed as NO_FINAL after this
 * @param idleCallTimeoutNanos an answered call without any message for this long is closed
 * @param lingerNanos ended calls and completed transactions are kept this long for late
 *     retransmissions, then evicted
 * @param maxCalls cap on live calls (the least recently active are evicted and counted)
 * @param maxTransactions cap on live transactions
 */
public record AnalyzerConfig(
        MicrosoftNetworks microsoft,
        List<SbcName> sbcNames,
        long failoverTimerNanos,
        long ackTimeoutNanos,
        long setupTimeoutNanos,
        long idleCallTimeoutNanos,
        long lingerNanos,
        int maxCalls,
        int maxTransactions) {

    public static final long SECOND = 1_000_000_000L;

    /** A user-given SBC name for an address. */
    public record SbcName(String name, IpAddress address) {
        /**
         * Parses {@code sbc1.contoso.com=203.0.113.10}.
         *
         * @throws IllegalArgumentException with a message naming the bad value
         */
        public static SbcName parse(String text) {
            if (text == null) {
                throw new IllegalArgumentException("invalid SBC '': expected NAME=ADDRESS, e.g. sbc1.contoso.com=203.0.113.10");
            }
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new IllegalArgumentException("invalid SBC '" + text
                        + "': expected NAME=ADDRESS, e.g. sbc1.contoso.com=203.0.113.10");
            }
            String name = text.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String addr = text.substring(eq + 1).trim();
            IpAddress a = IpAddress.parse(addr);
            if (a == null) {
                throw new IllegalArgumentException("invalid SBC '" + text + "': '" + addr
                        + "' is not an IPv4 or IPv6 address");
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("invalid SBC '" + text + "': empty name");
            }
            return new SbcName(name, a);
        }
    }

    public AnalyzerConfig {
        if (microsoft == null) {
            microsoft = MicrosoftNetworks.defaults();
        }
        sbcNames = sbcNames == null ? List.of() : List.copyOf(sbcNames);
        if (maxCalls < 16 || maxTransactions < 16) {
            throw new IllegalArgumentException("maxCalls and maxTransactions must be at least 16");
        }
    }

    /** Microsoft's defaults: 10 s failover, 32 s ACK wait; 5 min setup, 4 h idle, 32 s linger; 200k calls. */
    public static AnalyzerConfig defaults() {
        return new AnalyzerConfig(MicrosoftNetworks.defaults(), List.of(), 10 * SECOND, 32 * SECOND,
                300 * SECOND, 4 * 3600 * SECOND, 32 * SECOND, 200_000, 400_000);
    }

    /**
     * Defaults plus command-line values: {@code --microsoft-net} CIDRs and {@code --sbc NAME=ADDR}.
     *
     * @throws IllegalArgumentException on a bad value, with a message naming it
     */
    public static AnalyzerConfig fromOptions(List<String> microsoftNets, List<String> sbcs) {
        List<SbcName> names = new ArrayList<>();
        for (String s : sbcs == null ? List.<String>of() : sbcs) {
            names.add(SbcName.parse(s));
        }
        return defaults().withMicrosoft(MicrosoftNetworks.withUserNetworks(microsoftNets)).withSbcNames(names);
    }

    public AnalyzerConfig withMicrosoft(MicrosoftNetworks m) {
        return new AnalyzerConfig(m, sbcNames, failoverTimerNanos, ackTimeoutNanos, setupTimeoutNanos,
                idleCallTimeoutNanos, lingerNanos, maxCalls, maxTransactions);
    }

    public AnalyzerConfig withSbcNames(List<SbcName> names) {
        return new AnalyzerConfig(microsoft, names, failoverTimerNanos, ackTimeoutNanos, setupTimeoutNanos,
                idleCallTimeoutNanos, lingerNanos, maxCalls, maxTransactions);
    }

    public AnalyzerConfig withCaps(int calls, int transactions) {
        return new AnalyzerConfig(microsoft, sbcNames, failoverTimerNanos, ackTimeoutNanos, setupTimeoutNanos,
                idleCallTimeoutNanos, lingerNanos, calls, transactions);
    }
}
