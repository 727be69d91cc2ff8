package dev.drsip.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SIP rule on a trace file made by the project: the traffic of the rule tests, written as a
 * pcap (Ethernet/IPv4/TCP, by test-traces' TraceAssembler and PcapWriter) and read back by capture
 * like a user's trace, gives the same findings as when fed directly to the analyzer.
 */
class PcapReplayRulesTest {
    private static final String RURI = "sip:+14255550100@" + Sim.MS_FQDN + ":5061;transport=tls";
    private static final String FROM = "sip:+12065550111@" + Sim.SBC_FQDN;
    private static final String MS_CONTACT = "sip:api-du-b-uswe2.pstnhub.microsoft.com:443;x-i=abc";

    @TempDir
    Path dir;

    /** rule id -> total count. */
    static Map<String, Long> summary(List<Finding> findings) {
        Map<String, Long> m = new TreeMap<>();
        for (Finding f : findings) {
            m.merge(f.ruleId(), f.count(), Long::sum);
        }
        return m;
    }

    /** Traffic that breaks every SIP rule once or more (SBC 203.0.113.10 = sbc1.contoso.com). */
    static Sim misbehaving(RulesConfig cfg) {
        Sim sim = new Sim(cfg);
        for (int i = 0; i < 3; i++) { // OPTIONS rejected, then a 400 s gap
            String req = sim.sbcOptions(i * 60);
            sim.send(i * 60 + 0.05, Sim.MS, Sim.SBC, SipText.response(req, 403, "Forbidden", "r" + i)
                    .h("REASON", "Q.850;cause=21;text=\"abc;No trunk config was found\""));
        }
        sim.microsoftOptions(30); // never answered
        sim.send(200, Sim.SBC, Sim.MS, sim.sbcInvite("ip@test", "sip:14255550100@52.114.16.10:5061", FROM,
                "sip:+12065550111@203.0.113.10:5067").h("Record-Route", "<sip:edge.contoso.com;lr>"));
        sim.send(201, Sim.SBC, Sim.MS, sim.sbcInvite("rr@test", RURI, FROM, Sim.SBC_CONTACT)
                .h("Record-Route", "<sip:203.0.113.10:5067;lr>").h("Replaces", "x@pbx;to-tag=1;from-tag=2").sdp());
        String inv = sim.goodSbcInvite(210, "d1@test"); // declined, then retried
        sim.send(210.5, Sim.MS, Sim.SBC, SipText.response(inv, 603, "Decline", "md1"));
        String again = sim.goodSbcInvite(212, "d2@test");
        sim.send(212.5, Sim.MS, Sim.SBC, SipText.response(again, 603, "Decline", "md2"));
        String noAck = sim.goodSbcInvite(220, "na@test"); // answered, never ACKed
        sim.send(221, Sim.MS, Sim.SBC, SipText.response(noAck, 200, "OK", "mna").contact(MS_CONTACT).sdp());
        sim.send(230, Sim.SBC, Sim.MS, SipText.request("INVITE", MS_CONTACT) // hold with c=0.0.0.0 and sendonly
                .dialog(Sim.SBC_FQDN + ":5067", "hold1", FROM, RURI, "mna", "na@test", 2, "INVITE")
                .contact(Sim.SBC_CONTACT).sdp(SipText.SDP.replace("c=IN IP4 203.0.113.10", "c=IN IP4 0.0.0.0")
                        .replace("a=sendrecv", "a=sendonly")));
        String slow = sim.microsoftInvite(300, "slow@test"); // only 100 Trying for 10 s
        sim.send(300.05, Sim.SBC, Sim.MS, SipText.response(slow, 100, "Trying", null));
        sim.send(310, Sim.MS, Sim.SBC, SipText.request("CANCEL", "sip:+12065550111@" + Sim.SBC_FQDN + ":5067;transport=tls")
                .dialog(Sim.MS_FQDN + ":5061", "slow-test", "sip:+14255550100@" + Sim.MS_FQDN,
                        "sip:+12065550111@" + Sim.SBC_FQDN, null, "slow@test", 1, "CANCEL"));
        sim.send(310.04, Sim.SBC, Sim.MS, SipText.response(slow, 487, "Request Terminated", "s1"));
        sim.sbcOptionsAnswered(600, 200); // closes the gap (420 s)
        return sim;
    }

    @Test
    void misbehavingTrafficGivesTheSameFindingsFromAPcap() throws Exception {
        RulesConfig cfg = RulesConfig.defaults().withSbcFqdns(List.of("sbc2.contoso.com"));
        Sim sim = misbehaving(cfg);
        Map<String, Long> direct = summary(sim.finish());
        assertThat(direct.keySet()).containsExactlyInAnyOrder(RuleIds.CONTACT_NOT_FQDN, RuleIds.CONTACT_FQDN_UNKNOWN,
                RuleIds.RECORD_ROUTE_NOT_FQDN, RuleIds.RECORD_ROUTE_CONTACT_MISMATCH, RuleIds.OPTIONS_TO_IP,
                RuleIds.OPTIONS_GAP, RuleIds.OPTIONS_REJECTED, RuleIds.OPTIONS_UNANSWERED, RuleIds.SLOW_SBC,
                RuleIds.NO_ACK, RuleIds.RETRY_AFTER_603, RuleIds.REPLACES_FROM_SBC, RuleIds.DELAYED_OFFER,
                RuleIds.SDP_NULL_CONNECTION, RuleIds.HOLD_SENDONLY, RuleIds.NUMBER_NOT_E164);
        Path pcap = sim.writePcap(dir.resolve("misbehaving.pcap"));
        RuleEngine fromFile = Sim.analysePcap(pcap, cfg);
        assertThat(summary(fromFile.findings())).isEqualTo(direct);
        Finding c = fromFile.findings().stream().filter(f -> f.ruleId().equals(RuleIds.CONTACT_NOT_FQDN)).findFirst()
                .orElseThrow();
        assertThat(c.evidence().get(0).where().source()).isEqualTo("misbehaving.pcap");
        assertThat(c.evidence().get(0).where().frame()).isPositive();
    }

    @Test
    void wellBehavedTrafficFromAPcapGivesNothing() throws Exception {
        RulesConfig cfg = RulesConfig.defaults().withSbcFqdns(List.of(Sim.SBC_FQDN));
        Sim sim = new Sim(cfg);
        for (int i = 0; i < 8; i++) {
            sim.sbcOptionsAnswered(i * 60, 200);
            sim.microsoftOptionsAnswered(i * 60 + 30, 200);
        }
        sim.goodSbcInvite(100, "in1@test");
        sim.outboundCall(200, "out1@test", 200);
        sim.outboundCall(300, "out2@test", 486);
        assertThat(sim.finish()).isEmpty();
        RuleEngine fromFile = Sim.analysePcap(sim.writePcap(dir.resolve("clean.pcap")), cfg);
        assertThat(fromFile.findings()).isEmpty();
        assertThat(fromFile.sbcHealth().get(Sim.SBC_FQDN).active()).isTrue();
    }
}
