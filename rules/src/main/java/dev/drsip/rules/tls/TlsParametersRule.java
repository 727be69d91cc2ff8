package dev.drsip.rules.tls;

import dev.drsip.rules.Evidence;
import dev.drsip.rules.FindingAccumulator;
import dev.drsip.rules.Rule;
import dev.drsip.rules.RuleContext;
import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Severity;
import dev.drsip.sip.event.TlsHandshake;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tls-version} (negotiated below TLS 1.2) and {@code tls-cipher} (a TLS 1.2 suite other than
 * Microsoft's four ECDHE-RSA suites). TLS 1.3 suites are not judged (Microsoft's list is for 1.2).
 */
public final class TlsParametersRule implements Rule {
    public static final int TLS12 = 0x0303;
    public static final int TLS13 = 0x0304;

    /** Microsoft's supported TLS 1.2 suites, with their IANA names. */
    public static final Map<Integer, String> MICROSOFT_SUITES = Map.of(
            0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");

    private static final Map<Integer, String> OTHER_SUITES = Map.ofEntries(
            Map.entry(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));

    public static String versionName(int v) {
        switch (v) {
            case 0x0300:
                return "SSL 3.0";
            case 0x0301:
                return "TLS 1.0";
            case 0x0302:
                return "TLS 1.1";
            case TLS12:
                return "TLS 1.2";
            case TLS13:
                return "TLS 1.3";
            default:
                return String.format(Locale.ROOT, "0x%04X", v);
        }
    }

    public static String suiteName(int s) {
        String n = MICROSOFT_SUITES.get(s);
        if (n == null) {
            n = OTHER_SUITES.get(s);
        }
        String hex = String.format(Locale.ROOT, "0x%04X", s);
        return n == null ? hex : n + " (" + hex + ")";
    }

    @Override
    public void onTls(TlsHandshake h, RuleContext ctx) {
        TlsRoles roles = TlsRoles.of(h, ctx);
        String flow = h.client() + ":" + h.clientPort() + " -> " + h.server() + ":" + h.serverPort();
        if (h.version() != 0 && h.version() < TLS12) {
            String v = versionName(h.version());
            FindingAccumulator f = ctx.finding(RuleIds.TLS_VERSION, Severity.ERROR, roles.sbc(), v)
                    .occurrence(h.timeNanos(), new Evidence(h.timeNanos(), h.where(), null, flow + " " + v));
            f.summary(f.count() + " handshake(s) negotiated " + v + "; Microsoft requires TLS 1.2 or later")
                    .detail("version", v);
        }
        if (h.version() == TLS12 && h.cipherSuite() >= 0 && !MICROSOFT_SUITES.containsKey(h.cipherSuite())) {
            String s = suiteName(h.cipherSuite());
            FindingAccumulator f = ctx.finding(RuleIds.TLS_CIPHER, Severity.WARNING, roles.sbc(), s)
                    .occurrence(h.timeNanos(), new Evidence(h.timeNanos(), h.where(), null, flow + " " + s));
            f.summary(f.count() + " TLS 1.2 handshake(s) chose " + s
                    + ", not one of Microsoft's ECDHE-RSA AES-GCM/CBC suites").detail("cipherSuite", s);
        }
    }
}
