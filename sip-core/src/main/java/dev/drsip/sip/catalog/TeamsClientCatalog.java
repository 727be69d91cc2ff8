package dev.drsip.sip.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Teams client and sign-in codes and their 7 families ({@code teams-client-codes.tsv},
 * {@code teams-client-families.tsv}). The two Teams Phone families point into the SIP catalog.
 */
public final class TeamsClientCatalog {
    static final String CODES = "teams-client-codes.tsv";
    static final String FAMILIES = "teams-client-families.tsv";
    private static volatile TeamsClientCatalog standard;

    private final Map<String, TeamsClientFamily> families = new LinkedHashMap<>();
    private final List<TeamsClientCode> codes;
    private final Map<String, TeamsClientCode> byName = new HashMap<>();

    private TeamsClientCatalog(List<TsvTable.Row> familyRows, List<TsvTable.Row> codeRows, SipResponseCatalog sip) {
        for (TsvTable.Row r : familyRows) {
            String id = r.required("family");
            TeamsClientFamily f = new TeamsClientFamily(id, r.required("name"), r.required("layer"),
                    r.required("first_check"), r.required("triage"), sipMembers(r, sip));
            if (families.put(id, f) != null) {
                throw r.error("duplicate family " + id);
            }
        }
        List<TeamsClientCode> list = new ArrayList<>();
        for (TsvTable.Row r : codeRows) {
            String family = r.required("family");
            if (!families.containsKey(family) || families.get(family).isSipFamily()) {
                throw r.error("unknown client family " + family);
            }
            List<String> aliases = new ArrayList<>();
            String a = r.optional("aliases");
            if (a != null) {
                for (String s : a.split(",")) {
                    aliases.add(s.trim());
                }
            }
            TeamsClientCode c = new TeamsClientCode(r.required("code"), List.copyOf(aliases), family,
                    r.required("layer"), r.required("meaning"), r.required("first_check"),
                    r.required("then_check"), r.required("web_vs_desktop"));
            register(r, c.code(), c);
            for (String alias : aliases) {
                register(r, alias, c);
            }
            list.add(c);
        }
        this.codes = Collections.unmodifiableList(list);
    }

    private void register(TsvTable.Row r, String name, TeamsClientCode c) {
        if (byName.put(normalize(name), c) != null) {
            throw r.error("duplicate client code " + name);
        }
    }

    private static List<Integer> sipMembers(TsvTable.Row r, SipResponseCatalog sip) {
        String from = r.required("members_from");
        if (from.equals("client")) {
            return List.of();
        }
        if (!from.startsWith("sip:")) {
            throw r.error("members_from must be 'client' or 'sip:...': " + from);
        }
        String spec = from.substring(4);
        List<Integer> out = new ArrayList<>();
        if (spec.matches("[1-6]xx")) {
            for (SipResponseCode c : sip.ofClass(spec.charAt(0) - '0')) {
                out.add(c.code());
            }
        } else {
            for (String s : spec.split(",")) {
                int code = Integer.parseInt(s.trim());
                if (sip.find(code).isEmpty()) {
                    throw r.error("SIP code " + code + " is not in the SIP catalog");
                }
                out.add(code);
            }
        }
        return List.copyOf(out);
    }

    public static TeamsClientCatalog standard() {
        TeamsClientCatalog c = standard;
        if (c == null) {
            synchronized (TeamsClientCatalog.class) {
                c = standard;
                if (c == null) {
                    c = new TeamsClientCatalog(TsvTable.load(FAMILIES), TsvTable.load(CODES), SipResponseCatalog.standard());
                    standard = c;
                }
            }
        }
        return c;
    }

    /** Case-insensitive lookup by code or alias ("0xcaa20004", "4C7", "0x80070002"). */
    public Optional<TeamsClientCode> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byName.get(normalize(code)));
    }

    public List<TeamsClientCode> all() {
        return codes;
    }

    public List<TeamsClientFamily> families() {
        return List.copyOf(families.values());
    }

    public Optional<TeamsClientFamily> family(String id) {
        return Optional.ofNullable(families.get(id));
    }

    public List<TeamsClientCode> ofFamily(String id) {
        List<TeamsClientCode> out = new ArrayList<>();
        for (TeamsClientCode c : codes) {
            if (c.family().equals(id)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The Teams Phone family a SIP code belongs to, if any (5xx/6xx before 4xx). */
    public Optional<TeamsClientFamily> sipFamilyOf(int sipCode) {
        for (TeamsClientFamily f : families.values()) {
            if (f.sipCodes().contains(sipCode)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    static String normalize(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
