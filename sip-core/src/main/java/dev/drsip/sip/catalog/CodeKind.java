package dev.drsip.sip.catalog;

import java.util.Locale;

/** The kinds of code {@link CodeExplainer} knows. */
public enum CodeKind {
    SIP_RESPONSE, MICROSOFT_RESPONSE, Q850_CAUSE, TEAMS_CLIENT, UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
