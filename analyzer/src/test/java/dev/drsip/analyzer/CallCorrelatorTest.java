package dev.drsip.analyzer;

import static dev.drsip.analyzer.Harness.MS;
import static dev.drsip.analyzer.Harness.SBC;
import static dev.drsip.analyzer.Harness.SBC_FQDN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.FailureGroup;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.analyzer.model.MicrosoftCode;
import dev.drsip.analyzer.model.SbcStats;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import org.junit.jupiter.api.Test;

class CallCorrelatorTest {
    static final String MS_URI = "sip:+4930123456@sip.pstnhub.microsoft.com:5061;user=phone";
    static final String SBC_URI = "sip:+15551234567@" + SBC_FQDN + ";user=phone";
    static final String SBC_CONTACT = "sip:+15551234567@" + SBC_FQDN + ":5067;transport=tls";
    static final String MS_CONTACT = "sip:api-du-b.pstnhub.microsoft.com:443;x-i=abc";

    // ---- helpers for the two directions ----

    /** Microsoft ACKs the SBC's 2xx of outbound call {@code id}. */
    static void msAck(Harness h, long ms, String id, String sbcTag) {
        h.send(ms, MS, SBC, Harness.inDialog("ACK", SBC_CONTACT, "sip.pstnhub.microsoft.com:5061", "z9hG4bKack" + id,
                MS_URI, "msft" + id, SBC_URI, sbcTag, id, 1));
    }

    /** The SBC hangs up outbound call {@code id}; Microsoft answers 200. */
    static void sbcByeOutbound(Harness h, long ms, String id, String sbcTag) {
        String bye = h.send(ms, SBC, MS, Harness.inDialog("BYE", MS_CONTACT, SBC_FQDN + ":5067", "z9hG4bKbye" + id,
                SBC_URI, sbcTag, MS_URI, "msft" + id, id, 1));
        h.send(ms + 20, MS, SBC, Msg.response(bye, 200, "OK", null));
    }

    static String answerOutbound(Harness h, String id) {
        String inv = h.send(0, MS, SBC, Harness.msInvite(id, "z9hG4bK" + id));
        h.send(30, SBC, MS, Msg.response(inv, 100, "Trying", null));
        h.send(500, SBC, MS, Msg.response(inv, 180, "Ringing", "s" + id).contact(SBC_CONTACT));
        h.send(3000, SBC, MS, Msg.response(inv, 200, "OK", "s" + id).contact(SBC_CONTACT).sdp());
        return inv;
    }

    static String inboundInvite(Harness h, long ms, String id) {
        return h.send(ms, SBC, MS, Harness.sbcInvite(id, "z9hG4bKi" + id, "+15550001111", "+4930999888"));
    }

    /** The SBC ACKs Microsoft's 2xx of inbound call {@code id}. */
    static void sbcAck(Harness h, long ms, String id, String msTag) {
        h.send(ms, SBC, MS, Harness.inDialog("ACK", MS_CONTACT, SBC_FQDN + ":5067", "z9hG4bKack" + id,
                "sip:+15550001111@" + SBC_FQDN + ";user=phone", "sbc" + id,
                "sip:+4930999888@sip.pstnhub.microsoft.com;user=phone", msTag, id, 1));
    }

    static String msBye(Harness h, long ms, String id, String msTag, String... reason) {
        Msg bye = Harness.inDialog("BYE", SBC_CONTACT, "sip.pstnhub.microsoft.com:5061", "z9hG4bKmbye" + id,
                "sip:+4930999888@sip.pstnhub.microsoft.com;user=phone", msTag,
                "sip:+15550001111@" + SBC_FQDN + ";user=phone", "sbc" + id, id, 2);
        for (String r : reason) {
            bye.h("REASON", r);
        }
        return h.send(ms, MS, SBC, bye);
    }

    // ---- outbound (Microsoft -> SBC) ----

