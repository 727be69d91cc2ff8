package dev.drsip.sip.catalog;

import java.util.List;

/**
 * A Reason text ({@code text="<GUID>;<phrase>"}) matched back to Microsoft response codes.
 *
 * @param guid Microsoft's correlation GUID (what users quote to Microsoft support), null if absent
 * @param phrase the text without the GUID
 * @param code the best matching documented code (direction taken into account), null when none
 * @param candidates every documented code whose phrase matches, best first
 * @param family the family when only that is known (e.g. "569" for "Unable to deliver INVITE"), else the code's family
 */
public record ReasonMatch(String guid, String phrase, MicrosoftCodeInfo code, List<MicrosoftCodeInfo> candidates,
        String family) {
    public boolean matched() {
        return code != null;
    }
}
