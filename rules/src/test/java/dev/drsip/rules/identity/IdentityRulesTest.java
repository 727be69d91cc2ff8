package dev.drsip.rules.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.rules.Finding;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.RulesConfig;
import dev.drsip.rules.Severity;
import dev.drsip.rules.Sim;
import dev.drsip.rules.SipText;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {
    private static final String RURI = "sip:+14255550100@" + Sim.MS_FQDN + ":5061;transport=tls";
    private static final String FROM = "sip:+12065550111@" + Sim.SBC_FQDN;

    private static SipText options(Sim sim, String ruri, String contact) {
        String id = sim.nextId();
        SipText t = SipText.request("OPTIONS", ruri)
                .dialog(Sim.SBC_FQDN + ":5067", id, "sip:" + Sim.SBC_FQDN, "sip:" + Sim.MS_FQDN, null, id, 1, "OPTIONS");
        return contact == null ? t : t.contact(contact);
    }

    @Test
    void contactWithIpIsReportedWithEvidence() {
        Sim sim = new Sim();
        sim.send(1, Sim.SBC, Sim.MS, options(sim, "sip:" + Sim.MS_FQDN, "sip:203.0.113.10:5067;transport=tls"));
        sim.send(2, Sim.SBC, Sim.MS, sim.sbcInvite("a@test", RURI, FROM, "sip:+12065550111@203.0.113.10:5067").sdp());
        sim.send(3, Sim.SBC, Sim.MS, options(sim, "sip:" + Sim.MS_FQDN, null));
        List<Finding> f = sim.finish();
        assertThat(f).extracting(Finding::ruleId).containsExactly(RuleIds.CONTACT_NOT_FQDN);
        Finding c = f.get(0);
        assertThat(c.severity()).isEqualTo(Severity.ERROR);
        assertThat(c.count()).isEqualTo(3);
        assertThat(c.sbc()).isEqualTo("203.0.113.10");
        assertThat(c.evidence()).hasSize(3);
        assertThat(c.evidence().get(0).where().frame()).isEqualTo(1);
        assertThat(c.evidence().get(0).value()).contains("OPTIONS Contact: <sip:203.0.113.10:5067;transport=tls>");
        assertThat(c.evidence().get(1).callId()).isEqualTo("a@test");
        assertThat(c.evidence().get(2).value()).contains("(none)");
        assertThat(c.firstSeenNanos()).isEqualTo(Sim.nanos(1));
        assertThat(c.lastSeenNanos()).isEqualTo(Sim.nanos(3));
    }

    @Test
    void contactWithFqdnIsFineAndMicrosoftsOwnContactIsNotJudged() {
        Sim sim = new Sim();
        sim.sbcOptionsAnswered(1, 200);
        sim.goodSbcInvite(2, "b@test");
        // Microsoft's INVITE has its own Contact; responses from the SBC are not judged either.
        sim.outboundCall(3, "c@test", 486);
        assertThat(sim.finish()).extracting(Finding::ruleId).doesNotContain(RuleIds.CONTACT_NOT_FQDN);
    }

    @Test
    void contactFqdnUnknownOnlyWhenConfigured() {
        RulesConfig cfg = RulesConfig.defaults().withSbcFqdns(List.of("sbc2.contoso.com"));
        Sim sim = new Sim(cfg);
        sim.sbcOptions(1);
        List<Finding> f = sim.finish();
        assertThat(f).extracting(Finding::ruleId).contains(RuleIds.CONTACT_FQDN_UNKNOWN);
        Finding u = sim.findings(RuleIds.CONTACT_FQDN_UNKNOWN).get(0);
        assertThat(u.details()).containsEntry("contactFqdn", "sbc1.contoso.com");
        assertThat(u.summary()).contains("sbc2.contoso.com");

        Sim known = new Sim(RulesConfig.defaults().withSbcFqdns(List.of("SBC1.contoso.com")));
        known.sbcOptions(1);
        known.finish();
        assertThat(known.findings(RuleIds.CONTACT_FQDN_UNKNOWN)).isEmpty();

        Sim unconfigured = new Sim();
        unconfigured.sbcOptions(1);
        unconfigured.finish();
        assertThat(unconfigured.findings(RuleIds.CONTACT_FQDN_UNKNOWN)).isEmpty();
    }

    @Test
    void recordRouteWithIp() {
        Sim sim = new Sim();
        sim.send(1, Sim.SBC, Sim.MS, sim.sbcInvite("rr@test", RURI, FROM, Sim.SBC_CONTACT)
                .h("Record-Route", "<sip:203.0.113.10:5067;transport=tls;lr>").sdp());
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.RECORD_ROUTE_NOT_FQDN);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).evidence().get(0).value()).contains("Record-Route: <sip:203.0.113.10:5067;transport=tls;lr>");
        // An IP Record-Route against an FQDN Contact is also a mismatch.
        assertThat(sim.findings(RuleIds.RECORD_ROUTE_CONTACT_MISMATCH)).hasSize(1);
    }

    @Test
    void recordRouteMatchingContactIsFine() {
        Sim sim = new Sim();
        sim.send(1, Sim.SBC, Sim.MS, sim.sbcInvite("rr2@test", RURI, FROM, Sim.SBC_CONTACT)
                .h("Record-Route", "<sip:SBC1.contoso.com:5067;transport=tls;lr>").sdp());
        sim.send(2, Sim.SBC, Sim.MS, sim.sbcInvite("rr3@test", RURI, FROM, Sim.SBC_CONTACT).sdp()); // no RR
        sim.finish();
        assertThat(sim.findings(RuleIds.RECORD_ROUTE_NOT_FQDN)).isEmpty();
        assertThat(sim.findings(RuleIds.RECORD_ROUTE_CONTACT_MISMATCH)).isEmpty();
    }

    @Test
    void recordRouteContactMismatch() {
        Sim sim = new Sim();
        sim.send(1, Sim.SBC, Sim.MS, sim.sbcInvite("mm@test", RURI, FROM, Sim.SBC_CONTACT)
                .h("Record-Route", "<sip:edge.contoso.com:5067;transport=tls;lr>").sdp());
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.RECORD_ROUTE_CONTACT_MISMATCH);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).details()).containsEntry("recordRouteHost", "edge.contoso.com")
                .containsEntry("contactHost", "sbc1.contoso.com");
        assertThat(sim.findings(RuleIds.RECORD_ROUTE_NOT_FQDN)).isEmpty();
    }

    @Test
    void optionsToMicrosoftIp() {
        Sim sim = new Sim();
        sim.send(1, Sim.SBC, Sim.MS, options(sim, "sip:52.114.16.10:5061;transport=tls", Sim.SBC_CONTACT));
        sim.send(2, Sim.SBC, Sim.MS, sim.sbcInvite("ip@test", "sip:+14255550100@52.114.16.10:5061", FROM, Sim.SBC_CONTACT).sdp());
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.OPTIONS_TO_IP);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).count()).isEqualTo(2);
        assertThat(f.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(f.get(0).evidence().get(0).value()).isEqualTo("OPTIONS sip:52.114.16.10:5061;transport=tls");
    }

    @Test
    void optionsToMicrosoftFqdnAndInDialogRequestsAreFine() {
        Sim sim = new Sim();
        sim.sbcOptions(1);
        sim.goodSbcInvite(2, "fq@test");
        // In-dialog re-INVITE to Microsoft's Contact (an IP is legitimate there).
        sim.send(3, Sim.SBC, Sim.MS, SipText.request("INVITE", "sip:52.114.16.10:5061;transport=tls")
                .dialog(Sim.SBC_FQDN + ":5067", "re1", FROM, RURI, "mstag", "fq@test", 2, "INVITE")
                .contact(Sim.SBC_CONTACT).sdp());
        sim.finish();
        assertThat(sim.findings(RuleIds.OPTIONS_TO_IP)).isEmpty();
    }
}
