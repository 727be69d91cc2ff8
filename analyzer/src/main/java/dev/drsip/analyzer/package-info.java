/**
 * Calls, sides and Microsoft codes from a stream of SIP messages.
 *
 * <p>{@link dev.drsip.analyzer.TraceAnalysis} is the pipeline a source feeds (it is a
 * {@link dev.drsip.sip.event.CaptureListener}): it parses each packet, counts every message as
 * tshark does, tells Microsoft from the SBC ({@link dev.drsip.analyzer.SbcDirectory}), correlates
 * transactions and calls ({@link dev.drsip.analyzer.CallCorrelator}), reconstructs the Microsoft
 * response code of every call following section 4 of the Direct Routing reference, aggregates
 * per-SBC statistics, and tells {@link dev.drsip.analyzer.model.AnalysisListener}s every message
 * and call in event-time order. Everything runs on event time from the trace and on bounded
 * state.
 */
package dev.drsip.analyzer;
