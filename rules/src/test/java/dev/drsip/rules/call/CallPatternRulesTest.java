package dev.drsip.rules.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.rules.Finding;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Sim;
import dev.drsip.rules.SipText;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallPatternRulesTest {
    private static final String RURI = "sip:+14255550100@" + Sim.MS_FQDN + ":5061;transport=tls";
    private static final String FROM = "sip:+12065550111@" + Sim.SBC_FQDN;
    private static final String MS_CONTACT = "sip:api-du-b-uswe2.pstnhub.microsoft.com:443;x-i=abc";

    private static String cancelOf(String inv) {
        StringBuilder b = new StringBuilder();
        String[] lines = inv.split("\r\n");
        String ruri = lines[0].split(" ")[1];
        b.append("CANCEL ").append(ruri).append(" SIP/2.0\r\n");
        for (String l : lines) {
            String lo = l.toLowerCase(java.util.Locale.ROOT);
            if (lo.startsWith("via:") || lo.startsWith("from:") || lo.startsWith("to:") || lo.startsWith("call-id:")) {
                b.append(l).append("\r\n");
            }
            if (lo.startsWith("cseq:")) {
                b.append(l.replace("INVITE", "CANCEL")).append("\r\n");
            }
        }
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString();
    }

    private static SipText reInvite(String callId, String toTag, String sdp) {
        return SipText.request("INVITE", MS_CONTACT)
                .dialog(Sim.SBC_FQDN + ":5067", "re" + callId.hashCode(), FROM, RURI, toTag, callId, 2, "INVITE")
                .contact(Sim.SBC_CONTACT).sdp(sdp);
    }

    // --- slow-sbc ---------------------------------------------------------------------------

    @Test
    void slowSbcWhenOnlyTryingWithinTheFailoverTimer() {
        Sim sim = new Sim();
        String inv = sim.microsoftInvite(0, "slow@test");
        sim.send(0.05, Sim.SBC, Sim.MS, SipText.response(inv, 100, "Trying", null));
        String cancel = sim.send(10, Sim.MS, Sim.SBC, cancelOf(inv));
        sim.send(10.03, Sim.SBC, Sim.MS, SipText.response(cancel, 200, "OK", "s1"));
        sim.send(10.04, Sim.SBC, Sim.MS, SipText.response(inv, 487, "Request Terminated", "s1"));
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.SLOW_SBC);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).count()).isEqualTo(1);
        assertThat(f.get(0).evidence().get(0).callId()).isEqualTo("slow@test");
        assertThat(f.get(0).evidence().get(0).where().frame()).isEqualTo(1);
        assertThat(f.get(0).summary()).contains("500001");
    }

    @Test
    void ringingSbcIsNotSlow() {
        Sim sim = new Sim();
        String inv = sim.microsoftInvite(0, "ring@test");
        sim.send(0.05, Sim.SBC, Sim.MS, SipText.response(inv, 100, "Trying", null));
        sim.send(2, Sim.SBC, Sim.MS, SipText.response(inv, 180, "Ringing", "r1"));
        String cancel = sim.send(20, Sim.MS, Sim.SBC, cancelOf(inv));
        sim.send(20.03, Sim.SBC, Sim.MS, SipText.response(cancel, 200, "OK", "r1"));
        sim.send(20.04, Sim.SBC, Sim.MS, SipText.response(inv, 487, "Request Terminated", "r1"));
        sim.finish();
        assertThat(sim.findings(RuleIds.SLOW_SBC)).isEmpty();
    }

    // --- no-ack -----------------------------------------------------------------------------

    @Test
    void noAckWhenMicrosoftsOkIsNeverAcked() {
        Sim sim = new Sim();
        String inv = sim.goodSbcInvite(0, "noack@test");
        sim.send(2, Sim.MS, Sim.SBC, SipText.response(inv, 200, "OK", "m1").contact(MS_CONTACT).sdp());
        sim.time(40);
        List<Finding> f = sim.findings(RuleIds.NO_ACK);
        assertThat(f).hasSize(1); // raised live, on event time, before the end
        assertThat(f.get(0).evidence().get(0).callId()).isEqualTo("noack@test");
    }

    @Test
    void ackedCallIsFine() {
        Sim sim = new Sim();
        String inv = sim.goodSbcInvite(0, "ack@test");
        sim.send(2, Sim.MS, Sim.SBC, SipText.response(inv, 200, "OK", "m2").contact(MS_CONTACT).sdp());
        sim.send(2.1, Sim.SBC, Sim.MS, SipText.request("ACK", MS_CONTACT)
                .dialog(Sim.SBC_FQDN + ":5067", "ack2", FROM, RURI, "m2", "ack@test", 1, "ACK"));
        sim.time(40);
        sim.finish();
        assertThat(sim.findings(RuleIds.NO_ACK)).isEmpty();
    }

    // --- retry-after-603 --------------------------------------------------------------------

    @Test
    void sbcRetryAfterDecline() {
        Sim sim = new Sim();
        String inv = sim.goodSbcInvite(0, "d1@test");
        sim.send(0.5, Sim.MS, Sim.SBC, SipText.response(inv, 603, "Decline", "md1"));
        String again = sim.goodSbcInvite(2, "d2@test");
        sim.send(2.5, Sim.MS, Sim.SBC, SipText.response(again, 603, "Decline", "md2"));
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.RETRY_AFTER_603);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).evidence().get(0).callId()).isEqualTo("d2@test");
    }

    @Test
    void newCallLongAfterDeclineOrRetryAfterBusyIsFine() {
        Sim sim = new Sim();
        String inv = sim.goodSbcInvite(0, "e1@test");
        sim.send(0.5, Sim.MS, Sim.SBC, SipText.response(inv, 603, "Decline", "me1"));
        String later = sim.goodSbcInvite(100, "e2@test");
        sim.send(100.5, Sim.MS, Sim.SBC, SipText.response(later, 486, "Busy Here", "me2"));
        String again = sim.goodSbcInvite(102, "e3@test");
        sim.send(102.5, Sim.MS, Sim.SBC, SipText.response(again, 486, "Busy Here", "me3"));
        sim.finish();
        assertThat(sim.findings(RuleIds.RETRY_AFTER_603)).isEmpty();
    }

    // --- replaces-from-sbc ------------------------------------------------------------------

    @Test
    void replacesInSbcInviteAndRefer() {
        Sim sim = new Sim();
        sim.send(0, Sim.SBC, Sim.MS, sim.sbcInvite("rep@test", RURI, FROM, Sim.SBC_CONTACT)
                .h("Replaces", "abc@pbx;to-tag=1;from-tag=2").sdp());
        sim.send(1, Sim.SBC, Sim.MS, SipText.request("REFER", MS_CONTACT)
                .dialog(Sim.SBC_FQDN + ":5067", "ref1", FROM, RURI, "mt", "other@test", 3, "REFER")
                .h("Refer-To", "<sip:+1425@sbc1.contoso.com?Replaces=xyz%3Bto-tag%3D1%3Bfrom-tag%3D2>"));
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.REPLACES_FROM_SBC);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).count()).isEqualTo(2);
        assertThat(f.get(0).evidence()).extracting(e -> e.value())
                .containsExactly("INVITE Replaces: abc@pbx;to-tag=1;from-tag=2",
                        "REFER Refer-To: <sip:+1425@sbc1.contoso.com?Replaces=xyz%3Bto-tag%3D1%3Bfrom-tag%3D2>");
    }

    @Test
    void replacesFromMicrosoftOrPlainReferIsFine() {
        Sim sim = new Sim();
        sim.send(0, Sim.MS, Sim.SBC, SipText.request("INVITE", "sip:+1206@" + Sim.SBC_FQDN)
                .dialog(Sim.MS_FQDN, "x1", "sip:+1425@" + Sim.MS_FQDN, "sip:+1206@" + Sim.SBC_FQDN, null, "x@test", 1, "INVITE")
                .h("Replaces", "abc@pbx;to-tag=1;from-tag=2").contact(MS_CONTACT).sdp());
        sim.send(1, Sim.SBC, Sim.MS, SipText.request("REFER", MS_CONTACT)
                .dialog(Sim.SBC_FQDN + ":5067", "ref2", FROM, RURI, "mt", "other2@test", 3, "REFER")
                .h("Refer-To", "<sip:+14255550199@sbc1.contoso.com>"));
        sim.finish();
        assertThat(sim.findings(RuleIds.REPLACES_FROM_SBC)).isEmpty();
    }

    // --- delayed-offer ----------------------------------------------------------------------

    @Test
    void sbcInviteWithoutSdp() {
        Sim sim = new Sim();
        sim.send(0, Sim.SBC, Sim.MS, sim.sbcInvite("do@test", RURI, FROM, Sim.SBC_CONTACT));
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.DELAYED_OFFER);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).evidence().get(0).callId()).isEqualTo("do@test");
    }

    @Test
    void sbcInviteWithSdpAndMicrosoftReInviteWithoutSdpAreFine() {
        Sim sim = new Sim();
        sim.goodSbcInvite(0, "eo@test");
        // Microsoft may send an offerless re-INVITE: not the SBC's delayed offer.
        sim.send(5, Sim.MS, Sim.SBC, SipText.request("INVITE", Sim.SBC_CONTACT)
                .dialog(Sim.MS_FQDN, "mre", "sip:+1425@" + Sim.MS_FQDN, FROM, "sbt", "eo@test", 5, "INVITE")
                .contact(MS_CONTACT));
        sim.finish();
        assertThat(sim.findings(RuleIds.DELAYED_OFFER)).isEmpty();
    }

    // --- sdp-null-connection / hold-sendonly -------------------------------------------------

    @Test
    void nullConnectionAndSendonlyHoldInSbcReInvite() {
        Sim sim = new Sim();
        sim.goodSbcInvite(0, "h@test");
        sim.send(5, Sim.SBC, Sim.MS, reInvite("h@test", "mh", SipText.SDP
                .replace("c=IN IP4 203.0.113.10", "c=IN IP4 0.0.0.0").replace("a=sendrecv", "a=sendonly")));
        sim.finish();
        assertThat(sim.findings(RuleIds.SDP_NULL_CONNECTION)).hasSize(1);
        assertThat(sim.findings(RuleIds.HOLD_SENDONLY)).hasSize(1);
        assertThat(sim.findings(RuleIds.HOLD_SENDONLY).get(0).evidence().get(0).value()).isEqualTo("INVITE SDP a=sendonly");
        assertThat(sim.findings(RuleIds.SDP_NULL_CONNECTION).get(0).evidence().get(0).where().frame()).isEqualTo(2);
    }

    @Test
    void inactiveHoldAndRecvonlyAnswerToMicrosoftsHoldAreFine() {
        Sim sim = new Sim();
        sim.goodSbcInvite(0, "i@test");
        sim.send(5, Sim.SBC, Sim.MS, reInvite("i@test", "mi", SipText.SDP.replace("a=sendrecv", "a=inactive")));
        String msHold = sim.send(9, Sim.MS, Sim.SBC, SipText.request("INVITE", Sim.SBC_CONTACT)
                .dialog(Sim.MS_FQDN, "mh2", "sip:+1425@" + Sim.MS_FQDN, FROM, "sbt", "i2@test", 5, "INVITE")
                .contact(MS_CONTACT).sdp(SipText.SDP.replace("a=sendrecv", "a=sendonly")));
        sim.send(9.1, Sim.SBC, Sim.MS, SipText.response(msHold, 200, "OK", null).contact(Sim.SBC_CONTACT)
                .sdp(SipText.SDP.replace("a=sendrecv", "a=recvonly")));
        sim.finish();
        assertThat(sim.findings(RuleIds.HOLD_SENDONLY)).isEmpty();
        assertThat(sim.findings(RuleIds.SDP_NULL_CONNECTION)).isEmpty();
    }

    // --- number-not-e164 --------------------------------------------------------------------

    @Test
    void numbersWithoutPlus() {
        Sim sim = new Sim();
        sim.send(0, Sim.SBC, Sim.MS, sim.sbcInvite("n1@test", "sip:14255550100@" + Sim.MS_FQDN, FROM, Sim.SBC_CONTACT).sdp());
        sim.send(1, Sim.SBC, Sim.MS, sim.sbcInvite("n2@test", RURI, "sip:2065550111@" + Sim.SBC_FQDN, Sim.SBC_CONTACT).sdp());
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.NUMBER_NOT_E164);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).count()).isEqualTo(2);
        assertThat(f.get(0).evidence()).extracting(e -> e.value()).containsExactly(
                "INVITE Request-URI sip:14255550100@" + Sim.MS_FQDN,
                "INVITE From <sip:2065550111@" + Sim.SBC_FQDN + ">;tag=f" + Integer.toHexString("n2@test".hashCode()));
    }

    @Test
    void e164AnonymousAndMicrosoftNumbersAreFine() {
        Sim sim = new Sim();
        sim.goodSbcInvite(0, "ok1@test");
        sim.send(1, Sim.SBC, Sim.MS, sim.sbcInvite("ok2@test", "sip:+14255550100;npdi@" + Sim.MS_FQDN,
                "sip:anonymous@anonymous.invalid", Sim.SBC_CONTACT).sdp());
        sim.send(2, Sim.MS, Sim.SBC, SipText.request("INVITE", "sip:4255550100@" + Sim.SBC_FQDN)
                .dialog(Sim.MS_FQDN, "m3", "sip:1206@" + Sim.MS_FQDN, "sip:4255550100@" + Sim.SBC_FQDN, null, "ok3@test", 1, "INVITE")
                .contact(MS_CONTACT).sdp());
        sim.finish();
        assertThat(sim.findings(RuleIds.NUMBER_NOT_E164)).isEmpty();
        assertThat(NumberNotE164Rule.numberWithoutPlus("0049-89-1234")).isTrue();
        assertThat(NumberNotE164Rule.numberWithoutPlus("+4989")).isFalse();
        assertThat(NumberNotE164Rule.numberWithoutPlus("alice")).isFalse();
        assertThat(NumberNotE164Rule.numberWithoutPlus(null)).isFalse();
    }
}
