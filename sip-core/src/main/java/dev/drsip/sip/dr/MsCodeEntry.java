package dev.drsip.sip.dr;

import java.util.List;
import java.util.Map;

/**
 * One documented Microsoft response code from the catalog ({@code microsoft-codes.tsv}).
 *
 * @param code the code (500001, 560486, 10500, 1106, 0, ...)
 * @param sipCodes SIP code(s) Microsoft reports beside it (0 for "no SIP answer", e.g. 540000)
 * @param phrases documented phrases (exact ones first as in the file; patterns contain "...")
 * @param side who must act: SBC, MICROSOFT, or UNKNOWN (network, either)
 * @param responsible the reference's own words for who is responsible
 * @param family structural family ({@link MicrosoftCodes#family(int)})
 * @param extra any further catalog columns by header name (meanings, first checks, ...)
 */
public record MsCodeEntry(int code, List<Integer> sipCodes, List<String> phrases, Side side, String responsible,
                          String family, Map<String, String> extra) {

    /** The first phrase that is not a pattern (the documented wording), else the first one. */
    public String phrase() {
        for (String p : phrases) {
            if (!p.contains("...")) {
                return p;
            }
        }
        return phrases.isEmpty() ? null : phrases.get(0);
    }

    /** The first SIP code, 0 if none. */
    public int sipCode() {
        return sipCodes.isEmpty() ? 0 : sipCodes.get(0);
    }

    /** A further catalog column, null if absent. */
    public String column(String name) {
        return extra.get(name);
    }
}
