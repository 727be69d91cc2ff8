package dev.drsip.analyzer.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.MicrosoftCode;
import dev.drsip.analyzer.model.ReasonValue;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random days of traffic: dense calls (several per second, repeated numbers, two SBCs),
 * records with clock skew, jitter, national number formats, some GUIDs, some rows missing on
 * either side, in shuffled order. Every pair the reconciler makes must be a true pair, and every
 * call that has a record must be paired.
 */
class ReconcilerPropertyTest {
    @Test
    void pairsAreAlwaysTrueAndComplete() {
        Random random = new Random(20261124);
        for (int round = 0; round < 40; round++) {
            int n = 50 + random.nextInt(400);
            long skew = random.nextInt(4001) - 2000; // Microsoft's clock vs the capture's, ms
            long t0 = 1_795_510_800_000L;
            List<CallRecord> calls = new ArrayList<>();
            List<TeamsCallRecord> records = new ArrayList<>();
            Map<String, String> truth = new HashMap<>(); // record correlation id -> call id
            long t = t0;
            int guids = 0;
            for (int i = 0; i < n; i++) {
                t += random.nextInt(1500); // dense: up to several calls per second
                String sbc = random.nextBoolean() ? "sbc1.contoso.com" : "sbc2.contoso.com";
                boolean out = random.nextBoolean();
                String teamsUser = "+4930" + (1000000 + random.nextInt(20)); // few users: numbers repeat
                String pstn = "+1555" + (1000000 + random.nextInt(200));
                String caller = out ? teamsUser : pstn;
                String callee = out ? pstn : teamsUser;
                String guid = String.format("%08x-0000-4000-8000-%012x", round, i);
                boolean withGuid = random.nextInt(5) == 0;
                boolean failed = random.nextInt(3) == 0;
                List<ReasonValue> reasons = withGuid
                        ? List.of(new ReasonValue(Side.MICROSOFT, "403", "Q.850", 63, guid + ";x", guid, "x")) : List.of();
                Map<String, Object> v = new HashMap<>();
                v.put("callId", "r" + round + "c" + i);
                v.put("sbc", sbc);
                v.put("direction", out ? Direction.OUTBOUND : Direction.INBOUND);
                v.put("caller", caller);
                v.put("callee", callee);
                v.put("inviteTime", t * 1_000_000L);
                v.put("endTime", t * 1_000_000L);
                v.put("finalSipCode", failed ? 403 : 200);
                v.put("outcome", failed ? CallOutcome.FAILED : CallOutcome.ANSWERED);
                v.put("failureSide", failed ? Side.SBC : null);
                v.put("microsoftCode", new MicrosoftCode(null, 0, MicrosoftCode.DERIVED_UNKNOWN, null, null));
                v.put("reasons", reasons);
                v.put("inviteWhere", new Where("p.pcap", i + 1));
                boolean traced = random.nextInt(20) != 0;
                boolean recorded = random.nextInt(20) != 0;
                if (traced) {
                    calls.add(Calls.make(v));
                }
                if (recorded) {
                    String id = withGuid ? guid : String.format("%08x-1111-4000-8000-%012x", round, i);
                    if (traced) {
                        truth.put(id, "r" + round + "c" + i);
                        guids += withGuid ? 1 : 0;
                    }
                    long jitter = random.nextInt(301) - 150;
                    String recCaller = random.nextInt(4) == 0 ? "0" + caller.substring(3) : caller; // national form
                    records.add(new TeamsCallRecord(new Where("r.csv", i + 2), id, null, sbc, out ? "dr_out" : "dr_in",
                            out ? Direction.OUTBOUND : Direction.INBOUND, !failed, failed ? 403 : 200,
                            failed ? 560403 : 560000, null, Instant.ofEpochMilli(t + skew + jitter), null, null, null,
                            recCaller, callee, null, -1));
                }
            }
            Collections.shuffle(records, random);
            Reconciliation r = CallReconciler.reconcile(calls, records);
            for (Reconciliation.Match m : r.matches()) {
                assertThat(truth.get(m.record().correlationId())).as("round %d: %s", round, m.record().correlationId())
                        .isEqualTo(m.call().callId());
            }
            assertThat(r.matches()).as("round %d", round).hasSize(truth.size());
            if (guids > 0) {
                assertThat(Math.abs(r.skewMillis() - skew)).as("round %d skew", round).isLessThanOrEqualTo(150);
            }
        }
    }
}
