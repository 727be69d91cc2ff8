package dev.drsip.sip.catalog;

import dev.drsip.sip.dr.Direction;

/**
 * Structural decoding of a Microsoft response code, for codes the catalog does not document.
 * Six-digit codes read as {@code 5 X Y ZZZ}: 5 = PSTN hub, X = module, Y = a module-specific
 * source, ZZZ often the SIP code. Codes 0 and 1-5 digits come from the Teams call controller.
 *
 * @param code the code
 * @param family "560", "569", "540", "549", "510", "511", "531", "500001", "500", "5XY" for other
 *     six-digit codes, "call-controller", or "not-a-microsoft-code"
 * @param category who it points at
 * @param direction OUTBOUND for 56x, INBOUND for 54x, UNKNOWN otherwise
 * @param embeddedSipCode ZZZ when the family carries a SIP code in it (560, 540, 510, 511) and it
 *     is 100-699; -1 otherwise
 * @param description one sentence in drsip's words
 */
public record MicrosoftCodeStructure(int code, String family, CodeCategory category, Direction direction,
        int embeddedSipCode, String description) {

    public static MicrosoftCodeStructure decode(long code) {
        if (code < 0 || code > 999_999) {
            return new MicrosoftCodeStructure((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, code)),
                    "not-a-microsoft-code", CodeCategory.UNKNOWN, Direction.UNKNOWN, -1,
                    "not the shape of a Microsoft response code (0, 4-5 digits, or 6 digits starting with 5)");
        }
        int c = (int) code;
        if (c < 100_000) {
            return new MicrosoftCodeStructure(c, "call-controller", CodeCategory.TEAMS, Direction.UNKNOWN, -1,
                    "a Teams call controller code (0 or up to five digits): users, bots, policies, recorders or client media");
        }
        if (c / 100_000 != 5) {
            return new MicrosoftCodeStructure(c, "not-a-microsoft-code", CodeCategory.UNKNOWN, Direction.UNKNOWN, -1,
                    "six digits not starting with 5: not the 5XYZZZ shape of Microsoft's PSTN hub codes");
        }
        int x = (c / 10_000) % 10;
        int y = (c / 1_000) % 10;
        int zzz = c % 1000;
        // 560/540: ZZZ is the SBC's SIP answer, whatever it is; 510/511: only when it is a
        // registered SIP code (510403 is, 510532 is not)
        int sip = zzz >= 100 && zzz <= 699 ? zzz : -1;
        int registeredSip = SipResponseCatalog.standard().find(zzz).isPresent() ? zzz : -1;
        String xy = "5" + x + y;
        switch (x) {
            case 6:
                if (y == 0) {
                    return new MicrosoftCodeStructure(c, xy, CodeCategory.SBC, Direction.OUTBOUND, sip,
                            zzz == 0 ? "outbound call ended normally by the SBC side"
                                    : "outbound call: the SBC (or the carrier or PBX behind it) answered with SIP " + zzz);
                }
                if (y == 9) {
                    return new MicrosoftCodeStructure(c, xy, CodeCategory.SBC, Direction.OUTBOUND, -1,
                            "outbound call: Microsoft could not deliver the INVITE to the SBC (connection, TLS, DNS or certificate; detail "
                                    + zzz + "), reported as SIP 504");
                }
                return new MicrosoftCodeStructure(c, xy, CodeCategory.SBC, Direction.OUTBOUND, -1,
                        "56x: the final answer comes from the SBC side on an outbound call (source " + y + " is not documented)");
            case 4:
                if (y == 0) {
                    return new MicrosoftCodeStructure(c, xy, CodeCategory.SBC, Direction.INBOUND, sip,
                            zzz == 0 ? "inbound call ended normally by the SBC side (BYE)"
                                    : "inbound call: the SBC cancelled or ended the call, or sent a request Microsoft refused (SIP " + zzz + ")");
                }
                if (y == 9) {
                    return new MicrosoftCodeStructure(c, xy, CodeCategory.SBC, Direction.INBOUND, -1,
                            "inbound call: Microsoft could not send to the SBC (transport or message problem; detail " + zzz
                                    + "), reported as SIP 504");
                }
                return new MicrosoftCodeStructure(c, xy, CodeCategory.SBC, Direction.INBOUND, -1,
                        "54x: the SBC side on an inbound call (source " + y + " is not documented)");
            case 1:
                return new MicrosoftCodeStructure(c, xy, CodeCategory.TENANT_CONFIGURATION, Direction.UNKNOWN,
                        y == 0 || y == 1 ? registeredSip : -1,
                        "51x: Microsoft refused the call because of the tenant's configuration (routing policy, trunk, number lookup, licence)");
            case 3:
                return new MicrosoftCodeStructure(c, xy, CodeCategory.MEDIA, Direction.UNKNOWN, -1,
                        "53x: Microsoft's media stack (SDP, ICE, SRTP), usually the SBC's offer or the media network path");
            case 0:
                if (c == 500_001) {
                    return new MicrosoftCodeStructure(c, "500001", CodeCategory.SBC, Direction.OUTBOUND, -1,
                            "Microsoft's failover timer expired: the SBC did not answer the INVITE in time (SIP 408)");
                }
                return new MicrosoftCodeStructure(c, "500", CodeCategory.MICROSOFT, Direction.UNKNOWN, -1,
                        "500xxx: a Microsoft timer family (500001 is the SBC failover timer); this one is not documented");
            default:
                return new MicrosoftCodeStructure(c, xy, CodeCategory.MICROSOFT, Direction.UNKNOWN, -1,
                        "5" + x + "x: a Microsoft PSTN hub module (" + x + ") that is not documented publicly");
        }
    }
}
