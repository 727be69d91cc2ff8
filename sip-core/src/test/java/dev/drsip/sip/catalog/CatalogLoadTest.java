package dev.drsip.sip.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every catalog file loads, every entry is complete, and the documented facts are in place. */
class CatalogLoadTest {
    private final SipResponseCatalog sip = SipResponseCatalog.standard();
    private final Q850Catalog q850 = Q850Catalog.standard();
    private final TeamsClientCatalog client = TeamsClientCatalog.standard();
    private final MicrosoftCodeCatalog ms = MicrosoftCodeCatalog.standard();

    @Test
    void everySipEntryIsComplete() {
        assertThat(sip.all()).hasSize(75);
        int previous = 0;
        for (SipResponseCode c : sip.all()) {
            assertThat(c.code()).isBetween(100, 608).isGreaterThan(previous);
            previous = c.code();
            assertThat(c.phrase()).isNotBlank();
            assertThat(c.reference()).startsWith("RFC ");
            assertThat(c.meaning()).isNotBlank();
            assertThat(c.firstCheck()).isNotBlank();
            assertThat(c.ner()).isNotNull();
            assertThat(sip.find(c.code())).contains(c);
        }
    }

    @Test
    void sipCatalogHasTheRfc3261CodesAndTheExtensions() {
        int[] required = {100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380, 400, 401, 402, 403,
            404, 405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417, 420, 421, 422, 423, 424, 428, 429, 430, 433,
            436, 437, 438, 439, 440, 469, 470, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 491, 493, 494, 500,
            501, 502, 503, 504, 505, 513, 555, 580, 600, 603, 604, 606, 607, 608};
        for (int code : required) {
            assertThat(sip.find(code)).as("SIP %d", code).isPresent();
        }
        assertThat(sip.find(409)).isEmpty();
        assertThat(sip.find(999)).isEmpty();
        assertThat(sip.find(-5)).isEmpty();
    }

    @Test
    void failoverAndNerFlags() {
        List<Integer> failover = new ArrayList<>();
        for (SipResponseCode c : sip.all()) {
            if (c.microsoftFailover()) {
                failover.add(c.code());
            }
        }
        assertThat(failover).containsExactly(408, 503, 504);
        for (int user : new int[] {480, 486, 487, 600, 603, 604, 606, 607, 608}) {
            assertThat(sip.ner(user)).as("SIP %d", user).isEqualTo(NerOutcome.USER);
        }
        assertThat(sip.ner(200)).isEqualTo(NerOutcome.ANSWERED);
        assertThat(sip.ner(183)).isEqualTo(NerOutcome.NONE);
        assertThat(sip.ner(403)).isEqualTo(NerOutcome.FAILURE);
        assertThat(sip.ner(408)).isEqualTo(NerOutcome.FAILURE);
        assertThat(sip.ner(499)).isEqualTo(NerOutcome.FAILURE);
        assertThat(sip.ner(299)).isEqualTo(NerOutcome.ANSWERED);
    }

    @Test
    void q850MappingsBothWaysFollowRfc3398() {
        assertThat(q850.all()).hasSizeGreaterThan(60);
        for (Q850Cause c : q850.all()) {
            assertThat(c.name()).isNotBlank();
            assertThat(c.meaning()).isNotBlank();
            assertThat(c.causeClass()).isNotBlank();
            if (c.sipRfc3398() >= 0) {
                assertThat(sip.find(c.sipRfc3398())).as("cause %d maps to a catalogued SIP code", c.cause()).isPresent();
            }
        }
        // Q.850 -> SIP (reference section 7)
        int[][] toSip = {{1, 404}, {2, 404}, {3, 404}, {17, 486}, {18, 408}, {19, 480}, {20, 480}, {31, 480},
            {21, 403}, {22, 410}, {23, 410}, {27, 502}, {28, 484}, {34, 503}, {38, 503}, {41, 503}, {42, 503},
            {47, 503}, {65, 488}, {70, 488}, {102, 504}, {111, 500}, {127, 500}};
        for (int[] m : toSip) {
            assertThat(q850.sipForCause(m[0])).as("cause %d", m[0]).isEqualTo(m[1]);
        }
        assertThat(q850.sipForCause(16)).isEqualTo(-1);
        // SIP -> Q.850
        int[][] toCause = {{400, 41}, {401, 21}, {402, 21}, {403, 21}, {407, 21}, {603, 21}, {404, 1}, {485, 1},
            {604, 1}, {408, 102}, {504, 102}, {480, 18}, {484, 28}, {486, 17}, {600, 17}, {500, 41}, {503, 41},
            {502, 38}};
        for (int[] m : toCause) {
            assertThat(q850.causeForSip(m[0])).as("SIP %d", m[0]).isEqualTo(m[1]);
        }
        // Microsoft's NICC ND1017 mapping differs for busy
        assertThat(q850.microsoftCauseForSip(486)).isEqualTo(34);
        assertThat(q850.microsoftCauseForSip(404)).isEqualTo(1);
        assertThat(q850.sipCodesMappedTo(21)).contains(401, 402, 403, 407, 603);
    }

