package dev.drsip.cli;

import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.DirectionStats;
import dev.drsip.analyzer.model.FailureGroup;
import dev.drsip.analyzer.model.OptionsStats;
import dev.drsip.analyzer.model.ProblemCount;
import dev.drsip.analyzer.model.SbcStats;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The report for people: findings first, then summary, SBCs, failures and input problems. */
public final class TextReportSink {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final FailureAdvice advice;

    public TextReportSink(FailureAdvice advice) {
        this.advice = advice;
    }

    public void write(ReportModel m, Writer out) throws IOException {
        out.write(render(m));
        out.flush();
    }

    public String render(ReportModel m) {
        AnalysisResult a = m.analysis();
        StringBuilder sb = new StringBuilder();
        sb.append("drsip ").append(m.version()).append(" - Direct Routing analysis\n\n");
        boolean recordsOnly = m.analysis().sipMessages() == 0 && m.records() != null && m.reconciliation() == null;
        for (InputReport in : m.inputs()) {
            if (recordsOnly) {
                sb.append("Records ").append(in.file()).append(" (").append(in.format()).append("): ")
                        .append(num(in.packets())).append(" rows, ").append(num(in.problemCount()))
                        .append(in.problemCount() == 1 ? " problem\n" : " problems\n");
                continue;
            }
            sb.append("Input   ").append(in.file()).append(" (").append(in.format());
            if (!in.linkTypes().isEmpty()) {
                sb.append(", ").append(String.join("+", in.linkTypes()));
            }
            sb.append("): ").append(num(in.packets())).append(" packets, ").append(num(in.sipMessages()))
                    .append(" SIP messages, ").append(num(in.problemCount())).append(in.problemCount() == 1 ? " problem\n" : " problems\n");
        }
        if (a.firstTime() >= 0) {
            sb.append("Time    ").append(TIME.format(instant(a.firstTime()))).append(" .. ")
                    .append(TIME.format(instant(a.lastTime()))).append(" UTC (")
                    .append(duration(a.lastTime() - a.firstTime())).append(")\n");
        }
        sb.append('\n');

        findings(m.findings(), sb);

        sb.append("SUMMARY\n");
        if (recordsOnly) {
            sb.append("  Calls            ").append(num(a.calls())).append(" in Microsoft's records\n\n");
        }
        long requests = a.requests().values().stream().mapToLong(Long::longValue).sum();
        long responses = a.responses().values().stream().mapToLong(Long::longValue).sum();
        if (!recordsOnly) {
        sb.append("  SIP messages     ").append(num(a.sipMessages())).append(" (").append(num(requests))
                .append(" requests, ").append(num(responses)).append(" responses, ")
                .append(num(a.retransmissions())).append(" retransmissions)\n");
        sb.append("  Requests         ").append(counts(new TreeMap<>(a.requests()))).append('\n');
        sb.append("  Responses        ").append(counts(new TreeMap<>(a.responses()))).append('\n');
        sb.append("  Calls            ").append(num(a.calls())).append(" (").append(num(a.directRoutingCalls()))
                .append(" Direct Routing, ").append(num(a.calls() - a.directRoutingCalls())).append(" other)\n");
        sb.append("  Microsoft        ").append(a.microsoftAddresses().isEmpty()
                ? "no Microsoft proxy seen (use --microsoft-net CIDR for lab traces)"
                : String.join(", ", a.microsoftAddresses())).append('\n');
        sb.append('\n');
        }

        if (!a.sbcs().isEmpty()) {
            sb.append("SBCs (inbound = PSTN -> Teams, INVITE SBC -> Microsoft; outbound = Teams -> PSTN)\n");
            TextTable t = new TextTable("SBC", "direction", "attempts", "answered", "failed", "user outcomes", "NER",
                    "OPTIONS SBC->MS (200)", "OPTIONS MS->SBC (200)").rightAlign(2, 3, 4, 6);
            StringBuilder status = new StringBuilder();
            for (SbcStats s : a.sbcs()) {
                OptionsStats o = s.options();
                ReportModel.Health h = m.health().get(s.name());
                if (h != null) {
                    status.append("  ").append(s.name()).append(": ").append(h.status());
                    if (h.why() != null && !h.why().isEmpty()) {
                        status.append(" (").append(h.why()).append(')');
                    }
                    status.append('\n');
                }
                t.add(s.name(), "inbound", num(s.inbound().attempts()), num(s.inbound().answered()),
                        num(s.inbound().failed()), outcomes(s.inbound()), ner(s.inbound()),
                        recordsOnly ? "-" : num(o.sbcSent()) + " (" + num(o.sbcAnswered200()) + ")",
                        recordsOnly ? "-" : num(o.microsoftSent()) + " (" + num(o.microsoftAnswered200()) + ")");
                t.add("", "outbound", num(s.outbound().attempts()), num(s.outbound().answered()),
                        num(s.outbound().failed()), outcomes(s.outbound()), ner(s.outbound()), "", "");
            }
            t.render(sb, "  ");
            if (status.length() > 0) {
                sb.append("\n  Status, as the Teams admin center would show it:\n").append(status);
            }
            sb.append('\n');
        }

        failureTables(a, sb, recordsOnly);

        DirectionStats other = a.nonDirectRouting();
        if (other.attempts() > 0) {
            sb.append("OTHER CALLS (no Microsoft party)\n  ").append(num(other.attempts())).append(" attempts, ")
                    .append(num(other.answered())).append(" answered, ").append(num(other.failed())).append(" failed");
            if (!other.failures().isEmpty()) {
                sb.append("; final codes: ");
                StringBuilder codes = new StringBuilder();
                for (FailureGroup f : other.failures()) {
                    if (codes.length() > 0) {
                        codes.append(", ");
                    }
                    codes.append(f.sipCode() == 0 ? "no final" : String.valueOf(f.sipCode())).append(" x").append(f.count());
                }
                sb.append(codes);
            }
            sb.append("\n\n");
        }

        if (m.records() != null) {
            sb.append("TEAMS CALL RECORDS\n");
            for (String line : dev.drsip.analyzer.records.ReconciliationRenderer.inputs(m.records())) {
                sb.append("  ").append(line).append('\n');
            }
            sb.append('\n');
        }
        if (m.reconciliation() != null) {
            sb.append("RECONCILIATION\n");
            for (String line : dev.drsip.analyzer.records.ReconciliationRenderer.text(m.reconciliation())) {
                sb.append("  ").append(line).append('\n');
            }
            sb.append('\n');
        }
        sb.append("INPUT PROBLEMS");
        if (a.problems().isEmpty()) {
            sb.append("\n  none\n");
        } else {
            sb.append(" (counted and skipped; the rest was analysed)\n");
            TextTable t = new TextTable("reason", "count", "first seen", "detail").rightAlign(1);
            for (ProblemCount p : a.problems()) {
                ProblemCount.Example e = p.examples().isEmpty() ? null : p.examples().get(0);
                t.add(p.reason(), num(p.count()), e == null ? "" : e.where().toString(), e == null ? "" : e.detail());
            }
            t.render(sb, "  ");
        }
        return sb.toString();
    }

