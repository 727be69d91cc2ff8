package dev.drsip.sip.dr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of documented Microsoft response codes (section 4 of the reference), loaded from the
 * tab-separated resource {@code microsoft-codes.tsv} (header row names the columns; extra columns
 * are kept in {@link MsCodeEntry#extra()}), with tolerant phrase matching of Reason texts and the
 * structural family of any code.
 *
 * <p>Matching ignores case, punctuation, repeated whitespace and a trailing period, and accepts the
 * full Reason text with Microsoft's leading {@code <GUID>;}. Exact phrases win over patterns
 * (phrases with "..."), which are tried in file order.
 */
public final class MicrosoftCodes {
    public static final String RESOURCE = "/dev/drsip/sip/dr/microsoft-codes.tsv";

    private static volatile MicrosoftCodes standard;

    private final List<MsCodeEntry> entries;
    private final Map<Integer, MsCodeEntry> byCode;
    /** normalized exact phrase -> entries with it, in file order (several codes share a phrase). */
    private final Map<String, List<MsCodeEntry>> exact;
    private final List<Pattern> patterns;

    private record Pattern(String[] pieces, boolean anchored, MsCodeEntry entry) {
    }

    private MicrosoftCodes(List<String[]> rows, List<String> header) {
        int iCode = header.indexOf("code");
        int iSip = header.indexOf("sip");
        int iPhrase = header.indexOf("phrase");
        int iSide = header.indexOf("side");
        int iResp = header.indexOf("responsible");
        if (iCode < 0 || iSip < 0 || iPhrase < 0 || iSide < 0) {
            throw new IllegalArgumentException("catalog header must name code, sip, phrase, side: " + header);
        }
        // Merge rows of one code (alternative phrases) keeping file order.
        Map<Integer, List<String[]>> grouped = new LinkedHashMap<>();
        for (String[] r : rows) {
            grouped.computeIfAbsent(Integer.parseInt(r[iCode].trim()), k -> new ArrayList<>()).add(r);
        }
        Map<Integer, MsCodeEntry> codes = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<String[]>> g : grouped.entrySet()) {
            String[] first = g.getValue().get(0);
            List<Integer> sips = new ArrayList<>();
            for (String s : cell(first, iSip).split(",")) {
                if (!s.isBlank()) {
                    sips.add(Integer.parseInt(s.trim()));
                }
            }
            List<String> phrases = new ArrayList<>();
            for (String[] r : g.getValue()) {
                phrases.add(cell(r, iPhrase));
            }
            Map<String, String> extra = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != iCode && i != iSip && i != iPhrase && i != iSide && i != iResp && !cell(first, i).isEmpty()) {
                    extra.put(header.get(i), cell(first, i));
                }
            }
            codes.put(g.getKey(), new MsCodeEntry(g.getKey(), List.copyOf(sips), List.copyOf(phrases),
                    side(cell(first, iSide)), iResp < 0 ? "" : cell(first, iResp), family(g.getKey()),
                    Collections.unmodifiableMap(extra)));
        }
        Map<String, List<MsCodeEntry>> ex = new HashMap<>();
        List<Pattern> pats = new ArrayList<>();
        for (String[] r : rows) {
            MsCodeEntry e = codes.get(Integer.parseInt(r[iCode].trim()));
            String ph = cell(r, iPhrase);
            if (ph.contains("...")) {
                boolean anchored = !ph.trim().startsWith("...");
                List<String> pieces = new ArrayList<>();
                for (String piece : ph.split("\\.\\.\\.")) {
                    String n = normalize(piece);
                    if (!n.isEmpty()) {
                        pieces.add(n);
                    }
                }
                pats.add(new Pattern(pieces.toArray(new String[0]), anchored, e));
            } else {
                List<MsCodeEntry> l = ex.computeIfAbsent(normalize(ph), k -> new ArrayList<>());
                if (!l.contains(e)) {
                    l.add(e);
                }
            }
        }
        this.entries = List.copyOf(codes.values());
        this.byCode = Collections.unmodifiableMap(codes);
        this.exact = ex;
        this.patterns = List.copyOf(pats);
    }

    /** The catalog shipped with drsip (loaded once). */
    public static MicrosoftCodes standard() {
        MicrosoftCodes s = standard;
        if (s == null) {
            synchronized (MicrosoftCodes.class) {
                s = standard;
                if (s == null) {
                    try (InputStream in = MicrosoftCodes.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("missing resource " + RESOURCE);
                        }
                        s = load(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    standard = s;
                }
            }
        }
        return s;
    }

    /**
     * Loads a catalog: UTF-8, tab-separated, '#' comment lines, blank lines ignored, the first other
     * line is the header (at least code, sip, phrase, side).
     *
     * @throws IllegalArgumentException on a malformed row, naming its line
     */
    public static MicrosoftCodes load(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (header == null) {
                header = new ArrayList<>();
                for (String c : cells) {
                    header.add(c.trim().toLowerCase(Locale.ROOT));
                }
                continue;
            }
            int iCode = header.indexOf("code");
            try {
                Integer.parseInt(cell(cells, iCode).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("catalog line " + n + ": bad code '" + cell(cells, iCode) + "'");
            }
            rows.add(cells);
        }
        if (header == null) {
            throw new IllegalArgumentException("catalog has no header row");
        }
        return new MicrosoftCodes(rows, header);
    }

    /** Every code in file order. */
    public List<MsCodeEntry> entries() {
        return entries;
    }

    public Optional<MsCodeEntry> byCode(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * The documented code whose phrase matches a Reason text (GUID prefix allowed), the first in
     * file order when several share the phrase; empty when none matches.
     */
    public Optional<MsCodeEntry> matchPhrase(String reasonText) {
        List<MsCodeEntry> all = matchAll(reasonText);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Every code matching a Reason text, exact matches first, then patterns in file order. Callers
     * that know the direction pick among them (e.g. "Bad Extension" is 560420 or 540420).
     */
    public List<MsCodeEntry> matchAll(String reasonText) {
        if (reasonText == null) {
            return List.of();
        }
        String n = normalize(splitGuid(reasonText)[1]);
        if (n.isEmpty()) {
            return List.of();
        }
        List<MsCodeEntry> out = new ArrayList<>(exact.getOrDefault(n, List.of()));
        for (Pattern p : patterns) {
            if (!out.contains(p.entry()) && matches(p, n)) {
                out.add(p.entry());
            }
        }
        return out;
    }

    /**
     * The family a Reason text belongs to when no code matches: "569" for "Unable to deliver
     * INVITE..." (Microsoft could not reach the SBC), else null.
     */
    public static String familyOfPhrase(String reasonText) {
        if (reasonText == null) {
            return null;
        }
        String n = normalize(splitGuid(reasonText)[1]);
        return n.startsWith("unable to deliver") ? "569" : null;
    }

    private static boolean matches(Pattern p, String n) {
        int at = 0;
        for (int i = 0; i < p.pieces().length; i++) {
            String piece = p.pieces()[i];
            if (i == 0 && p.anchored()) {
                if (!n.startsWith(piece)) {
                    return false;
                }
                at = piece.length();
                continue;
            }
            int k = n.indexOf(piece, at);
            if (k < 0) {
                return false;
            }
            at = k + piece.length();
        }
        return true;
    }

    private static final String[] FAMILIES = new String[100];

    static {
        for (int i = 0; i < FAMILIES.length; i++) {
            FAMILIES[i] = Integer.toString(500 + i);
        }
    }

    /**
     * Structural family of a code: "560", "540", "569", "549", "510", "511", "531" ... (first three
     * digits of a six-digit 5XY code), "500001" for the failover timer, "1106" for the missing ACK,
     * "call-controller" for Teams call-controller codes (0, four or five digits), "unknown" else.
     */
    public static String family(int code) {
        if (code == 500001) {
            return "500001";
        }
        if (code == 1106) {
            return "1106";
        }
        if (code >= 500000 && code <= 599999) {
            return FAMILIES[code / 1000 - 500]; // shared: asked for every call record
        }
        if (code == 0 || (code >= 1000 && code <= 99999)) {
            return "call-controller";
        }
        return "unknown";
    }

    /** Who must act for a family: SBC for 560/540/569/549/500001/1106, MICROSOFT for 510/511 and the call controller. */
    public static Side familySide(String family) {
        if (family == null) {
            return Side.UNKNOWN;
        }
        switch (family) {
            case "560": case "540": case "569": case "549": case "500001": case "1106":
                return Side.SBC;
            case "510": case "511": case "call-controller":
                return Side.MICROSOFT;
            default:
                return Side.UNKNOWN;
        }
    }

    /** One-line meaning of a family, for reports. */
    public static String familyDescription(String family) {
        if (family == null) {
            return "unknown";
        }
        switch (family) {
            case "560": return "SBC (or carrier/PBX behind it) answered an outbound call with this SIP code";
            case "540": return "SBC cancelled/ended an inbound call or sent a request Microsoft rejected";
            case "569": case "549": return "Microsoft could not deliver to the SBC (TCP/TLS/DNS/certificate)";
            case "500001": return "SBC did not answer within Microsoft's failover timer";
            case "1106": return "SBC never ACKed Microsoft's 200 OK";
            case "510": case "511": return "Microsoft tenant configuration (routing policy, trunk, number, licence)";
            case "531": return "Microsoft media stack (SDP/ICE/SRTP)";
            case "call-controller": return "Teams call controller (policy, bots, recorders, client media)";
            default: return "unknown";
        }
    }

    /**
     * Splits Microsoft's {@code <GUID>;<phrase>} Reason text: [guid or null, phrase]. The GUID is the
     * part before the first ';' when it is made of hex digits and dashes (at least 8 characters).
     */
    public static String[] splitGuid(String text) {
        if (text == null) {
            return new String[] {null, null};
        }
        int semi = text.indexOf(';');
        if (semi >= 8) {
            boolean hex = true;
            for (int i = 0; i < semi && hex; i++) {
                char c = text.charAt(i);
                hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-'
                        || c == '.' || c == ' ';
            }
            if (hex && text.substring(0, semi).trim().length() >= 8) {
                return new String[] {text.substring(0, semi).trim(), text.substring(semi + 1).trim()};
            }
        }
        return new String[] {null, text.trim()};
    }

    /** Lower-case, every run of non-alphanumeric characters becomes one space, trimmed. */
    public static String normalize(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(Character.toLowerCase(c));
            } else {
                space = true;
            }
        }
        return b.toString();
    }

    private static String cell(String[] r, int i) {
        return i >= 0 && i < r.length ? r[i].trim() : "";
    }

    private static Side side(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "sbc": return Side.SBC;
            case "microsoft": return Side.MICROSOFT;
            default: return Side.UNKNOWN;
        }
    }
}