    @Test
    void outboundAnsweredCallNamesTheSbcAndEndsNormally() {
        Harness h = new Harness();
        answerOutbound(h, "o1");
        msAck(h, 3050, "o1", "so1");
        sbcByeOutbound(h, 63_000, "o1", "so1");
        CallRecord c = h.onlyCall();
        assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(c.sbc()).isEqualTo(SBC_FQDN);
        assertThat(c.sbcAddress()).isEqualTo("203.0.113.10");
        assertThat(c.microsoftAddress()).isEqualTo("52.114.16.10");
        assertThat(c.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(c.failureSide()).isNull();
        assertThat(c.answerTime() - c.inviteTime()).isEqualTo(3_000_000_000L);
        assertThat(c.durationMillis()).isEqualTo(60_000);
        assertThat(c.setupDelayMillis()).isEqualTo(500);
        assertThat(c.acked()).isTrue();
        assertThat(c.endedBy()).isEqualTo(Side.SBC);
        assertThat(c.microsoftCode().code()).isEqualTo(560000);
        assertThat(c.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_NORMAL_END);
        assertThat(c.caller()).isEqualTo("+4930123456");
        assertThat(c.callee()).isEqualTo("+15551234567");
        assertThat(c.inviteHadSdp()).isTrue();
        assertThat(c.provisionalCodes()).containsExactly(100, 180);
        assertThat(c.microsoftBanner()).startsWith("Microsoft.PSTNHub.SIPProxy");
        assertThat(c.endState()).isEqualTo("bye");
        assertThat(c.inviteWhere().frame()).isEqualTo(1);
        assertThat(c.finalWhere().frame()).isEqualTo(4);
        // Every message of the call is classified with sides, SBC name and direction.
        for (ClassifiedMessage m : h.messages) {
            assertThat(m.sbc()).isEqualTo(SBC_FQDN);
            assertThat(m.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(m.retransmission()).isFalse();
            assertThat(m.from()).isEqualTo(m.message().src().toString().equals("52.114.16.10") ? Side.MICROSOFT : Side.SBC);
        }
        SbcStats s = h.finished.sbcs().get(0);
        assertThat(s.outbound().averageDurationSeconds()).isEqualTo(60.0);
        assertThat(s.inbound().averageDurationSeconds()).isNull();
        assertThat(s.outbound().attempts()).isEqualTo(1);
        assertThat(s.outbound().answered()).isEqualTo(1);
        assertThat(s.outbound().ner()).isEqualTo(100.0);
        assertThat(s.inbound().ner()).isNull();
    }

    @Test
    void outboundSbcFailureIs560PlusSipCodeOnTheSbcSide() {
        Harness h = new Harness();
        String inv = h.send(0, MS, SBC, Harness.msInvite("o2", "z9hG4bKo2"));
        h.send(40, SBC, MS, Msg.response(inv, 100, "Trying", null));
        h.send(900, SBC, MS, Msg.response(inv, 503, "Service Unavailable", "so2"));
        h.send(920, MS, SBC, Harness.ackOf(inv, "so2"));
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(c.failureSide()).isEqualTo(Side.SBC);
        assertThat(c.finalFrom()).isEqualTo(Side.SBC);
        assertThat(c.finalSipCode()).isEqualTo(503);
        assertThat(c.reportedSipCode()).isEqualTo(503);
        assertThat(c.microsoftCode().code()).isEqualTo(560503);
        assertThat(c.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_SBC_FINAL);
        assertThat(c.microsoftCode().family()).isEqualTo("560");
        assertThat(c.microsoftCode().phrase()).startsWith("Service unavailable. SBC undergoing maintenance");
        var f = h.finished.sbcs().get(0).outbound().failures();
        assertThat(f).hasSize(1);
        assertThat(f.get(0).microsoftCode()).isEqualTo(560503);
        assertThat(f.get(0).side()).isEqualTo(Side.SBC);
        assertThat(f.get(0).count()).isEqualTo(1);
        assertThat(f.get(0).example().frame()).isEqualTo(3);
    }

    @Test
    void outboundUserOutcomesAre560CodesButNotFailures() {
        Harness h = new Harness();
        int[] codes = {486, 480, 603, 404, 487};
        for (int i = 0; i < codes.length; i++) {
            String id = "u" + i;
            String inv = h.send(i * 100_000L, MS, SBC, Harness.msInvite(id, "z9hG4bK" + id));
            h.send(i * 100_000L + 500, SBC, MS, Msg.response(inv, 180, "Ringing", "s" + id));
            h.send(i * 100_000L + 5000, SBC, MS, Msg.response(inv, codes[i], "X", "s" + id));
        }
        h.finish();
        assertThat(h.call("u0").outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(h.call("u0").microsoftCode().code()).isEqualTo(560486);
        assertThat(h.call("u0").failureSide()).isNull();
        assertThat(h.call("u1").outcome()).isEqualTo(CallOutcome.NO_ANSWER);
        assertThat(h.call("u2").outcome()).isEqualTo(CallOutcome.DECLINED);
        assertThat(h.call("u2").microsoftCode().code()).isEqualTo(560603);
        // 404 = unallocated number: a terminal reject, delivered in NER's terms (issue 4)
        assertThat(h.call("u3").outcome()).isEqualTo(CallOutcome.TERMINAL_REJECT);
        assertThat(h.call("u3").microsoftCode().code()).isEqualTo(560404);
        assertThat(h.call("u4").outcome()).isEqualTo(CallOutcome.CALLER_CANCEL);
        var out = h.finished.sbcs().get(0).outbound();
        assertThat(out.attempts()).isEqualTo(5);
        assertThat(out.failed()).isEqualTo(0);
        assertThat(out.userOutcomes()).containsEntry("busy", 1L).containsEntry("no-answer", 1L)
                .containsEntry("declined", 1L).containsEntry("caller-cancel", 1L).containsEntry("terminal-reject", 1L);
        assertThat(out.ner()).isEqualTo(100.0);
        assertThat(h.call("u0").side()).isEqualTo(Side.SBC);
        assertThat(out.failures()).hasSize(5);
        assertThat(out.failures()).filteredOn(g -> Integer.valueOf(560404).equals(g.microsoftCode()))
                .singleElement().matches(FailureGroup::userOutcome);
        assertThat(out.failures()).filteredOn(g -> g.userOutcome()).allMatch(g -> g.side() == Side.SBC);
    }

    @Test
    void pattern500001OnlyTryingWithinFailoverTimerThenMicrosoftCancels() {
        Harness h = new Harness();
        String inv = h.send(0, MS, SBC, Harness.msInvite("p1", "z9hG4bKp1"));
        h.send(50, SBC, MS, Msg.response(inv, 100, "Trying", null));
        String cancel = h.send(10_000, MS, SBC, Harness.cancelOf(inv));
        h.send(10_030, SBC, MS, Msg.response(cancel, 200, "OK", "sp1"));
        h.send(10_040, SBC, MS, Msg.response(inv, 487, "Request Terminated", "sp1"));
        h.send(10_060, MS, SBC, Harness.ackOf(inv, "sp1"));
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(c.failureSide()).isEqualTo(Side.SBC);
        assertThat(c.microsoftCode().code()).isEqualTo(500001);
        assertThat(c.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_500001);
        assertThat(c.finalSipCode()).isEqualTo(487);
        assertThat(c.reportedSipCode()).isEqualTo(408);
        assertThat(c.endedBy()).isEqualTo(Side.MICROSOFT);
        var f = h.finished.sbcs().get(0).outbound().failures().get(0);
        assertThat(f.sipCode()).isEqualTo(408);
        assertThat(f.microsoftCode()).isEqualTo(500001);
    }

    @Test
    void cancelBeforeTheFailoverTimerIsACallerCancel() {
        Harness h = new Harness();
        String inv = h.send(0, MS, SBC, Harness.msInvite("p2", "z9hG4bKp2"));
        h.send(50, SBC, MS, Msg.response(inv, 100, "Trying", null));
        String cancel = h.send(3_000, MS, SBC, Harness.cancelOf(inv));
        h.send(3_030, SBC, MS, Msg.response(cancel, 200, "OK", "sp2"));
        h.send(3_040, SBC, MS, Msg.response(inv, 487, "Request Terminated", "sp2"));
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.CALLER_CANCEL);
        assertThat(c.microsoftCode().code()).isEqualTo(560487);
        assertThat(c.failureSide()).isNull();
    }

    @Test
    void ringingBeforeTheTimerIsNot500001() {
        Harness h = new Harness();
        String inv = h.send(0, MS, SBC, Harness.msInvite("p3", "z9hG4bKp3"));
        h.send(50, SBC, MS, Msg.response(inv, 100, "Trying", null));
        h.send(9_000, SBC, MS, Msg.response(inv, 183, "Session Progress", "sp3").sdp());
        String cancel = h.send(30_000, MS, SBC, Harness.cancelOf(inv));
        h.send(30_030, SBC, MS, Msg.response(cancel, 200, "OK", "sp3"));
        h.send(30_040, SBC, MS, Msg.response(inv, 487, "Request Terminated", "sp3"));
        assertThat(h.onlyCall().outcome()).isEqualTo(CallOutcome.CALLER_CANCEL);
        assertThat(h.onlyCall().microsoftCode().code()).isEqualTo(560487);
    }

    @Test
    void silentSbcIs500001DrivenByEventTimeOnly() {
        AnalyzerConfig cfg = AnalyzerConfig.defaults();
        Harness h = new Harness(cfg);
        h.send(0, MS, SBC, Harness.msInvite("p4", "z9hG4bKp4"));
        h.time(9_999);
        assertThat(h.analysis.correlator().liveCalls()).isEqualTo(1);
        // Nothing more on the wire: the setup timeout (5 min of event time) closes it.
        h.time(300_001);
        assertThat(h.calls).hasSize(1);
        CallRecord c = h.calls.get(0);
        assertThat(c.endState()).isEqualTo("timeout");
        assertThat(c.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(c.microsoftCode().code()).isEqualTo(500001);
        assertThat(c.failureSide()).isEqualTo(Side.SBC);
        assertThat(h.analysis.correlator().liveCalls()).isZero();
        assertThat(h.finish().correlator().callsTimedOut()).isEqualTo(1);
    }

    @Test
    void sbcThatRangButNeverAnsweredIsNoFinalOnTheSbcSideAfterTheSetupTimeout() {
        Harness h = new Harness();
        String inv = h.send(0, MS, SBC, Harness.msInvite("p5", "z9hG4bKp5"));
        h.send(500, SBC, MS, Msg.response(inv, 180, "Ringing", "sp5"));
        h.time(301_000);
        CallRecord c = h.onlyCall();
        assertThat(c.endState()).isEqualTo("timeout");
        assertThat(c.outcome()).isEqualTo(CallOutcome.NO_FINAL);
        assertThat(c.failureSide()).isEqualTo(Side.SBC);
        assertThat(c.microsoftCode().code()).isNull();
        assertThat(h.finished.sbcs().get(0).outbound().failed()).isEqualTo(1);
    }

    @Test
    void callStillRingingWhenTheTraceEndsIsInProgressAndNotAnAttempt() {
        Harness h = new Harness();
        String inv = h.send(0, MS, SBC, Harness.msInvite("p6", "z9hG4bKp6"));
        h.send(500, SBC, MS, Msg.response(inv, 180, "Ringing", "sp6"));
        CallRecord c = h.onlyCall();
        assertThat(c.endState()).isEqualTo("trace-end");
        assertThat(c.outcome()).isEqualTo(CallOutcome.IN_PROGRESS);
        assertThat(c.failureSide()).isNull();
        var out = h.finished.sbcs().get(0).outbound();
        assertThat(out.attempts()).isZero();
        assertThat(out.unfinished()).isEqualTo(1);
        assertThat(out.ner()).isNull();
    }

    @Test
    void sbcFailingOverWithTheSameCallIdAndCseqGivesTwoAttempts() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "fo1");
        h.send(300, MS, SBC, Msg.response(inv, 503, "Service Unavailable", "x1"));
        String again = inv.replace("z9hG4bKifo1", "z9hG4bKifo1-2");
        h.send(400, SBC, Harness.MS2, again);
        h.send(900, Harness.MS2, SBC, Msg.response(again, 200, "OK", "x2").contact(MS_CONTACT));
        h.finish();
        assertThat(h.calls).hasSize(2);
        assertThat(h.calls.get(0).outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(h.calls.get(1).outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(h.calls.get(1).retryAfterFailure()).isEqualTo(503);
        assertThat(h.calls.get(1).microsoftAddress()).isEqualTo("52.114.32.20");
    }

    // ---- inbound (SBC -> Microsoft) ----

    @Test
    void sbcCancelOnInboundIs540487() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "i1");
        h.send(20, MS, SBC, Msg.response(inv, 100, "Trying", null));
        h.send(800, MS, SBC, Msg.response(inv, 180, "Ringing", "mi1"));
        String cancel = h.send(6_000, SBC, MS, Harness.cancelOf(inv));
        h.send(6_020, MS, SBC, Msg.response(cancel, 200, "OK", "mi1"));
        h.send(6_030, MS, SBC, Msg.response(inv, 487, "Request Terminated", "mi1"));
        h.send(6_040, SBC, MS, Harness.ackOf(inv, "mi1"));
        CallRecord c = h.onlyCall();
        assertThat(c.direction()).isEqualTo(Direction.INBOUND);
        assertThat(c.sbc()).isEqualTo(SBC_FQDN);
        assertThat(c.caller()).isEqualTo("+15550001111");
        assertThat(c.callee()).isEqualTo("+4930999888");
        assertThat(c.outcome()).isEqualTo(CallOutcome.CALLER_CANCEL);
        assertThat(c.microsoftCode().code()).isEqualTo(540487);
        assertThat(c.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_SBC_CANCEL);
        assertThat(c.endedBy()).isEqualTo(Side.SBC);
        assertThat(c.endWhere().frame()).isEqualTo(4);
    }

    @Test
    void sbcCancelWithReasonSip200Is540200CompletedElsewhere() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "i2");
        h.send(800, MS, SBC, Msg.response(inv, 180, "Ringing", "mi2"));
        String cancel = h.send(6_000, SBC, MS, Harness.cancelOf(inv).h("Reason", "SIP;cause=200;text=\"Call completed elsewhere\""));
        h.send(6_020, MS, SBC, Msg.response(cancel, 200, "OK", "mi2"));
        h.send(6_030, MS, SBC, Msg.response(inv, 487, "Request Terminated", "mi2"));
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.COMPLETED_ELSEWHERE);
        assertThat(c.microsoftCode().code()).isEqualTo(540200);
        assertThat(c.reasons()).hasSize(1);
        assertThat(c.reasons().get(0).on()).isEqualTo("CANCEL");
        assertThat(c.reasons().get(0).cause()).isEqualTo(200);
        assertThat(h.finished.sbcs().get(0).inbound().ner()).isEqualTo(100.0);
    }

    @Test
    void microsoftFailureOnInboundMatchesTheReasonPhraseAndSplitsTheGuid() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "i3");
        h.send(20, MS, SBC, Msg.response(inv, 100, "Trying", null));
        h.send(700, MS, SBC, Msg.response(inv, 403, "Forbidden", "mi3")
                .h("REASON", "Q.850 ;cause=63 ;text=\"9810e5a9-1c2d-4e5f-8a9b-0c1d2e3f4a5b;Current call site state prevents fork to this entity.\"")
                .h("SERVER", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.EUNO.4"));
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(c.failureSide()).isEqualTo(Side.MICROSOFT);
        assertThat(c.finalFrom()).isEqualTo(Side.MICROSOFT);
        assertThat(c.microsoftCode().code()).isEqualTo(10500);
        assertThat(c.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_PHRASE);
        assertThat(c.microsoftCode().sipCode()).isEqualTo(403);
        assertThat(c.reasons()).hasSize(1);
        assertThat(c.reasons().get(0).guid()).isEqualTo("9810e5a9-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(c.reasons().get(0).phrase()).isEqualTo("Current call site state prevents fork to this entity.");
        assertThat(c.reasons().get(0).protocol()).isEqualTo("Q.850");
        assertThat(c.reasons().get(0).cause()).isEqualTo(63);
        assertThat(c.reasons().get(0).from()).isEqualTo(Side.MICROSOFT);
        assertThat(c.microsoftBanner()).contains("i.EUNO.4");
    }

    @Test
    void microsoftFailureWithoutKnownPhraseIsUnknownOnMicrosoftSide() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "i4");
        h.send(700, MS, SBC, Msg.response(inv, 500, "Server Internal Error", "mi4")
                .h("Reason", "Q.850;cause=41;text=\"a1b2c3d4-0000-1111-2222-333344445555;Something we never documented\""));
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(c.failureSide()).isEqualTo(Side.MICROSOFT);
        assertThat(c.microsoftCode().code()).isNull();
        assertThat(c.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_UNKNOWN);
        assertThat(c.microsoftCode().family()).isEqualTo("microsoft-unknown");
        assertThat(c.microsoftCode().phrase()).isEqualTo("Something we never documented");
    }

    @Test
    void microsoftRejectingTheSbcsRequestBlamesTheSbc() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "i5");
        h.send(100, MS, SBC, Msg.response(inv, 400, "Bad Request", "mi5"));
        String inv2 = inboundInvite(h, 60_000, "i6");
        h.send(60_100, MS, SBC, Msg.response(inv2, 504, "Server Time-out", "mi6")
                .h("Reason", "Q.850;cause=102;text=\"0a0b0c0d-1111;Unable to deliver INVITE: something not in the catalog\""));
        h.finish();
        CallRecord c = h.call("i5");
        assertThat(c.microsoftCode().code()).isEqualTo(540400);
        assertThat(c.failureSide()).isEqualTo(Side.SBC);
        CallRecord d = h.call("i6");
        assertThat(d.microsoftCode().code()).isNull();
        assertThat(d.microsoftCode().family()).isEqualTo("569");
        assertThat(d.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_FAMILY);
        assertThat(d.failureSide()).isEqualTo(Side.SBC);
    }

    @Test
    void inboundBusyIsAUserOutcome() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "i7");
        h.send(900, MS, SBC, Msg.response(inv, 486, "Busy Here", "mi7")
                .h("REASON", "Q.850;cause=34;text=\"4656976f-aaaa-bbbb-cccc-ddddeeeeffff;User is busy and currently active on another call.\""));
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(c.failureSide()).isNull();
        assertThat(c.side()).isEqualTo(Side.MICROSOFT);
        assertThat(h.finished.sbcs().get(0).inbound().ner()).isEqualTo(100.0);
        var g = h.finished.sbcs().get(0).inbound().failures().get(0);
        assertThat(g.userOutcome()).isTrue();
        assertThat(g.sipCode()).isEqualTo(486);
        assertThat(g.side()).isEqualTo(Side.MICROSOFT);
    }

    @Test
    void pattern1106MicrosoftByeBeforeAnyAck() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "a1");
        h.send(20, MS, SBC, Msg.response(inv, 100, "Trying", null));
        h.send(2_000, MS, SBC, Msg.response(inv, 200, "OK", "ma1").contact(MS_CONTACT).sdp());
        String bye = msBye(h, 6_000, "a1", "ma1",
                "Q.850;cause=102;text=\"11112222-3333;An acknowledgement was not received for the call acceptance in the allotted time\"");
        h.send(6_020, SBC, MS, Msg.response(bye, 200, "OK", null));
        CallRecord c = h.onlyCall();
        assertThat(c.answerTime()).isPositive();
        assertThat(c.acked()).isFalse();
        assertThat(c.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(c.failureSide()).isEqualTo(Side.SBC);
        assertThat(c.microsoftCode().code()).isEqualTo(1106);
        assertThat(c.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_1106);
        assertThat(c.reportedSipCode()).isEqualTo(408);
        assertThat(c.endedBy()).isEqualTo(Side.MICROSOFT);
        assertThat(h.finished.sbcs().get(0).inbound().ner()).isEqualTo(0.0);
    }

    @Test
    void pattern1106ByAckTimerOnEventTime() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "a2");
        h.send(2_000, MS, SBC, Msg.response(inv, 200, "OK", "ma2").contact(MS_CONTACT).sdp());
        h.time(33_999);
        assertThat(h.calls).isEmpty();
        h.time(34_000);
        assertThat(h.calls).hasSize(1);
        CallRecord c = h.calls.get(0);
        assertThat(c.endState()).isEqualTo("ack-timeout");
        assertThat(c.microsoftCode().code()).isEqualTo(1106);
        assertThat(c.endTime()).isEqualTo(Harness.nanos(34_000));
    }

    @Test
    void ackedInboundCallEndedByMicrosoftIsAnswered() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "a3");
        h.send(2_000, MS, SBC, Msg.response(inv, 200, "OK", "ma3").contact(MS_CONTACT).sdp());
        sbcAck(h, 2_050, "a3", "ma3");
        h.time(40_000);
        msBye(h, 120_000, "a3", "ma3");
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(c.acked()).isTrue();
        assertThat(c.endedBy()).isEqualTo(Side.MICROSOFT);
        assertThat(c.microsoftCode().code()).isNull();
        assertThat(c.durationMillis()).isEqualTo(118_000);
    }

    @Test
    void microsoftByeWithMediaPhraseKeepsAnsweredButCarriesTheCode() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "a4");
        h.send(2_000, MS, SBC, Msg.response(inv, 200, "OK", "ma4").contact(MS_CONTACT).sdp());
        sbcAck(h, 2_050, "a4", "ma4");
        msBye(h, 17_000, "a4", "ma4", "Q.850;cause=16;text=\"ffff0000-1111;MediaConnectivityFailure\"");
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(c.microsoftCode().code()).isEqualTo(531005);
        assertThat(c.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_PHRASE);
    }

    // ---- transactions ----

    @Test
    void retransmissionsAreCountedButNotDoubleCounted() {
        Harness h = new Harness();
        String inv = Harness.msInvite("r1", "z9hG4bKr1").build();
        h.send(0, MS, SBC, inv);
        h.send(500, MS, SBC, inv);
        h.send(1_500, MS, SBC, inv);
        String ok = Msg.response(inv, 200, "OK", "sr1").contact(SBC_CONTACT).sdp().build();
        h.send(2_000, SBC, MS, ok);
        h.send(2_500, SBC, MS, ok);
        msAck(h, 2_600, "r1", "sr1");
        sbcByeOutbound(h, 10_000, "r1", "sr1");
        AnalysisResult r = h.finish();
        assertThat(h.calls).hasSize(1);
        assertThat(r.sipMessages()).isEqualTo(8);
        assertThat(r.requests()).containsEntry("INVITE", 3L).containsEntry("ACK", 1L).containsEntry("BYE", 1L);
        assertThat(r.responses()).containsEntry(200, 3L);
        assertThat(r.retransmissions()).isEqualTo(3);
        assertThat(h.calls.get(0).retransmissions()).isEqualTo(3);
        assertThat(h.messages).filteredOn(ClassifiedMessage::retransmission).hasSize(3);
        assertThat(r.sbcs().get(0).outbound().attempts()).isEqualTo(1);
        assertThat(r.correlator().transactions()).isEqualTo(3);
    }

    @Test
    void branchlessSendersFallBackToCallIdCseqAndFromTag() {
        Harness h = new Harness();
        String a = "10.0.0.1:5060";
        String b = "10.0.0.2:5060";
        String inv = Msg.request("INVITE", "sip:bob@10.0.0.2").via("10.0.0.1:5060", null)
                .from("sip:alice@10.0.0.1", "fa").to("sip:bob@10.0.0.2", null).callId("old-1").cseq(7, "INVITE")
                .contact("sip:alice@10.0.0.1").build();
        h.send(0, a, b, inv);
        h.send(500, a, b, inv);
        String ringing = Msg.response(inv, 180, "Ringing", "tb").build();
        h.send(600, b, a, ringing);
        h.send(700, b, a, ringing);
        h.send(5_000, b, a, Msg.response(inv, 486, "Busy Here", "tb"));
        AnalysisResult r = h.finish();
        assertThat(r.retransmissions()).isEqualTo(2);
        CallRecord c = h.onlyCall();
        assertThat(c.directRouting()).isFalse();
        assertThat(c.outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(c.sbc()).isNull();
        assertThat(c.direction()).isEqualTo(Direction.UNKNOWN);
        assertThat(c.failureSide()).isNull();
        assertThat(c.microsoftCode().derivation()).isEqualTo(MicrosoftCode.DERIVED_NONE);
        assertThat(r.nonDirectRouting().attempts()).isEqualTo(1);
        assertThat(r.nonDirectRouting().userOutcomes()).containsEntry("busy", 1L);
        assertThat(r.sbcs()).isEmpty();
        assertThat(r.directRoutingCalls()).isZero();
        assertThat(r.calls()).isEqualTo(1);
    }

    @Test
    void forkedProvisionalsWithDifferentToTagsAreNotRetransmissions() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "f1");
        h.send(100, MS, SBC, Msg.response(inv, 180, "Ringing", "fork-a"));
        h.send(200, MS, SBC, Msg.response(inv, 180, "Ringing", "fork-b"));
        h.send(300, MS, SBC, Msg.response(inv, 183, "Session Progress", "fork-c").sdp());
        h.send(400, MS, SBC, Msg.response(inv, 180, "Ringing", "fork-a"));
        h.send(4_000, MS, SBC, Msg.response(inv, 200, "OK", "fork-b").contact(MS_CONTACT).sdp());
        sbcAck(h, 4_050, "f1", "fork-b");
        AnalysisResult r = h.finish();
        assertThat(r.retransmissions()).isEqualTo(1); // the second 180 from fork-a
        CallRecord c = h.onlyCall();
        assertThat(c.earlyDialogs()).isEqualTo(3);
        assertThat(c.provisionalCodes()).containsExactly(180, 183);
        assertThat(c.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(c.endState()).isEqualTo("trace-end");
    }

    @Test
    void authChallengeStaysOneCall() {
        Harness h = new Harness();
        String a = "10.0.0.1:5060";
        String b = "10.0.0.2:5060";
        String inv = Msg.request("INVITE", "sip:bob@10.0.0.2").via("10.0.0.1:5060", "z9hG4bKau1")
                .from("sip:alice@10.0.0.1", "fa").to("sip:bob@10.0.0.2", null).callId("auth-1").cseq(1, "INVITE").build();
        h.send(0, a, b, inv);
        h.send(10, b, a, Msg.response(inv, 407, "Proxy Authentication Required", "t1"));
        String inv2 = inv.replace("z9hG4bKau1", "z9hG4bKau2").replace("CSeq: 1 INVITE", "CSeq: 2 INVITE");
        h.send(40_000, a, b, inv2); // the user took 40 s to type the password
        h.send(42_000, b, a, Msg.response(inv2, 200, "OK", "t2"));
        CallRecord c = h.onlyCall();
        assertThat(c.authChallenges()).isEqualTo(1);
        assertThat(c.outcome()).isEqualTo(CallOutcome.ANSWERED);

        // A challenge never answered closes the call with the challenge as its final answer.
        Harness g = new Harness();
        String lone = inv.replace("auth-1", "auth-2");
        g.send(0, a, b, lone);
        g.send(10, b, a, Msg.response(lone, 401, "Unauthorized", "t1"));
        g.time(300_009);
        assertThat(g.calls).isEmpty();
        g.time(300_010);
        assertThat(g.calls).hasSize(1);
        assertThat(g.calls.get(0).finalSipCode()).isEqualTo(401);
        assertThat(g.calls.get(0).outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(g.calls.get(0).endState()).isEqualTo("final");
    }

    @Test
    void sbcRetryAfterMicrosoftDeclineIsFlagged() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "d1");
        h.send(500, MS, SBC, Msg.response(inv, 603, "Decline", "md1"));
        String again = inboundInvite(h, 2_000, "d2");
        h.send(2_500, MS, SBC, Msg.response(again, 603, "Decline", "md2"));
        String later = inboundInvite(h, 100_000, "d3");
        h.send(100_500, MS, SBC, Msg.response(later, 200, "OK", "md3"));
        h.finish();
        assertThat(h.call("d1").retryAfterFailure()).isZero();
        assertThat(h.call("d1").outcome()).isEqualTo(CallOutcome.DECLINED);
        assertThat(h.call("d2").retryAfterFailure()).isEqualTo(603);
        assertThat(h.call("d3").retryAfterFailure()).isZero();
    }

    @Test
    void newInitialInviteInTheSameCallIdAfterAFailureIsANewAttempt() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "s1");
        h.send(500, MS, SBC, Msg.response(inv, 503, "Service Unavailable", "ms1"));
        String inv2 = inv.replace("z9hG4bKis1", "z9hG4bKis1b").replace("CSeq: 1 INVITE", "CSeq: 2 INVITE");
        h.send(1_000, SBC, MS, inv2);
        h.send(1_500, MS, SBC, Msg.response(inv2, 503, "Service Unavailable", "ms2"));
        h.finish();
        assertThat(h.calls).hasSize(2);
        assertThat(h.calls.get(1).retryAfterFailure()).isEqualTo(503);
    }

    @Test
    void listenersSeeTheMessageBeforeTheCallItCloses() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "l1");
        h.send(500, MS, SBC, Msg.response(inv, 480, "Temporarily Unavailable", "ml1"));
        h.finish();
        assertThat(h.events).containsExactly("msg INVITE", "msg 480", "call l1");
        assertThat(h.finished).isNotNull();
    }

    @Test
    void inDialogRequestsOfUnknownCallsAreOrphans() {
        Harness h = new Harness();
        msBye(h, 0, "zz", "mzz");
        AnalysisResult r = h.finish();
        assertThat(r.correlator().orphanMessages()).isEqualTo(1);
        assertThat(r.calls()).isZero();
        assertThat(r.requests()).containsEntry("BYE", 1L);
    }

    @Test
    void catalogNerColumnDecidesBetweenFailureAndUserOutcome() {
        java.util.function.Function<String, dev.drsip.sip.dr.MsCodeEntry> entry = ner -> new dev.drsip.sip.dr.MsCodeEntry(
                560404, java.util.List.of(404), java.util.List.of("Phone number not found"), Side.SBC, "SBC", "560",
                ner == null ? java.util.Map.of() : java.util.Map.of("ner", ner));
        assertThat(CallRecordBuilder.outcomeFor(entry.apply("failure"), 404, false)).isEqualTo(CallOutcome.FAILED);
        assertThat(CallRecordBuilder.outcomeFor(entry.apply("user"), 404, false)).isEqualTo(CallOutcome.TERMINAL_REJECT);
        assertThat(CallRecordBuilder.outcomeFor(entry.apply("user"), 486, false)).isEqualTo(CallOutcome.BUSY);
        assertThat(CallRecordBuilder.outcomeFor(entry.apply(null), 404, false)).isEqualTo(CallOutcome.FAILED);
        assertThat(CallRecordBuilder.outcomeFor(null, 603, false)).isEqualTo(CallOutcome.DECLINED);
        assertThat(CallRecordBuilder.outcomeFor(entry.apply("failure"), 480, false)).isEqualTo(CallOutcome.FAILED);
        assertThat(CallRecordBuilder.byCode(487, true)).isEqualTo(CallOutcome.COMPLETED_ELSEWHERE);
        assertThat(CallRecordBuilder.byCode(604, false)).isEqualTo(CallOutcome.TERMINAL_REJECT);
        assertThat(CallRecordBuilder.byCode(600, false)).isEqualTo(CallOutcome.BUSY);
    }

    @Test
    void reInvitesFromEitherSideAreCountedEvenWithTheSameCseqNumber() {
        Harness h = new Harness();
        String inv = inboundInvite(h, 0, "re1");
        h.send(2_000, MS, SBC, Msg.response(inv, 200, "OK", "mre1").contact(MS_CONTACT).sdp());
        sbcAck(h, 2_050, "re1", "mre1");
        // Microsoft's own re-INVITE: its CSeq space also starts at 1.
        String reinv = h.send(10_000, MS, SBC, Harness.inDialog("INVITE", SBC_CONTACT, "sip.pstnhub.microsoft.com:5061",
                "z9hG4bKre1", "sip:+4930999888@sip.pstnhub.microsoft.com;user=phone", "mre1",
                "sip:+15550001111@" + SBC_FQDN + ";user=phone", "sbcre1", "re1", 1).sdp());
        h.send(10_050, SBC, MS, Msg.response(reinv, 488, "Not Acceptable Here", null));
        msBye(h, 60_000, "re1", "mre1");
        CallRecord c = h.onlyCall();
        assertThat(c.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(c.reInvites()).isEqualTo(1);
        assertThat(c.reInviteFailures()).isEqualTo(1);
        assertThat(c.acked()).isTrue();
        assertThat(c.finalSipCode()).isEqualTo(200);
    }
}
