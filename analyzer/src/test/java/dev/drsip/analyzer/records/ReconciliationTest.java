package dev.drsip.analyzer.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.sip.dr.Side;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trace of 11 calls on sbc1 (run through the real analyzer) against Microsoft's records of 13
 * calls (make_fixtures.py), in both export formats: agreements and disagreements counted exactly.
 */
class ReconciliationTest {
    static final String GUID_C6 = "9810e5a9-1b2c-4d5e-8f90-0a0b0c0d0e01";
    static final String GUID_C11 = "4656976f-aaaa-4bbb-8ccc-0d0e0f101112";

    /** The wire's view: what an SBC-side capture of these calls shows. */
    static List<CallRecord> trace() {
        return scenario().finish();
    }

    /** The scenario's messages, not yet analysed. */
    static DrTrace scenario() {
        DrTrace t = new DrTrace();
        for (long ms = -1000; ms <= 200_000; ms += 60_000) {
            t.options(ms, false); // the SBC's keep-alive every minute
            t.options(ms + 500, true); // Microsoft's to the SBC's Contact FQDN
        }
        String teams = "+4930123456";
        // c1 outbound answered, the SBC hangs up after a minute
        t.call("c1", true, 0, teams, "+15551230001").invite(0).respond(50, 100, "Trying").respond(300, 180, "Ringing")
                .respond(5000, 200, "OK").ack(5050).byeFromSbc(65000);
        // c2 outbound busy, c3 outbound refused by the SBC/carrier
        t.call("c2", true, 20000, teams, "+15551230002").invite(0).respond(50, 100, "Trying").respond(1500, 486, "Busy Here");
        t.call("c3", true, 40000, teams, "+15551230003").invite(0).respond(50, 100, "Trying").respond(800, 403, "Forbidden");
        // c4 outbound: only 100 Trying, Microsoft gives up after its 10 s failover timer (500001)
        t.call("c4", true, 60000, teams, "+15551230004").invite(0).respond(50, 100, "Trying").cancel(10000);
        // c5 inbound answered (national caller number on the wire's E.164 partner)
        t.call("c5", false, 80000, "+4930555777", "+15551230005").invite(0).respond(40, 100, "Trying")
                .respond(400, 180, "Ringing").respond(3000, 200, "OK").ack(3050).byeFromSbc(33000);
        // c6 inbound refused by Microsoft: location-based routing (10500), with the GUID in Reason
        t.call("c6", false, 100000, "+4930555006", "+15551230006").invite(0).respond(40, 100, "Trying")
                .respond(600, 403, "Forbidden", "REASON: Q.850;cause=63;text=\"" + GUID_C6
                        + ";Current call site state prevents fork to this entity.\"");
        // c7 inbound: Microsoft answers 503 (records blame the SBC's TLS connection: 549002)
        t.call("c7", false, 120000, "+4930555007", "+15551230007").invite(0).respond(40, 100, "Trying")
                .respond(900, 503, "Service Unavailable");
        // c8 outbound: the SBC rang at 2 s, Microsoft cancelled at 12 s (records say 500001)
        t.call("c8", true, 140000, teams, "+15551230008").invite(0).respond(50, 100, "Trying")
                .respond(2000, 180, "Ringing").cancel(12000);
        // c9 outbound: the SBC answers 503 (records say tenant configuration, 510544)
        t.call("c9", true, 160000, teams, "+15551230009").invite(0).respond(50, 100, "Trying")
                .respond(700, 503, "Service Unavailable");
        // c10 inbound answered: Microsoft's export has no row for it
        t.call("c10", false, 180000, "+4930555010", "+15551230010").invite(0).respond(40, 100, "Trying")
                .respond(2000, 200, "OK").ack(2050).byeFromSbc(20000);
        // c11 inbound: number not found by Microsoft (511404), with the GUID in Reason
        t.call("c11", false, 200000, "+4930555011", "+15551230011").invite(0).respond(40, 100, "Trying")
                .respond(500, 404, "Not Found", "REASON: Q.850;cause=1;text=\"" + GUID_C11
                        + ";Getting user info by number from RuntimeAPI failed\"");
        return t;
    }

