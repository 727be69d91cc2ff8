package dev.drsip.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.rules.Finding;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.RulesConfig;
import dev.drsip.rules.Sim;
import dev.drsip.rules.SipText;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.TlsHandshake;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where cert-name-mismatch takes the SBC FQDN from: Contact, else SNI, else configuration; and when. */
class CertificateRuleTest {
    static TlsHandshake fromMicrosoft(double sec, String sni, List<byte[]> chain) {
        return new TlsHandshake(Sim.nanos(sec), new Where("test.pcap", 1), IpAddress.parse("52.114.16.10"), 40000,
                IpAddress.parse("203.0.113.10"), 5067, sni, 0x0303, 0xC030, chain, List.of());
    }

    static Sim sim(RulesConfig cfg) {
        return new Sim(cfg);
    }

    static void sbcOptionsWithContact(Sim sim, double sec, String fqdn) {
        String id = sim.nextId();
        sim.send(sec, Sim.SBC, Sim.MS, SipText.request("OPTIONS", "sip:" + Sim.MS_FQDN)
                .dialog(fqdn + ":5067", id, "sip:" + fqdn, "sip:" + Sim.MS_FQDN, null, id, 1, "OPTIONS")
                .contact("sip:" + fqdn + ":5067;transport=tls"));
    }

    static List<Finding> names(Sim sim) {
        return sim.findings(RuleIds.CERT_NAME_MISMATCH);
    }

    @Test
    void contactFqdnWinsOverTheSni() throws Exception {
        Sim sim = sim(RulesConfig.defaults());
        sim.analysis.onTls(fromMicrosoft(0, "sbc1.contoso.com", CertificateChecksTest.read("wildcard.pem", "int.pem")));
        sbcOptionsWithContact(sim, 1, "sbc1.eu.contoso.com");
        sim.finish();
        List<Finding> f = names(sim);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).details()).containsEntry("fqdnSource", "contact").containsEntry("fqdn", "sbc1.eu.contoso.com");
    }

    @Test
    void contactCoveredByTheCertificateIsFine() throws Exception {
        Sim sim = sim(RulesConfig.defaults());
        sim.analysis.onTls(fromMicrosoft(0, "sbc1.contoso.com", CertificateChecksTest.read("sbc1-chain.pem")));
        sbcOptionsWithContact(sim, 1, "sbc1.contoso.com");
        sim.finish();
        assertThat(names(sim)).isEmpty();
    }

    @Test
    void withoutSipTheSniIsUsedAfterTheWaitOnEventTime() throws Exception {
        Sim sim = sim(RulesConfig.defaults());
        sim.analysis.onTls(fromMicrosoft(0, "sbc7.contoso.com", CertificateChecksTest.read("sbc1-chain.pem")));
        sim.time(30);
        assertThat(names(sim)).isEmpty(); // still waiting for a Contact
        sim.time(61);
        List<Finding> f = names(sim);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).details()).containsEntry("fqdnSource", "sni").containsEntry("fqdn", "sbc7.contoso.com");
        assertThat(f.get(0).sbc()).isEqualTo("sbc7.contoso.com");
    }

    @Test
    void configurationIsTheLastResort() throws Exception {
        RulesConfig cfg = RulesConfig.defaults().withSbcByAddress(Map.of(IpAddress.parse("203.0.113.10"), "sbc5.contoso.com"));
        Sim sim = sim(cfg);
        sim.analysis.onTls(fromMicrosoft(0, null, CertificateChecksTest.read("sbc1-chain.pem")));
        sim.finish();
        List<Finding> f = names(sim);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).details()).containsEntry("fqdnSource", "configuration").containsEntry("fqdn", "sbc5.contoso.com");
    }

    @Test
    void noFqdnFromAnySourceMeansNoNameFinding() throws Exception {
        Sim sim = sim(RulesConfig.defaults());
        sim.analysis.onTls(fromMicrosoft(0, null, CertificateChecksTest.read("sbc1-chain.pem")));
        sim.finish();
        assertThat(names(sim)).isEmpty();
    }

    @Test
    void sameCertificateInManyHandshakesIsOneFindingWithACount() throws Exception {
        Sim sim = sim(RulesConfig.defaults());
        for (int i = 0; i < 20; i++) {
            sim.analysis.onTls(fromMicrosoft(i * 10, "sbc1.contoso.com", CertificateChecksTest.read("sbc1.pem")));
        }
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.CERT_CHAIN_INCOMPLETE);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).count()).isEqualTo(20);
        assertThat(f.get(0).evidence()).hasSize(5);
        assertThat(f.get(0).summary()).contains("(20 handshakes)");
        // The Sim's clock (2023) is before the test certificate's notBefore: judged at the trace's time.
        assertThat(sim.findings(RuleIds.CERT_EXPIRED).get(0).summary()).contains("not yet valid");
    }
}
