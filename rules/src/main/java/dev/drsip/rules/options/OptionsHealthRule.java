package dev.drsip.rules.options;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.rules.BoundedMap;
import dev.drsip.rules.Evidence;
import dev.drsip.rules.FindingAccumulator;
import dev.drsip.rules.Messages;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.RulesConfig;
import dev.drsip.rules.Severity;
import dev.drsip.rules.Times;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Side;
import dev.drsip.sip.header.CSeq;
import dev.drsip.sip.header.Reason;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OPTIONS health per SBC, on event time: the SBC's keep-alive cadence and Microsoft's answers, and
 * Microsoft's OPTIONS towards the SBC with the SBC's answers.
 *
 * <ul>
 *   <li>{@code options-gap}: no OPTIONS from the SBC for more than 180 s (warning: Microsoft stops
 *       routing to it) or 300 s (error: trunk demoted). A gap is measured between two SBC OPTIONS,
 *       or from the SBC's first appearance when it has sent none yet; an open gap is reported while
 *       it grows (live) and closed at the end of the trace. One finding per SBC: count = gaps,
 *       evidence = each closed gap with start and end (the first ones), details = the longest gap.</li>
 *   <li>{@code options-rejected}: Microsoft answers an SBC OPTIONS with a final code >= 300 (one
 *       finding per code, with the Reason text).</li>
 *   <li>{@code options-unanswered}: a Microsoft OPTIONS gets no final answer from the SBC within
 *       {@link RulesConfig#optionsAnswerTimeoutNanos()} (32 s), or a final answer >= 300.</li>
 * </ul>
 * State per SBC is a few counters plus at most {@value #MAX_PENDING} pending Microsoft OPTIONS.
 */
public final class OptionsHealthRule implements Rule {
    static final int MAX_PENDING = 64;

    private static final class Pending {
        final long time;
        final Where where;
        final String callId;

        Pending(long time, Where where, String callId) {
            this.time = time;
            this.where = where;
            this.callId = callId;
        }
    }

    private static final class State {
        String sbc;
        long firstSeen = -1;
        long sbcSent;
        long sbc200;
        long sbcRejected;
        int lastSbcCode;
        long lastSbcOptions = -1;
        Where lastSbcWhere;
        long intervalSum;
        long intervals;
        long maxGap = -1;
        long msSent;
        long ms200;
        long msUnanswered;
        int lastMsOutcome; // 200 ok, >=300 code, -1 timeout, 0 none
        boolean openGapCounted;
        final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();

        State(String sbc) {
            this.sbc = sbc;
        }
    }

    private BoundedMap<String, State> states;
    private long demotedNanos = 180 * RulesConfig.SECOND;

    private State state(String sbc, RuleContext ctx) {
        if (states == null) {
            demotedNanos = ctx.config().optionsDemotedNanos();
            states = new BoundedMap<>(ctx.config().maxSbcs());
        }
        State s = states.get(sbc);
        if (s == null) {
            s = new State(sbc);
            states.put(sbc, s);
        }
        return s;
    }

    @Override
    public void onMessage(ClassifiedMessage cm, RuleContext ctx) {
        if (!cm.directRouting()) {
            return;
        }
        SipMessage m = cm.message();
        long t = m.timeNanos();
        State s = state(cm.sbc(), ctx);
        if (s.firstSeen < 0) {
            s.firstSeen = t;
        }
        if (cm.retransmission()) {
            return;
        }
        if (m.isRequest()) {
            if (!"OPTIONS".equals(m.method())) {
                return;
            }
            if (cm.from() == Side.SBC) {
                sbcOptions(s, cm, ctx);
            } else if (cm.from() == Side.MICROSOFT) {
                s.msSent++;
                if (s.pending.size() >= MAX_PENDING) {
                    Iterator<Map.Entry<String, Pending>> it = s.pending.entrySet().iterator();
                    it.next();
                    it.remove();
                }
                s.pending.put(key(m), new Pending(t, m.where(), m.callId()));
            }
            return;
        }
        CSeq cs = m.cseq();
        if (cs == null || !"OPTIONS".equals(cs.method()) || m.statusCode() < 200) {
            return;
        }
        int code = m.statusCode();
        if (cm.from() == Side.MICROSOFT) {
            s.lastSbcCode = code;
            if (code >= 200 && code < 300) {
                s.sbc200++;
            } else if (code >= 300) {
                s.sbcRejected++;
                String reason = reasonText(m);
                FindingAccumulator f = ctx.finding(RuleIds.OPTIONS_REJECTED, Severity.ERROR, s.sbc, String.valueOf(code))
                        .occurrence(t, Messages.evidence(cm, code + " " + nz(m.reasonPhrase())
                                + (reason != null ? " Reason: " + reason : "")));
                f.summary("Microsoft answered " + f.count() + " of the SBC's OPTIONS with " + code + " "
                        + nz(m.reasonPhrase()) + (reason != null ? " (" + reason + ")" : ""))
                        .detail("code", code);
            }
        } else if (cm.from() == Side.SBC) {
            Pending p = s.pending.remove(key(m));
            if (p == null) {
                return; // the request was not seen (capture started later): not ours to judge
            }
            if (code >= 200 && code < 300) {
                s.ms200++;
                s.lastMsOutcome = 200;
            } else {
                s.msUnanswered++;
                s.lastMsOutcome = code;
                unanswered(s, ctx, t, Messages.evidence(cm, "SBC answered Microsoft's OPTIONS with " + code + " "
                        + nz(m.reasonPhrase())));
            }
        }
    }

    private void sbcOptions(State s, ClassifiedMessage cm, RuleContext ctx) {
        long t = cm.message().timeNanos();
        RulesConfig c = ctx.config();
        long ref = s.lastSbcOptions >= 0 ? s.lastSbcOptions : s.firstSeen;
        long gap = t - ref;
        if (s.lastSbcOptions >= 0) {
            s.intervalSum += gap;
            s.intervals++;
        }
        if (gap > s.maxGap && (s.lastSbcOptions >= 0 || gap > c.optionsDemotedNanos())) {
            s.maxGap = gap;
        }
        if (gap > c.optionsDemotedNanos()) {
            FindingAccumulator f = gapFinding(s, ctx, gap, false);
            if (!s.openGapCounted) {
                f.occurrence(t, null);
            }
            f.seen(ref).seen(t).evidence(new Evidence(ref, cm.message().where(), cm.message().callId(),
                    gapText(s, ref, t, false)));
            describeGap(f, s, ref, t, false);
        }
        s.openGapCounted = false;
        s.sbcSent++;
        s.lastSbcOptions = t;
        s.lastSbcWhere = cm.message().where();
    }

    /**
     * The SBC's gap finding. A gap still open while the SBC has never sent an OPTIONS is only INFO:
     * the capture may simply filter OPTIONS out (or the SBC has them off: status "SIP Messages aren't
     * configured"). Once an OPTIONS closes it, the gap is certain and judged by its length.
     */
    private FindingAccumulator gapFinding(State s, RuleContext ctx, long gap, boolean open) {
        Severity sev;
        if (open && s.sbcSent == 0) {
            sev = Severity.INFO;
        } else {
            sev = gap > ctx.config().optionsTrunkDemotedNanos() ? Severity.ERROR : Severity.WARNING;
        }
        return ctx.finding(RuleIds.OPTIONS_GAP, sev, s.sbc, null);
    }

    private static String gapText(State s, long start, long end, boolean open) {
        return (s.lastSbcOptions >= 0 ? "no OPTIONS from " : "no OPTIONS since the SBC was first seen, from ")
                + Times.iso(start) + " to " + Times.iso(end) + " (" + Times.seconds(start, end) + " s"
                + (open ? ", still open" : "") + ")";
    }

    private void describeGap(FindingAccumulator f, State s, long start, long end, boolean open) {
        long longest = f.detail("longestGapSeconds") == null ? -1 : Long.parseLong(f.detail("longestGapSeconds"));
        long secs = Times.seconds(start, end);
        if (secs >= longest) {
            f.detail("longestGapSeconds", secs).detail("gapStart", Times.iso(start)).detail("gapEnd", Times.iso(end))
                    .detail("gapOpen", open);
        }
        if (f.severity() == Severity.INFO) {
            f.summary("no OPTIONS from the SBC in " + f.detail("longestGapSeconds") + " s of its traffic (from "
                    + f.detail("gapStart") + " to " + f.detail("gapEnd") + "): OPTIONS are off on the SBC"
                    + " (Microsoft demotes it after 180 s) or filtered out of the capture");
            return;
        }
        f.summary(f.count() + " gap(s) without OPTIONS from the SBC over 180 s; longest "
                + f.detail("longestGapSeconds") + " s from " + f.detail("gapStart") + " to " + f.detail("gapEnd")
                + ("true".equals(f.detail("gapOpen")) ? " (still open)" : "")
                + (f.severity() == Severity.ERROR ? ": over 300 s, the trunk is demoted" : ": Microsoft stops routing to it"));
    }

    private void unanswered(State s, RuleContext ctx, long t, Evidence ev) {
        FindingAccumulator f = ctx.finding(RuleIds.OPTIONS_UNANSWERED, Severity.ERROR, s.sbc, null).occurrence(t, ev);
        f.summary(f.count() + " of Microsoft's " + s.msSent + " OPTIONS to the SBC went unanswered or were not answered 200"
                + " (the SBC shows inactive even when its own OPTIONS succeed)");
    }

    @Override
    public void onSbcRenamed(String from, String to, RuleContext ctx) {
        if (states != null) {
            states.renameKey(from, to, (st, name) -> st.sbc = name, OptionsHealthRule::foldInto);
        }
    }

    /** Both names saw traffic: fold the older (address-named) history {@code old} into {@code s}. */
    private static void foldInto(State s, State old) {
        s.firstSeen = min(s.firstSeen, old.firstSeen);
        s.sbcSent += old.sbcSent;
        s.sbc200 += old.sbc200;
        s.sbcRejected += old.sbcRejected;
        if (old.lastSbcOptions > s.lastSbcOptions) {
            s.lastSbcOptions = old.lastSbcOptions;
            s.lastSbcWhere = old.lastSbcWhere;
            s.lastSbcCode = old.lastSbcCode;
        } else if (s.lastSbcCode == 0) {
            s.lastSbcCode = old.lastSbcCode;
        }
        s.intervalSum += old.intervalSum;
        s.intervals += old.intervals;
        s.maxGap = Math.max(s.maxGap, old.maxGap);
        s.msSent += old.msSent;
        s.ms200 += old.ms200;
        s.msUnanswered += old.msUnanswered;
        if (s.lastMsOutcome == 0) {
            s.lastMsOutcome = old.lastMsOutcome;
        }
        s.openGapCounted |= old.openGapCounted;
        for (Map.Entry<String, Pending> e : old.pending.entrySet()) {
            if (s.pending.size() < MAX_PENDING) {
                s.pending.putIfAbsent(e.getKey(), e.getValue());
            }
        }
    }

    private static long min(long a, long b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    @Override
    public void onTime(RuleContext ctx) {
        if (states == null) {
            return;
        }
        long now = ctx.now();
        RulesConfig c = ctx.config();
        for (State s : states.values()) {
            // Microsoft OPTIONS past the answer timeout
            Iterator<Map.Entry<String, Pending>> it = s.pending.entrySet().iterator();
            while (it.hasNext()) {
                Pending p = it.next().getValue();
                if (now - p.time <= c.optionsAnswerTimeoutNanos()) {
                    break; // insertion order = time order
                }
                it.remove();
                s.msUnanswered++;
                s.lastMsOutcome = -1;
                unanswered(s, ctx, p.time, new Evidence(p.time, p.where, p.callId,
                        "Microsoft's OPTIONS got no final answer within " + c.optionsAnswerTimeoutNanos() / RulesConfig.SECOND + " s"));
            }
            // an open gap
            long ref = s.lastSbcOptions >= 0 ? s.lastSbcOptions : s.firstSeen;
            if (ref < 0) {
                continue;
            }
            long gap = now - ref;
            if (gap > c.optionsDemotedNanos()) {
                FindingAccumulator f = gapFinding(s, ctx, gap, true);
                if (!s.openGapCounted) {
                    f.occurrence(now, null);
                    s.openGapCounted = true;
                }
                f.seen(ref).seen(now);
                describeGap(f, s, ref, now, true);
            }
        }
    }

    @Override
    public void onFinish(RuleContext ctx) {
        if (states == null) {
            return;
        }
        long now = ctx.now();
        for (State s : states.values()) {
            long ref = s.lastSbcOptions >= 0 ? s.lastSbcOptions : s.firstSeen;
            if (ref >= 0 && s.openGapCounted) {
                FindingAccumulator f = gapFinding(s, ctx, now - ref, true);
                f.evidence(new Evidence(ref, s.lastSbcWhere, null, gapText(s, ref, now, true)
                        .replace("still open", "open at the end of the trace")));
                if (now - ref > s.maxGap) {
                    s.maxGap = now - ref;
                }
            }
        }
    }

    /** Every SBC's health at event time {@code now}. */
    public Map<String, SbcHealth> health(long now) {
        Map<String, SbcHealth> out = new java.util.TreeMap<>();
        if (states == null) {
            return out;
        }
        for (State s : states.values()) {
            out.put(s.sbc, health(s, now));
        }
        return out;
    }

    private SbcHealth health(State s, long now) {
        String status;
        String why = null;
        if (s.sbcSent == 0) {
            status = SbcHealth.NOT_CONFIGURED;
            why = "the SBC sent no OPTIONS to Microsoft";
        } else if (s.lastSbcCode != 200 && !(s.lastSbcCode >= 200 && s.lastSbcCode < 300)) {
            status = SbcHealth.NO_SIP_OPTIONS;
            why = s.lastSbcCode == 0 ? "Microsoft did not answer the SBC's OPTIONS"
                    : "Microsoft answered the SBC's last OPTIONS with " + s.lastSbcCode;
        } else if (now >= 0 && now - s.lastSbcOptions > demotedNanos) {
            status = SbcHealth.NO_SIP_OPTIONS;
            why = "no OPTIONS from the SBC for " + Times.seconds(s.lastSbcOptions, now) + " s";
        } else if (s.lastMsOutcome != 0 && s.lastMsOutcome != 200) {
            status = SbcHealth.NO_SIP_OPTIONS;
            why = s.lastMsOutcome < 0 ? "the SBC did not answer Microsoft's last OPTIONS"
                    : "the SBC answered Microsoft's last OPTIONS with " + s.lastMsOutcome;
        } else {
            status = SbcHealth.ACTIVE;
            if (s.msSent == 0 && now - s.firstSeen > demotedNanos) {
                // Judged on the SBC's side only: say so (a firewall dropping them looks the same).
                why = "Microsoft's OPTIONS to the SBC are not in the capture: cannot confirm the SBC answers them";
            }
        }
        long maxGap = s.maxGap;
        if (s.lastSbcOptions >= 0 && now - s.lastSbcOptions > maxGap) {
            maxGap = now - s.lastSbcOptions;
        }
        return new SbcHealth(s.sbc, status, why, s.sbcSent, s.sbc200, s.sbcRejected, s.lastSbcCode, s.lastSbcOptions,
                s.intervals == 0 ? -1 : s.intervalSum / (double) s.intervals / RulesConfig.SECOND,
                maxGap < 0 ? -1 : maxGap / RulesConfig.SECOND, s.msSent, s.ms200, s.msUnanswered);
    }

    private static String key(SipMessage m) {
        CSeq cs = m.cseq();
        return m.callId() + '/' + (cs == null ? -1 : cs.number());
    }

    private static String reasonText(SipMessage m) {
        List<Reason> rs = m.reasons();
        if (rs == null || rs.isEmpty()) {
            String w = m.header("Warning");
            return w;
        }
        Reason r = rs.get(0);
        return r.protocol() + (r.cause() >= 0 ? ";cause=" + r.cause() : "") + (r.text() != null ? " \"" + r.text() + "\"" : "");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
