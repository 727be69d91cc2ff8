package dev.drsip.rules.options;

/**
 * One SBC's OPTIONS health at an event time, with a status like the Teams admin center's.
 *
 * @param sbc the SBC's name
 * @param status {@link #ACTIVE}, {@link #NO_SIP_OPTIONS} or {@link #NOT_CONFIGURED}
 * @param why one line explaining a warning status; for an active SBC a caveat (Microsoft's OPTIONS
 *     not in the capture) or null
 * @param sbcOptionsSent OPTIONS from the SBC to Microsoft (first transmissions)
 * @param sbcOptionsAnswered200 of those answered 200 by Microsoft
 * @param sbcOptionsRejected answered with a final code >= 300
 * @param lastSbcOptionsCode Microsoft's last final answer to an SBC OPTIONS, 0 if none
 * @param lastSbcOptionsNanos event time of the SBC's last OPTIONS, -1 if none
 * @param averageIntervalSeconds mean interval between the SBC's OPTIONS, -1 with fewer than two
 * @param maxGapSeconds longest interval between two SBC OPTIONS (or since the last one), -1 if unknown
 * @param microsoftOptionsSent OPTIONS from Microsoft to the SBC
 * @param microsoftOptionsAnswered200 answered 200 by the SBC
 * @param microsoftOptionsUnanswered unanswered within the answer timeout, or answered >= 300
 */
public record SbcHealth(String sbc, String status, String why, long sbcOptionsSent, long sbcOptionsAnswered200,
                        long sbcOptionsRejected, int lastSbcOptionsCode, long lastSbcOptionsNanos,
                        double averageIntervalSeconds, long maxGapSeconds, long microsoftOptionsSent,
                        long microsoftOptionsAnswered200, long microsoftOptionsUnanswered) {
    /** Both directions of OPTIONS flow and are answered 200. */
    public static final String ACTIVE = "Active";
    /** The SBC sends OPTIONS but they (or Microsoft's) are not answered 200, or stopped for > 180 s. */
    public static final String NO_SIP_OPTIONS = "Warning, no SIP options";
    /** The SBC was seen but never sent an OPTIONS: trunk monitoring is not turned on. */
    public static final String NOT_CONFIGURED = "Warning, SIP Messages aren't configured";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** The JSON shape (plain maps for any JSON writer). */
    public java.util.Map<String, Object> toJsonMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("sbc", sbc);
        m.put("status", status);
        m.put("why", why);
        m.put("sbcOptionsSent", sbcOptionsSent);
        m.put("sbcOptionsAnswered200", sbcOptionsAnswered200);
        m.put("sbcOptionsRejected", sbcOptionsRejected);
        m.put("lastSbcOptionsCode", lastSbcOptionsCode);
        m.put("lastSbcOptions", dev.drsip.rules.Times.iso(lastSbcOptionsNanos));
        m.put("averageIntervalSeconds", averageIntervalSeconds < 0 ? null : Math.round(averageIntervalSeconds * 10) / 10.0);
        m.put("maxGapSeconds", maxGapSeconds < 0 ? null : maxGapSeconds);
        m.put("microsoftOptionsSent", microsoftOptionsSent);
        m.put("microsoftOptionsAnswered200", microsoftOptionsAnswered200);
        m.put("microsoftOptionsUnanswered", microsoftOptionsUnanswered);
        return m;
    }
}
