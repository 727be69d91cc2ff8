package dev.drsip.analyzer;

import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipUri;
import dev.drsip.sip.dr.MicrosoftNetworks;
import dev.drsip.sip.dr.Side;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Via;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is who on the wire: Microsoft's proxies (configured networks, plus addresses learned from
 * Microsoft FQDNs and the {@code Microsoft.PSTNHub.SIPProxy} banner) and the SBCs (named by the
 * user, else by the FQDN in their Contact / in the Request-URI Microsoft sends to, else by address).
 * Bounded: at most {@value #MAX_LEARNED} learned Microsoft addresses and {@value #MAX_SBCS} SBC addresses.
 */
public final class SbcDirectory {
    static final int MAX_LEARNED = 1024;
    static final int MAX_SBCS = 4096;
    static final int MAX_FQDNS_PER_SBC = 16;

    private final MicrosoftNetworks networks;
    private final Map<IpAddress, String> configured = new HashMap<>();
    /** Microsoft addresses outside the networks, with how they were learned. */
    private final Map<IpAddress, String> learnedMicrosoft = new LinkedHashMap<>();
    /** Microsoft addresses seen talking (from the networks or learned). */
    private final Set<IpAddress> seenMicrosoft = new LinkedHashSet<>();
    /** Addresses seen on the SBC side of a Direct Routing message. */
    private final Set<IpAddress> seenAsSbc = new java.util.HashSet<>();
    /** SBC address -> FQDNs seen for it, first one is its default name. */
    private final Map<IpAddress, Fqdns> sbcFqdns = new HashMap<>();

    /** FQDNs of one SBC address in order of first sight; the first kept apart (the per-message name). */
    private static final class Fqdns {
        final Set<String> all = new LinkedHashSet<>();
        String first;
    }

    public SbcDirectory(AnalyzerConfig config) {
        this.networks = config.microsoft();
        for (AnalyzerConfig.SbcName n : config.sbcNames()) {
            configured.put(n.address(), n.name());
        }
    }

    /** True when {@code a} is a Microsoft proxy address (configured network or learned). */
    public boolean isMicrosoft(IpAddress a) {
        return a != null && (networks.contains(a) || learnedMicrosoft.containsKey(a));
    }

    /**
     * Learns Microsoft addresses from what a message says of its sender and target: the banner in
     * Server/User-Agent and a Microsoft FQDN in Contact or top Via make the source Microsoft; a
     * request to a Microsoft FQDN makes the destination Microsoft.
     */
    public void learnMicrosoft(SipMessage m) {
        IpAddress src = m.src();
        IpAddress dst = m.dst();
        boolean dstMs = isMicrosoft(dst);
        // Talking to a known Microsoft proxy makes the source the SBC: nothing to learn (hot path).
        if (src != null && !dstMs && !isMicrosoft(src)) {
            String banner = m.isRequest() ? m.userAgent() : m.server();
            if (banner == null) {
                banner = m.isRequest() ? m.server() : m.userAgent();
            }
            if (MicrosoftNetworks.isMicrosoftBanner(banner)) {
                learn(src, "banner");
            } else {
                NameAddr c = m.contact();
                if (c != null && c.uri() != null && MicrosoftNetworks.isMicrosoftFqdn(c.uri().host())) {
                    learn(src, "contact-fqdn");
                } else if (m.isRequest()) {
                    Via v = m.topVia();
                    if (v != null && MicrosoftNetworks.isMicrosoftFqdn(v.host())) {
                        learn(src, "via-fqdn");
                    }
                }
            }
        }
        if (m.isRequest() && dst != null && !dstMs && !isMicrosoft(src)) {
            SipUri ru = m.requestUriParsed();
            if (ru != null && MicrosoftNetworks.isMicrosoftFqdn(ru.host())) {
                learn(dst, "request-uri-fqdn");
            }
        }
    }

    /**
     * Learns from a TLS handshake: a ClientHello naming a Microsoft proxy (SNI) makes the server
     * Microsoft; Microsoft connecting to a server with an FQDN in the SNI names that SBC.
     */
    public void learnTls(dev.drsip.sip.event.TlsHandshake h) {
        if (h == null || h.server() == null || h.sni() == null) {
            return;
        }
        String sni = h.sni().trim().toLowerCase(java.util.Locale.ROOT);
        if (MicrosoftNetworks.isMicrosoftFqdn(sni)) {
            if (!isMicrosoft(h.server())) {
                learn(h.server(), "tls-sni");
            }
        } else if (isMicrosoft(h.client()) && !isMicrosoft(h.server()) && sni.indexOf('.') > 0
                && IpAddress.parse(sni) == null) {
            noteFqdn(h.server(), sni);
        }
    }

    /**
     * Notes an FQDN seen for an SBC address and returns the String kept for it (equal text): the
     * names handed on are then one instance per SBC, whose hash is computed once and which the
     * per-SBC maps of the statistics and rules find by identity.
     */
    private String noteFqdn(IpAddress sbcAddress, String fqdn) {
        Fqdns f = sbcFqdns.get(sbcAddress);
        if (f == null && sbcFqdns.size() < MAX_SBCS) {
            f = new Fqdns();
            sbcFqdns.put(sbcAddress, f);
        }
        if (f == null) {
            return fqdn;
        }
        if (fqdn.equals(f.first)) {
            return f.first;
        }
        for (String known : f.all) {
            if (known.equals(fqdn)) {
                return known;
            }
        }
        if (f.all.size() < MAX_FQDNS_PER_SBC && f.all.add(fqdn) && f.first == null) {
            f.first = fqdn;
        }
        return fqdn;
    }

    private void learn(IpAddress a, String how) {
        // An address already seen as an SBC (or named by the user) never turns into Microsoft.
        if (learnedMicrosoft.size() < MAX_LEARNED && !configured.containsKey(a) && !seenAsSbc.contains(a)) {
            learnedMicrosoft.put(a, how);
        }
    }

    /** Side of an address: MICROSOFT, SBC (when its peer is Microsoft), else UNKNOWN. */
    public Side sideOf(IpAddress a, IpAddress peer) {
        boolean am = isMicrosoft(a);
        boolean pm = isMicrosoft(peer);
        if (am && !pm) {
            return Side.MICROSOFT;
        }
        if (pm && !am) {
            return Side.SBC;
        }
        return Side.UNKNOWN;
    }

    /** Addresses recently passed to saw() (so already in their set, or the set is full): no lookup. */
    private final IpAddress[] recentMicrosoft = new IpAddress[8];
    private final IpAddress[] recentSbc = new IpAddress[8];
    private int nextMicrosoft;
    private int nextSbc;

    /** Remembers the two ends of a Direct Routing message. */
    void saw(IpAddress microsoft, IpAddress sbc) {
        // Sets only grow: an address added before (or refused by a full set) needs no second look.
        if (!recent(recentMicrosoft, microsoft)) {
            if (seenMicrosoft.size() < MAX_LEARNED) {
                seenMicrosoft.add(microsoft);
            }
            recentMicrosoft[nextMicrosoft] = microsoft;
            nextMicrosoft = (nextMicrosoft + 1) & (recentMicrosoft.length - 1);
        }
        if (!recent(recentSbc, sbc)) {
            if (seenAsSbc.size() < MAX_SBCS) {
                seenAsSbc.add(sbc);
            }
            recentSbc[nextSbc] = sbc;
            nextSbc = (nextSbc + 1) & (recentSbc.length - 1);
        }
    }

    private static boolean recent(IpAddress[] recent, IpAddress a) {
        // The capture stage hands out one IpAddress per address most of the time: identity first.
        for (IpAddress r : recent) {
            if (r == a) {
                return true;
            }
        }
        for (IpAddress r : recent) {
            if (r != null && r.equals(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Learns the SBC's FQDN from a Direct Routing message and returns the FQDN this message names
     * for its SBC (null if none): the Contact (or top Record-Route of a request) the SBC sent, or
     * the Request-URI host of a Microsoft request. IP literals and Microsoft names are ignored.
     */
    public String learnSbc(SipMessage m, Side from, IpAddress sbcAddress) {
        String fqdn = null;
        if (!namingMessage(m)) {
            return null;
        }
        if (from == Side.SBC) {
            NameAddr c = m.contact();
            fqdn = fqdnOf(c == null ? null : c.uri());
            if (fqdn == null && m.isRequest()) {
                NameAddr rr = m.recordRoute();
                fqdn = fqdnOf(rr == null ? null : rr.uri());
            }
        } else if (from == Side.MICROSOFT && m.isRequest()) {
            fqdn = fqdnOf(m.requestUriParsed());
        }
        if (fqdn != null && sbcAddress != null) {
            fqdn = noteFqdn(sbcAddress, fqdn);
        }
        return fqdn;
    }

    /** Only INVITE / OPTIONS requests and their 1xx/2xx responses name the SBC (keeps the hot path lean). */
    private static boolean namingMessage(SipMessage m) {
        if (m.isRequest()) {
            String method = m.method();
            return "INVITE".equals(method) || "OPTIONS".equals(method);
        }
        int code = m.statusCode();
        if (code < 101 || code >= 300) {
            return false;
        }
        dev.drsip.sip.header.CSeq cs = m.cseq();
        return cs != null && ("INVITE".equals(cs.method()) || "OPTIONS".equals(cs.method()));
    }

    private static String fqdnOf(SipUri u) {
        if (u == null || u.host() == null || u.host().isEmpty() || u.hostIsIp()
                || MicrosoftNetworks.isMicrosoftFqdn(u.host())) {
            return null;
        }
        String h = u.host();
        // A bare word (no dot) is no FQDN (e.g. a "localhost" Contact in a lab trace).
        return h.indexOf('.') > 0 ? h : null;
    }

    /**
     * The SBC's name: the user's name for the address, else {@code fqdnHint} (the FQDN the message
     * or call names), else the first FQDN learned for the address, else the address.
     */
    public String nameFor(IpAddress sbcAddress, String fqdnHint) {
        if (sbcAddress == null) {
            return fqdnHint;
        }
        String n = configured.isEmpty() ? null : configured.get(sbcAddress);
        if (n != null) {
            return n;
        }
        if (fqdnHint != null) {
            return fqdnHint;
        }
        Fqdns f = sbcFqdns.get(sbcAddress);
        if (f != null && f.first != null) {
            return f.first;
        }
        return sbcAddress.toString();
    }

    /** FQDNs seen for an SBC address, in order of first sight. */
    public List<String> fqdnsOf(IpAddress sbcAddress) {
        Fqdns f = sbcFqdns.get(sbcAddress);
        return f == null ? List.of() : List.copyOf(f.all);
    }

    /** The name an address-named SBC ended up with once its FQDN became known (for merging stats). */
    String finalNameForAddressName(String addressText) {
        IpAddress a = IpAddress.parse(addressText);
        if (a == null) {
            return addressText;
        }
        return nameFor(a, null);
    }

    /** Microsoft addresses that took part in the trace, sorted text forms. */
    public List<String> microsoftAddresses() {
        List<IpAddress> l = new ArrayList<>(seenMicrosoft);
        Collections.sort(l);
        List<String> out = new ArrayList<>();
        for (IpAddress a : l) {
            out.add(a.toString());
        }
        return out;
    }

    /** Addresses learned as Microsoft (outside the configured networks) -> how. */
    public Map<String, String> learnedMicrosoftAddresses() {
        Map<String, String> out = new LinkedHashMap<>();
        learnedMicrosoft.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }
}
