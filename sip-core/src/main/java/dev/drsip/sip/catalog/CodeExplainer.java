package dev.drsip.sip.catalog;

import dev.drsip.sip.dr.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry point for every code a Direct Routing engineer meets: SIP response codes, Microsoft
 * response codes, Q.850 causes and Teams client / sign-in codes. The kind is recognised from the
 * shape of the input:
 *
 * <ul>
 *   <li>{@code q850:34}, {@code cause=34}: Q.850 cause; {@code sip:403}, {@code ms:560403}: explicit kinds
 *   <li>a code the Teams client catalog names ({@code 1001}, {@code 4c7}, {@code max_reload_exceeded},
 *       {@code 0xCAA20004}, {@code AADSTS53003}, {@code 2147942402}), case-insensitive
 *   <li>{@code 0x...}: Teams client (0xCAA...) or Windows HRESULT; {@code AADSTS...}: Entra sign-in
 *   <li>three digits 100-699: SIP; six digits starting with 5, {@code 0}, four or five digits:
 *       Microsoft response code; ten digits: a decimal HRESULT; one or two digits: Q.850 cause
 * </ul>
 *
 * Nothing a user types makes it throw: unknown input gives an UNKNOWN explanation saying so.
 */
public final class CodeExplainer {
    private static final Pattern Q850 = Pattern.compile("(?i)^(?:q\\.?850|cause)\\s*[:=]?\\s*(\\d{1,9})$");
    private static final Pattern SIP = Pattern.compile("(?i)^sip\\s*[:=]?\\s*(\\d{1,9})$");
    private static final Pattern MS = Pattern.compile("(?i)^(?:ms|microsoft)\\s*[:=]?\\s*(\\d{1,9})$");
    private static final Pattern HEX = Pattern.compile("(?i)^0x([0-9a-f]{1,8})$");
    private static final Pattern AADSTS = Pattern.compile("(?i)^aadsts(\\d{1,9})$");
    private static final Pattern DIGITS = Pattern.compile("^\\d{1,12}$");

    private static volatile CodeExplainer standard;

    private final SipResponseCatalog sip;
    private final Q850Catalog q850;
    private final TeamsClientCatalog client;
    private final MicrosoftCodeCatalog microsoft;

    public CodeExplainer(SipResponseCatalog sip, Q850Catalog q850, TeamsClientCatalog client,
            MicrosoftCodeCatalog microsoft) {
        this.sip = sip;
        this.q850 = q850;
        this.client = client;
        this.microsoft = microsoft;
    }

    /** The explainer over the catalogs shipped with drsip. */
    public static CodeExplainer standard() {
        CodeExplainer e = standard;
        if (e == null) {
            synchronized (CodeExplainer.class) {
                e = standard;
                if (e == null) {
                    e = new CodeExplainer(SipResponseCatalog.standard(), Q850Catalog.standard(),
                            TeamsClientCatalog.standard(), MicrosoftCodeCatalog.standard());
                    standard = e;
                }
            }
        }
        return e;
    }

    public SipResponseCatalog sipCatalog() {
        return sip;
    }

    public Q850Catalog q850Catalog() {
        return q850;
    }

    public TeamsClientCatalog clientCatalog() {
        return client;
    }

    public MicrosoftCodeCatalog microsoftCatalog() {
        return microsoft;
    }