    /**
     * The committed {@code reconcile-scenario.pcap} is this scenario as a capture (for
     * {@code drsip analyze reconcile-scenario.pcap --calls pstn-usage-dr.csv}); it must not drift.
     */
    @org.junit.jupiter.api.Test
    void committedPcapIsTheScenario(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path p = dir.resolve("s.pcap");
        scenario().writePcap(p);
        byte[] written = java.nio.file.Files.readAllBytes(p);
        String out = System.getProperty("drsip.writePcap");
        if (out != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(out), written);
        }
        try (InputStream in = ReconciliationTest.class.getResourceAsStream("reconcile-scenario.pcap")) {
            assertThat(in).as("reconcile-scenario.pcap (write it with -Ddrsip.writePcap=PATH)").isNotNull();
            assertThat(java.util.Arrays.equals(in.readAllBytes(), written))
                    .as("reconcile-scenario.pcap differs from the scenario: regenerate it with -Ddrsip.writePcap=PATH").isTrue();
        }
    }

    private static RecordsReadResult records(String fixture) throws IOException {
        try (InputStream in = ReconciliationTest.class.getResourceAsStream(fixture)) {
            return TeamsRecordsSource.read(fixture, in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pstn-usage-dr.csv", "graph-dr-calls.json"})
    void countsAgreementsAndDisagreementsExactly(String fixture) throws IOException {
        List<CallRecord> calls = trace();
        assertThat(calls).hasSize(11);
        Map<String, CallRecord> byId = new HashMap<>();
        calls.forEach(c -> byId.put(c.callId(), c));
        // what the analyzer made of the wire (the premises of the expectations below)
        assertThat(byId.get("c4").microsoftCode().code()).isEqualTo(500001);
        assertThat(byId.get("c6").microsoftCode().code()).isEqualTo(10500);
        assertThat(byId.get("c7").failureSide()).isEqualTo(Side.MICROSOFT);
        assertThat(byId.get("c8").outcome()).isEqualTo(CallOutcome.CALLER_CANCEL);
        assertThat(byId.get("c9").failureSide()).isEqualTo(Side.SBC);
        assertThat(byId.get("c11").microsoftCode().code()).isEqualTo(511404);

        RecordsReadResult read = records(fixture);
        assertThat(read.records()).hasSize(13);
        assertThat(read.problemCount()).isEqualTo(1);

        Reconciliation r = CallReconciler.reconcile(calls, read.records());
        assertThat(r.skewMillis()).isEqualTo(1200);
        assertThat(r.skewPairs()).isEqualTo(2);
        assertThat(r.outsideTrace()).isEqualTo(1);
        assertThat(r.sbcs()).hasSize(2);

        Reconciliation.SbcReconciliation sbc1 = r.sbcs().get(0);
        assertThat(sbc1).isEqualTo(new Reconciliation.SbcReconciliation("sbc1.contoso.com", true,
                10, 1, 1, 7, 2, 1, 0, 7, 2, 2)); // codes differ on c8 (560487 vs 500001) and c9
        Reconciliation.SbcReconciliation sbc2 = r.sbcs().get(1);
        assertThat(sbc2).isEqualTo(new Reconciliation.SbcReconciliation("sbc2.contoso.com", false,
                0, 1, 0, 0, 0, 0, 0, 0, 0, 0));

        assertThat(r.onlyTrace()).extracting(CallRecord::callId).containsExactly("c10");
        assertThat(r.onlyRecords()).extracting(TeamsCallRecord::microsoftCode).containsExactlyInAnyOrder(569008, 560000);
        assertThat(r.matches()).extracting(m -> m.call().callId())
                .containsExactly("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c11");
        assertThat(r.matches()).filteredOn(m -> m.matchedBy() == Reconciliation.MatchedBy.GUID)
                .extracting(m -> m.call().callId()).containsExactly("c6", "c11");
        assertThat(r.matches()).filteredOn(m -> m.matchedBy() == Reconciliation.MatchedBy.TIME_AND_NUMBERS).hasSize(8);

        assertThat(r.disagreements()).extracting(m -> m.call().callId() + ":" + m.verdict())
                .containsExactly("c7:SIDE_DIFFERS", "c8:OUTCOME_DIFFERS", "c9:SIDE_DIFFERS");
        Reconciliation.Match c7 = r.disagreements().get(0);
        assertThat(c7.recordSide()).isEqualTo(Side.SBC);
        assertThat(c7.traceSide()).isEqualTo(Side.MICROSOFT);
        assertThat(c7.explanation()).contains("549002").contains("503 from microsoft");
        Reconciliation.Match c9 = r.disagreements().get(2);
        assertThat(c9.recordSide()).isEqualTo(Side.MICROSOFT);
        assertThat(c9.traceSide()).isEqualTo(Side.SBC);
        assertThat(c9.codesAgree()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pstn-usage-dr.csv", "graph-dr-calls.json"})
    void recordsAloneGiveThePerSbcReport(String fixture) throws IOException {
        RecordsReport report = RecordsReport.of(records(fixture).records());
        assertThat(report.records()).isEqualTo(13);
        assertThat(report.sbcs()).extracting(s -> s.name()).containsExactly("sbc1.contoso.com", "sbc2.contoso.com");
        var sbc1 = report.sbcs().get(0);
        // outbound: c1 answered, c2 busy, c3/c4/c8/c9/c12 failed
        assertThat(sbc1.outbound().attempts()).isEqualTo(7);
        assertThat(sbc1.outbound().answered()).isEqualTo(1);
        assertThat(sbc1.outbound().failed()).isEqualTo(5);
        assertThat(sbc1.outbound().userOutcomes()).containsExactly(Map.entry("busy", 1L));
        assertThat(sbc1.outbound().ner()).isEqualTo(28.57);
        assertThat(sbc1.outbound().failures()).extracting(f -> f.microsoftCode() + "/" + f.side())
                .containsExactly("500001/SBC", "560403/SBC", "510544/MICROSOFT", "569008/SBC");
        assertThat(sbc1.outbound().failures().get(0).count()).isEqualTo(2);
        assertThat(sbc1.outbound().failures().get(0).family()).isEqualTo("500001");
        // inbound: c5 and c14 answered, c6/c7/c11 failed
        assertThat(sbc1.inbound().attempts()).isEqualTo(5);
        assertThat(sbc1.inbound().answered()).isEqualTo(2);
        assertThat(sbc1.inbound().ner()).isEqualTo(40.0);
        assertThat(sbc1.inbound().failures()).extracting(f -> f.microsoftCode() + "/" + f.side())
                .containsExactlyInAnyOrder("10500/MICROSOFT", "549002/SBC", "511404/MICROSOFT");
        assertThat(report.failuresBySide()).containsEntry(Side.SBC, 5L).containsEntry(Side.MICROSOFT, 3L);
        var asAnalysis = report.toAnalysisResult(List.of());
        assertThat(asAnalysis.sbcs()).isEqualTo(report.sbcs());
        assertThat(asAnalysis.directRoutingCalls()).isEqualTo(13);
        assertThat(asAnalysis.firstTime()).isEqualTo((DrTrace.T0 - 7_200_000L) * 1_000_000L);
    }

    @org.junit.jupiter.api.Test
    void rendersTextAndJson() throws Exception {
        Reconciliation r = CallReconciler.reconcile(trace(), records("pstn-usage-dr.csv").records());
        List<String> text = ReconciliationRenderer.text(r);
        String all = String.join("\n", text);
        assertThat(all).contains("clock offset +1.2 s from 2 GUID pairs")
                .contains("Disagreements (3)")
                .contains("Only in the trace (1):")
                .contains("Only in the records (2):")
                .contains("Records outside the trace's time span (not compared): 1");
        assertThat(text.get(2)).matches("\\s*sbc1\\.contoso\\.com\\s+yes\\s+10\\s+1\\s+1\\s+7\\s+2\\s+1\\s+0\\s+7\\s+2");
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(ReconciliationRenderer.tree(r));
        assertThat(json).contains("\"sideDiffers\" : 2").contains("\"verdict\" : \"outcome-differs\"");
        if (Boolean.getBoolean("drsip.printExample")) {
            System.out.println(all);
        }
    }

    @org.junit.jupiter.api.Test
    void bothFormatsTogetherMergeToTheSameCallsAndTheCollectorKeepsTheComparableOnes() throws IOException {
        RecordsInputs in = RecordsInputs.merge(List.of(records("pstn-usage-dr.csv"), records("graph-dr-calls.json")));
        assertThat(in.records()).hasSize(13);
        assertThat(in.duplicates()).isEqualTo(13);
        assertThat(in.anyUsable()).isTrue();
        assertThat(String.join("\n", ReconciliationRenderer.inputs(in)))
                .contains("Records pstn-usage-dr.csv (pstn-usage-csv): 14 rows, 13 calls, 1 problem")
                .contains("records.csv.cell-count x1, first at pstn-usage-dr.csv line 7")
                .contains("Records graph-dr-calls.json (graph-json): 14 rows in 2 pages, 13 calls, 1 problem")
                .contains("Rows present in several files (counted once): 13");
        assertThat(ReconciliationRenderer.inputsTree(in)).hasSize(2);
        TraceCallCollector collector = TraceCallCollector.forRecords(in.records(), CallReconciler.DEFAULT_TOLERANCE_MILLIS, 5);
        trace().forEach(collector::onCall);
        assertThat(collector.calls()).hasSize(5);
        assertThat(collector.dropped()).isEqualTo(6);
        assertThat(collector.outsideRecords()).isZero();
        TraceCallCollector narrow = new TraceCallCollector(DrTrace.T0 * 1_000_000L, (DrTrace.T0 + 30_000) * 1_000_000L, 100);
        trace().forEach(narrow::onCall);
        assertThat(narrow.calls()).extracting(CallRecord::callId).containsExactly("c2", "c1");
        assertThat(narrow.outsideRecords()).isEqualTo(9);
    }
}
