package dev.drsip.analyzer;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.DirectionStats;
import dev.drsip.analyzer.model.FailureGroup;
import dev.drsip.analyzer.model.OptionsStats;
import dev.drsip.analyzer.model.SbcStats;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Per-SBC and non-Direct-Routing call statistics, built from call records and OPTIONS. */
final class StatsCollector {
    static final int MAX_SBCS = 10_000;
    static final int MAX_FAILURE_GROUPS = 1_000;
    static final String OTHER = "(other)";

    private record FailureKey(Direction direction, int sipCode, Integer microsoftCode, String family,
                              String derivation, Side side, boolean userOutcome) {
    }

    private static final class FailureAcc {
        long count;
        String phrase;
        Where example;
    }

    static final class DirAcc {
        long attempts;
        long answered;
        long failed;
        long unfinished;
        long durations;
        long durationMillis;
        final EnumMap<CallOutcome, Long> user = new EnumMap<>(CallOutcome.class);
        final Map<FailureKey, FailureAcc> failures = new HashMap<>();

        void add(CallRecord r) {
            CallOutcome o = r.outcome();
            if (o == CallOutcome.IN_PROGRESS) {
                unfinished++;
                return;
            }
            attempts++;
            if (o == CallOutcome.ANSWERED) {
                answered++;
                if ("bye".equals(r.endState()) && r.durationMillis() >= 0) {
                    durations++;
                    durationMillis += r.durationMillis();
                }
                return;
            }
            boolean isUser = !o.isFailure();
            if (isUser) {
                user.merge(o, 1L, Long::sum);
            } else {
                failed++;
            }
            Side side = r.failureSide() != null ? r.failureSide() : r.side() == null ? Side.UNKNOWN : r.side();
            FailureKey k = new FailureKey(r.direction(), r.reportedSipCode(), r.microsoftCode().code(),
                    r.microsoftCode().family(), r.microsoftCode().derivation(), side, isUser);
            FailureAcc a = failures.get(k);
            if (a == null) {
                if (failures.size() >= MAX_FAILURE_GROUPS) {
                    k = new FailureKey(r.direction(), -1, null, null, "overflow", Side.UNKNOWN, isUser);
                    a = failures.get(k);
                }
                if (a == null) {
                    a = new FailureAcc();
                    a.phrase = r.microsoftCode().phrase();
                    a.example = r.finalWhere() != null ? r.finalWhere() : r.inviteWhere();
                    failures.put(k, a);
                }
            }
            a.count++;
        }

        void merge(DirAcc o) {
            attempts += o.attempts;
            answered += o.answered;
            failed += o.failed;
            unfinished += o.unfinished;
            durations += o.durations;
            durationMillis += o.durationMillis;
            o.user.forEach((k, v) -> user.merge(k, v, Long::sum));
            o.failures.forEach((k, v) -> {
                FailureAcc a = failures.get(k);
                if (a == null) {
                    failures.put(k, v);
                } else {
                    a.count += v.count;
                }
            });
        }

        DirectionStats toStats() {
            Map<String, Long> users = new LinkedHashMap<>();
            long effective = answered;
            for (Map.Entry<CallOutcome, Long> e : user.entrySet()) {
                users.put(e.getKey().label(), e.getValue());
                effective += e.getValue();
            }
            List<FailureGroup> groups = new ArrayList<>();
            failures.forEach((k, a) -> groups.add(new FailureGroup(k.direction(), k.sipCode(), k.microsoftCode(),
                    k.family(), k.derivation(), k.side(), a.phrase, a.count, a.example, k.userOutcome())));
            groups.sort(Comparator.comparing(FailureGroup::userOutcome)
                    .thenComparing(Comparator.comparingLong(FailureGroup::count).reversed())
                    .thenComparing(g -> g.direction().name())
                    .thenComparingInt(FailureGroup::sipCode)
                    .thenComparing(g -> g.microsoftCode() == null ? -1 : g.microsoftCode()));
            Double ner = attempts == 0 ? null : Math.round(effective * 10000.0 / attempts) / 100.0;
            Double avg = durations == 0 ? null : Math.round(durationMillis / (double) durations / 100.0) / 10.0;
            return new DirectionStats(attempts, answered, failed, users, ner, groups, unfinished, avg);
        }
    }

    static final class SbcAcc {
        final String name;
        final TreeSet<String> addresses = new TreeSet<>();
        /** The address addCall added last (already in addresses). */
        String lastAddress;
        final TreeSet<String> fqdns = new TreeSet<>();
        final DirAcc inbound = new DirAcc();
        final DirAcc outbound = new DirAcc();
        long sbcSent;
        long sbcAnswered200;
        final TreeMap<Integer, Long> sbcAnswers = new TreeMap<>();
        long msSent;
        long msAnswered200;
        final TreeMap<Integer, Long> msAnswers = new TreeMap<>();
        long lastSbcOptions = -1;
        long maxGap = -1;

