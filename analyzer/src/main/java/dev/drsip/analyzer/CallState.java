package dev.drsip.analyzer;

import dev.drsip.analyzer.model.ReasonValue;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.MicrosoftCodes;
import dev.drsip.sip.dr.Side;
import dev.drsip.sip.header.Reason;
import java.util.ArrayList;
import java.util.List;

/** Mutable state of one INVITE dialog inside the {@link CallCorrelator}. */
final class CallState extends ChainedTable.Entry<CallState> {
    static final int SETUP = 0;
    static final int ESTABLISHED = 1;
    static final int ENDED = 2;
    static final int MAX_REASONS = 8;
    static final int MAX_TAGS = 8;
    static final int MAX_PROVISIONAL = 8;

    final String callId;
    final Direction direction;
    final IpAddress sbcAddress;
    final IpAddress microsoftAddress;
    final IpAddress originAddress;
    final String caller;
    final String callee;
    final long inviteTime;
    final Where inviteWhere;
    final boolean inviteHadSdp;
    final int retryAfterFailure;

    int state = SETUP;
    boolean closed;
    long lastActivity;
    long inviteCseq;
    String fqdn;
    String microsoftBanner;
    /** From-tag of the initial INVITE: tells the caller's requests from the callee's. */
    String callerTag;

    long ringTime = -1;
    long answerTime = -1;
    long endTime = -1;
    int finalCode;
    String finalPhrase;
    Side finalFrom = Side.UNKNOWN;
    Where finalWhere;
    Side endedBy;
    Where endWhere;
    boolean progressed;
    boolean challenged;
    boolean acked;
    Side cancelFrom;
    boolean cancelElsewhere;
    boolean pattern500001;
    boolean pattern1106;

    int authChallenges;
    int reInvites;
    int reInviteFailures;
    int retransmissions;


    private int[] toTagHashes;
    private int toTags;
    private int[] provisional;
    private int provisionalCount;
    /** Reason values, allocated on the first one (most calls have none). */
    private List<ReasonValue> reasons;

    /** Orders the correlator's call lists. */
    @Override
    long stamp() {
        return lastActivity;
    }

    CallState(String callId, Direction direction, IpAddress sbcAddress, IpAddress microsoftAddress,
              IpAddress originAddress, String caller, String callee, long inviteTime, Where inviteWhere,
              boolean inviteHadSdp, long inviteCseq, int retryAfterFailure) {
        super(CallCorrelator.callIdHash(callId));
        this.callId = callId;
        this.direction = direction;
        this.sbcAddress = sbcAddress;
        this.microsoftAddress = microsoftAddress;
        this.originAddress = originAddress;
        this.caller = caller;
        this.callee = callee;
        this.inviteTime = inviteTime;
        this.inviteWhere = inviteWhere;
        this.inviteHadSdp = inviteHadSdp;
        this.inviteCseq = inviteCseq;
        this.retryAfterFailure = retryAfterFailure;
        this.lastActivity = inviteTime;
    }

    boolean directRouting() {
        return sbcAddress != null && direction != Direction.UNKNOWN;
    }

    void addToTag(String tag) {
        if (tag == null) {
            return;
        }
        int h = tag.hashCode();
        if (toTagHashes == null) {
            toTagHashes = new int[2];
        }
        for (int i = 0; i < toTags; i++) {
            if (toTagHashes[i] == h) {
                return;
            }
        }
        if (toTags == toTagHashes.length) {
            if (toTags >= MAX_TAGS) {
                return;
            }
            toTagHashes = java.util.Arrays.copyOf(toTagHashes, toTags * 2);
        }
        toTagHashes[toTags++] = h;
    }

    int toTagCount() {
        return toTags;
    }

    void addProvisional(int code) {
        for (int i = 0; i < provisionalCount; i++) {
            if (provisional[i] == code) {
                return;
            }
        }
        if (provisionalCount >= MAX_PROVISIONAL) {
            return;
        }
        if (provisional == null) {
            provisional = new int[MAX_PROVISIONAL];
        }
        provisional[provisionalCount++] = code;
    }

    /** Distinct provisional codes of the initial INVITE, in order of first sight (immutable). */
    List<Integer> provisionalCodes() {
        if (provisionalCount == 0) {
            return List.of();
        }
        if (provisionalCount == 1) {
            return List.of(boxed(provisional[0]));
        }
        if (provisionalCount == 2) {
            return List.of(boxed(provisional[0]), boxed(provisional[1]));
        }
        Integer[] out = new Integer[provisionalCount];
        for (int i = 0; i < provisionalCount; i++) {
            out[i] = boxed(provisional[i]);
        }
        return List.of(out);
    }

    /** Boxed 1xx codes made once (Integer.valueOf caches only up to 127). */
    private static final Integer[] BOXED_1XX = new Integer[100];

    static {
        for (int i = 0; i < BOXED_1XX.length; i++) {
            BOXED_1XX[i] = 100 + i;
        }
    }

    private static Integer boxed(int code) {
        return code >= 100 && code < 200 ? BOXED_1XX[code - 100] : Integer.valueOf(code);
    }

    /** Reason values collected so far, in order (immutable copy). */
    List<ReasonValue> reasons() {
        return reasons == null ? List.of() : List.copyOf(reasons);
    }

    void addReasons(List<Reason> rs, Side from, String on) {
        if (rs == null) {
            return;
        }
        for (Reason r : rs) {
            if (reasons == null) {
                reasons = new ArrayList<>(2);
            }
            if (reasons.size() >= MAX_REASONS) {
                return;
            }
            String[] split = MicrosoftCodes.splitGuid(r.text());
            reasons.add(new ReasonValue(from, on, r.protocol(), r.cause(), r.text(), split[0], split[1]));
        }
    }

    /** Reason texts carried on one message kind ("CANCEL", "BYE", "486"), from one side. */
    List<ReasonValue> reasonsOn(String on, Side from) {
        List<ReasonValue> out = new ArrayList<>(1);
        if (reasons == null) {
            return out;
        }
        for (ReasonValue r : reasons) {
            if (r.on().equals(on) && (from == null || r.from() == from)) {
                out.add(r);
            }
        }
        return out;
    }
}
