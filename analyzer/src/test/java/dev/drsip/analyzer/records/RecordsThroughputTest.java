package dev.drsip.analyzer.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.MicrosoftCode;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of reading a large PSTN usage export and reconciling it with as many traced calls.
 * Run with {@code -Ddrsip.bench=true} (and {@code -Ddrsip.bench.rows=N}); prints the figures.
 */
@EnabledIfSystemProperty(named = "drsip.bench", matches = "true")
class RecordsThroughputTest {
    @Test
    void readAndReconcile(@TempDir Path dir) throws IOException {
        int n = Integer.getInteger("drsip.bench.rows", 500_000);
        long t0 = 1_795_510_800_000L;
        Path csv = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("CorrelationId,Invite time,Start time,Failure time,End time,Duration (seconds),Success,Caller Number,"
                    + "Callee Number,Call type,Azure region for Signaling,Final SIP code,Final Microsoft subcode,"
                    + "Final SIP Phrase,SBC FQDN\r\n");
            for (int i = 0; i < n; i++) {
                boolean ok = i % 4 != 0;
                String inv = Instant.ofEpochMilli(t0 + i * 1000L + 1200).toString();
                w.write(String.format("%08x-1c1d-4e8e-9a41-%012x,%s,%s,%s,%s,%d,%s,+4930%07d,+1555%07d,%s,EUWE,%d,%d,\"%s\",sbc%d.contoso.com\r\n",
                        i, i, inv, inv, ok ? "" : inv, ok ? inv : "", ok ? 60 : 0, ok ? "Yes" : "No", i % 1000, i,
                        i % 2 == 0 ? "dr_out" : "dr_in", ok ? 200 : 403, ok ? 560000 : 560403,
                        ok ? "BYE" : "Forbidden; Call rejected", i % 3));
            }
        }
        Path json = dir.resolve("big.json");
        try (BufferedWriter w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                if (i % 1000 == 0) {
                    w.write(i == 0 ? "{\"value\":[" : "]}\n{\"@odata.nextLink\":\"x\",\"value\":[");
                } else {
                    w.write(",");
                }
                boolean ok = i % 4 != 0;
                String inv = Instant.ofEpochMilli(t0 + i * 1000L + 1200).toString();
                w.write(String.format("{\"correlationId\":\"%08x-1c1d-4e8e-9a41-%012x\",\"inviteDateTime\":\"%s\",\"startDateTime\":"
                        + "\"%s\",\"successfulCall\":%s,\"callerNumber\":\"+4930%07d\",\"calleeNumber\":\"+1555%07d\",\"callType\":"
                        + "\"%s\",\"finalSipCode\":%d,\"callEndSubReason\":%d,\"finalSipCodePhrase\":\"%s\","
                        + "\"trunkFullyQualifiedDomainName\":\"sbc%d.contoso.com\",\"signalingLocation\":\"EUWE\"}",
                        i, i, inv, inv, ok, i % 1000, i, i % 2 == 0 ? "dr_out" : "dr_in", ok ? 200 : 403, ok ? 560000 : 560403,
                        ok ? "BYE" : "Forbidden; Call rejected", i % 3));
            }
            w.write("]}\n");
        }
        long jsonStart = System.nanoTime();
        RecordsReadResult fromJson = TeamsRecordsSource.read(json);
        double jsonS = (System.nanoTime() - jsonStart) / 1e9;
        assertThat(fromJson.records()).hasSize(n);
        assertThat(fromJson.problemCount()).isZero();
        System.out.printf("graph json: %d rows in %d pages, %.1f MB read in %.2f s (%.0f rows/s)%n", n, fromJson.pages(),
                Files.size(json) / 1e6, jsonS, n / jsonS);

        long size = Files.size(csv);
        long start = System.nanoTime();
        RecordsReadResult r = TeamsRecordsSource.read(csv);
        double readS = (System.nanoTime() - start) / 1e9;
        assertThat(r.records()).hasSize(n);
        assertThat(r.problemCount()).isZero();

        start = System.nanoTime();
        RecordsReport report = RecordsReport.of(r.records());
        double reportS = (System.nanoTime() - start) / 1e9;
        assertThat(report.sbcs()).hasSize(3);

        List<CallRecord> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean ok = i % 4 != 0;
            long invite = (t0 + i * 1000L) * 1_000_000L;
            Map<String, Object> v = new HashMap<>();
            v.put("callId", "call" + i);
            v.put("sbc", "sbc" + (i % 3) + ".contoso.com");
            v.put("sbcAddress", "203.0.113." + (i % 3));
            v.put("direction", i % 2 == 0 ? Direction.OUTBOUND : Direction.INBOUND);
            v.put("caller", String.format("+4930%07d", i % 1000));
            v.put("callee", String.format("+1555%07d", i));
            v.put("inviteTime", invite);
            v.put("answerTime", ok ? invite : -1L);
            v.put("endTime", invite);
            v.put("finalSipCode", ok ? 200 : 403);
            v.put("finalFrom", Side.SBC);
            v.put("outcome", ok ? CallOutcome.ANSWERED : CallOutcome.FAILED);
            v.put("failureSide", ok ? null : Side.SBC);
            v.put("microsoftCode", new MicrosoftCode(ok ? 560000 : 560403, ok ? 0 : 403, MicrosoftCode.DERIVED_SBC_FINAL, "560", null));
            v.put("inviteWhere", new Where("big.pcap", i + 1));
            calls.add(Calls.make(v));
        }
        start = System.nanoTime();
        Reconciliation rec = CallReconciler.reconcile(calls, r.records());
        double recS = (System.nanoTime() - start) / 1e9;
        long both = rec.sbcs().stream().mapToLong(Reconciliation.SbcReconciliation::bothSaw).sum();
        assertThat(both).isEqualTo(n);
        assertThat(rec.disagreements()).isEmpty();
        System.out.printf("records: %d rows, %.1f MB CSV read in %.2f s (%.0f rows/s, %.1f MB/s); report %.2f s; "
                + "reconcile %d x %d in %.2f s (%.0f pairs/s)%n", n, size / 1e6, readS, n / readS, size / 1e6 / readS,
                reportS, n, n, recS, n / recS);
    }
}
