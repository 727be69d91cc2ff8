package dev.drsip.rules.tls;

import dev.drsip.rules.Evidence;
import dev.drsip.rules.Finding;
import dev.drsip.rules.RuleCatalog;
import dev.drsip.rules.RulesConfig;
import dev.drsip.sip.Where;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificate rules on a certificate file ({@code drsip cert check FILE.pem --fqdn FQDN}), for
 * when the capture shows no certificate: the same checks as on captured handshakes, judged at a
 * given time (the caller passes the current time: this is the one place where "now" is the clock,
 * because there is no trace).
 */
public final class CertCheck {
    private CertCheck() {
    }

    /** What was checked and found. */
    public record Result(List<CertificateFacts> certificates, List<Finding> findings) {
        /** True when a finding of severity ERROR was raised. */
        public boolean hasErrors() {
            return findings.stream().anyMatch(f -> f.severity() == dev.drsip.rules.Severity.ERROR);
        }
    }

    /**
     * Checks a chain (DER, leaf first) read from {@code source}.
     *
     * @param fqdn the SBC FQDN the certificate must cover, or null to skip the name check
     * @param atNanos the time to judge validity at (ns since the epoch)
     */
    public static Result check(List<byte[]> chain, String source, String fqdn, long atNanos, RulesConfig config) {
        CertificateChecks.ChainReport report = CertificateChecks.check(chain, atNanos, config.certExpiringNanos());
        List<CertificateChecks.Issue> issues = new ArrayList<>(report.issues());
        CertificateFacts leaf = report.leaf();
        if (fqdn != null && leaf != null) {
            CertificateChecks.Issue name = CertificateChecks.checkName(leaf, fqdn.trim(), "command line");
            if (name != null) {
                issues.add(0, name);
            }
        }
        List<Finding> findings = new ArrayList<>();
        Where where = new Where(source, 0);
        for (CertificateChecks.Issue i : issues) {
            RuleCatalog.Entry e = RuleCatalog.get(i.ruleId());
            Map<String, String> details = new LinkedHashMap<>();
            if (leaf != null) {
                details.put("certificate", "CN=" + leaf.commonName());
                details.put("sha256", leaf.sha256());
            }
            if (fqdn != null) {
                details.put("fqdn", fqdn);
                details.put("fqdnSource", "command line");
            }
            details.put("value", i.value());
            findings.add(new Finding(i.ruleId(), i.severity(), fqdn, atNanos, atNanos, 1, i.summary(),
                    e == null ? null : e.action(), List.of(new Evidence(atNanos, where, null, i.value())), details));
        }
        findings.sort(Finding.REPORT_ORDER);
        return new Result(report.certificates(), findings);
    }
}