    /** Explains any code; never throws, never returns null. */
    public Explanation explain(String input) {
        String raw = input == null ? "" : input;
        String s = raw.trim();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            s = s.substring(1, s.length() - 1).trim();
        }
        if (s.isEmpty()) {
            return unknown(raw, "empty input: give a SIP code (403), a Microsoft code (560403), a Q.850 cause (q850:34) or a Teams client code (0xCAA20004)");
        }
        Matcher m = Q850.matcher(s);
        if (m.matches()) {
            return withInput(raw, q850Cause(parse(m.group(1))));
        }
        m = SIP.matcher(s);
        if (m.matches()) {
            return withInput(raw, sipCode(parse(m.group(1))));
        }
        m = MS.matcher(s);
        if (m.matches()) {
            return withInput(raw, microsoftCode(parse(m.group(1))));
        }
        Optional<TeamsClientCode> named = client.find(s);
        if (named.isPresent()) {
            List<Explanation> alt = new ArrayList<>();
            if (DIGITS.matcher(s).matches() && s.length() <= 5) {
                alt.add(withInput(raw, microsoftCode(parse(s))));
            }
            return withAlternatives(withInput(raw, clientCode(named.get())), alt);
        }
        m = HEX.matcher(s);
        if (m.matches()) {
            return withInput(raw, hexCode(m.group(1).toUpperCase(Locale.ROOT)));
        }
        m = AADSTS.matcher(s);
        if (m.matches()) {
            return new Explanation(raw, CodeKind.TEAMS_CLIENT, "client:AADSTS" + m.group(1), false,
                    "AADSTS" + m.group(1) + " (Microsoft Entra sign-in error, not in drsip's catalog)",
                    "An error from Microsoft Entra ID sign-in. drsip documents only the Teams Rooms resource account codes "
                            + "(AADSTS50055, 50076, 50079, 50126, 53003).",
                    "Microsoft Entra sign-in", "The Entra sign-in logs for the account (they show the failure reason and the policy applied).",
                    null, Map.of(), List.of());
        }
        if (DIGITS.matcher(s).matches()) {
            return withInput(raw, number(s));
        }
        Explanation reason = reasonText(raw, s);
        if (reason != null) {
            return reason;
        }
        return unknown(raw, "not a code drsip recognises: expected a SIP code (403), a Microsoft code (560403), "
                + "a Q.850 cause (q850:34), 0xCAA..., AADSTS... or a Teams client code such as max_reload_exceeded");
    }

    private static final Pattern REASON_TEXT = Pattern.compile("(?i)text\\s*=\\s*\"([^\"]*)\"?");
    private static final Pattern REASON_CAUSE = Pattern.compile("(?i)cause\\s*=\\s*(\\d{1,3})");

    /**
     * A Reason header value or its text ({@code Q.850;cause=63;text="<GUID>;<phrase>"},
     * {@code <GUID>;<phrase>}, or the phrase alone) matched to a documented Microsoft code; the
     * GUID is kept (it is the correlation id for Microsoft support). Null when nothing matches.
     */
    private Explanation reasonText(String raw, String s) {
        String text = s;
        Matcher t = REASON_TEXT.matcher(s);
        int cause = -1;
        if (t.find()) {
            text = t.group(1);
            Matcher c = REASON_CAUSE.matcher(s);
            if (c.find()) {
                cause = parse(c.group(1));
            }
        }
        Optional<ReasonMatch> m = microsoft.matchReason(text, Direction.UNKNOWN);
        if (m.isEmpty() || (!m.get().matched() && m.get().family() == null)) {
            return null;
        }
        ReasonMatch rm = m.get();
        Explanation e = rm.matched() ? microsoftCode(rm.code().code())
                : forFailure(null, 504, rm.family());
        Map<String, String> facts = new LinkedHashMap<>();
        if (rm.guid() != null) {
            facts.put("correlation id", rm.guid() + " (quote it to Microsoft support)");
        }
        facts.put("matched phrase", rm.phrase());
        if (rm.candidates().size() > 1) {
            List<String> other = new ArrayList<>();
            for (MicrosoftCodeInfo i : rm.candidates()) {
                other.add(i.code() + (i.direction() != Direction.UNKNOWN ? " (" + i.direction().label() + ")" : ""));
            }
            facts.put("same phrase", String.join(", ", other) + ": the call direction decides");
        }
        facts.putAll(e.facts());
        List<Explanation> alt = new ArrayList<>();
        if (cause >= 0) {
            alt.add(q850Cause(cause));
        }
        return new Explanation(raw, e.kind(), e.key(), e.documented(), e.title(), e.meaning(), e.side(), e.firstCheck(),
                e.family(), facts, List.copyOf(alt));
    }

    private Explanation number(String s) {
        long v = Long.parseLong(s);
        int len = s.length();
        if (len == 10 && v >= 0x8000_0000L && v <= 0xFFFF_FFFFL) {
            String hex = String.format(Locale.ROOT, "%08X", v);
            Optional<TeamsClientCode> c = client.find("0x" + hex);
            return c.isPresent() ? clientCode(c.get()) : hexCode(hex);
        }
        if (len == 3 && v >= 100 && v <= 699) {
            return sipCode((int) v);
        }
        if (v == 0) {
            return microsoftCode(0); // "0" is the documented call controller code (establishment timeout)
        }
        if (len <= 2) {
            Explanation q = q850Cause((int) v);
            return withAlternatives(q, List.of(microsoftCode(v)));
        }
        return microsoftCode(v);
    }

    // ---- report rows ---------------------------------------------------------------------------

    /**
     * The explanation a report's failure row should carry: the Microsoft code when known, else a
     * family-level reading when only the family is known ("569": Microsoft could not reach the
     * SBC), else the SIP code. Never null.
     *
     * @param microsoftCode reconstructed or reported Microsoft code, or null
     * @param sipCode the SIP code of the row (0 when none)
     * @param family the structural family ("560", "569", "microsoft-unknown", ...) or null
     */
    public Explanation forFailure(Integer microsoftCode, int sipCode, String family) {
        if (microsoftCode != null) {
            return microsoftCode(microsoftCode);
        }
        if (family != null && family.matches("5\\d\\d")) {
            Explanation e = microsoftCode(Integer.parseInt(family) * 1000L + (sipCode >= 100 && sipCode <= 699 ? sipCode : 0));
            return new Explanation(family + "xxx", e.kind(), "ms-family:" + family, false, family + "xxx family",
                    e.facts().getOrDefault("structure", e.meaning()), e.side(), e.firstCheck(), family, e.facts(), List.of());
        }
        if (sipCode > 0) {
            return sipCode(sipCode);
        }
        return new Explanation("", CodeKind.UNKNOWN, null, false, "no final response",
                "The INVITE got no final response in the trace.", null,
                "Whether the capture covers the whole call, then the side that should have answered.", null, Map.of(),
                List.of());
    }

    /** The first sentence of a text (for one-line report cells). */
    public static String firstSentence(String text) {
        if (text == null) {
            return "";
        }
        int i = text.indexOf(". ");
        return i < 0 ? text : text.substring(0, i + 1);
    }

    // ---- SIP -----------------------------------------------------------------------------------

    /** Explains a SIP response code (registered or by class). */
    public Explanation sipCode(int code) {
        Optional<SipResponseCode> found = sip.find(code);
        Map<String, String> facts = new LinkedHashMap<>();
        Optional<TeamsClientFamily> fam = client.sipFamilyOf(code);
        String family = code >= 100 && code <= 699 ? "sip-" + (code / 100) + "xx" : null;
        if (found.isEmpty()) {
            if (code < 100 || code > 699) {
                return new Explanation(Integer.toString(code), CodeKind.SIP_RESPONSE, null, false,
                        code + " (not a SIP response code)", "SIP response codes run from 100 to 699.", null, null,
                        null, Map.of(), List.of());
            }
            facts.put("class", code / 100 + "xx: " + SipResponseCatalog.classMeaning(code));
            facts.put("ner", sip.ner(code).label());
            return new Explanation(Integer.toString(code), CodeKind.SIP_RESPONSE, "sip:" + code, false,
                    code + " (not a registered SIP response code)",
                    "Unregistered codes are treated like " + (code / 100) + "00: " + SipResponseCatalog.classMeaning(code) + ".",
                    null, null, family, facts, List.of());
        }
        SipResponseCode c = found.get();
        facts.put("reference", c.reference());
        facts.put("class", c.codeClass() + "xx: " + SipResponseCatalog.classMeaning(code));
        facts.put("ner", c.ner().label() + nerNote(c.ner()));
        facts.put("microsoft fails over", c.microsoftFailover()
                ? "yes, by default (to the next SBC, only if no provisional other than 100 came first)" : "no");
        if (c.q850Rfc3398() >= 0) {
            facts.put("q850 (RFC 3398)", causeLabel(c.q850Rfc3398()));
        }
        if (c.q850Microsoft() >= 0) {
            facts.put("q850 by Microsoft", causeLabel(c.q850Microsoft()) + " (NICC ND1017 mapping)");
        }
        List<String> ms = new ArrayList<>();
        for (MicrosoftCodeInfo i : microsoft.all()) {
            if (i.sipCodes().contains(code)) {
                ms.add(Integer.toString(i.code()));
            }
        }
        if (!ms.isEmpty()) {
            facts.put("microsoft codes reported with it", String.join(", ", ms));
        }
        if (fam.isPresent()) {
            facts.put("teams phone family", fam.get().name() + ": " + fam.get().firstCheck());
        }
        return new Explanation(Integer.toString(code), CodeKind.SIP_RESPONSE, c.key(), true, code + " " + c.phrase(),
                c.meaning(), null, c.firstCheck(), family, facts, List.of());
    }

    private static String nerNote(NerOutcome o) {
        switch (o) {
            case USER: return " (a user outcome: counts as delivered in NER)";
            case FAILURE: return " (counts against NER)";
            case ANSWERED: return " (answered)";
            default: return " (provisional, not a final outcome)";
        }
    }

    // ---- Microsoft -----------------------------------------------------------------------------

    /** Explains a Microsoft response code (documented or by structure). */
    public Explanation microsoftCode(long code) {
        MicrosoftCodeInfo i = microsoft.explain(code);
        MicrosoftCodeStructure s = i.structure();
        Map<String, String> facts = new LinkedHashMap<>();
        if (!i.sipCodes().isEmpty()) {
            List<String> sc = new ArrayList<>();
            for (int c : i.sipCodes()) {
                sc.add(c == 0 ? "none (normal end)" : c + sip.find(c).map(x -> " " + x.phrase()).orElse(""));
            }
            facts.put("sip code", String.join(", ", sc));
        }
        if (i.phrase() != null) {
            facts.put("phrase", i.phrase());
        }
        facts.put("who must act", i.category().actingSide().label() + " end of the trunk");
        if (i.direction() != Direction.UNKNOWN) {
            facts.put("direction", i.direction().label());
        }
        facts.put("family", s.family());
        facts.put("structure", s.description());
        if (s.embeddedSipCode() > 0) {
            String whose = s.family().equals("560") ? " (the SBC's answer to Microsoft's INVITE)"
                    : s.family().equals("540") ? " (from the SBC's side of an inbound call)" : "";
            facts.put("sip code in ZZZ", s.embeddedSipCode() + sip.find(s.embeddedSipCode()).map(c -> " " + c.phrase())
                    .orElse("") + whose);
        }
        if (i.ner() != null) {
            facts.put("ner", i.ner().label() + nerNote(i.ner()));
        }
        if (!i.documented() && s.family().equals("not-a-microsoft-code")) {
            return new Explanation(Long.toString(code), CodeKind.UNKNOWN, null, false,
                    code + " (not a code drsip recognises)", s.description() + ".", null, null, null, facts, List.of());
        }
        String title = i.documented()
                ? code + (i.phrase() != null ? " " + i.phrase() : "")
                : code + " (not documented: decoded by structure)";
        String meaning = i.documented() ? i.meaning()
                : "Not in Microsoft's public list. By its structure: " + s.description() + ".";
        String first = i.firstCheck() != null ? i.firstCheck() : structuralFirstCheck(s);
        return new Explanation(Long.toString(code), CodeKind.MICROSOFT_RESPONSE, "ms:" + code, i.documented(), title,
                meaning, i.category().label(), first, s.family(), facts, List.of());
    }

    private String structuralFirstCheck(MicrosoftCodeStructure s) {
        switch (s.family()) {
            case "560":
            case "540":
                if (s.embeddedSipCode() > 0) {
                    Optional<SipResponseCode> c = sip.find(s.embeddedSipCode());
                    if (c.isPresent()) {
                        return "The SBC's logs for the call (it produced the answer). For SIP " + c.get().code()
                                + ": " + c.get().firstCheck();
                    }
                }
                return "The SBC's logs for the call: it produced the answer.";
            case "569":
            case "549":
                return "The SBC's reachability from Microsoft: SIP port and firewall, TLS 1.2, certificate validity, name and chain, DNS of the SBC FQDN.";
            case "500001":
                return "The SBC's response time to INVITEs (first answer within 10 s).";
            case "call-controller":
                return "The Teams side of the call: the user's policies, devices, bots or recorders involved (Teams admin center call details).";
            default:
                switch (s.category()) {
                    case TENANT_CONFIGURATION:
                        return "The tenant's Direct Routing configuration: voice routing policy, PSTN usages, routes, gateways, number assignment, licences.";
                    case MEDIA:
                        return "The SBC's SDP (codecs, SRTP, ICE) and the media path (firewall for media ports).";
                    default:
                        return "The Teams admin center call details for this call, then Microsoft support with the correlation id.";
                }
        }
    }

    // ---- Q.850 ---------------------------------------------------------------------------------

    /** Explains a Q.850 cause, with the RFC 3398 mappings both ways. */
    public Explanation q850Cause(int cause) {
        Optional<Q850Cause> found = q850.find(cause);
        Map<String, String> facts = new LinkedHashMap<>();
        List<Integer> fromSip = q850.sipCodesMappedTo(cause);
        List<String> ms = new ArrayList<>();
        for (SipResponseCode c : sip.all()) {
            if (c.q850Microsoft() == cause) {
                ms.add(Integer.toString(c.code()));
            }
        }
        if (found.isEmpty()) {
            if (cause < 0 || cause > 127) {
                return new Explanation(Integer.toString(cause), CodeKind.Q850_CAUSE, null, false,
                        "cause " + cause + " (not a Q.850 cause)", "Q.850 causes run from 1 to 127.", null, null,
                        null, Map.of(), List.of());
            }
            facts.put("class", q850Class(cause));
            return new Explanation(Integer.toString(cause), CodeKind.Q850_CAUSE, "q850:" + cause, false,
                    "Q.850 cause " + cause + " (not a standard value)",
                    "Not a cause value Q.850 defines; its range is " + q850Class(cause) + ".", null, null, "q850",
                    facts, List.of());
        }
        Q850Cause c = found.get();
        facts.put("class", c.causeClass());
        facts.put("sip (RFC 3398)", c.sipRfc3398() < 0 ? "none" : sipLabel(c.sipRfc3398()));
        if (!fromSip.isEmpty()) {
            facts.put("sip codes mapped to it (RFC 3398)", join(fromSip));
        }
        if (!ms.isEmpty()) {
            facts.put("microsoft sends it for", "SIP " + String.join(", ", ms) + " (NICC ND1017 mapping)");
        }
        return new Explanation(Integer.toString(cause), CodeKind.Q850_CAUSE, c.key(), true,
                "Q.850 cause " + cause + " " + c.name(), c.meaning(), null, c.note(), "q850", facts, List.of());
    }

    private static String q850Class(int cause) {
        if (cause < 32) {
            return "normal event (0-31)";
        }
        if (cause < 48) {
            return "resource unavailable (32-47)";
        }
        if (cause < 64) {
            return "service or option not available (48-63)";
        }
        if (cause < 80) {
            return "service or option not implemented (64-79)";
        }
        if (cause < 96) {
            return "invalid message (80-95)";
        }
        if (cause < 112) {
            return "protocol error (96-111)";
        }
        return "interworking (112-127)";
    }

    private String causeLabel(int cause) {
        return cause + q850.find(cause).map(c -> " " + c.name()).orElse("");
    }

    private String sipLabel(int code) {
        return code + sip.find(code).map(c -> " " + c.phrase()).orElse("");
    }

    private static String join(List<Integer> l) {
        List<String> s = new ArrayList<>();
        for (Integer i : l) {
            s.add(Integer.toString(i));
        }
        return String.join(", ", s);
    }

    // ---- Teams client --------------------------------------------------------------------------

    /** Explains a documented Teams client code. */
    public Explanation clientCode(TeamsClientCode c) {
        TeamsClientFamily f = client.family(c.family()).orElseThrow();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("family", f.name());
        facts.put("layer", c.layer());
        facts.put("then check", c.thenCheck());
        facts.put("web versus desktop", c.webVersusDesktop());
        facts.put("family first check", f.firstCheck());
        if (!c.aliases().isEmpty()) {
            facts.put("also written", String.join(", ", c.aliases()));
        }
        return new Explanation(c.code(), CodeKind.TEAMS_CLIENT, c.key(), true, c.code() + " (" + f.name() + ")",
                c.meaning(), c.layer(), c.firstCheck(), f.id(), facts, List.of());
    }

    private Explanation hexCode(String hex) {
        String h = hex.length() < 8 ? "0".repeat(8 - hex.length()) + hex : hex;
        Optional<TeamsClientCode> named = client.find("0x" + h);
        if (named.isPresent()) {
            return clientCode(named.get());
        }
        if (h.startsWith("CAA")) {
            String family;
            switch (h.charAt(3)) {
                case '2': case '5': family = "policy-join-broker"; break;
                case '7': family = "token-transport"; break;
                case '9': family = "mfa-prt-federation"; break;
                case '3': case '8': family = "desktop-sign-in"; break;
                default: family = null;
            }
            Map<String, String> facts = new LinkedHashMap<>();
            String layer = "Teams / Microsoft 365 sign-in (0xCAA codes come from sign-in, token, broker or policy checks)";
            String first = "Try Teams on the web: web works means local client state; web fails too means account, policy, network or service health.";
            if (family != null) {
                TeamsClientFamily f = client.family(family).orElseThrow();
                facts.put("family (by prefix)", f.name());
                facts.put("web versus desktop", f.triage());
                layer = f.layer();
                first = f.firstCheck();
            }
            return new Explanation("0x" + h, CodeKind.TEAMS_CLIENT, "client:0x" + h, false,
                    "0x" + h + " (not in drsip's catalog: a Teams sign-in code)",
                    "A Teams or Microsoft 365 sign-in error that drsip does not document; its prefix places it in a family.",
                    layer, first, family, facts, List.of());
        }
        long v = Long.parseLong(h, 16);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("decimal", Long.toString(v));
        if ((v >>> 16) == 0x8007) {
            facts.put("windows error", Long.toString(v & 0xFFFF));
        }
        return new Explanation("0x" + h, CodeKind.TEAMS_CLIENT, "client:0x" + h, false,
                "0x" + h + " (Windows HRESULT, not in drsip's catalog)",
                (v >>> 16) == 0x8007 ? "A Windows error wrapped as an HRESULT (0x8007 + Win32 error " + (v & 0xFFFF) + ")."
                        : "A Windows/COM HRESULT that drsip does not document.",
                "Windows / local client", "Repair or reset the Teams app and clear its cache; compare with Teams on the web.",
                null, facts, List.of());
    }

    // ---- lists ---------------------------------------------------------------------------------

    /** Every family {@link #list(String)} accepts, in display order. */
    public List<CatalogFamily> families() {
        List<CatalogFamily> out = new ArrayList<>();
        out.add(new CatalogFamily("sip", CodeKind.SIP_RESPONSE, "every registered SIP response code 100-608", sip.all().size()));
        for (int k = 1; k <= 6; k++) {
            out.add(new CatalogFamily("sip-" + k + "xx", CodeKind.SIP_RESPONSE,
                    "SIP " + k + "xx: " + SipResponseCatalog.classMeaning(k * 100), sip.ofClass(k).size()));
        }
        out.add(new CatalogFamily("microsoft", CodeKind.MICROSOFT_RESPONSE, "every documented Microsoft response code",
                microsoft.all().size()));
        for (String f : microsoft.families()) {
            List<MicrosoftCodeInfo> l = microsoft.ofFamily(f);
            String d = dev.drsip.sip.dr.MicrosoftCodes.familyDescription(f);
            out.add(new CatalogFamily("ms-" + f, CodeKind.MICROSOFT_RESPONSE,
                    d == null || d.equals("unknown") ? l.get(0).structure().description() : d, l.size()));
        }
        out.add(new CatalogFamily("q850", CodeKind.Q850_CAUSE, "Q.850 causes with the RFC 3398 SIP mappings", q850.all().size()));
        out.add(new CatalogFamily("client", CodeKind.TEAMS_CLIENT, "every Teams client and sign-in code", client.all().size()));
        for (TeamsClientFamily f : client.families()) {
            int n = f.isSipFamily() ? f.sipCodes().size() : client.ofFamily(f.id()).size();
            out.add(new CatalogFamily(f.id(), f.isSipFamily() ? CodeKind.SIP_RESPONSE : CodeKind.TEAMS_CLIENT,
                    f.name() + ": " + f.firstCheck(), n));
        }
        return out;
    }

    /**
     * The entries of a family (see {@link #families()}; "ms-560" and "560" both work), empty for
     * an unknown family.
     */
    public List<Explanation> list(String family) {
        String f = family == null ? "" : family.trim().toLowerCase(Locale.ROOT);
        List<Explanation> out = new ArrayList<>();
        if (f.equals("sip")) {
            for (SipResponseCode c : sip.all()) {
                out.add(sipCode(c.code()));
            }
        } else if (f.matches("sip-[1-6]xx")) {
            for (SipResponseCode c : sip.ofClass(f.charAt(4) - '0')) {
                out.add(sipCode(c.code()));
            }
        } else if (f.equals("microsoft") || f.equals("ms")) {
            for (MicrosoftCodeInfo i : microsoft.all()) {
                out.add(microsoftCode(i.code()));
            }
        } else if (f.equals("q850")) {
            for (Q850Cause c : q850.all()) {
                out.add(q850Cause(c.cause()));
            }
        } else if (f.equals("client")) {
            for (TeamsClientCode c : client.all()) {
                out.add(clientCode(c));
            }
        } else if (client.family(f).isPresent()) {
            TeamsClientFamily tf = client.family(f).get();
            if (tf.isSipFamily()) {
                for (int c : tf.sipCodes()) {
                    out.add(sipCode(c));
                }
            } else {
                for (TeamsClientCode c : client.ofFamily(f)) {
                    out.add(clientCode(c));
                }
            }
        } else {
            String msFamily = f.startsWith("ms-") ? f.substring(3) : f;
            for (MicrosoftCodeInfo i : microsoft.ofFamily(msFamily)) {
                out.add(microsoftCode(i.code()));
            }
        }
        return out;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Explanation unknown(String input, String why) {
        return new Explanation(input, CodeKind.UNKNOWN, null, false, input.trim() + " (not recognised)", why, null,
                null, null, Map.of(), List.of());
    }

    private static Explanation withInput(String input, Explanation e) {
        return new Explanation(input, e.kind(), e.key(), e.documented(), e.title(), e.meaning(), e.side(),
                e.firstCheck(), e.family(), e.facts(), e.alternatives());
    }

    private static Explanation withAlternatives(Explanation e, List<Explanation> alternatives) {
        return new Explanation(e.input(), e.kind(), e.key(), e.documented(), e.title(), e.meaning(), e.side(),
                e.firstCheck(), e.family(), e.facts(), List.copyOf(alternatives));
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