        SbcAcc(String name) {
            this.name = name;
        }

        void merge(SbcAcc o) {
            addresses.addAll(o.addresses);
            fqdns.addAll(o.fqdns);
            inbound.merge(o.inbound);
            outbound.merge(o.outbound);
            sbcSent += o.sbcSent;
            sbcAnswered200 += o.sbcAnswered200;
            o.sbcAnswers.forEach((k, v) -> sbcAnswers.merge(k, v, Long::sum));
            msSent += o.msSent;
            msAnswered200 += o.msAnswered200;
            o.msAnswers.forEach((k, v) -> msAnswers.merge(k, v, Long::sum));
            if (lastSbcOptions >= 0 && o.lastSbcOptions >= 0) {
                // Both halves saw OPTIONS: the gap between them is not known exactly; keep the larger gap.
                maxGap = Math.max(maxGap, o.maxGap);
                lastSbcOptions = Math.max(lastSbcOptions, o.lastSbcOptions);
            } else if (o.lastSbcOptions >= 0) {
                lastSbcOptions = o.lastSbcOptions;
                maxGap = Math.max(maxGap, o.maxGap);
            }
        }

        SbcStats toStats() {
            return new SbcStats(name, List.copyOf(addresses), List.copyOf(fqdns), inbound.toStats(),
                    outbound.toStats(), new OptionsStats(sbcSent, sbcAnswered200, new TreeMap<>(sbcAnswers), msSent,
                    msAnswered200, new TreeMap<>(msAnswers), lastSbcOptions, maxGap));
        }
    }

    private final Map<String, SbcAcc> sbcs = new LinkedHashMap<>();
    final DirAcc nonDr = new DirAcc();
    long calls;
    long drCalls;

    SbcAcc sbc(String name) {
        SbcAcc a = sbcs.get(name);
        if (a == null) {
            if (sbcs.size() >= MAX_SBCS) {
                name = OTHER;
                a = sbcs.get(name);
            }
            if (a == null) {
                a = new SbcAcc(name);
                sbcs.put(name, a);
            }
        }
        return a;
    }

    void noteSbc(String name, String address, String fqdn) {
        SbcAcc a = sbc(name);
        if (a.addresses.size() < 16) {
            a.addresses.add(address);
        }
        if (fqdn != null && a.fqdns.size() < 16) {
            a.fqdns.add(fqdn);
        }
    }

    void addCall(CallRecord r) {
        calls++;
        if (!r.directRouting()) {
            nonDr.add(r);
            return;
        }
        drCalls++;
        SbcAcc a = sbc(r.sbc());
        String address = r.sbcAddress();
        // The same address as last time is already in the set (or the set was full): skip the tree walk.
        if (address != null && !address.equals(a.lastAddress) && a.addresses.size() < 16) {
            a.addresses.add(address);
            a.lastAddress = address;
        }
        (r.direction() == Direction.OUTBOUND ? a.outbound : a.inbound).add(r);
    }

    void optionsRequest(String sbcName, Side from, long t) {
        SbcAcc a = sbc(sbcName);
        if (from == Side.SBC) {
            a.sbcSent++;
            if (a.lastSbcOptions >= 0) {
                a.maxGap = Math.max(a.maxGap, (t - a.lastSbcOptions) / 1_000_000L);
            }
            a.lastSbcOptions = t;
        } else if (from == Side.MICROSOFT) {
            a.msSent++;
        }
    }

    void optionsFinal(String sbcName, Side from, int code) {
        SbcAcc a = sbc(sbcName);
        if (from == Side.MICROSOFT) {
            a.sbcAnswers.merge(code, 1L, Long::sum);
            if (code == 200) {
                a.sbcAnswered200++;
            }
        } else if (from == Side.SBC) {
            a.msAnswers.merge(code, 1L, Long::sum);
            if (code == 200) {
                a.msAnswered200++;
            }
        }
    }

    /**
     * Per-SBC statistics; SBCs first seen by address and later named by an FQDN are merged into
     * the FQDN's entry.
     */
    List<SbcStats> sbcStats(SbcDirectory dir) {
        Map<String, SbcAcc> merged = new TreeMap<>();
        for (SbcAcc a : sbcs.values()) {
            String finalName = dir.finalNameForAddressName(a.name);
            SbcAcc target = merged.get(finalName);
            if (target == null) {
                if (Objects.equals(finalName, a.name)) {
                    merged.put(finalName, a);
                    continue;
                }
                target = new SbcAcc(finalName);
                merged.put(finalName, target);
            }
            target.merge(a);
        }
        List<SbcStats> out = new ArrayList<>();
        for (SbcAcc a : merged.values()) {
            out.add(a.toStats());
        }
        return out;
    }
}
