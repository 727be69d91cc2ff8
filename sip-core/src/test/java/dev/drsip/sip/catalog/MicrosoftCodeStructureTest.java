package dev.drsip.sip.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.dr.Direction;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Structural decoding of every family, and Reason text matching. */
class MicrosoftCodeStructureTest {
    private final MicrosoftCodeCatalog ms = MicrosoftCodeCatalog.standard();

    private static void check(long code, String family, CodeCategory category, Direction direction, int sip) {
        MicrosoftCodeStructure s = MicrosoftCodeStructure.decode(code);
        assertThat(s.family()).as("family of %d", code).isEqualTo(family);
        assertThat(s.category()).as("category of %d", code).isEqualTo(category);
        assertThat(s.direction()).as("direction of %d", code).isEqualTo(direction);
        assertThat(s.embeddedSipCode()).as("sip in %d", code).isEqualTo(sip);
        assertThat(s.description()).isNotBlank();
    }

    @Test
    void everyFamilyDecodes() {
        check(560499, "560", CodeCategory.SBC, Direction.OUTBOUND, 499);
        check(560000, "560", CodeCategory.SBC, Direction.OUTBOUND, -1);
        check(569077, "569", CodeCategory.SBC, Direction.OUTBOUND, -1);
        check(561403, "561", CodeCategory.SBC, Direction.OUTBOUND, -1);
        check(540481, "540", CodeCategory.SBC, Direction.INBOUND, 481);
        check(549077, "549", CodeCategory.SBC, Direction.INBOUND, -1);
        check(543000, "543", CodeCategory.SBC, Direction.INBOUND, -1);
        check(510999, "510", CodeCategory.TENANT_CONFIGURATION, Direction.UNKNOWN, -1);
        check(510480, "510", CodeCategory.TENANT_CONFIGURATION, Direction.UNKNOWN, 480);
        check(511403, "511", CodeCategory.TENANT_CONFIGURATION, Direction.UNKNOWN, 403);
        check(531999, "531", CodeCategory.MEDIA, Direction.UNKNOWN, -1);
        check(500001, "500001", CodeCategory.SBC, Direction.OUTBOUND, -1);
        check(500002, "500", CodeCategory.MICROSOFT, Direction.UNKNOWN, -1);
        check(520123, "520", CodeCategory.MICROSOFT, Direction.UNKNOWN, -1);
        check(590000, "590", CodeCategory.MICROSOFT, Direction.UNKNOWN, -1);
        check(0, "call-controller", CodeCategory.TEAMS, Direction.UNKNOWN, -1);
        check(1106, "call-controller", CodeCategory.TEAMS, Direction.UNKNOWN, -1);
        check(12345, "call-controller", CodeCategory.TEAMS, Direction.UNKNOWN, -1);
        check(610000, "not-a-microsoft-code", CodeCategory.UNKNOWN, Direction.UNKNOWN, -1);
        check(1_234_567, "not-a-microsoft-code", CodeCategory.UNKNOWN, Direction.UNKNOWN, -1);
        check(-1, "not-a-microsoft-code", CodeCategory.UNKNOWN, Direction.UNKNOWN, -1);
    }

    @Test
    void undocumentedCodesExplainByStructure() {
        MicrosoftCodeInfo i = ms.explain(560499);
        assertThat(i.documented()).isFalse();
        assertThat(i.sipCodes()).containsExactly(499);
        assertThat(ms.explain(569077).sipCodes()).containsExactly(504);
        assertThat(ms.explain(549001).sipCodes()).containsExactly(504);
        assertThat(ms.explain(560403).documented()).isTrue();
    }

    @Test
    void documentedFamiliesAgreeWithTheStructure() {
        for (MicrosoftCodeInfo i : ms.all()) {
            MicrosoftCodeStructure s = i.structure();
            if (i.code() == 1106) {
                assertThat(i.category()).isEqualTo(CodeCategory.SBC); // documented exception: the SBC never ACKed
                continue;
            }
            if (i.code() == 0) {
                continue; // client media timeout, documented as media
            }
            assertThat(i.category()).as("%d", i.code()).isEqualTo(s.category());
        }
    }

    @Test
    void reasonTextMatchesTolerantlyAndKeepsTheGuid() {
        ReasonMatch m = ms.matchReason("9810e5a9-1b2c-4d5e-8f90-123456789abc;  current CALL site state prevents fork to this entity",
                Direction.INBOUND).orElseThrow();
        assertThat(m.guid()).isEqualTo("9810e5a9-1b2c-4d5e-8f90-123456789abc");
        assertThat(m.code().code()).isEqualTo(10500);

        ReasonMatch busy = ms.matchReason("4656976f-0000-1111-2222-333344445555;The called number was busy.", Direction.INBOUND)
                .orElseThrow();
        assertThat(busy.code().code()).isEqualTo(540486);
        assertThat(busy.candidates()).extracting(MicrosoftCodeInfo::code).contains(560486, 540486);
        ReasonMatch busyOut = ms.matchReason("The called number was busy", Direction.OUTBOUND).orElseThrow();
        assertThat(busyOut.code().code()).isEqualTo(560486);
        assertThat(busyOut.guid()).isNull();

        ReasonMatch cert = ms.matchReason("0b1c2d3e-aaaa-bbbb-cccc-ddddeeeeffff;Unable to deliver INVITE: Outgoing TLS negotiation "
                + "failed. Remote certificate expired; HRESULT=0x80090328 SEC_E_CERT_EXPIRED", Direction.OUTBOUND).orElseThrow();
        assertThat(cert.code().code()).isEqualTo(569008);

        ReasonMatch unknownDelivery = ms.matchReason("Unable to deliver INVITE: something new", Direction.INBOUND).orElseThrow();
        assertThat(unknownDelivery.matched()).isFalse();
        assertThat(unknownDelivery.family()).isEqualTo("549");

        assertThat(ms.matchReason("", Direction.INBOUND)).isEmpty();
        assertThat(ms.matchReason(null, Direction.INBOUND)).isEmpty();
        assertThat(ms.matchReason("nothing like a phrase", Direction.UNKNOWN).orElseThrow().matched()).isFalse();
    }

    @Test
    void randomCodesAlwaysDecode() {
        Random r = new Random(20261124L);
        for (int i = 0; i < 20_000; i++) {
            long code = r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(1_000_000);
            MicrosoftCodeInfo info = ms.explain(code);
            assertThat(info.structure().family()).isNotNull();
            assertThat(info.meaning()).isNotBlank();
        }
    }
}
