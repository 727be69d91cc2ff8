package dev.drsip.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineSmokeTest {
    @Test
    void cleanTrafficRaisesNothing() {
        Sim sim = new Sim();
        for (int i = 0; i < 10; i++) {
            sim.sbcOptionsAnswered(i * 60, 200);
            sim.microsoftOptionsAnswered(i * 60 + 30, 200);
        }
        sim.goodSbcInvite(100, "in1@test");
        sim.outboundCall(200, "out1@test", 200);
        sim.outboundCall(300, "out2@test", 486);
        assertThat(sim.finish()).isEmpty();
        assertThat(sim.engine.sbcHealth()).containsOnlyKeys(Sim.SBC_FQDN);
        assertThat(sim.engine.sbcHealth().get(Sim.SBC_FQDN).status()).isEqualTo(dev.drsip.rules.options.SbcHealth.ACTIVE);
    }
}
