package dev.drsip.analyzer.reference;

import dev.drsip.analyzer.AnalyzerConfig;

import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.CorrelatorStats;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipUri;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.MicrosoftCodes;
import dev.drsip.sip.dr.Side;
import dev.drsip.sip.header.CSeq;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Via;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Transactions and calls from a stream of classified SIP messages, in event time.
 *
 * <p>Transactions are keyed by the top Via branch (RFC 3261 magic cookie) + CSeq method (+ Call-ID
 * and CSeq number, which protects against senders reusing one branch), or, for branch-less RFC 2543
 * senders, by Call-ID + CSeq + From-tag. A request seen again in its transaction, or a response with
 * a code and To-tag already seen in it, is a retransmission: counted, never fed to call outcomes.
 *
 * <p>Calls are keyed by Call-ID. One record per initial INVITE (auth challenges answered in the same
 * Call-ID stay one call; a new initial INVITE after a failed one gives a new record). Records are
 * delivered when the call ends (final >= 300, BYE, ACK timeout), times out, is evicted, or at
 * {@link #finish()}.
 *
 * <p>Timers run on event time only ({@link #advanceTime}): the failover timer (500001 pattern), the
 * ACK timer (1106 pattern), setup/idle timeouts, and the linger of ended calls and completed
 * transactions. State is bounded by {@code maxCalls} / {@code maxTransactions}; evictions are
 * counted.
 */
public final class CallCorrelator {
    private static final int K_FAILOVER = 1;
    private static final int K_ACK = 2;
    private static final int K_AUTH = 3;
    private static final long RETRY_WINDOW = 32_000_000_000L;
    private static final int MAX_RECENT_FAILURES = 10_000;

    private record Timer(long deadline, long seq, CallState call, int kind) {
    }

    private static final class Txn {
        long lastSeen;
        boolean requestSeen;
        int finalCode;
        long[] sigs;
        int nSigs;

        boolean seen(long sig) {
            for (int i = 0; i < nSigs; i++) {
                if (sigs[i] == sig) {
                    return true;
                }
            }
            return false;
        }

        void add(long sig) {
            if (sigs == null) {
                sigs = new long[2];
            } else if (nSigs == sigs.length) {
                if (nSigs >= 16) {
                    return;
                }
                sigs = java.util.Arrays.copyOf(sigs, nSigs * 2);
            }
            sigs[nSigs++] = sig;
        }
    }

    private final AnalyzerConfig config;
    private final SbcDirectory directory;
    private final Consumer<CallRecord> sink;
    private final CallRecordBuilder builder;

    // Access-ordered: the eldest entry is the least recently active, so timeouts scan from the head.
    private final LinkedHashMap<String, Txn> openTxns = new LinkedHashMap<>(1024, 0.75f, true);
    private final LinkedHashMap<String, Txn> doneTxns = new LinkedHashMap<>(1024, 0.75f, true);
    private final LinkedHashMap<String, CallState> setupCalls = new LinkedHashMap<>(256, 0.75f, true);
    private final LinkedHashMap<String, CallState> establishedCalls = new LinkedHashMap<>(256, 0.75f, true);
    private final LinkedHashMap<String, CallState> endedCalls = new LinkedHashMap<>(256, 0.75f, true);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.deadline != b.deadline
            ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    /** origin address|caller|callee -> {time, code} of recent unanswered attempts (insertion order). */
    private final LinkedHashMap<String, long[]> recentFailures = new LinkedHashMap<>();

    private long now = Long.MIN_VALUE;
    private long timerSeq;
    private Direction lastDirection = Direction.UNKNOWN;

    private long transactions;
    private long callsTimedOut;
    private long callsEvicted;
    private long transactionsEvicted;
    private long orphanMessages;
    private long peakCalls;
    private long peakTxns;

    public CallCorrelator(AnalyzerConfig config, SbcDirectory directory, Consumer<CallRecord> sink) {
        this.config = config;
        this.directory = directory;
        this.sink = sink;
        this.builder = new CallRecordBuilder(MicrosoftCodes.standard());
    }

    /**
     * Feeds one message (after {@link #advanceTime} to its time). Sides are the sender's and
     * receiver's; {@code sbcAddress} / {@code microsoftAddress} are null when not Direct Routing;
     * {@code sbcFqdn} is the SBC FQDN this message names (or null).
     *
     * @return true when the message is a retransmission
     */
    public boolean process(SipMessage m, Side from, IpAddress sbcAddress, IpAddress microsoftAddress, String sbcFqdn) {
        long t = m.timeNanos();
        advanceTime(t);
        t = Math.max(t, now);
        lastDirection = messageDirection(m.isRequest(), from);
        CSeq cs = m.cseq();
        String callId = m.callId();
        if (cs == null || callId == null || cs.method() == null) {
            return false;
        }
        boolean retrans = trackTransaction(m, cs, callId, t);
        CallState call = findCall(callId);
        if (m.isRequest()) {
            String method = m.method();
            if ("INVITE".equals(method)) {
                call = onInvite(m, cs, call, from, sbcAddress, microsoftAddress, sbcFqdn, retrans, t);
            } else if (call == null) {
                if ("BYE".equals(method) || "ACK".equals(method) || "CANCEL".equals(method)) {
                    orphanMessages++;
                }
            } else if (!retrans) {
                if ("ACK".equals(method)) {
                    if (call.answerTime >= 0 && isInitial(m, cs, call)) {
                        call.acked = true;
                    }
                } else if ("CANCEL".equals(method)) {
                    if (call.state == CallState.SETUP && call.cancelFrom == null) {
                        call.cancelFrom = from;
                        call.endedBy = from;
                        call.endWhere = m.where();
                        List<Reason> rs = m.reasons();
                        for (Reason r : rs) {
                            if (r.isSip() && r.cause() == 200) {
                                call.cancelElsewhere = true;
                            }
                        }
                        call.addReasons(rs, from, "CANCEL");
                    }
                } else if ("BYE".equals(method)) {
                    onBye(m, call, from, t);
                }
            }
        } else if (call != null && "INVITE".equals(cs.method())) {
            if (!retrans) {
                onInviteResponse(m, cs, call, from, sbcFqdn, t);
            }
        } else if (call == null && "INVITE".equals(cs.method())) {
            orphanMessages++;
        }
        if (call != null) {
            call.lastActivity = t;
            if (retrans) {
                call.retransmissions++;
            }
            lastDirection = call.direction;
        }
        return retrans;
    }

    /** Direction of the last message processed: its call's, else its request's originator's. */
    public Direction lastDirection() {
        return lastDirection;
    }

    private static Direction messageDirection(boolean request, Side from) {
        Side originator = request ? from : from == Side.SBC ? Side.MICROSOFT : from == Side.MICROSOFT ? Side.SBC : Side.UNKNOWN;
        return originator == Side.MICROSOFT ? Direction.OUTBOUND : originator == Side.SBC ? Direction.INBOUND
                : Direction.UNKNOWN;
    }

    private boolean trackTransaction(SipMessage m, CSeq cs, String callId, long t) {
        Via v = m.topVia();
        String branch = v == null ? null : v.branch();
        String key;
        if (branch != null && branch.length() > 7 && branch.regionMatches(true, 0, "z9hG4bK", 0, 7)) {
            key = branch + '\u0001' + cs.method() + '\u0001' + cs.number() + '\u0001' + callId;
        } else {
            NameAddr f = m.from();
            key = callId + '\u0001' + cs.number() + '\u0001' + cs.method() + '\u0001' + (f == null ? "" : f.tag());
        }
        boolean done = false;
        Txn tx = openTxns.get(key);
        if (tx == null) {
            tx = doneTxns.get(key);
            done = tx != null;
        }
        if (tx == null) {
            tx = new Txn();
            openTxns.put(key, tx);
            transactions++;
            capTransactions();
        }
        tx.lastSeen = t;
        if (m.isRequest()) {
            if (tx.requestSeen) {
                return true;
            }
            tx.requestSeen = true;
            return false;
        }
        int code = m.statusCode();
        NameAddr to = m.to();
        String toTag = to == null ? null : to.tag();
        long sig = ((long) code << 32) | (toTag == null ? 0L : (toTag.hashCode() & 0xffffffffL));
        if (tx.seen(sig)) {
            return true;
        }
        tx.add(sig);
        if (code >= 200 && tx.finalCode == 0) {
            tx.finalCode = code;
            if (!done) {
                openTxns.remove(key);
                doneTxns.put(key, tx);
            }
        }
        return false;
    }

    private CallState findCall(String callId) {
        CallState c = setupCalls.get(callId);
        if (c == null) {
            c = establishedCalls.get(callId);
        }
        if (c == null) {
            c = endedCalls.get(callId);
        }
        return c;
    }

    private CallState onInvite(SipMessage m, CSeq cs, CallState call, Side from, IpAddress sbcAddress,
                               IpAddress microsoftAddress, String fqdn, boolean retrans, long t) {
        if (retrans) {
            return call;
        }
        NameAddr to = m.to();
        boolean hasToTag = to != null && to.tag() != null;
        if (call == null) {
            if (hasToTag) {
                orphanMessages++; // re-INVITE of a dialog that started before the trace (or was evicted)
                return null;
            }
            return newCall(m, cs, from, sbcAddress, microsoftAddress, fqdn, t);
        }
        if (call.state == CallState.SETUP) {
            if (call.challenged && cs.number() > call.inviteCseq) {
                call.authChallenges++;
                call.challenged = false;
                call.finalCode = 0;
                call.finalPhrase = null;
                call.finalFrom = Side.UNKNOWN;
                call.finalWhere = null;
                call.inviteCseq = cs.number();
            }
            return call;
        }
        if (call.state == CallState.ESTABLISHED) {
            if (!isInitial(m, cs, call)) {
                call.reInvites++;
            }
            return call;
        }
        // ENDED: a new initial INVITE transaction in the same Call-ID is a new attempt (an SBC
        // failing over to another proxy may even keep the CSeq).
        if (!hasToTag) {
            endedCalls.remove(call.callId);
            return newCall(m, cs, from, sbcAddress, microsoftAddress, fqdn, t);
        }
        return call;
    }

    private CallState newCall(SipMessage m, CSeq cs, Side from, IpAddress sbcAddress, IpAddress microsoftAddress,
                              String fqdn, long t) {
        Direction dir = from == Side.MICROSOFT ? Direction.OUTBOUND : from == Side.SBC ? Direction.INBOUND
                : Direction.UNKNOWN;
        NameAddr f = m.from();
        String caller = f == null || f.uri() == null ? null : f.uri().user();
        SipUri ru = m.requestUriParsed();
        String callee = ru == null ? null : ru.user();
        String ct = m.contentType();
        boolean sdp = m.bodyLength() > 0 && (ct == null || ct.regionMatches(true, 0, "application/sdp", 0, 15)
                || ct.toLowerCase(java.util.Locale.ROOT).contains("sdp"));
        int retry = 0;
        String rkey = null;
        if (caller != null && callee != null && m.src() != null) {
            rkey = m.src() + "|" + caller + "|" + callee;
            long[] prev = recentFailures.get(rkey);
            if (prev != null && t - prev[0] <= RETRY_WINDOW) {
                retry = (int) prev[1];
            }
        }
        CallState c = new CallState(m.callId(), dir, dir == Direction.UNKNOWN ? null : sbcAddress,
                dir == Direction.UNKNOWN ? null : microsoftAddress, m.src(), caller, callee, t, m.where(), sdp,
                cs.number(), retry);
        c.fqdn = fqdn;
        c.callerTag = f == null ? null : f.tag();
        if (from == Side.MICROSOFT) {
            c.microsoftBanner = m.userAgent();
        }
        setupCalls.put(c.callId, c);
        if (dir == Direction.OUTBOUND) {
            schedule(t + config.failoverTimerNanos(), c, K_FAILOVER);
        }
        capCalls();
        return c;
    }

    private void onInviteResponse(SipMessage m, CSeq cs, CallState call, Side from, String fqdn, long t) {
        int code = m.statusCode();
        if (!isInitial(m, cs, call)) {
            if (code >= 300 && call.state == CallState.ESTABLISHED) {
                call.reInviteFailures++;
            }
            return;
        }
        if (call.state != CallState.SETUP) {
            return; // late responses after answer (other fork) or after the call was closed
        }
        NameAddr to = m.to();
        call.addToTag(to == null ? null : to.tag());
        if (from == Side.MICROSOFT && call.microsoftBanner == null) {
            call.microsoftBanner = m.server();
        }
        if (call.fqdn == null && fqdn != null) {
            call.fqdn = fqdn;
        }
        if (code < 200) {
            call.addProvisional(code);
            if (code > 100) {
                call.progressed = true;
                if (call.ringTime < 0) {
                    call.ringTime = t;
                }
            }
            return;
        }
        call.finalCode = code;
        call.finalPhrase = m.reasonPhrase();
        call.finalFrom = from;
        call.finalWhere = m.where();
        if (code < 300) {
            call.answerTime = t;
            call.state = CallState.ESTABLISHED;
            setupCalls.remove(call.callId);
            establishedCalls.put(call.callId, call);
            if (call.direction == Direction.INBOUND && from == Side.MICROSOFT) {
                schedule(t + config.ackTimeoutNanos(), call, K_ACK);
            }
            return;
        }
        call.addReasons(m.reasons(), from, Integer.toString(code));
        if (code == 401 || code == 407) {
            // A person may be typing a password: wait as long as any call setup may take.
            call.challenged = true;
            schedule(t + config.setupTimeoutNanos(), call, K_AUTH);
            return;
        }
        call.endTime = t;
        close(call, "final", true);
    }

    /**
     * True when a message belongs to the initial INVITE transaction (or its ACK): same CSeq number
     * and the caller's From-tag (the callee's requests have their own CSeq space and tag).
     */
    private static boolean isInitial(SipMessage m, CSeq cs, CallState call) {
        if (cs.number() != call.inviteCseq) {
            return false;
        }
        if (call.callerTag == null) {
            return true;
        }
        NameAddr f = m.from();
        return f == null || f.tag() == null || call.callerTag.equals(f.tag());
    }

    private void onBye(SipMessage m, CallState call, Side from, long t) {
        if (call.state == CallState.SETUP && call.cancelFrom == null) {
            // BYE on an early dialog: the caller gave up, like a CANCEL.
            call.cancelFrom = from;
            call.endedBy = from;
            call.endWhere = m.where();
            call.addReasons(m.reasons(), from, "BYE");
            return;
        }
        if (call.state != CallState.ESTABLISHED) {
            return;
        }
        call.endTime = t;
        call.endedBy = from;
        call.endWhere = m.where();
        call.addReasons(m.reasons(), from, "BYE");
        if (call.direction == Direction.INBOUND && !call.acked && call.finalFrom == Side.MICROSOFT
                && from == Side.MICROSOFT) {
            call.pattern1106 = true;
        }
        close(call, "bye", true);
    }

    private void close(CallState c, String endState, boolean linger) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        if (c.endTime < 0) {
            c.endTime = Math.max(c.lastActivity, now);
        }
        setupCalls.remove(c.callId);
        establishedCalls.remove(c.callId);
        c.state = CallState.ENDED;
        if (linger) {
            endedCalls.put(c.callId, c);
        }
        String name = c.directRouting() ? directory.nameFor(c.sbcAddress, c.fqdn) : null;
        CallRecord r = builder.build(c, name, endState);
        if (r.answerTime() < 0 && c.caller != null && c.callee != null && c.originAddress != null) {
            String rkey = c.originAddress + "|" + c.caller + "|" + c.callee;
            recentFailures.remove(rkey);
            recentFailures.put(rkey, new long[] {c.endTime, r.reportedSipCode()});
            while (recentFailures.size() > MAX_RECENT_FAILURES) {
                Iterator<String> it = recentFailures.keySet().iterator();
                it.next();
                it.remove();
            }
        }
        sink.accept(r);
    }

    private void schedule(long deadline, CallState c, int kind) {
        timers.add(new Timer(deadline, timerSeq++, c, kind));
        if (timers.size() > 2L * config.maxCalls() + 64) {
            // Drop timers of calls closed meanwhile so the queue stays proportional to live calls.
            List<Timer> live = new ArrayList<>(timers.size());
            for (Timer tm : timers) {
                if (!tm.call().closed) {
                    live.add(tm);
                }
            }
            timers.clear();
            timers.addAll(live);
        }
    }

    /**
     * Moves event time to {@code t}: fires due timers and expires idle state. Never goes back in
     * time (slightly out-of-order inputs are treated as "now").
     */
    public void advanceTime(long t) {
        if (t <= now) {
            return;
        }
        now = t;
        while (!timers.isEmpty() && timers.peek().deadline() <= t) {
            fire(timers.poll());
        }
        expireCalls(setupCalls, config.setupTimeoutNanos(), t);
        expireCalls(establishedCalls, config.idleCallTimeoutNanos(), t);
        expireEnded(t);
        expireTxns(openTxns, config.setupTimeoutNanos(), t);
        expireTxns(doneTxns, config.lingerNanos(), t);
    }

    private void fire(Timer tm) {
        CallState c = tm.call();
        if (c.closed) {
            return;
        }
        switch (tm.kind()) {
            case K_FAILOVER:
                if (c.state == CallState.SETUP && !c.progressed && c.finalCode == 0) {
                    c.pattern500001 = true;
                }
                break;
            case K_ACK:
                if (c.state == CallState.ESTABLISHED && !c.acked) {
                    c.pattern1106 = true;
                    c.endTime = tm.deadline();
                    close(c, "ack-timeout", true);
                }
                break;
            case K_AUTH:
                if (c.state == CallState.SETUP && c.challenged) {
                    c.endTime = tm.deadline();
                    close(c, "final", true);
                }
                break;
            default:
                break;
        }
    }

    private void expireCalls(LinkedHashMap<String, CallState> map, long timeout, long t) {
        if (map.isEmpty()) {
            return;
        }
        List<CallState> due = null;
        for (CallState c : map.values()) {
            if (c.lastActivity + timeout > t) {
                break;
            }
            if (due == null) {
                due = new ArrayList<>();
            }
            due.add(c);
        }
        if (due != null) {
            for (CallState c : due) {
                c.endTime = c.lastActivity + timeout;
                callsTimedOut++;
                close(c, "timeout", false);
            }
        }
    }

    private void expireEnded(long t) {
        Iterator<CallState> it = endedCalls.values().iterator();
        while (it.hasNext()) {
            CallState c = it.next();
            if (c.lastActivity + config.lingerNanos() > t) {
                break;
            }
            it.remove();
        }
    }

    private static void expireTxns(LinkedHashMap<String, Txn> map, long timeout, long t) {
        Iterator<Txn> it = map.values().iterator();
        while (it.hasNext()) {
            if (it.next().lastSeen + timeout > t) {
                break;
            }
            it.remove();
        }
    }

    private void capCalls() {
        long live = (long) setupCalls.size() + establishedCalls.size() + endedCalls.size();
        peakCalls = Math.max(peakCalls, live);
        while (live > config.maxCalls()) {
            if (!endedCalls.isEmpty()) {
                Iterator<CallState> it = endedCalls.values().iterator();
                it.next();
                it.remove();
            } else {
                CallState a = setupCalls.isEmpty() ? null : setupCalls.values().iterator().next();
                CallState b = establishedCalls.isEmpty() ? null : establishedCalls.values().iterator().next();
                CallState victim = a == null ? b : b == null ? a : a.lastActivity <= b.lastActivity ? a : b;
                callsEvicted++;
                close(victim, "evicted", false);
            }
            live = (long) setupCalls.size() + establishedCalls.size() + endedCalls.size();
        }
    }

    private void capTransactions() {
        long live = (long) openTxns.size() + doneTxns.size();
        peakTxns = Math.max(peakTxns, live);
        while (live > config.maxTransactions()) {
            Map<String, Txn> from = !doneTxns.isEmpty() ? doneTxns : openTxns;
            Iterator<Txn> it = from.values().iterator();
            it.next();
            it.remove();
            transactionsEvicted++;
            live--;
        }
    }

    /** Closes every open call (end state "trace-end") and drops all state. */
    public void finish() {
        List<CallState> open = new ArrayList<>(setupCalls.values());
        open.addAll(establishedCalls.values());
        open.sort((a, b) -> Long.compare(a.inviteTime, b.inviteTime));
        for (CallState c : open) {
            close(c, "trace-end", false);
        }
        setupCalls.clear();
        establishedCalls.clear();
        endedCalls.clear();
        openTxns.clear();
        doneTxns.clear();
        timers.clear();
        recentFailures.clear();
    }

    /** Calls held (setup + established + lingering ended). */
    public int liveCalls() {
        return setupCalls.size() + establishedCalls.size() + endedCalls.size();
    }

    public int liveTransactions() {
        return openTxns.size() + doneTxns.size();
    }

    public int pendingTimers() {
        return timers.size();
    }

    public int recentFailureEntries() {
        return recentFailures.size();
    }

    public long now() {
        return now;
    }

    public CorrelatorStats stats() {
        return new CorrelatorStats(transactions, callsTimedOut, callsEvicted, transactionsEvicted, orphanMessages,
                peakCalls, peakTxns);
    }
}
