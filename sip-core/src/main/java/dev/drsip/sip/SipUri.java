package dev.drsip.sip;

import java.util.Locale;

/**
 * A sip:/sips:/tel: URI reduced to what the analysis needs.
 *
 * @param scheme lower-case scheme ("sip", "sips", "tel", ...), "" when the text had none
 * @param user user part (phone number for Direct Routing, user parameters such as
 *     {@code ;npdi} included, password excluded), null if none
 * @param host host as written (FQDN or IP literal, IPv6 without brackets), lower-cased; null for tel:
 * @param port explicit port or -1
 * @param transport the {@code transport=} URI parameter lower-cased, or null
 */
public record SipUri(String scheme, String user, String host, int port, String transport) {

    /** True when the host is an IPv4/IPv6 literal rather than a name. */
    public boolean hostIsIp() {
        return host != null && IpAddress.parse(host) != null;
    }

    /**
     * Lenient parse of a URI (angle brackets allowed). Never throws; a string that is not a URI
     * gives a record whose host is the input lower-cased.
     */
    public static SipUri parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.length() >= 2 && s.charAt(0) == '<' && s.charAt(s.length() - 1) == '>') {
            s = s.substring(1, s.length() - 1).trim();
        }
        int n = s.length();
        String scheme = "";
        int i = 0;
        int colon = s.indexOf(':');
        if (colon > 0) {
            String sc = knownScheme(s, colon);
            if (sc != null) {
                scheme = sc;
                i = colon + 1;
            }
        }
        if (scheme.equals("tel")) {
            int end = i;
            while (end < n && s.charAt(end) != ';' && s.charAt(end) != '?') {
                end++;
            }
            return new SipUri(scheme, s.substring(i, end), null, -1, transportParam(s, end));
        }
        if (!scheme.isEmpty() && !scheme.equals("sip") && !scheme.equals("sips")) {
            return new SipUri(scheme, null, s.substring(i).toLowerCase(Locale.ROOT), -1, null);
        }
        String user = null;
        int at = s.indexOf('@', i);
        if (at >= 0) {
            int uEnd = at;
            int pw = s.indexOf(':', i);
            if (pw >= 0 && pw < at) {
                uEnd = pw;
            }
            user = uEnd > i ? s.substring(i, uEnd) : null; // "sip:@host" has no user
            i = at + 1;
        }
        String host;
        int port = -1;
        if (i < n && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            int end = close < 0 ? n : close;
            host = s.substring(i + 1, end);
            i = close < 0 ? n : close + 1;
        } else {
            int hs = i;
            int colons = 0;
            int lastColon = -1;
            int he = i;
            while (he < n && s.charAt(he) != ';' && s.charAt(he) != '?') {
                if (s.charAt(he) == ':') {
                    colons++;
                    lastColon = he;
                }
                he++;
            }
            if (colons > 1) {
                // IPv6 without brackets (old senders): a trailing group that makes it invalid is the port.
                String whole = s.substring(hs, he).trim();
                String before = s.substring(hs, lastColon).trim();
                int p = HeaderValues.parsePort(s, lastColon + 1, he);
                if (IpAddress.parse(whole) == null && p >= 0 && IpAddress.parse(before) != null) {
                    return new SipUri(scheme, user, HeaderValues.lowerAscii(before), p, transportParam(s, he));
                }
                return new SipUri(scheme, user, HeaderValues.lowerAscii(whole), -1, transportParam(s, he));
            }
            while (i < n && s.charAt(i) != ':' && s.charAt(i) != ';' && s.charAt(i) != '?') {
                i++;
            }
            host = s.substring(hs, i).trim();
        }
        if (i < n && s.charAt(i) == ':') {
            int ps = ++i;
            while (i < n && s.charAt(i) != ';' && s.charAt(i) != '?') {
                i++;
            }
            int pe = i;
            while (ps < pe && s.charAt(ps) == ' ') {
                ps++;
            }
            while (pe > ps && s.charAt(pe - 1) == ' ') {
                pe--;
            }
            port = HeaderValues.parsePort(s, ps, pe);
        }
        return new SipUri(scheme, user, HeaderValues.lowerAscii(host), port, transportParam(s, i));
    }

    private static String knownScheme(String s, int colon) {
        switch (colon) {
            case 3:
                if (HeaderValues.regionIs(s, 0, "sip")) {
                    return "sip";
                }
                if (HeaderValues.regionIs(s, 0, "tel")) {
                    return "tel";
                }
                if (HeaderValues.regionIs(s, 0, "urn")) {
                    return "urn";
                }
                return null;
            case 4:
                if (HeaderValues.regionIs(s, 0, "sips")) {
                    return "sips";
                }
                return null;
            default:
                return null;
        }
    }

    /** Value of {@code transport=} among the ';' parameters from {@code from} (before any '?'). */
    private static String transportParam(String s, int from) {
        int n = s.length();
        int i = from;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '?') {
                return null;
            }
            if (c == ';') {
                int ns = i + 1;
                while (ns < n && s.charAt(ns) == ' ') {
                    ns++;
                }
                if (HeaderValues.regionIs(s, ns, "transport")) {
                    int j = ns + 9;
                    while (j < n && s.charAt(j) == ' ') {
                        j++;
                    }
                    if (j < n && s.charAt(j) == '=') {
                        j++;
                        while (j < n && s.charAt(j) == ' ') {
                            j++;
                        }
                        int vs = j;
                        while (j < n && s.charAt(j) != ';' && s.charAt(j) != '?' && s.charAt(j) != ' ') {
                            j++;
                        }
                        return HeaderValues.lowerAscii(s.substring(vs, j));
                    }
                }
            }
            i++;
        }
        return null;
    }
}
