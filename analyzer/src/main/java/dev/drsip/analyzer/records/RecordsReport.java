package dev.drsip.analyzer.records;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.DirectionStats;
import dev.drsip.analyzer.model.FailureGroup;
import dev.drsip.analyzer.model.OptionsStats;
import dev.drsip.analyzer.model.SbcStats;
import dev.drsip.sip.Where;
import dev.drsip.sip.catalog.MicrosoftCodeCatalog;
import dev.drsip.sip.catalog.MicrosoftCodeInfo;
import dev.drsip.sip.catalog.NerOutcome;
import dev.drsip.sip.catalog.SipResponseCatalog;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.MicrosoftCodes;
import dev.drsip.sip.dr.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The per-SBC report from call records alone, in the same model as a trace analysis
 * ({@link SbcStats} / {@link DirectionStats} / {@link FailureGroup}) so the CLI renders both alike.
 * OPTIONS statistics are empty (records carry none) and addresses are unknown.
 *
 * <p>How a record is classified ({@link #outcomeOf}): successful (Success = Yes, or a 2xx) is
 * ANSWERED; otherwise the documented Microsoft code decides (its NER column: 560486 busy, 560480 /
 * 560408 no answer, 560603 declined, 540487 caller cancel, 540200 completed elsewhere are user
 * outcomes; 500001, 510xxx, 569xxx... are failures); without a documented code the SIP code does
 * (486/600 busy, 480 no answer, 603 declined, 487 cancel, 604/606/607/608 terminal reject). A
 * failure's side is who must act according to the code ({@link #sideOf}), as in the trace report.
 *
 * @param records records counted
 * @param first earliest reference time (invite, else start, else failure), null if none
 * @param last latest reference time, null if none
 * @param unknownDirection records whose call type says neither in nor out (not in the per-direction figures)
 * @param sbcs per SBC FQDN (lower case; "(no SBC FQDN)" for rows without one), sorted by name
 */
public record RecordsReport(long records, Instant first, Instant last, long unknownDirection, List<SbcStats> sbcs) {
    /** {@link FailureGroup#derivation()} of failures read from call records. */
    public static final String DERIVED_RECORDS = "teams-records";
    /** Name used for rows without an SBC FQDN. */
    public static final String NO_SBC = "(no SBC FQDN)";

    public static RecordsReport of(List<TeamsCallRecord> records) {
        Map<String, Acc[]> bySbc = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        long unknown = 0;
        for (TeamsCallRecord r : records) {
            Instant t = r.referenceTime();
            if (t != null) {
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
            if (r.direction() == Direction.UNKNOWN) {
                unknown++;
                continue;
            }
            String sbc = r.sbcFqdn() == null ? NO_SBC : r.sbcFqdn();
            Acc[] a = bySbc.computeIfAbsent(sbc, k -> new Acc[] {new Acc(), new Acc()});
            a[r.direction() == Direction.INBOUND ? 0 : 1].add(r);
        }
        List<SbcStats> out = new ArrayList<>();
        OptionsStats noOptions = new OptionsStats(0, 0, Map.of(), 0, 0, Map.of(), -1, -1);
        for (Map.Entry<String, Acc[]> e : bySbc.entrySet()) {
            List<String> fqdns = e.getKey().equals(NO_SBC) ? List.of() : List.of(e.getKey());
            out.add(new SbcStats(e.getKey(), List.of(), fqdns, e.getValue()[0].stats(Direction.INBOUND),
                    e.getValue()[1].stats(Direction.OUTBOUND), noOptions));
        }
        return new RecordsReport(records.size(), first, last, unknown, List.copyOf(out));
    }

    /** How the call ended according to the record (see the class comment). */
    public static CallOutcome outcomeOf(TeamsCallRecord r) {
        int sip = r.finalSipCode();
        if (Boolean.TRUE.equals(r.successful()) || (sip >= 200 && sip < 300)) {
            return CallOutcome.ANSWERED;
        }
        NerOutcome ner = null;
        if (r.microsoftCode() != null) {
            ner = MicrosoftCodeCatalog.standard().find(r.microsoftCode()).map(MicrosoftCodeInfo::ner).orElse(null);
        }
        if (ner == null && sip > 0) {
            ner = SipResponseCatalog.standard().ner(sip);
        }
        if (ner == NerOutcome.ANSWERED) {
            return Boolean.FALSE.equals(r.successful()) ? CallOutcome.FAILED : CallOutcome.ANSWERED;
        }
        if (ner == NerOutcome.USER) {
            return userOutcome(sip, r.microsoftCode());
        }
        return CallOutcome.FAILED;
    }

    private static CallOutcome userOutcome(int sip, Integer ms) {
        if (ms != null && ms == 540200) {
            return CallOutcome.COMPLETED_ELSEWHERE;
        }
        switch (sip) {
            case 486: case 600: return CallOutcome.BUSY;
            case 480: case 408: return CallOutcome.NO_ANSWER;
            case 603: return CallOutcome.DECLINED;
            case 487: return CallOutcome.CALLER_CANCEL;
            default: return CallOutcome.TERMINAL_REJECT;
        }
    }

    /**
     * Who must act on a failure according to the record's Microsoft code, with the analyzer's
     * meaning of a trace failure's side: a documented code's side column (sbc, else Microsoft);
     * an undocumented code by family (560/540/569/549/500001/1106 = SBC; 510/511 and the Teams call
     * controller = Microsoft; other families unknown). UNKNOWN without a code.
     */
    public static Side sideOf(TeamsCallRecord r) {
        Integer ms = r.microsoftCode();
        if (ms == null) {
            return Side.UNKNOWN;
        }
        return MicrosoftCodes.standard().byCode(ms)
                .map(e -> e.side() == Side.SBC ? Side.SBC : Side.MICROSOFT)
                .orElseGet(() -> MicrosoftCodes.familySide(MicrosoftCodes.family(ms)));
    }

    private static final class Acc {
        long attempts;
        long answered;
        long failed;
        final Map<CallOutcome, Long> user = new TreeMap<>();
        final Map<List<Object>, Object[]> failures = new LinkedHashMap<>();

        void add(TeamsCallRecord r) {
            attempts++;
            CallOutcome o = outcomeOf(r);
            if (o == CallOutcome.ANSWERED) {
                answered++;
            } else if (o.isFailure()) {
                failed++;
                Integer ms = r.microsoftCode();
                String family = ms == null ? null : MicrosoftCodes.family(ms);
                Side side = sideOf(r);
                List<Object> key = java.util.Arrays.asList(Math.max(r.finalSipCode(), 0), ms, family, side);
                Object[] a = failures.get(key);
                if (a == null) {
                    String phrase = r.finalSipPhrase();
                    if (phrase == null && ms != null) {
                        phrase = MicrosoftCodeCatalog.standard().find(ms).map(MicrosoftCodeInfo::phrase).orElse(null);
                    }
                    a = new Object[] {new long[1], phrase, r.where()};
                    failures.put(key, a);
                }
                ((long[]) a[0])[0]++;
            } else {
                user.merge(o, 1L, Long::sum);
            }
        }

        DirectionStats stats(Direction d) {
            Map<String, Long> users = new LinkedHashMap<>();
            long effective = answered;
            for (Map.Entry<CallOutcome, Long> e : user.entrySet()) {
                users.put(e.getKey().label(), e.getValue());
                effective += e.getValue();
            }
            List<FailureGroup> groups = new ArrayList<>();
            failures.forEach((k, a) -> groups.add(new FailureGroup(d, (Integer) k.get(0), (Integer) k.get(1),
                    (String) k.get(2), DERIVED_RECORDS, (Side) k.get(3), (String) a[1], ((long[]) a[0])[0], (Where) a[2])));
            groups.sort(Comparator.comparingLong(FailureGroup::count).reversed()
                    .thenComparingInt(FailureGroup::sipCode)
                    .thenComparing(g -> g.microsoftCode() == null ? -1 : g.microsoftCode()));
            Double ner = attempts == 0 ? null : Math.round(effective * 10000.0 / attempts) / 100.0;
            return new DirectionStats(attempts, answered, failed, users, ner, groups);
        }
    }

    /**
     * The report in the trace analysis' shape, so a records-only run renders with the same text and
     * JSON sinks: no SIP messages, no Microsoft addresses, OPTIONS empty; {@code calls} and
     * {@code directRoutingCalls} are the records with a known direction.
     *
     * @param problems the reading problems to show (from {@link RecordsReadResult#problems()})
     */
    public dev.drsip.analyzer.model.AnalysisResult toAnalysisResult(List<dev.drsip.analyzer.model.ProblemCount> problems) {
        long counted = records - unknownDirection;
        return new dev.drsip.analyzer.model.AnalysisResult(0, Map.of(), Map.of(), 0, List.copyOf(problems),
                first == null ? -1 : first.getEpochSecond() * 1_000_000_000L + first.getNano(),
                last == null ? -1 : last.getEpochSecond() * 1_000_000_000L + last.getNano(), counted, counted, List.of(),
                sbcs, new DirectionStats(0, 0, 0, Map.of(), null, List.of()), 0,
                new dev.drsip.analyzer.model.CorrelatorStats(0, 0, 0, 0, 0, 0, 0));
    }

    /** Failures of all SBCs and directions by side (for a one-line summary). */
    public Map<Side, Long> failuresBySide() {
        Map<Side, Long> out = new TreeMap<>();
        for (SbcStats s : sbcs) {
            for (DirectionStats d : List.of(s.inbound(), s.outbound())) {
                for (FailureGroup g : d.failures()) {
                    out.merge(Objects.requireNonNullElse(g.side(), Side.UNKNOWN), g.count(), Long::sum);
                }
            }
        }
        return out;
    }
}