    /**
     * Failures (network or configuration, counted against NER), then user outcomes (delivered:
     * busy, no answer, decline, cancel, terminal reject), then one line per code seen saying what
     * it means and what to check first.
     */
    private void failureTables(AnalysisResult a, StringBuilder sb, boolean recordsOnly) {
        Map<String, FailureAdvice.Advice> legend = new java.util.LinkedHashMap<>();
        for (boolean user : new boolean[] {false, true}) {
            TextTable t = new TextTable("SBC", "direction", "SIP", "MS code", "side", "count", "first seen")
                    .rightAlign(2, 5);
            for (SbcStats s : a.sbcs()) {
                for (FailureGroup f : JsonReportSink.merged(s)) {
                    if (f.userOutcome() != user) {
                        continue;
                    }
                    String code = msCode(f);
                    t.add(s.name(), f.direction().label(), f.sipCode() == 0 ? "-" : f.sipCode(), code,
                            f.side() == null ? "?" : f.side().label(), num(f.count()),
                            f.example() == null ? "" : recordsOnly
                                    ? f.example().source() + " line " + f.example().frame() : f.example().toString());
                    legend.putIfAbsent(code.equals("-") ? "SIP " + f.sipCode() : code, advice.of(f));
                }
            }
            if (!user) {
                sb.append(recordsOnly ? "FAILURES (side = who caused it, as Microsoft's records report the code)\n"
                        : "FAILURES (side = who caused it; Microsoft code reconstructed from the wire)\n");
                if (t.isEmpty()) {
                    sb.append(a.directRoutingCalls() > 0
                            ? "  none: every Direct Routing call was answered or ended by a user outcome\n"
                            : "  none (no Direct Routing call in the input)\n");
                } else {
                    t.render(sb, "  ");
                }
            } else if (!t.isEmpty()) {
                sb.append("\nUSER OUTCOMES (delivered to the far end: count as effective in NER)\n");
                t.render(sb, "  ");
            }
        }
        if (!legend.isEmpty()) {
            sb.append("\nWHAT THE CODES MEAN (drsip explain CODE for more)\n");
            int w = legend.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, FailureAdvice.Advice> e : legend.entrySet()) {
                FailureAdvice.Advice ad = e.getValue();
                String key = e.getKey() + " ".repeat(w - e.getKey().length());
                sb.append("  ").append(key).append("  ").append(ad.meaning() == null ? "" : ad.meaning()).append('\n');
                if (ad.firstCheck() != null && !ad.firstCheck().isEmpty()) {
                    sb.append("  ").append(" ".repeat(w)).append("  check first: ").append(ad.firstCheck()).append('\n');
                }
            }
        }
        sb.append('\n');
    }

    private static void findings(List<FindingView> findings, StringBuilder sb) {
        if (findings.isEmpty()) {
            return;
        }
        sb.append("FINDINGS (most severe first)\n");
        for (FindingView f : findings) {
            sb.append("  ").append(f.severity().toUpperCase(Locale.ROOT)).append("  ").append(f.ruleId());
            if (f.sbc() != null) {
                sb.append("  ").append(f.sbc());
            }
            sb.append("  x").append(num(f.count())).append('\n');
            sb.append("      ").append(f.summary()).append('\n');
            if (!f.evidence().isEmpty()) {
                sb.append("      evidence: ").append(String.join("; ", f.evidence().subList(0, Math.min(3, f.evidence().size()))))
                        .append('\n');
            }
            sb.append("      do: ").append(f.action()).append('\n');
        }
        sb.append('\n');
    }

    private static String msCode(FailureGroup f) {
        if (f.microsoftCode() != null) {
            return String.valueOf(f.microsoftCode());
        }
        // a numeric family ("569") is still worth showing; otherwise the code is not known
        return f.family() != null && f.family().matches("\\d{3}") ? f.family() + "xxx" : "-";
    }

    private static String outcomes(DirectionStats d) {
        if (d.userOutcomes().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : new TreeMap<>(d.userOutcomes()).entrySet()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(e.getKey()).append(':').append(e.getValue());
        }
        return b.toString();
    }

    private static String ner(DirectionStats d) {
        return d.ner() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", d.ner());
    }

    private static String counts(Map<?, Long> m) {
        if (m.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<?, Long> e : m.entrySet()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(e.getKey()).append(':').append(e.getValue());
        }
        return b.toString();
    }

    static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    private static String duration(long nanos) {
        Duration d = Duration.ofNanos(Math.max(0, nanos));
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        return h > 0 ? h + "h" + String.format(Locale.ROOT, "%02dm", m) : m > 0 ? m + "m" + String.format(Locale.ROOT, "%02ds", s) : s + "s";
    }
}
