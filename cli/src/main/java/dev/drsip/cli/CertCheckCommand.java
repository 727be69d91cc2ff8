package dev.drsip.cli;

import dev.drsip.rules.Evidence;
import dev.drsip.rules.Finding;
import dev.drsip.rules.RulesConfig;
import dev.drsip.rules.Severity;
import dev.drsip.rules.Times;
import dev.drsip.rules.tls.CertCheck;
import dev.drsip.rules.tls.CertificateFacts;
import dev.drsip.rules.tls.PemCertificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drsip cert check FILE.pem --fqdn sbc1.contoso.com}: the capture's certificate rules on a
 * certificate file (leaf first, intermediates after it), for when the capture shows no
 * certificate (TLS 1.3, or no handshake captured).
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check an SBC certificate file with the same rules drsip runs on captured TLS handshakes:",
            "cert-name-mismatch (the FQDN must be in the CN or a SAN DNS name; a wildcard covers one label),",
            "cert-expired, cert-expiring (30 days), cert-self-signed, cert-no-server-auth (EKU),",
            "cert-chain-incomplete (the leaf's issuing intermediate must be in the file unless it is a",
            "trusted root), cert-weak-key (RSA < 2048).",
            "",
            "FILE is PEM (one or more CERTIFICATE blocks: the chain as the SBC sends it, leaf first;",
            "private key blocks are ignored) or a single DER certificate.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  drsip cert check sbc1.pem --fqdn sbc1.contoso.com",
            "  drsip cert check fullchain.pem --fqdn sbc1.contoso.com --format json",
            "  drsip cert check sbc1.pem --at 2027-01-01T00:00:00Z   would it still be valid then?",
            "",
            "Exit codes: 0 no error-severity finding, 1 error findings, 2 usage error (missing, unreadable",
            "or non-certificate file, bad option)."
        })
public final class CertCheckCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "FILE", description = "PEM (or DER) certificate file, leaf first.")
    Path file;

    @Option(names = "--fqdn", paramLabel = "FQDN",
            description = "The SBC FQDN the certificate must cover (as paired in Teams). Without it the name is not checked.")
    String fqdn;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "Judge validity at this ISO-8601 time (e.g. 2027-01-01T00:00:00Z) instead of now.")
    String at;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long atNanos;
        if (at != null) {
            try {
                Instant i = Instant.parse(at.trim());
                atNanos = i.getEpochSecond() * 1_000_000_000L + i.getNano();
            } catch (DateTimeParseException e) {
                throw new UserError(ExitCodes.USAGE, "invalid --at '" + at + "': expected an ISO-8601 instant such as 2027-01-01T00:00:00Z");
            }
        } else {
            // No trace here: "now" is the clock (the only place the certificate rules read it).
            Instant now = Instant.now();
            atNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
        if (fqdn != null && (fqdn.isBlank() || fqdn.trim().indexOf(' ') >= 0)) {
            throw new UserError(ExitCodes.USAGE, "invalid --fqdn '" + fqdn + "': expected a host name such as sbc1.contoso.com");
        }
        List<byte[]> chain;
        try {
            chain = PemCertificates.read(file);
        } catch (PemCertificates.BadCertificateFile e) {
            throw new UserError(ExitCodes.USAGE, "cert check: " + e.getMessage());
        }
        String name = fqdn == null ? null : fqdn.trim().toLowerCase(java.util.Locale.ROOT);
        CertCheck.Result r = CertCheck.check(chain, String.valueOf(file), name, atNanos, RulesConfig.defaults());
        if (format == Format.json) {
            JsonOutput.write(json(r, name, atNanos), out);
            out.println();
        } else {
            text(out, r, name, atNanos);
        }
        out.flush();
        return r.hasErrors() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private void text(PrintWriter out, CertCheck.Result r, String name, long atNanos) {
        out.println("Certificate check: " + file + " (" + r.certificates().size() + " certificate"
                + (r.certificates().size() == 1 ? "" : "s") + ")" + (name != null ? ", FQDN " + name : ", no --fqdn: name not checked")
                + ", at " + Times.iso(atNanos));
        int i = 0;
        for (CertificateFacts c : r.certificates()) {
            i++;
            out.println();
            out.println("  [" + i + "] " + c.subject());
            out.println("      SAN DNS:  " + (c.dnsNames().isEmpty() ? "(none)" : String.join(", ", c.dnsNames())));
            out.println("      issuer:   " + c.issuer());
            long daysLeft = Math.floorDiv(c.notAfterNanos() - atNanos, 86_400_000_000_000L);
            out.println("      valid:    " + Times.iso(c.notBeforeNanos()) + " .. " + Times.iso(c.notAfterNanos())
                    + (daysLeft >= 0 ? " (" + daysLeft + " days left)" : " (expired " + -daysLeft + " days ago)"));
            out.println("      key:      " + c.keyAlgorithm() + " " + c.keyBits() + "    EKU serverAuth: "
                    + (!c.hasEku() ? "no EKU" : c.serverAuth() ? "yes" : "NO") + "    self-signed: "
                    + (c.selfSigned() ? "yes" : "no") + "    CA: " + (c.ca() ? "yes" : "no"));
            out.println("      SHA-256:  " + c.sha256());
        }
        out.println();
        if (r.findings().isEmpty()) {
            out.println("No findings: the certificate passes every check" + (name == null ? " (name not checked)." : "."));
            return;
        }
        out.println("Findings:");
        for (Finding f : r.findings()) {
            out.println("  " + f.severity().label().toUpperCase(java.util.Locale.ROOT) + "  " + f.ruleId() + ": " + f.summary());
            if (f.action() != null) {
                out.println("         what to do: " + f.action());
            }
        }
        long errors = r.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        out.println();
        out.println("Result: " + errors + " error(s), " + (r.findings().size() - errors) + " other finding(s).");
    }

    private Map<String, Object> json(CertCheck.Result r, String name, long atNanos) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", String.valueOf(file));
        root.put("fqdn", name);
        root.put("at", Times.iso(atNanos));
        List<Object> certs = new ArrayList<>();
        for (CertificateFacts c : r.certificates()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", c.subject());
            m.put("commonName", c.commonName());
            m.put("dnsNames", c.dnsNames());
            m.put("issuer", c.issuer());
            m.put("notBefore", Times.iso(c.notBeforeNanos()));
            m.put("notAfter", Times.iso(c.notAfterNanos()));
            m.put("selfSigned", c.selfSigned());
            m.put("ca", c.ca());
            m.put("hasEku", c.hasEku());
            m.put("serverAuth", c.serverAuth());
            m.put("keyAlgorithm", c.keyAlgorithm());
            m.put("keyBits", c.keyBits());
            m.put("sha256", c.sha256());
            certs.add(m);
        }
        root.put("certificates", certs);
        List<Object> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", f.ruleId());
            m.put("severity", f.severity().label());
            m.put("summary", f.summary());
            m.put("action", f.action());
            List<String> ev = new ArrayList<>();
            for (Evidence e : f.evidence()) {
                ev.add(e.describe());
            }
            m.put("evidence", ev);
            m.put("details", f.details());
            findings.add(m);
        }
        root.put("findings", findings);
        root.put("ok", !r.hasErrors());
        return root;
    }
}
