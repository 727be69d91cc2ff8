/**
 * Microsoft's own records of Direct Routing calls, read, reported and reconciled with traces.
 *
 * <h2>Inputs ({@link dev.drsip.analyzer.records.TeamsRecordsSource#read(java.nio.file.Path)})</h2>
 * <ul>
 *   <li><b>PSTN usage report, Direct Routing tab</b>: Teams admin center, Analytics &amp; reports,
 *       Usage reports, "PSTN and SMS usage", Direct Routing tab, Export to Excel. Microsoft documents
 *       the export as RFC 4180 CSV with the column names in the first row; its fields include
 *       CorrelationId, Invite time, Start time, Failure time, End time, Duration (seconds), Success,
 *       Caller Number, Callee Number, Call type, Azure region for Signaling, Final SIP code, Final
 *       Microsoft subcode, Final SIP Phrase, SBC FQDN and Shared correlation ID (the on-screen table
 *       says "Correlation ID", "Invite time (UTC)", "Time stamp (UTC)"). Columns are found by name,
 *       ignoring case, spaces, punctuation and "(UTC)"; the order does not matter and other columns
 *       are ignored. Required: SBC FQDN, Final SIP code, Call type, and Invite time or Start time.
 *   <li><b>Microsoft Graph</b> {@code GET /communications/callRecords/getDirectRoutingCalls}: pages of
 *       {@code callRecords.directRoutingLogRow} (finalSipCode, callEndSubReason, finalSipCodePhrase,
 *       trunkFullyQualifiedDomainName, correlationId, callType, successfulCall, inviteDateTime,
 *       startDateTime, failureDateTime, endDateTime, callerNumber, calleeNumber, signalingLocation,
 *       duration) in {@code value}, the next page's URL in {@code @odata.nextLink}. A file may hold
 *       one page, several pages one after another, or an array of pages.
 * </ul>
 * The column and property names were checked against Microsoft's public documentation of the PSTN
 * usage report and of the directRoutingLogRow resource. Bad rows become counted problems with file
 * and line ({@code records.csv.cell-count}, {@code records.csv.bad-time},
 * {@code records.json.syntax}, ...); reading goes on.
 *
 * <h2>Records alone</h2>
 * {@link dev.drsip.analyzer.records.RecordsReport#of(java.util.List)} gives the per-SBC report in
 * the trace analysis' model (attempts, answered, user outcomes, NER, failures by Microsoft code,
 * family and side).
 *
 * <h2>Records and a trace</h2>
 * {@link dev.drsip.analyzer.records.CallReconciler} pairs records with traced calls: by the Reason
 * GUID first (exact), then by SBC, direction, INVITE time within a tolerance (10 s by default,
 * after correcting the clock offset measured on the GUID pairs) and caller/callee numbers compared
 * on their digits. For each SBC it reports the calls both saw, the calls only one saw, and every
 * call where the outcome or the side Microsoft reported differs from what the wire shows.
 */
package dev.drsip.analyzer.records;
