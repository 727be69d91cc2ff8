package dev.drsip.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.TraceAnalysis;
import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.capture.CaptureOptions;
import dev.drsip.capture.TraceFileSource;
import dev.drsip.rules.Finding;
import dev.drsip.rules.RuleEngine;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.RulesConfig;
import dev.drsip.rules.Severity;
import dev.drsip.sip.dr.MicrosoftNetworks;
import dev.drsip.sip.event.TlsHandshake;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TLS rules on real handshakes: openssl s_server/s_client over loopback, recorded with tcpdump by
 * src/test/resources/tls/record.sh (127.0.0.3 plays Microsoft, 127.0.0.1:5067 the SBC), read by
 * capture's TraceFileSource and its TLS decoder, through the analyzer, into the RuleEngine.
 */
class TlsCaptureRulesTest {
    static final Path PCAPS = Path.of("src/test/resources/tls/pcap");
    static final MicrosoftNetworks LAB = MicrosoftNetworks.withUserNetworks(List.of("127.0.0.3/32"));

    record Run(List<TlsHandshake> handshakes, List<Finding> findings) {
        List<String> ids() {
            return findings.stream().map(Finding::ruleId).toList();
        }

        Finding only(String id) {
            List<Finding> f = findings.stream().filter(x -> x.ruleId().equals(id)).toList();
            assertThat(f).hasSize(1);
            return f.get(0);
        }
    }

    static Run run(String pcap, RulesConfig config) throws Exception {
        List<TlsHandshake> seen = new ArrayList<>();
        RuleEngine engine = new RuleEngine(config.withMicrosoft(LAB));
        AnalysisListener spy = new AnalysisListener() {
            @Override
            public void onMessage(ClassifiedMessage message) {
            }

            @Override
            public void onCall(CallRecord call) {
            }

            @Override
            public void onTls(TlsHandshake handshake) {
                seen.add(handshake);
            }
        };
        TraceAnalysis analysis = new TraceAnalysis(AnalyzerConfig.defaults().withMicrosoft(LAB), List.of(spy, engine));
        new TraceFileSource(List.of(PCAPS.resolve(pcap + ".pcap")), CaptureOptions.defaults().withMicrosoftAddress(LAB::contains))
                .run(analysis);
        analysis.finish();
        return new Run(seen, engine.findings());
    }

    static Run run(String pcap) throws Exception {
        return run(pcap, RulesConfig.defaults());
    }

    @Test
    void goodTls12HandshakeWithFullChainRaisesNothing() throws Exception {
        Run r = run("tls12-good");
        assertThat(r.handshakes()).hasSize(1);
        TlsHandshake h = r.handshakes().get(0);
        assertThat(h.version()).isEqualTo(0x0303);
        assertThat(h.cipherSuite()).isEqualTo(0xC030);
        assertThat(h.sni()).isEqualTo("sbc1.contoso.com");
        assertThat(h.serverCertificates()).hasSize(2);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void leafWithoutIntermediate() throws Exception {
        Run r = run("tls12-no-intermediate");
        assertThat(r.ids()).containsExactly(RuleIds.CERT_CHAIN_INCOMPLETE);
        Finding f = r.only(RuleIds.CERT_CHAIN_INCOMPLETE);
        assertThat(f.sbc()).isEqualTo("sbc1.contoso.com"); // named by Microsoft's SNI
        assertThat(f.evidence().get(0).where().source()).isEqualTo("tls12-no-intermediate.pcap");
        assertThat(f.evidence().get(0).where().frame()).isPositive();
        assertThat(f.evidence().get(0).value()).contains("127.0.0.3:").contains("127.0.0.1:5067");
    }

    @Test
    void expiredCertificate() throws Exception {
        Run r = run("tls12-expired");
        assertThat(r.ids()).containsExactly(RuleIds.CERT_EXPIRED);
        assertThat(r.only(RuleIds.CERT_EXPIRED).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void certificateExpiringWithin30DaysOfTheTraceTime() throws Exception {
        Run r = run("tls12-expiring");
        assertThat(r.ids()).containsExactly(RuleIds.CERT_EXPIRING);
        assertThat(r.only(RuleIds.CERT_EXPIRING).summary()).contains("expires on");
    }

    @Test
    void selfSignedCertificate() throws Exception {
        assertThat(run("tls12-self-signed").ids()).containsExactly(RuleIds.CERT_SELF_SIGNED);
    }

    @Test
    void certificateWithoutServerAuth() throws Exception {
        assertThat(run("tls12-no-server-auth").ids()).containsExactly(RuleIds.CERT_NO_SERVER_AUTH);
    }

    @Test
    void wildcardDoesNotCoverTwoLabelsOfTheSni() throws Exception {
        Run r = run("tls12-wildcard-two-labels");
        assertThat(r.ids()).containsExactly(RuleIds.CERT_NAME_MISMATCH);
        Finding f = r.only(RuleIds.CERT_NAME_MISMATCH);
        assertThat(f.details()).containsEntry("fqdn", "sbc1.eu.contoso.com").containsEntry("fqdnSource", "sni");
        assertThat(f.summary()).contains("*.contoso.com");
    }

    @Test
    void configuredFqdnIsTheLastResortForTheName() throws Exception {
        // No SNI mismatch in tls12-good, but the user says the SBC is sbc2: the certificate does not cover it.
        RulesConfig cfg = RulesConfig.defaults().withSbcFqdns(List.of("sbc2.contoso.com"));
        Run r = run("tls12-good", cfg);
        assertThat(r.ids()).isEmpty(); // the SNI (sbc1.contoso.com) wins over the configuration
        Run noSni = run("tls12-mtls-sbc-client", cfg);
        assertThat(noSni.only(RuleIds.CERT_NAME_MISMATCH).details()).containsEntry("fqdnSource", "configuration")
                .containsEntry("fqdn", "sbc2.contoso.com");
    }

    @Test
    void weakCipherSuite() throws Exception {
        Run r = run("tls12-cbc-sha1");
        assertThat(r.ids()).containsExactly(RuleIds.TLS_CIPHER);
        assertThat(r.only(RuleIds.TLS_CIPHER).details()).containsEntry("cipherSuite", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (0xC013)");
    }

    @Test
    void tls11IsRefused() throws Exception {
        Run r = run("tls11");
        assertThat(r.ids()).contains(RuleIds.TLS_VERSION).doesNotContain(RuleIds.TLS_CIPHER);
        assertThat(r.only(RuleIds.TLS_VERSION).details()).containsEntry("version", "TLS 1.1");
    }

    @Test
    void tls13CertificateNotVisible() throws Exception {
        Run r = run("tls13");
        assertThat(r.handshakes()).hasSize(1);
        assertThat(r.handshakes().get(0).version()).isEqualTo(0x0304);
        assertThat(r.ids()).containsExactly(RuleIds.CERT_NOT_VISIBLE);
        assertThat(r.only(RuleIds.CERT_NOT_VISIBLE).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void mutualTlsJudgesTheSbcClientCertificateNotMicrosofts() throws Exception {
        Run r = run("tls12-mtls-sbc-client");
        assertThat(r.handshakes()).hasSize(1);
        assertThat(r.handshakes().get(0).clientCertificates()).hasSize(1);
        // Microsoft's (lab) certificate is self-signed too, but only the SBC's is judged.
        Finding f = r.only(RuleIds.CERT_SELF_SIGNED);
        assertThat(f.details()).containsEntry("certificate", "CN=sbc1.contoso.com");
        assertThat(f.sbc()).isEqualTo("127.0.0.1");
    }
}
