package dev.drsip.analyzer;

import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.CorrelatorStats;
import dev.drsip.sip.ByteScan;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
    private static final int MAX_SIGS = 16;
    private static final int FILTER_BITS = 16;

    private record Timer(long deadline, long seq, CallState call, int kind) {
    }

    /**
     * One transaction: its key (the top Via branch form or the RFC 2543 form), its place in the
     * transaction table and in its access-ordered list, and what was seen in it. Intrusive, so a
     * message costs no key String, map entry or iterator.
     */
    private static final class Txn extends ChainedTable.Entry<Txn> {
        /** Branch form: the branch's bytes (ASCII as sent, else its String's UTF-8). Null in the RFC 2543 form. */
        final byte[] branch;
        /** RFC 2543 form: the Call-ID. Null in the branch form. */
        final String first;
        final String method;
        final long number;
        /** Call-ID (branch form) or From-tag as the former String key spelt it (RFC 2543 form). */
        final String second;
        /** The call the previous message of this transaction belonged to (valid while it is in a list). */
        CallState call;

        long lastSeen;
        boolean requestSeen;
        int finalCode;
        /** Response signatures (code + To-tag hash): the first two inline, then up to 14 more. */
        long sig0;
        long sig1;
        long[] moreSigs;
        int nSigs;

        @Override
        long stamp() {
            return lastSeen;
        }

        Txn(int hash, byte[] branch, String first, String method, long number, String second) {
            super(hash);
            this.branch = branch;
            this.first = first;
            this.method = method;
            this.number = number;
            this.second = second;
        }

        /** Branch form: same branch bytes {@code kb[ks, ke)}, method, number and Call-ID. */
        boolean matchesBranch(int h, byte[] kb, int ks, int ke, String meth, long num, String callId) {
            return hash == h && number == num && branch != null
                    && java.util.Arrays.equals(branch, 0, branch.length, kb, ks, ke) && method.equals(meth)
                    && second.equals(callId);
        }

        /** RFC 2543 form: same Call-ID, method, number and From-tag key. */
        boolean matches2543(int h, String callId, String meth, long num, String tag) {
            return hash == h && number == num && branch == null && first.equals(callId) && method.equals(meth)
                    && second.equals(tag);
        }

        boolean seen(long sig) {
            int n = nSigs;
            if (n == 0) {
                return false;
            }
            if (sig0 == sig) {
                return true;
            }
            if (n > 1 && sig1 == sig) {
                return true;
            }
            for (int i = 2; i < n; i++) {
                if (moreSigs[i - 2] == sig) {
                    return true;
                }
            }
            return false;
        }

        void add(long sig) {
            if (nSigs == 0) {
                sig0 = sig;
            } else if (nSigs == 1) {
                sig1 = sig;
            } else {
                if (nSigs >= MAX_SIGS) {
                    return;
                }
                if (moreSigs == null) {
                    moreSigs = new long[2];
                } else if (nSigs - 2 == moreSigs.length) {
                    moreSigs = java.util.Arrays.copyOf(moreSigs, moreSigs.length * 2);
                }
                moreSigs[nSigs - 2] = sig;
            }
            nSigs++;
        }
    }

    /**
     * Key of a recent unanswered attempt: origin address, caller, callee. Numbers are often
     * sequential, so the parts' hashes are mixed multiplicatively (a record's 31-polynomial would
     * let caller and callee offsets cancel out into long collision chains).
     */
    private static final class RetryKey {
        final IpAddress origin;
        final String caller;
        final String callee;
        final int hash;

        RetryKey(IpAddress origin, String caller, String callee) {
            this.origin = origin;
            this.caller = caller;
            this.callee = callee;
            int h = caller.hashCode() * 0x9E3779B1 + callee.hashCode();
            h = h * 0x85EBCA6B + origin.hashCode();
            h ^= h >>> 15;
            h *= 0x2C1B3C6D;
            this.hash = h ^ (h >>> 16);
        }

        /** Slot in the counting filter (high bits: HashMap uses the low ones). */
        int slot() {
            return hash >>> (32 - FILTER_BITS);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RetryKey k && hash == k.hash && origin.equals(k.origin) && caller.equals(k.caller)
                    && callee.equals(k.callee);
        }
    }

    private final AnalyzerConfig config;
    private final SbcDirectory directory;
    private final Consumer<CallRecord> sink;
    private final CallRecordBuilder builder;

    // Transactions: a chained hash table over intrusive nodes, each node also in one of two
    // access-ordered lists (open / completed), so expiry and eviction only look at a list's head.
    private final ChainedTable<Txn> txns = new ChainedTable<>();
    private final LruList<Txn> openTxns = new LruList<>();
    private final LruList<Txn> doneTxns = new LruList<>();
    // Calls by Call-ID: a chained hash table over the calls themselves (no map entry per call, one
    // hop less per lookup), each call also in one access-ordered list by state.
    private final ChainedTable<CallState> calls = new ChainedTable<>();
    private final LruList<CallState> setupCalls = new LruList<>();
    private final LruList<CallState> establishedCalls = new LruList<>();
    private final LruList<CallState> endedCalls = new LruList<>();
    // One FIFO per timer kind: every timer of a kind runs for the same span from "now", which never
    // goes back, so each queue is already in (deadline, seq) order and the next timer due is the
    // earliest of three heads (a heap's order, without its O(log n) per timer).
    private final ArrayDeque<Timer> failoverTimers = new ArrayDeque<>();
    private final ArrayDeque<Timer> ackTimers = new ArrayDeque<>();
    private final ArrayDeque<Timer> authTimers = new ArrayDeque<>();
    /** The earliest deadline of the three queues' heads (Long.MAX_VALUE when none): no timer is due before it. */
    private long nextDeadline = Long.MAX_VALUE;
    /** (origin address, caller, callee) -> {time, code} of recent unanswered attempts (insertion order). */
    private final LinkedHashMap<RetryKey, long[]> recentFailures = new LinkedHashMap<>();
    /**
     * Counting filter over recentFailures' key hashes: a zero slot means "certainly absent", so most
     * new calls skip the lookup in that large, cache-cold map. Saturated slots stay "maybe" forever.
     */
    private final short[] failureFilter = new short[1 << FILTER_BITS];

    private long now = Long.MIN_VALUE;
    /** The transaction of the message being processed (set by trackTransaction). */
    private Txn currentTxn;
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
        Txn tx = currentTxn;
        CallState call = findCall(tx, callId);
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
            LruList<CallState> l = call.list;
            if (l != null && l.head == call) {
                l.headTime = t;
            }
            if (retrans) {
                call.retransmissions++;
            }
            lastDirection = call.direction;
        }
        tx.call = call;
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
        String method = cs.method();
        long number = cs.number();
        // The branch key compares the branch's bytes where they lie in the message: no String per
        // message. ASCII bytes equal their String's chars, and a branch only its String can give
        // (folded, non-ASCII or quoted Via) is keyed by that String's UTF-8, which equals the ASCII
        // bytes exactly when the String is ASCII: the same keys as comparing branch Strings.
        long range = m.topViaBranchRange();
        byte[] kb = null;
        int ks = 0;
        int ke = 0;
        if (range >= 0) {
            ks = (int) (range >>> 32);
            ke = (int) range;
            byte[] d = m.packet().data();
            if (ke - ks > 7 && hasMagicCookie(d, ks)) {
                kb = d;
            }
        } else if (range == SipMessage.BRANCH_NEEDS_STRING) {
            String branch = m.topViaBranch();
            if (branch != null && branch.length() > 7
                    && (branch.startsWith("z9hG4bK") || branch.regionMatches(true, 0, "z9hG4bK", 0, 7))) {
                kb = branch.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ks = 0;
                ke = kb.length;
            }
        }
        int h;
        String tag = null;
        if (kb != null) {
            // Multiplicative mixing: branches and Call-IDs are often counters, which a plain
            // 31-polynomial over the parts' hashes would map onto colliding sums.
            h = ByteScan.hash(kb, ks, ke) * 0x9E3779B1 + callId.hashCode();
            h = h * 0x85EBCA6B + method.hashCode() * 31 + Long.hashCode(number);
        } else {
            NameAddr f = m.from();
            // As the former "...\u0001" + tag String key: no From is "", a From without tag "null".
            tag = f == null ? "" : String.valueOf(f.tag());
            h = callId.hashCode() * 0x9E3779B1 + tag.hashCode();
            h = ~(h * 0x85EBCA6B + method.hashCode() * 31 + Long.hashCode(number));
        }
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 16;
        Txn tx = txns.bucket(h);
        if (kb != null) {
            while (tx != null && !tx.matchesBranch(h, kb, ks, ke, method, number, callId)) {
                tx = tx.bucketNext;
            }
        } else {
            while (tx != null && !tx.matches2543(h, callId, method, number, tag)) {
                tx = tx.bucketNext;
            }
        }
        boolean done;
        if (tx != null) {
            LruList<Txn> l = tx.list;
            done = l == doneTxns;
            tx.lastSeen = t;
            l.moveToTail(tx);
            if (l.head == tx) {
                l.headTime = t;
            }
        } else {
            done = false;
            tx = kb != null ? new Txn(h, java.util.Arrays.copyOfRange(kb, ks, ke), null, method, number, callId)
                    : new Txn(h, null, callId, method, number, tag);
            tx.lastSeen = t;
            txns.insert(tx);
            openTxns.linkLast(tx);
            transactions++;
            capTransactions();
        }
        currentTxn = tx;
        if (m.isRequest()) {
            if (tx.requestSeen) {
                return true;
            }
            tx.requestSeen = true;
            return false;
        }
        int code = m.statusCode();
        String toTag = m.toTag();
        long sig = ((long) code << 32) | (toTag == null ? 0L : (toTag.hashCode() & 0xffffffffL));
        if (tx.seen(sig)) {
            return true;
        }
        tx.add(sig);
        if (code >= 200 && tx.finalCode == 0) {
            tx.finalCode = code;
            if (!done && tx.list == openTxns) {
                openTxns.unlink(tx);
                doneTxns.linkLast(tx);
            }
        }
        return false;
    }

    /** RFC 3261's magic cookie "z9hG4bK" at {@code b[at]}, in any case (as regionMatches(true, ...) on ASCII). */
    private static boolean hasMagicCookie(byte[] b, int at) {
        return (b[at] | 0x20) == 'z' && b[at + 1] == '9' && (b[at + 2] | 0x20) == 'h' && (b[at + 3] | 0x20) == 'g'
                && b[at + 4] == '4' && (b[at + 5] | 0x20) == 'b' && (b[at + 6] | 0x20) == 'k';
    }

    /** Drops a transaction from the table and its list. */
    private void removeTxn(Txn tx) {
        txns.remove(tx);
        tx.list.unlink(tx);
    }

    /** Call-IDs are often counters: the String hash is mixed so they spread over the buckets. */
    static int callIdHash(String callId) {
        int h = callId.hashCode() * 0x9E3779B1;
        return h ^ (h >>> 16);
    }

    /** The call mapped to this Call-ID, or null. */
    private CallState lookupCall(String callId) {
        int h = callIdHash(callId);
        CallState c = calls.bucket(h);
        // The capture stage hands out one String per distinct Call-ID most of the time: == first.
        while (c != null && (c.hash != h || (c.callId != callId && !c.callId.equals(callId)))) {
            c = c.bucketNext;
        }
        return c;
    }

    /**
     * The call of a Call-ID (a hit counts as activity: it moves to the tail of its list). The
     * transaction remembers the call of its previous message: while that call is in a list it is
     * the one mapped to this Call-ID (the transaction key includes the Call-ID), so no lookup.
     */
    private CallState findCall(Txn tx, String callId) {
        CallState c = tx.call;
        if (c == null || c.list == null) {
            c = lookupCall(callId);
        }
        if (c != null) {
            c.list.moveToTail(c);
        }
        return c;
    }

    private CallState onInvite(SipMessage m, CSeq cs, CallState call, Side from, IpAddress sbcAddress,
                               IpAddress microsoftAddress, String fqdn, boolean retrans, long t) {
        if (retrans) {
            return call;
        }
        boolean hasToTag = m.toTag() != null;
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
            endedCalls.unlink(call);
            calls.remove(call);
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
        if (caller != null && callee != null && m.src() != null) {
            RetryKey k = new RetryKey(m.src(), caller, callee);
            long[] prev = failureFilter[k.slot()] == 0 ? null : recentFailures.get(k);
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
        calls.insert(c);
        setupCalls.linkLast(c);
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
        call.addToTag(m.toTag());
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
            setupCalls.unlink(call);
            establishedCalls.linkLast(call);
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
        String fromTag = m.fromTag();
        return fromTag == null || call.callerTag.equals(fromTag);
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
        // An open call is always in the setup or established list (and the only one of its Call-ID).
        if (c.list == setupCalls || c.list == establishedCalls) {
            c.list.unlink(c);
        }
        c.state = CallState.ENDED;
        if (linger) {
            endedCalls.linkLast(c);
        } else {
            calls.remove(c);
        }
        String name = c.directRouting() ? directory.nameFor(c.sbcAddress, c.fqdn) : null;
        CallRecord r = builder.build(c, name, endState);
        if (r.answerTime() < 0 && c.caller != null && c.callee != null && c.originAddress != null) {
            RetryKey rkey = new RetryKey(c.originAddress, c.caller, c.callee);
            if (recentFailures.remove(rkey) != null) {
                unfilter(rkey);
            }
            recentFailures.put(rkey, new long[] {c.endTime, r.reportedSipCode()});
            int slot = rkey.slot();
            if (failureFilter[slot] != Short.MAX_VALUE) {
                failureFilter[slot]++;
            }
            while (recentFailures.size() > MAX_RECENT_FAILURES) {
                Iterator<RetryKey> it = recentFailures.keySet().iterator();
                unfilter(it.next());
                it.remove();
            }
        }
        sink.accept(r);
    }

    private void unfilter(RetryKey k) {
        int slot = k.slot();
        if (failureFilter[slot] != Short.MAX_VALUE) {
            failureFilter[slot]--;
        }
    }

    private void schedule(long deadline, CallState c, int kind) {
        ArrayDeque<Timer> q = kind == K_FAILOVER ? failoverTimers : kind == K_ACK ? ackTimers : authTimers;
        assert q.isEmpty() || q.peekLast().deadline() <= deadline : "timer kind scheduled out of order";
        q.addLast(new Timer(deadline, timerSeq++, c, kind));
        // A queue's deadlines never decrease: the new timer is its head or later than the head.
        nextDeadline = Math.min(nextDeadline, deadline);
        if (pendingTimers() > 2L * config.maxCalls() + 64) {
            // Drop timers of calls closed meanwhile so the queues stay proportional to live calls.
            dropClosed(failoverTimers);
            dropClosed(ackTimers);
            dropClosed(authTimers);
            nextDeadline = headDeadline();
        }
    }

    /** The earliest deadline over the queues' heads, Long.MAX_VALUE when all are empty. */
    private long headDeadline() {
        ArrayDeque<Timer> q = firstQueue();
        return q == null ? Long.MAX_VALUE : q.peekFirst().deadline();
    }

    /** The queue whose head comes first by (deadline, seq); null when all are empty. */
    private ArrayDeque<Timer> firstQueue() {
        return earlier(earlier(failoverTimers, ackTimers), authTimers);
    }

    private static void dropClosed(ArrayDeque<Timer> q) {
        q.removeIf(tm -> tm.call().closed);
    }

    /** The queue whose head is due first, by (deadline, seq); null when none is due by {@code t}. */
    private ArrayDeque<Timer> nextDue(long t) {
        ArrayDeque<Timer> best = firstQueue();
        return best == null || best.peekFirst().deadline() > t ? null : best;
    }

    /** Of two queues, the one whose head comes first (null when both are empty). */
    private static ArrayDeque<Timer> earlier(ArrayDeque<Timer> a, ArrayDeque<Timer> b) {
        Timer x = a == null ? null : a.peekFirst();
        Timer y = b.peekFirst();
        if (x == null) {
            return y == null ? null : b;
        }
        return y == null || x.deadline() < y.deadline() || (x.deadline() == y.deadline() && x.seq() < y.seq()) ? a : b;
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
        if (nextDeadline <= t) { // most messages: no timer due, the queues' heads are not even read
            ArrayDeque<Timer> q;
            while ((q = nextDue(t)) != null) {
                fire(q.pollFirst());
            }
            nextDeadline = headDeadline();
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

    /** Closes the calls idle for {@code timeout}: only the list's head is ever looked at. */
    private void expireCalls(LruList<CallState> list, long timeout, long t) {
        CallState c;
        while ((c = list.head) != null && list.headTime + timeout <= t) {
            c.endTime = c.lastActivity + timeout;
            callsTimedOut++;
            close(c, "timeout", false); // unlinks c: the next one becomes the head
        }
    }

    private void expireEnded(long t) {
        CallState c;
        long linger = config.lingerNanos();
        while ((c = endedCalls.head) != null && endedCalls.headTime + linger <= t) {
            endedCalls.unlink(c);
            calls.remove(c);
        }
    }

    private void expireTxns(LruList<Txn> list, long timeout, long t) {
        Txn x;
        while ((x = list.head) != null && list.headTime + timeout <= t) {
            removeTxn(x);
        }
    }

    private void capCalls() {
        long live = (long) setupCalls.size + establishedCalls.size + endedCalls.size;
        peakCalls = Math.max(peakCalls, live);
        while (live > config.maxCalls()) {
            if (endedCalls.size > 0) {
                CallState e = endedCalls.head;
                endedCalls.unlink(e);
                calls.remove(e);
            } else {
                CallState a = setupCalls.head;
                CallState b = establishedCalls.head;
                CallState victim = a == null ? b : b == null ? a : a.lastActivity <= b.lastActivity ? a : b;
                callsEvicted++;
                close(victim, "evicted", false);
            }
            live = (long) setupCalls.size + establishedCalls.size + endedCalls.size;
        }
    }

    private void capTransactions() {
        long live = (long) openTxns.size + doneTxns.size;
        peakTxns = Math.max(peakTxns, live);
        while (live > config.maxTransactions()) {
            removeTxn(doneTxns.size > 0 ? doneTxns.head : openTxns.head);
            transactionsEvicted++;
            live--;
        }
    }

    /** Closes every open call (end state "trace-end") and drops all state. */
    public void finish() {
        List<CallState> open = new ArrayList<>(setupCalls.size + establishedCalls.size);
        for (CallState c = setupCalls.head; c != null; c = c.next) {
            open.add(c);
        }
        for (CallState c = establishedCalls.head; c != null; c = c.next) {
            open.add(c);
        }
        open.sort((a, b) -> Long.compare(a.inviteTime, b.inviteTime));
        for (CallState c : open) {
            close(c, "trace-end", false);
        }
        for (CallState c = endedCalls.head; c != null; ) {
            CallState n = c.next;
            c.prev = null;
            c.next = null;
            c.list = null;
            c = n;
        }
        setupCalls.clear();
        establishedCalls.clear();
        endedCalls.clear();
        calls.clear();
        txns.clear();
        openTxns.clear();
        doneTxns.clear();
        failoverTimers.clear();
        ackTimers.clear();
        authTimers.clear();
        nextDeadline = Long.MAX_VALUE;
        recentFailures.clear();
        java.util.Arrays.fill(failureFilter, (short) 0);
    }

    /**
     * Test aid: throws when the intrusive structures disagree (list links and sizes, cached head
     * times, call map vs. lists, transaction table vs. lists).
     */
    void checkInvariants() {
        check(nextDeadline == headDeadline(), "next timer deadline");
        int inLists = 0;
        for (LruList<CallState> l : List.of(setupCalls, establishedCalls, endedCalls)) {
            int n = 0;
            CallState prev = null;
            for (CallState c = l.head; c != null; c = c.next) {
                check(c.list == l && c.prev == prev && lookupCall(c.callId) == c, "call links");
                prev = c;
                n++;
            }
            check(l.tail == prev && l.size == n, "call list size");
            check(l.head == null || l.headTime == l.head.lastActivity, "call head time");
            inLists += n;
        }
        check(inLists == calls.size() && calls.chained() == calls.size(), "call table vs lists");
        int inTxnLists = 0;
        for (LruList<Txn> l : List.of(openTxns, doneTxns)) {
            int n = 0;
            Txn prev = null;
            for (Txn x = l.head; x != null; x = x.next) {
                check(x.list == l && x.prev == prev, "txn links");
                check(prev == null || prev.lastSeen <= x.lastSeen, "txn order");
                check(txns.contains(x), "txn in table");
                prev = x;
                n++;
            }
            check(l.tail == prev && l.size == n, "txn list size");
            check(l.head == null || l.headTime == l.head.lastSeen, "txn head time");
            inTxnLists += n;
        }
        check(inTxnLists == txns.size() && txns.chained() == txns.size(), "txn table vs lists");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("correlator invariant broken: " + what);
        }
    }

    /** Calls held (setup + established + lingering ended). */
    public int liveCalls() {
        return setupCalls.size + establishedCalls.size + endedCalls.size;
    }

    public int liveTransactions() {
        return openTxns.size + doneTxns.size;
    }

    public int pendingTimers() {
        return failoverTimers.size() + ackTimers.size() + authTimers.size();
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
