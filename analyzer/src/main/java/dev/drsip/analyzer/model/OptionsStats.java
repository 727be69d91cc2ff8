package dev.drsip.analyzer.model;

import java.util.Map;

/**
 * OPTIONS keep-alives between one SBC and Microsoft (transactions, not retransmissions).
 *
 * @param sbcSent OPTIONS sent by the SBC to Microsoft
 * @param sbcAnswered200 of those, answered 200 by Microsoft
 * @param sbcAnswers every final code Microsoft answered with -> count
 * @param microsoftSent OPTIONS sent by Microsoft to the SBC (to its Contact FQDN)
 * @param microsoftAnswered200 of those, answered 200 by the SBC
 * @param microsoftAnswers every final code the SBC answered with -> count
 * @param lastSbcOptions event time of the SBC's last OPTIONS, -1 if none
 * @param maxSbcGapMillis longest gap between two SBC OPTIONS, ms (-1 with fewer than two)
 */
public record OptionsStats(long sbcSent, long sbcAnswered200, Map<Integer, Long> sbcAnswers, long microsoftSent,
                           long microsoftAnswered200, Map<Integer, Long> microsoftAnswers, long lastSbcOptions,
                           long maxSbcGapMillis) {
}
