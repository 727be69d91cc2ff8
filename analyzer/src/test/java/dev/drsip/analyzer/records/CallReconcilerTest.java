package dev.drsip.analyzer.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.CallOutcome;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.MicrosoftCode;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallReconcilerTest {
    @Test
    void numbersCompareOnDigitsWithSuffixes() {
        assertThat(CallReconciler.digits("sip:+49 30-123456;user=phone@host")).isEqualTo("4930123456");
        assertThat(CallReconciler.digits("tel:030123456")).isEqualTo("30123456");
        assertThat(CallReconciler.numbers("+4930123456", "030123456")).isEqualTo(1);
        assertThat(CallReconciler.numbers("+15551230001", "+15551230001")).isEqualTo(1);
        assertThat(CallReconciler.numbers("+15551230001", "+15551230002")).isEqualTo(-1);
        assertThat(CallReconciler.numbers("+15551230001", "30001")).isEqualTo(-1); // too short to trust a suffix
        assertThat(CallReconciler.numbers(null, "+1")).isEqualTo(0);
        assertThat(CallReconciler.numbers("+1555", "Internal Revenue Service")).isEqualTo(0);
    }

    private static CallRecord call(String sbc, long ms, String caller, String callee) {
        Map<String, Object> v = new HashMap<>();
        v.put("callId", "x" + ms);
        v.put("sbc", sbc);
        v.put("direction", Direction.OUTBOUND);
        v.put("caller", caller);
        v.put("callee", callee);
        v.put("inviteTime", ms * 1_000_000L);
        v.put("answerTime", ms * 1_000_000L);
        v.put("endTime", ms * 1_000_000L);
        v.put("finalSipCode", 200);
        v.put("outcome", CallOutcome.ANSWERED);
        v.put("microsoftCode", new MicrosoftCode(null, 0, MicrosoftCode.DERIVED_UNKNOWN, null, null));
        v.put("inviteWhere", new Where("t.pcap", 1));
        return Calls.make(v);
    }

    private static TeamsCallRecord record(String sbc, long ms, String caller, String callee) {
        return new TeamsCallRecord(new Where("r.csv", 2), null, null, sbc, "dr_out", Direction.OUTBOUND, true, 200, 560000,
                null, Instant.ofEpochMilli(ms), null, null, null, caller, callee, null, -1);
    }

    @Test
    void anSbcKnownOnlyByAddressMatchesAnyFqdn() {
        long t = 1_795_510_800_000L;
        Reconciliation r = CallReconciler.reconcile(List.of(call("203.0.113.10", t, "+4930123456", "+15551230001")),
                List.of(record("sbc1.contoso.com", t + 800, "+4930123456", "+15551230001")));
        assertThat(r.matches()).hasSize(1);
        assertThat(r.sbcs()).singleElement().satisfies(s -> {
            assertThat(s.sbc()).isEqualTo("sbc1.contoso.com");
            assertThat(s.inTrace()).isTrue();
            assertThat(s.agree()).isEqualTo(1);
        });
    }

    @Test
    void theClosestOfTwoCandidatesWinsAndContradictingNumbersNeverPair() {
        long t = 1_795_510_800_000L;
        List<CallRecord> calls = List.of(call("sbc1.contoso.com", t, "+4930123456", "+15551230001"),
                call("sbc1.contoso.com", t + 3000, "+4930123456", "+15551230001"));
        List<TeamsCallRecord> records = List.of(record("sbc1.contoso.com", t + 3200, "+4930123456", "+15551230001"),
                record("sbc1.contoso.com", t + 100, "+4930123456", "+15551230001"),
                record("sbc1.contoso.com", t + 50, "+4930123456", "+15551239999"));
        Reconciliation r = CallReconciler.reconcile(calls, records);
        assertThat(r.matches()).extracting(m -> m.call().callId() + "=" + m.record().inviteTime().toEpochMilli())
                .containsExactly("x" + t + "=" + (t + 100), "x" + (t + 3000) + "=" + (t + 3200));
        assertThat(r.onlyRecords()).extracting(TeamsCallRecord::calleeNumber).containsExactly("+15551239999");
    }
}
