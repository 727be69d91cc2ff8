package dev.drsip.rules.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.rules.RuleIds;
import dev.drsip.rules.Sim;
import dev.drsip.rules.SipText;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte pre-check that spares the SDP parse never hides a c=0.0.0.0 the parse would find. */
class SdpNullConnectionPrecheckTest {
    private static final byte[] NEEDLE = "0.0.0.0".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void containsLooksOnlyInsideTheRange() {
        byte[] b = "xx0.0.0.0yy".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(SdpNullConnectionRule.contains(b, 0, b.length, NEEDLE)).isTrue();
        assertThat(SdpNullConnectionRule.contains(b, 2, 7, NEEDLE)).isTrue();
        assertThat(SdpNullConnectionRule.contains(b, 2, 6, NEEDLE)).isFalse();
        assertThat(SdpNullConnectionRule.contains(b, 3, 8, NEEDLE)).isFalse();
        assertThat(SdpNullConnectionRule.contains(b, 0, 100, NEEDLE)).isTrue(); // clamped
        assertThat(SdpNullConnectionRule.contains("0.0.0.".getBytes(StandardCharsets.ISO_8859_1), 0, 6, NEEDLE)).isFalse();
        assertThat(SdpNullConnectionRule.contains(new byte[0], 0, 0, NEEDLE)).isFalse();
    }

    @Test
    void containsAgreesWithStringSearch() {
        Random r = new Random(7);
        byte[] alphabet = "0.0 \r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(30)];
            for (int j = 0; j < b.length; j++) {
                b[j] = alphabet[r.nextInt(alphabet.length)];
            }
            int off = b.length == 0 ? 0 : r.nextInt(b.length);
            int len = r.nextInt(b.length - off + 1);
            boolean expected = new String(b, off, len, StandardCharsets.ISO_8859_1).contains("0.0.0.0");
            assertThat(SdpNullConnectionRule.contains(b, off, len, NEEDLE)).isEqualTo(expected);
        }
    }

    @Test
    void answerFromTheSbcWithNullConnectionIsFoundAndOtherZerosAreNot() {
        Sim sim = new Sim();
        String inv = sim.microsoftInvite(0, "n1@test");
        sim.send(1, Sim.SBC, Sim.MS, SipText.response(inv, 200, "OK", "s1").contact(Sim.SBC_CONTACT)
                .sdp(SipText.SDP.replace("c=IN IP4 203.0.113.10", "c=IN IP4  0.0.0.0 ")));
        String inv2 = sim.microsoftInvite(2, "n2@test");
        // 0.0.0.0 in the origin line only: not a null connection.
        sim.send(3, Sim.SBC, Sim.MS, SipText.response(inv2, 200, "OK", "s2").contact(Sim.SBC_CONTACT)
                .sdp(SipText.SDP.replace("o=- 1 1 IN IP4 203.0.113.10", "o=- 1 1 IN IP4 0.0.0.0")));
        sim.finish();
        assertThat(sim.findings(RuleIds.SDP_NULL_CONNECTION)).hasSize(1);
        assertThat(sim.findings(RuleIds.SDP_NULL_CONNECTION).get(0).count()).isEqualTo(1);
    }
}
