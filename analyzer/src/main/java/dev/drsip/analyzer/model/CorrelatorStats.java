package dev.drsip.analyzer.model;

/**
 * Bookkeeping of the correlator: how state was bounded.
 *
 * @param transactions distinct transactions seen
 * @param callsTimedOut calls closed by a timer (no final, no BYE)
 * @param callsEvicted calls closed early because the live-call cap was reached
 * @param transactionsEvicted transactions dropped because the cap was reached
 * @param orphanMessages in-dialog requests / responses for calls not seen starting (trace began
 *     mid-call, or state evicted)
 * @param peakLiveCalls largest number of calls held at once
 * @param peakLiveTransactions largest number of transactions held at once
 */
public record CorrelatorStats(long transactions, long callsTimedOut, long callsEvicted, long transactionsEvicted,
                              long orphanMessages, long peakLiveCalls, long peakLiveTransactions) {
}
