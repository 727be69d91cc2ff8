package dev.drsip.analyzer.records;

import static org.assertj.core.api.Assertions.assertThat;

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
}
