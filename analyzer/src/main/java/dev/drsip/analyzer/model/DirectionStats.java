package dev.drsip.analyzer.model;

import java.util.List;
import java.util.Map;

/**
 * Calls of one SBC in one direction (or non-Direct-Routing calls).
 *
 * @param attempts initial INVITE attempts with a known outcome (records delivered, minus unfinished)
 * @param answered 2xx
 * @param failed FAILED + NO_FINAL
 * @param userOutcomes user outcomes by {@link CallOutcome#label()} (busy, no-answer, declined,
 *     caller-cancel, completed-elsewhere, terminal-reject)
 * @param ner Microsoft's NER = effective attempts (answered + user outcomes) / attempts x 100,
 *     null when there was no attempt
 * @param failures every unanswered call with a known outcome, grouped (user outcomes flagged
 *     {@link FailureGroup#userOutcome()}), failures first, then most frequent first;
 *     answered + failed + sum(userOutcomes) = attempts
 * @param unfinished calls still waiting for a final answer when the trace ended or their state was
 *     evicted (outcome IN_PROGRESS): not in attempts
 * @param averageDurationSeconds mean answer-to-BYE duration of answered calls that ended with a BYE
 *     (the health dashboard's average call duration; ~15 s averages mean trouble), null if none
 */
public record DirectionStats(long attempts, long answered, long failed, Map<String, Long> userOutcomes, Double ner,
                             List<FailureGroup> failures, long unfinished, Double averageDurationSeconds) {

    /** Without the duration (kept for callers written before that field existed). */
    public DirectionStats(long attempts, long answered, long failed, Map<String, Long> userOutcomes, Double ner,
                          List<FailureGroup> failures, long unfinished) {
        this(attempts, answered, failed, userOutcomes, ner, failures, unfinished, null);
    }

    /** Without unfinished calls (kept for callers written before that field existed). */
    public DirectionStats(long attempts, long answered, long failed, Map<String, Long> userOutcomes, Double ner,
                          List<FailureGroup> failures) {
        this(attempts, answered, failed, userOutcomes, ner, failures, 0, null);
    }
}
