package dev.drsip.sip.catalog;

import dev.drsip.sip.dr.Side;
import java.util.Locale;

/**
 * Who a Microsoft response code points at: finer than {@link Side}, as the admin centre's codes
 * separate Microsoft's tenant configuration, media stack and Teams call controller.
 */
public enum CodeCategory {
    /** The SBC (or the carrier/PBX behind it) produced the answer, or Microsoft failed because of the SBC. */
    SBC,
    /** Microsoft's SIP proxy or an undocumented Microsoft module. */
    MICROSOFT,
    /** The tenant's configuration: routing policy, trunk, numbers, licences (510/511). */
    TENANT_CONFIGURATION,
    /** Microsoft's media stack: SDP, ICE, SRTP (531). */
    MEDIA,
    /** The Teams call controller: users, bots, policies, recorders (0, 4-5 digit codes). */
    TEAMS,
    UNKNOWN;

    /** "sbc", "microsoft", "tenant-configuration", "media", "teams", "unknown". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The trunk end that must act: SBC for SBC codes (even when Microsoft sent the final message,
     * as for 569xxx or 1106); every Microsoft component (proxy, tenant configuration, media stack,
     * call controller) is on Microsoft's end.
     */
    public Side actingSide() {
        switch (this) {
            case SBC:
                return Side.SBC;
            case UNKNOWN:
                return Side.UNKNOWN;
            default:
                return Side.MICROSOFT;
        }
    }

    /** Parses a label ("tenant-configuration") or enum name; UNKNOWN for null or anything else. */
    public static CodeCategory parse(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
