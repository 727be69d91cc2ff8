/**
 * The analyzer's public, stable model: what rules and reports are built on.
 *
 * <ul>
 * <li>{@link dev.drsip.analyzer.model.ClassifiedMessage}: one SIP message with sides, SBC name,
 *     direction and the retransmission flag;</li>
 * <li>{@link dev.drsip.analyzer.model.CallRecord}: one INVITE dialog with outcome, failure side and
 *     reconstructed {@link dev.drsip.analyzer.model.MicrosoftCode}, Reason values and evidence;</li>
 * <li>{@link dev.drsip.analyzer.model.AnalysisResult}: counts (tshark-compatible), problems, per-SBC
 *     {@link dev.drsip.analyzer.model.SbcStats} and non-Direct-Routing statistics.</li>
 * </ul>
 *
 * <p>Counting conventions: {@code attempts = answered + failed + sum(userOutcomes)}; calls cut
 * short by the end of the trace (or evicted) before their final answer are {@code unfinished}
 * and not attempts; NER = (answered + user outcomes) / attempts x 100. Whether a documented
 * Microsoft code is a failure or a user outcome comes from the {@code ner} column of
 * {@code microsoft-codes.tsv}.
 */
package dev.drsip.analyzer.model;
