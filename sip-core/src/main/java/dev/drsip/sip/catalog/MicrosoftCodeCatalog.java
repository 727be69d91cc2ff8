package dev.drsip.sip.catalog;

import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.MicrosoftCodes;
import dev.drsip.sip.dr.MsCodeEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft response codes explained. The list of codes, SIP codes and phrases is the analyzer's
 * {@link MicrosoftCodes} catalog ({@code dev/drsip/sip/dr/microsoft-codes.tsv}); this class reads
 * the explanation columns added to that file (category, direction, ner, meaning, first_check) and
 * decodes undocumented codes by structure ({@link MicrosoftCodeStructure}).
 */
public final class MicrosoftCodeCatalog {
    private static volatile MicrosoftCodeCatalog standard;

    private final MicrosoftCodes codes;
    private final Map<Integer, MicrosoftCodeInfo> documented = new LinkedHashMap<>();

    MicrosoftCodeCatalog(MicrosoftCodes codes) {
        this.codes = codes;
        for (MsCodeEntry e : codes.entries()) {
            documented.put(e.code(), toInfo(e));
        }
    }

    public static MicrosoftCodeCatalog standard() {
        MicrosoftCodeCatalog c = standard;
        if (c == null) {
            synchronized (MicrosoftCodeCatalog.class) {
                c = standard;
                if (c == null) {
                    c = new MicrosoftCodeCatalog(MicrosoftCodes.standard());
                    standard = c;
                }
            }
        }
        return c;
    }

    private static MicrosoftCodeInfo toInfo(MsCodeEntry e) {
        MicrosoftCodeStructure s = MicrosoftCodeStructure.decode(e.code());
        String cat = e.column("category");
        CodeCategory category = cat != null ? CodeCategory.parse(cat) : s.category();
        String dir = e.column("direction");
        Direction direction = dir == null || dir.equalsIgnoreCase("any") ? s.direction()
                : Direction.valueOf(dir.trim().toUpperCase(Locale.ROOT));
        String ner = e.column("ner");
        String meaning = e.column("meaning");
        return new MicrosoftCodeInfo(e.code(), true, e.sipCodes(), readable(e.phrase()), category, direction,
                ner == null ? null : NerOutcome.parse(ner),
                meaning != null ? meaning : s.description(), e.column("first_check"), s);
    }

    /** A pattern phrase ("Unable to deliver INVITE: ...0x80090322...") shown with ellipses. */
    private static String readable(String phrase) {
        if (phrase == null || !phrase.contains("...")) {
            return phrase;
        }
        return phrase.replaceAll("\\s*\\.\\.\\.\\s*", " \u2026 ").trim();
    }

    /** The documented entry, if any. */
    public Optional<MicrosoftCodeInfo> find(int code) {
        return Optional.ofNullable(documented.get(code));
    }

    /** Documented entries in catalog order. */
    public List<MicrosoftCodeInfo> all() {
        return List.copyOf(documented.values());
    }

    /** Documented entries of one structural family ("560", "510", "call-controller", ...). */
    public List<MicrosoftCodeInfo> ofFamily(String family) {
        List<MicrosoftCodeInfo> out = new ArrayList<>();
        for (MicrosoftCodeInfo i : documented.values()) {
            if (i.family().equals(family)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Documented families in catalog order. */
    public List<String> families() {
        List<String> out = new ArrayList<>();
        for (MicrosoftCodeInfo i : documented.values()) {
            if (!out.contains(i.family())) {
                out.add(i.family());
            }
        }
        return out;
    }

    /**
     * Always an answer: the documented entry, else the structural decoding (with the SIP code the
     * structure embeds, if any). Codes outside 0..999999 decode as not-a-microsoft-code.
     */
    public MicrosoftCodeInfo explain(long code) {
        if (code >= 0 && code <= 999_999) {
            MicrosoftCodeInfo d = documented.get((int) code);
            if (d != null) {
                return d;
            }
        }
        MicrosoftCodeStructure s = MicrosoftCodeStructure.decode(code);
        List<Integer> sip = s.embeddedSipCode() > 0 ? List.of(s.embeddedSipCode())
                : s.family().equals("569") || s.family().equals("549") ? List.of(504) : List.of();
        return new MicrosoftCodeInfo(s.code(), false, sip, null, s.category(), s.direction(), null,
                s.description(), null, s);
    }

    /**
     * Matches a Reason text (with or without Microsoft's {@code <GUID>;} prefix) to documented
     * codes, tolerant of case, punctuation, whitespace and a trailing period. Codes of the given
     * direction come first when several share a phrase ("Bad Extension" is 560420 outbound,
     * 540420 inbound). Empty for null/blank text.
     */
    public Optional<ReasonMatch> matchReason(String text, Direction direction) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] gp = MicrosoftCodes.splitGuid(text);
        List<MicrosoftCodeInfo> candidates = new ArrayList<>();
        for (MsCodeEntry e : codes.matchAll(text)) {
            candidates.add(documented.get(e.code()));
        }
        if (direction != null && direction != Direction.UNKNOWN && candidates.size() > 1) {
            List<MicrosoftCodeInfo> sorted = new ArrayList<>(candidates);
            // stable: same-direction first, then direction-neutral, then the other direction
            sorted.sort((a, b) -> Integer.compare(rank(a, direction), rank(b, direction)));
            candidates = sorted;
        }
        MicrosoftCodeInfo best = candidates.isEmpty() ? null : candidates.get(0);
        String family = best != null ? best.family() : MicrosoftCodes.familyOfPhrase(text);
        if (family != null && best == null && family.equals("569") && direction == Direction.INBOUND) {
            family = "549";
        }
        return Optional.of(new ReasonMatch(gp[0], gp[1], best, Collections.unmodifiableList(candidates), family));
    }

    private static int rank(MicrosoftCodeInfo i, Direction d) {
        if (i.direction() == d) {
            return 0;
        }
        return i.direction() == Direction.UNKNOWN ? 1 : 2;
    }

    /** The underlying list (codes, SIP codes, phrases, phrase matching). */
    public MicrosoftCodes codes() {
        return codes;
    }
}
