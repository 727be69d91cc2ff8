package dev.drsip.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drsip.rules.Finding;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.RulesConfig;
import dev.drsip.rules.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The certificate checks on the certificates record.sh created (CA + intermediate + leaves). */
class CertificateChecksTest {
    static final Path CERTS = Path.of("src/test/resources/tls/certs");
    static final long DAY = 86_400_000_000_000L;

    static List<byte[]> read(String... names) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (String n : names) {
            out.addAll(PemCertificates.read(CERTS.resolve(n)));
        }
        return out;
    }

    static CertificateFacts facts(String name) throws Exception {
        return CertificateInspector.inspect(CertificateInspector.parse(read(name).get(0)));
    }

    static long midValidity(String name) throws Exception {
        CertificateFacts f = facts(name);
        return f.notBeforeNanos() + DAY;
    }

    static List<String> ids(CertCheck.Result r) {
        return r.findings().stream().map(Finding::ruleId).toList();
    }

    @Test
    void inspectorReadsNamesValidityEkuKeyAndSelfSignature() throws Exception {
        CertificateFacts leaf = facts("sbc1.pem");
        assertThat(leaf.commonName()).isEqualTo("sbc1.contoso.com");
        assertThat(leaf.dnsNames()).containsExactly("sbc1.contoso.com");
        assertThat(leaf.hasEku()).isTrue();
        assertThat(leaf.serverAuth()).isTrue();
        assertThat(leaf.selfSigned()).isFalse();
        assertThat(leaf.ca()).isFalse();
        assertThat(leaf.keyAlgorithm()).isEqualTo("RSA");
        assertThat(leaf.keyBits()).isEqualTo(2048);
        assertThat(leaf.issuer()).contains("drsip Test Intermediate CA");
        assertThat(leaf.notAfterNanos() - leaf.notBeforeNanos()).isEqualTo(365 * DAY);
        assertThat(leaf.sha256()).hasSize(64);
        assertThat(facts("selfsigned.pem").selfSigned()).isTrue();
        assertThat(facts("root.pem").selfSigned()).isTrue();
        assertThat(facts("int.pem").selfSigned()).isFalse();
        assertThat(facts("noserverauth.pem").serverAuth()).isFalse();
        assertThat(facts("wildcard.pem").dnsNames()).containsExactly("*.contoso.com");
    }

    @Test
    void goodChainWithIntermediateRaisesNothing() throws Exception {
        CertCheck.Result r = CertCheck.check(read("sbc1-chain.pem"), "sbc1-chain.pem", "sbc1.contoso.com",
                midValidity("sbc1.pem"), RulesConfig.defaults());
        assertThat(r.findings()).isEmpty();
        assertThat(r.certificates()).hasSize(2);
        assertThat(r.hasErrors()).isFalse();
    }

    @Test
    void leafWithoutIntermediateIsIncomplete() throws Exception {
        CertCheck.Result r = CertCheck.check(read("sbc1.pem"), "sbc1.pem", "sbc1.contoso.com",
                midValidity("sbc1.pem"), RulesConfig.defaults());
        assertThat(ids(r)).containsExactly(RuleIds.CERT_CHAIN_INCOMPLETE);
        assertThat(r.findings().get(0).summary()).contains("drsip Test Intermediate CA");
        assertThat(r.hasErrors()).isTrue();
    }

    @Test
    void nameMismatchAndWildcard() throws Exception {
        long at = midValidity("wildcard.pem");
        assertThat(ids(CertCheck.check(read("wildcard.pem", "int.pem"), "w", "sbc9.contoso.com", at, RulesConfig.defaults())))
                .isEmpty();
        CertCheck.Result r = CertCheck.check(read("wildcard.pem", "int.pem"), "w", "sbc1.eu.contoso.com", at,
                RulesConfig.defaults());
        assertThat(ids(r)).containsExactly(RuleIds.CERT_NAME_MISMATCH);
        assertThat(r.findings().get(0).details()).containsEntry("fqdnSource", "command line");
        assertThat(ids(CertCheck.check(read("sbc1-chain.pem"), "c", "sbc2.contoso.com", at, RulesConfig.defaults())))
                .containsExactly(RuleIds.CERT_NAME_MISMATCH);
    }

    @Test
    void expiredExpiringAndNotYetValidAreJudgedAtTheGivenTime() throws Exception {
        CertificateFacts exp = facts("expired.pem");
        RulesConfig c = RulesConfig.defaults();
        assertThat(ids(CertCheck.check(read("expired.pem", "int.pem"), "e", null, exp.notAfterNanos() + DAY, c)))
                .containsExactly(RuleIds.CERT_EXPIRED);
        assertThat(ids(CertCheck.check(read("expired.pem", "int.pem"), "e", null, exp.notAfterNanos() - 10 * DAY, c)))
                .containsExactly(RuleIds.CERT_EXPIRING);
        assertThat(ids(CertCheck.check(read("expired.pem", "int.pem"), "e", null, exp.notAfterNanos() - 31 * DAY, c)))
                .isEmpty();
        CertCheck.Result early = CertCheck.check(read("expired.pem", "int.pem"), "e", null, exp.notBeforeNanos() - DAY, c);
        assertThat(ids(early)).containsExactly(RuleIds.CERT_EXPIRED);
        assertThat(early.findings().get(0).summary()).contains("not yet valid");
    }

    @Test
    void unsetCaptureClockDoesNotMakeEveryCertificateInvalid() throws Exception {
        long epochPlusADay = DAY;
        assertThat(ids(CertCheck.check(read("sbc1-chain.pem"), "c", "sbc1.contoso.com", epochPlusADay, RulesConfig.defaults())))
                .isEmpty();
    }

    @Test
    void selfSignedAndNoServerAuth() throws Exception {
        long at = midValidity("selfsigned.pem");
        CertCheck.Result ss = CertCheck.check(read("selfsigned.pem"), "s", "sbc1.contoso.com", at, RulesConfig.defaults());
        assertThat(ids(ss)).containsExactly(RuleIds.CERT_SELF_SIGNED); // not also "chain incomplete"
        CertCheck.Result na = CertCheck.check(read("noserverauth.pem", "int.pem"), "n", "sbc1.contoso.com",
                midValidity("noserverauth.pem"), RulesConfig.defaults());
        assertThat(ids(na)).containsExactly(RuleIds.CERT_NO_SERVER_AUTH);
        assertThat(na.findings().get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void badFilesGiveClearMessages() {
        assertThatThrownBy(() -> PemCertificates.read(CERTS.resolve("missing.pem")))
                .isInstanceOf(PemCertificates.BadCertificateFile.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> PemCertificates.read(CERTS.resolve("not-pem.txt")))
                .hasMessageContaining("not a PEM certificate file");
        assertThatThrownBy(() -> PemCertificates.parse(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII), "x.pem"))
                .hasMessageContaining("cannot be parsed");
        assertThatThrownBy(() -> PemCertificates.parse("-----BEGIN CERTIFICATE-----\nAAAA".getBytes(StandardCharsets.US_ASCII), "y.pem"))
                .hasMessageContaining("no END CERTIFICATE");
    }

    @Test
    void derFileIsAccepted() throws Exception {
        byte[] der = read("sbc1.pem").get(0);
        assertThat(PemCertificates.parse(der, "sbc1.der")).hasSize(1);
    }
}
