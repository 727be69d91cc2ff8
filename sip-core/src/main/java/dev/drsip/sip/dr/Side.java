package dev.drsip.sip.dr;

/** The two ends of a Direct Routing trunk. */
public enum Side {
    MICROSOFT, SBC, UNKNOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
