package dev.drsip.sip.catalog;

import java.util.List;

/**
 * A family of Teams client / sign-in / Teams Phone codes.
 *
 * @param id stable key, e.g. "policy-join-broker"
 * @param name display name
 * @param layer the layer that failed
 * @param firstCheck first place to check
 * @param triage the web-versus-desktop split for this family
 * @param sipCodes for the two Teams Phone families, the SIP codes that belong to it; empty otherwise
 */
public record TeamsClientFamily(String id, String name, String layer, String firstCheck, String triage,
        List<Integer> sipCodes) {
    public boolean isSipFamily() {
        return !sipCodes.isEmpty();
    }
}
