package dev.drsip.rules.tls;

import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.rules.Times;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate checks shared by the capture rules ({@link CertificateRule}) and
 * {@code drsip cert check}: they judge an SBC's chain (leaf first) at a given time, and a leaf
 * against the FQDN it must cover.
 */
public final class CertificateChecks {
    /** RSA keys shorter than this are refused. */
    public static final int MIN_RSA_BITS = 2048;
    /** Event times before 2000-01-01 come from unset clocks; certificate validity is not judged on them. */
    public static final long PLAUSIBLE_CLOCK_NANOS = 946_684_800L * 1_000_000_000L;

    /** One problem: the rule it belongs to, how bad, one line, and the offending value. */
    public record Issue(String ruleId, Severity severity, String summary, String value) {
    }

    /**
     * A chain as parsed and judged.
     *
     * @param certificates facts of each parsable certificate, in the order sent (leaf first)
     * @param unparsable index and parser message of certificates that could not be read
     * @param issues the problems found (name not included: see {@link #checkName})
     */
    public record ChainReport(List<CertificateFacts> certificates, List<String> unparsable, List<Issue> issues) {
        public CertificateFacts leaf() {
            return certificates.isEmpty() ? null : certificates.get(0);
        }
    }

    private CertificateChecks() {
    }

    /** Judges a chain as sent (DER, leaf first) at event time {@code atNanos}. */
    public static ChainReport check(List<byte[]> ders, long atNanos, long expiringNanos) {
        List<X509Certificate> parsed = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < ders.size(); i++) {
            try {
                parsed.add(CertificateInspector.parse(ders.get(i)));
            } catch (CertificateException | RuntimeException e) {
                bad.add("certificate " + (i + 1) + ": " + e.getMessage());
                if (i == 0) {
                    return new ChainReport(List.of(), bad, List.of());
                }
            }
        }
        return check(parsed, bad, atNanos, expiringNanos);
    }

    /** Judges parsed certificates (leaf first). */
    public static ChainReport check(List<X509Certificate> chain, List<String> unparsable, long atNanos, long expiringNanos) {
        List<CertificateFacts> facts = new ArrayList<>();
        for (X509Certificate c : chain) {
            facts.add(CertificateInspector.inspect(c));
        }
        List<Issue> issues = new ArrayList<>();
        if (facts.isEmpty()) {
            return new ChainReport(facts, unparsable, issues);
        }
        CertificateFacts leaf = facts.get(0);
        String id = "CN=" + leaf.commonName() + " (SHA-256 " + leaf.sha256().substring(0, 16) + ")";
        if (atNanos < PLAUSIBLE_CLOCK_NANOS) {
            // A capture from a device whose clock was never set (1970 timestamps): validity cannot be judged.
        } else if (atNanos < leaf.notBeforeNanos()) {
            issues.add(new Issue(RuleIds.CERT_EXPIRED, Severity.ERROR, "certificate " + id + " is not yet valid at "
                    + Times.iso(atNanos) + " (valid from " + Times.iso(leaf.notBeforeNanos()) + ")",
                    "notBefore " + Times.iso(leaf.notBeforeNanos())));
        } else if (atNanos > leaf.notAfterNanos()) {
            issues.add(new Issue(RuleIds.CERT_EXPIRED, Severity.ERROR, "certificate " + id + " expired on "
                    + Times.iso(leaf.notAfterNanos()) + " (" + (atNanos - leaf.notAfterNanos()) / 86_400_000_000_000L
                    + " days before " + Times.iso(atNanos) + ")", "notAfter " + Times.iso(leaf.notAfterNanos())));
        } else if (leaf.notAfterNanos() - atNanos <= expiringNanos) {
            issues.add(new Issue(RuleIds.CERT_EXPIRING, Severity.WARNING, "certificate " + id + " expires on "
                    + Times.iso(leaf.notAfterNanos()) + ", " + (leaf.notAfterNanos() - atNanos) / 86_400_000_000_000L
                    + " days after " + Times.iso(atNanos), "notAfter " + Times.iso(leaf.notAfterNanos())));
        }
        if (leaf.selfSigned()) {
            issues.add(new Issue(RuleIds.CERT_SELF_SIGNED, Severity.ERROR, "certificate " + id
                    + " is self-signed (issuer = subject " + leaf.subject() + "); Microsoft refuses it", "issuer " + leaf.issuer()));
        }
        if (!leaf.hasEku()) {
            issues.add(new Issue(RuleIds.CERT_NO_SERVER_AUTH, Severity.WARNING, "certificate " + id
                    + " has no Extended Key Usage; Microsoft requires serverAuth (1.3.6.1.5.5.7.3.1)", "no EKU"));
        } else if (!leaf.serverAuth()) {
            issues.add(new Issue(RuleIds.CERT_NO_SERVER_AUTH, Severity.ERROR, "certificate " + id
                    + " EKU lacks serverAuth (1.3.6.1.5.5.7.3.1)", "EKU without serverAuth"));
        }
        if ("RSA".equals(leaf.keyAlgorithm()) && leaf.keyBits() > 0 && leaf.keyBits() < MIN_RSA_BITS) {
            issues.add(new Issue(RuleIds.CERT_WEAK_KEY, Severity.ERROR, "certificate " + id + " has a "
                    + leaf.keyBits() + "-bit RSA key (at least 2048 required)", "RSA " + leaf.keyBits()));
        } else if (!"RSA".equals(leaf.keyAlgorithm())) {
            issues.add(new Issue(RuleIds.CERT_WEAK_KEY, Severity.WARNING, "certificate " + id + " has a "
                    + leaf.keyAlgorithm() + " key; Microsoft's suites (ECDHE-RSA) need an RSA certificate",
                    leaf.keyAlgorithm() + " " + leaf.keyBits()));
        }
        String missing = CertificateInspector.missingIssuer(chain);
        if (missing != null) {
            issues.add(new Issue(RuleIds.CERT_CHAIN_INCOMPLETE, Severity.ERROR, "certificate " + id
                    + " was sent without its issuer " + missing + " (" + chain.size()
                    + " certificate(s) in the chain; the issuer is neither sent nor a known root)", "issuer " + missing));
        }
        return new ChainReport(facts, unparsable, issues);
    }

    /**
     * The name check: null when {@code fqdn} is covered by the leaf's CN or a SAN DNS name, else the
     * issue. {@code source} says where the FQDN came from ("contact", "sni", "configuration", "command line").
     */
    public static Issue checkName(CertificateFacts leaf, String fqdn, String source) {
        if (leaf == null || fqdn == null || HostnameMatcher.covers(leaf, fqdn)) {
            return null;
        }
        return new Issue(RuleIds.CERT_NAME_MISMATCH, Severity.ERROR, "SBC FQDN " + fqdn + " (from " + source
                + ") is not covered by certificate CN=" + leaf.commonName() + " SAN=" + leaf.dnsNames(),
                "CN=" + leaf.commonName() + " SAN=" + leaf.dnsNames());
    }
}
