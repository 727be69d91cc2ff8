package dev.drsip.sip.dr;

import dev.drsip.sip.IpAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Who is Microsoft's SIP proxy: by address (Microsoft's published signalling ranges plus
 * user-added CIDRs for lab traces), by FQDN ({@code *.pstnhub.microsoft.com} and the US
 * government clouds), and by the {@code Microsoft.PSTNHub.SIPProxy} software banner. Immutable;
 * addresses learned from FQDNs or banners during an analysis are kept by the analyzer.
 */
public final class MicrosoftNetworks {

    /** A network prefix; {@link #toString()} gives the canonical CIDR text. */
    public record Cidr(IpAddress network, int prefixLength) {
        public boolean contains(IpAddress a) {
            return a != null && a.inNetwork(network, prefixLength);
        }

        @Override
        public String toString() {
            return network + "/" + prefixLength;
        }
    }

    /**
     * Microsoft's signalling ranges: 52.112.0.0/14 and 52.122.0.0/15 (current), 52.120.0.0/14
     * (2021-2023 documentation), 52.127.64.0/21 (DoD), 52.127.88.0/21 (GCC High).
     */
    public static final List<String> DEFAULT_RANGES =
            List.of("52.112.0.0/14", "52.120.0.0/14", "52.122.0.0/15", "52.127.64.0/21", "52.127.88.0/21");

    /** Domain suffixes of Microsoft's proxies (commercial incl. retired sip-all, GCC High, DoD). */
    public static final List<String> FQDN_SUFFIXES =
            List.of("pstnhub.microsoft.com", "pstnhub.gov.teams.microsoft.us", "pstnhub.dod.teams.microsoft.us");

    /** Start of Microsoft's Server / User-Agent value. */
    public static final String BANNER_PREFIX = "Microsoft.PSTNHub.SIPProxy";

    private static final MicrosoftNetworks DEFAULTS = new MicrosoftNetworks(parseAll(DEFAULT_RANGES), List.of());

    private final List<Cidr> builtIn;
    private final List<Cidr> userAdded;
    // IPv4 prefixes as (network int, mask int) for a branch-light hot path.
    private final int[] v4Net;
    private final int[] v4Mask;
    private final List<Cidr> v6;

    private MicrosoftNetworks(List<Cidr> builtIn, List<Cidr> userAdded) {
        this.builtIn = List.copyOf(builtIn);
        this.userAdded = List.copyOf(userAdded);
        List<Cidr> all = new ArrayList<>(builtIn);
        all.addAll(userAdded);
        int n4 = 0;
        for (Cidr c : all) {
            if (c.network().isV4()) {
                n4++;
            }
        }
        v4Net = new int[n4];
        v4Mask = new int[n4];
        List<Cidr> six = new ArrayList<>();
        int i = 0;
        for (Cidr c : all) {
            if (c.network().isV4()) {
                int mask = c.prefixLength() == 0 ? 0 : -1 << (32 - c.prefixLength());
                v4Net[i] = c.network().v4Int() & mask;
                v4Mask[i] = mask;
                i++;
            } else {
                six.add(c);
            }
        }
        v6 = List.copyOf(six);
    }

    /** Microsoft's published ranges only. */
    public static MicrosoftNetworks defaults() {
        return DEFAULTS;
    }

    /**
     * The published ranges plus user CIDRs ({@code 127.0.0.3/32}, {@code 10.0.0.0/8},
     * {@code 2001:db8::/32}, or a bare address meaning a single host).
     *
     * @throws IllegalArgumentException with a message naming the bad value
     */
    public static MicrosoftNetworks withUserNetworks(List<String> cidrs) {
        return new MicrosoftNetworks(DEFAULTS.builtIn, parseAll(cidrs));
    }

    /** The same networks plus {@code cidrs}. */
    public MicrosoftNetworks plus(List<String> cidrs) {
        List<Cidr> u = new ArrayList<>(userAdded);
        u.addAll(parseAll(cidrs));
        return new MicrosoftNetworks(builtIn, u);
    }

    public List<Cidr> builtInNetworks() {
        return builtIn;
    }

    public List<Cidr> userNetworks() {
        return userAdded;
    }

    /** True when {@code a} falls in a Microsoft range or a user-added one. */
    public boolean contains(IpAddress a) {
        if (a == null) {
            return false;
        }
        if (a.isV4()) {
            int x = a.v4Int();
            for (int i = 0; i < v4Net.length; i++) {
                if ((x & v4Mask[i]) == v4Net[i]) {
                    return true;
                }
            }
            return false;
        }
        for (Cidr c : v6) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for Microsoft proxy FQDNs: {@code sip.pstnhub.microsoft.com}, sip2/sip3, the retired
     * {@code sip-all}, and the GCC High / DoD names. Case-insensitive; a trailing dot is allowed.
     */
    public static boolean isMicrosoftFqdn(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String s : FQDN_SUFFIXES) {
            if (h.length() > s.length() && h.endsWith(s) && h.charAt(h.length() - s.length() - 1) == '.') {
                return true;
            }
        }
        return false;
    }

    /** True when a Server / User-Agent value is Microsoft's proxy banner. */
    public static boolean isMicrosoftBanner(String serverOrUserAgent) {
        if (serverOrUserAgent == null) {
            return false;
        }
        String s = serverOrUserAgent.trim();
        return s.regionMatches(true, 0, BANNER_PREFIX, 0, BANNER_PREFIX.length());
    }

    /**
     * The datacentre instance from a banner ({@code i.USWE2.3} in
     * {@code Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3}), null if absent.
     */
    public static String bannerInstance(String banner) {
        if (!isMicrosoftBanner(banner)) {
            return null;
        }
        for (String tok : banner.trim().split("\\s+")) {
            if (tok.startsWith("i.") && tok.length() > 2) {
                return tok.substring(2);
            }
        }
        return null;
    }

    /**
     * Parses one CIDR or bare address.
     *
     * @throws IllegalArgumentException "invalid network 'x': ..." explaining what is wrong
     */
    public static Cidr parseCidr(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid network '': empty value (expected e.g. 127.0.0.3/32)");
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        IpAddress a = IpAddress.parse(addr);
        if (a == null) {
            throw new IllegalArgumentException("invalid network '" + text + "': '" + addr
                    + "' is not an IPv4 or IPv6 address (expected e.g. 127.0.0.3/32 or 2001:db8::/32)");
        }
        int max = a.isV4() ? 32 : 128;
        int len = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            try {
                len = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid network '" + text + "': prefix length '" + p
                        + "' is not a number");
            }
            if (len < 0 || len > max) {
                throw new IllegalArgumentException("invalid network '" + text + "': prefix length " + len
                        + " out of range 0-" + max);
            }
        }
        return new Cidr(mask(a, len), len);
    }

    private static List<Cidr> parseAll(List<String> cidrs) {
        List<Cidr> out = new ArrayList<>();
        for (String s : cidrs == null ? Collections.<String>emptyList() : cidrs) {
            out.add(parseCidr(s));
        }
        return out;
    }

    private static IpAddress mask(IpAddress a, int len) {
        byte[] b = a.toBytes();
        for (int i = 0; i < b.length; i++) {
            int bits = Math.max(0, Math.min(8, len - 8 * i));
            b[i] = (byte) (b[i] & (bits == 0 ? 0 : (0xff << (8 - bits)) & 0xff));
        }
        return IpAddress.of(b, 0, b.length);
    }

    @Override
    public String toString() {
        return "MicrosoftNetworks" + builtIn + (userAdded.isEmpty() ? "" : " + " + userAdded);
    }
}
