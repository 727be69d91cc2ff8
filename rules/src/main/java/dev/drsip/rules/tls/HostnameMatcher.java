package dev.drsip.rules.tls;

import java.util.Locale;

/**
 * Certificate name matching as Microsoft applies it to SBC certificates: case-insensitive, a
 * trailing dot ignored, and a wildcard only as the whole left-most label covering exactly one
 * label: {@code *.contoso.com} matches {@code sbc1.contoso.com}, not {@code sbc1.eu.contoso.com}
 * nor {@code contoso.com}. Partial-label wildcards ({@code sbc*.contoso.com}) match nothing.
 */
public final class HostnameMatcher {
    private HostnameMatcher() {
    }

    public static boolean matches(String pattern, String fqdn) {
        if (pattern == null || fqdn == null) {
            return false;
        }
        String p = normalise(pattern);
        String h = normalise(fqdn);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.indexOf('*') < 0 && p.equals(h);
        }
        String suffix = p.substring(1); // ".contoso.com"
        if (suffix.indexOf('*') >= 0 || suffix.indexOf('.', 1) < 0) {
            return false; // "*.com" or a second wildcard: never
        }
        if (!h.endsWith(suffix)) {
            return false;
        }
        String label = h.substring(0, h.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0;
    }

    /** True when the CN or any SAN DNS name covers {@code fqdn}. */
    public static boolean covers(CertificateFacts cert, String fqdn) {
        for (String n : cert.dnsNames()) {
            if (matches(n, fqdn)) {
                return true;
            }
        }
        return matches(cert.commonName(), fqdn);
    }

    private static String normalise(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