    @Test
    void teamsClientCatalogHasTheSevenFamiliesAndEveryNamedCode() {
        assertThat(client.families()).extracting(TeamsClientFamily::id).containsExactly("desktop-sign-in",
                "token-transport", "policy-join-broker", "mfa-prt-federation", "teams-rooms", "phone-sip-4xx",
                "phone-sip-5xx-6xx");
        assertThat(client.ofFamily("desktop-sign-in")).hasSize(7);
        assertThat(client.ofFamily("token-transport")).hasSize(3);
        assertThat(client.ofFamily("policy-join-broker")).hasSize(6);
        assertThat(client.ofFamily("mfa-prt-federation")).hasSize(4);
        assertThat(client.ofFamily("teams-rooms")).hasSize(5);
        assertThat(client.family("phone-sip-5xx-6xx").orElseThrow().sipCodes())
                .containsExactly(500, 501, 502, 503, 504, 505, 600, 603);
        assertThat(client.family("phone-sip-4xx").orElseThrow().sipCodes()).contains(400, 403, 404, 488)
                .allMatch(c -> c >= 400 && c < 500);
        assertThat(client.all()).hasSize(25);
        for (TeamsClientCode c : client.all()) {
            assertThat(c.layer()).isNotBlank();
            assertThat(c.meaning()).isNotBlank();
            assertThat(c.firstCheck()).isNotBlank();
            assertThat(c.thenCheck()).isNotBlank();
            assertThat(c.webVersusDesktop()).isNotBlank();
        }
        for (TeamsClientFamily f : client.families()) {
            assertThat(f.triage()).isNotBlank();
            assertThat(f.firstCheck()).isNotBlank();
        }
        assertThat(client.find("0xcaa20004")).isPresent();
        assertThat(client.find("0x80070002").orElseThrow().code()).isEqualTo("2147942402");
        assertThat(client.find("MAX_RELOAD_EXCEEDED")).isPresent();
    }

    @Test
    void everyDocumentedMicrosoftCodeHasItsExplanationColumns() {
        assertThat(ms.all()).hasSize(59);
        for (MicrosoftCodeInfo i : ms.all()) {
            assertThat(i.documented()).isTrue();
            assertThat(i.meaning()).as("meaning of %d", i.code()).isNotBlank();
            assertThat(i.firstCheck()).as("first check of %d", i.code()).isNotBlank();
            assertThat(i.ner()).as("ner of %d", i.code()).isNotNull();
            assertThat(i.category()).as("category of %d", i.code()).isNotEqualTo(CodeCategory.UNKNOWN);
            assertThat(i.phrase()).isNotBlank();
            assertThat(i.sipCodes()).isNotEmpty();
        }
        assertThat(ms.find(560403).orElseThrow().category()).isEqualTo(CodeCategory.SBC);
        assertThat(ms.find(510532).orElseThrow().category()).isEqualTo(CodeCategory.TENANT_CONFIGURATION);
        assertThat(ms.find(531004).orElseThrow().category()).isEqualTo(CodeCategory.MEDIA);
        assertThat(ms.find(10500).orElseThrow().category()).isEqualTo(CodeCategory.TEAMS);
        assertThat(ms.find(569008).orElseThrow().category().actingSide()).isEqualTo(Side.SBC);
        assertThat(ms.find(560486).orElseThrow().ner()).isEqualTo(NerOutcome.USER);
        assertThat(ms.find(540487).orElseThrow().direction()).isEqualTo(Direction.INBOUND);
        assertThat(ms.find(500001).orElseThrow().direction()).isEqualTo(Direction.OUTBOUND);
    }
}
