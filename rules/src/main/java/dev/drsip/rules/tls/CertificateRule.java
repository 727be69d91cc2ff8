package dev.drsip.rules.tls;

import dev.drsip.rules.BoundedMap;
import dev.drsip.rules.Evidence;
import dev.drsip.rules.FindingAccumulator;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.TlsHandshake;
import java.util.ArrayDeque;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The certificate rules on the SBC's chain of every captured handshake (see {@link TlsRoles} for
 * which end is the SBC): {@code cert-expired}, {@code cert-expiring} (within 30 days of the
 * handshake's event time), {@code cert-self-signed}, {@code cert-no-server-auth},
 * {@code cert-chain-incomplete}, {@code cert-weak-key}, {@code cert-name-mismatch}, and
 * {@code cert-not-visible} (TLS 1.3: the chain is encrypted).
 *
 * <p>The FQDN the certificate must cover comes from the SBC's Contact when the SIP stream shows
 * one for the SBC's address; else the SNI Microsoft sent towards the SBC; else the user's
 * configuration ({@code --sbc NAME=ADDR} for the address, or the only configured FQDN). A handshake
 * precedes the SIP on its connection, so a handshake whose SBC has no Contact yet waits (up to
 * {@code certNameWaitNanos} of event time, or the end of the trace) for one. The finding's
 * {@code fqdnSource} detail says which source was used. Certificates are parsed once per distinct
 * leaf (bounded cache); findings are per SBC and certificate, counted per handshake.
 */
public final class CertificateRule implements Rule {
    static final int MAX_CACHE = 256;
    static final int MAX_PENDING = 1024;

    private record PendingName(long time, Where where, IpAddress sbcAddress, String sbc, String sni,
                               CertificateFacts leaf) {
    }

    private final BoundedMap<String, CertificateChecks.ChainReport> cache = new BoundedMap<>(MAX_CACHE);
    private final ArrayDeque<PendingName> pending = new ArrayDeque<>();

    @Override
    public void onTls(TlsHandshake h, RuleContext ctx) {
        TlsRoles roles = TlsRoles.of(h, ctx);
        String flow = h.client() + ":" + h.clientPort() + " -> " + h.server() + ":" + h.serverPort();
        if (!h.certificatesVisible()) {
            FindingAccumulator f = ctx.finding(RuleIds.CERT_NOT_VISIBLE, Severity.INFO, roles.sbc(), null)
                    .occurrence(h.timeNanos(), new Evidence(h.timeNanos(), h.where(), null, flow + " TLS 1.3"
                            + (roles.sni() != null ? " SNI " + roles.sni() : "")));
            f.summary(f.count() + " TLS 1.3 handshake(s): certificate not visible in the capture (encrypted)");
            return;
        }
        List<byte[]> chain = roles.chain();
        if (chain.isEmpty()) {
            return; // resumed session, or no client certificate: nothing to judge
        }
        CertificateChecks.ChainReport report = analyse(chain, h.timeNanos(), ctx);
        CertificateFacts leaf = report.leaf();
        if (leaf == null) {
            return;
        }
        String certKey = leaf.sha256().substring(0, 16);
        for (CertificateChecks.Issue issue : report.issues()) {
            FindingAccumulator f = ctx.finding(issue.ruleId(), issue.severity(), roles.sbc(), certKey)
                    .occurrence(h.timeNanos(), new Evidence(h.timeNanos(), h.where(), null, flow + " " + leaf.describe()));
            f.summary(issue.summary() + (f.count() > 1 ? " (" + f.count() + " handshakes)" : ""))
                    .detail("certificate", "CN=" + leaf.commonName()).detail("sha256", leaf.sha256())
                    .detail("value", issue.value());
        }
        String contact = roles.sbcAddress() == null ? null : ctx.identities().contactFqdn(roles.sbcAddress());
        if (contact != null) {
            checkName(ctx, h.timeNanos(), h.where(), roles.sbc(), leaf, contact, "contact");
        } else {
            if (pending.size() >= MAX_PENDING) {
                resolve(pending.pollFirst(), ctx);
            }
            pending.addLast(new PendingName(h.timeNanos(), h.where(), roles.sbcAddress(), roles.sbc(), roles.sni(), leaf));
        }
    }

    /** The chain's judgement, cached per distinct chain; expiry is re-judged at each handshake's time. */
    private CertificateChecks.ChainReport analyse(List<byte[]> chain, long at, RuleContext ctx) {
        // Expiry depends on the time: cache per chain (SHA-256 of its DER) and day of event time.
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        for (byte[] der : chain) {
            md.update(der);
            md.update((byte) 0);
        }
        String k = HexFormat.of().formatHex(md.digest()) + '/' + at / 86_400_000_000_000L;
        CertificateChecks.ChainReport r = cache.get(k);
        if (r == null) {
            r = CertificateChecks.check(chain, at, ctx.config().certExpiringNanos());
            cache.put(k, r);
        }
        return r;
    }

    private void checkName(RuleContext ctx, long t, Where where, String sbc, CertificateFacts leaf, String fqdn,
                           String source) {
        CertificateChecks.Issue issue = CertificateChecks.checkName(leaf, fqdn, source);
        if (issue == null) {
            return;
        }
        FindingAccumulator f = ctx.finding(RuleIds.CERT_NAME_MISMATCH, Severity.ERROR, sbc,
                        leaf.sha256().substring(0, 16) + "/" + fqdn)
                .occurrence(t, new Evidence(t, where, null, issue.value() + " vs " + fqdn + " (from " + source + ")"));
        f.summary(issue.summary() + (f.count() > 1 ? " (" + f.count() + " handshakes)" : ""))
                .detail("fqdn", fqdn).detail("fqdnSource", source).detail("certificate", "CN=" + leaf.commonName())
                .detail("sha256", leaf.sha256());
    }

    private void resolve(PendingName p, RuleContext ctx) {
        String fqdn = p.sbcAddress() == null ? null : ctx.identities().contactFqdn(p.sbcAddress());
        String source = "contact";
        if (fqdn == null && p.sni() != null) {
            fqdn = p.sni();
            source = "sni";
        }
        if (fqdn == null && p.sbcAddress() != null) {
            String configured = ctx.config().sbcByAddress().get(p.sbcAddress());
            if (configured != null && IpAddress.parse(configured) == null) {
                fqdn = configured;
                source = "configuration";
            }
        }
        if (fqdn == null) {
            fqdn = ctx.config().onlyConfiguredFqdn();
            source = "configuration";
        }
        if (fqdn != null) {
            checkName(ctx, p.time(), p.where(), p.sbc(), p.leaf(), fqdn, source);
        }
    }

    @Override
    public void onSbcRenamed(String from, String to, RuleContext ctx) {
        int n = pending.size();
        for (int i = 0; i < n; i++) {
            PendingName p = pending.pollFirst();
            pending.addLast(from.equals(p.sbc())
                    ? new PendingName(p.time(), p.where(), p.sbcAddress(), to, p.sni(), p.leaf()) : p);
        }
    }

    @Override
    public void onTime(RuleContext ctx) {
        long wait = ctx.config().certNameWaitNanos();
        Iterator<PendingName> it = pending.iterator();
        while (it.hasNext()) {
            PendingName p = it.next();
            boolean contactKnown = p.sbcAddress() != null && ctx.identities().contactFqdn(p.sbcAddress()) != null;
            if (!contactKnown && ctx.now() - p.time() < wait) {
                continue;
            }
            it.remove();
            resolve(p, ctx);
        }
    }

    @Override
    public void onFinish(RuleContext ctx) {
        while (!pending.isEmpty()) {
            resolve(pending.pollFirst(), ctx);
        }
    }
}
