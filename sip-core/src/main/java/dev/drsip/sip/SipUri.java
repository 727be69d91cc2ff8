package dev.drsip.sip;

/**
 * A sip:/sips:/tel: URI reduced to what the analysis needs.
 *
 * @param user user part (phone number for Direct Routing), null if none
 * @param host host as written (FQDN or IP literal, IPv6 without brackets), lower-cased
 * @param port explicit port or -1
 * @param transport the {@code transport=} URI parameter lower-cased, or null
 */
public record SipUri(String scheme, String user, String host, int port, String transport) {

    /** True when the host is an IPv4/IPv6 literal rather than a name. */
    public boolean hostIsIp() {
        return host != null && IpAddress.parse(host) != null;
    }

    /**
     * Lenient parse of a URI (without angle brackets). Never throws; a string that is not a URI
     * gives a record whose host is the input lower-cased.
     */
    public static SipUri parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        String scheme = "";
        int colon = s.indexOf(':');
        if (colon > 0 && s.regionMatches(true, 0, "sip", 0, 3) || s.regionMatches(true, 0, "tel:", 0, 4)) {
            scheme = s.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            s = s.substring(colon + 1);
        }
        String transport = null;
        int semi = s.indexOf(';');
        String params = "";
        if (semi >= 0) {
            params = s.substring(semi + 1);
            s = s.substring(0, semi);
        }
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        for (String p : params.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("transport")) {
                transport = p.substring(eq + 1).trim().toLowerCase(java.util.Locale.ROOT);
            }
        }
        if (scheme.equals("tel")) {
            return new SipUri(scheme, s, null, -1, transport);
        }
        String user = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = s.substring(0, at);
            s = s.substring(at + 1);
        }
        String host = s;
        int port = -1;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close > 0) {
                host = s.substring(1, close);
                if (close + 1 < s.length() && s.charAt(close + 1) == ':') {
                    port = parsePort(s.substring(close + 2));
                }
            }
        } else {
            int pc = s.lastIndexOf(':');
            if (pc >= 0 && s.indexOf(':') == pc) {
                host = s.substring(0, pc);
                port = parsePort(s.substring(pc + 1));
            }
        }
        return new SipUri(scheme, user, host.trim().toLowerCase(java.util.Locale.ROOT), port, transport);
    }

    private static int parsePort(String p) {
        try {
            int v = Integer.parseInt(p.trim());
            return v >= 0 && v <= 65535 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
