package dev.drsip.sip.dr;

/**
 * Call direction in Microsoft's own vocabulary: OUTBOUND = Teams user calls the PSTN, the INVITE
 * goes Microsoft -> SBC; INBOUND = PSTN caller reaches Teams, the INVITE goes SBC -> Microsoft.
 */
public enum Direction {
    INBOUND, OUTBOUND, UNKNOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
