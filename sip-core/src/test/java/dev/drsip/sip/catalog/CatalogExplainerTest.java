package dev.drsip.sip.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CodeExplainer}: shape recognition, every code named on the source page, lists, robustness. */
class CatalogExplainerTest {
    private final CodeExplainer explainer = CodeExplainer.standard();

    /** Every code the public Teams error-code page names (its client families, SIP table and the 560 example). */
    static final List<String> PAGE_CLIENT_CODES = List.of("0xCAA82EE2", "0xCAA82EE7", "1001", "4c7", "2147942402",
            "0xCAA30194", "max_reload_exceeded", "0xCAA7000A", "0xCAA70007", "0xCAA70004", "0xCAA20002", "0xCAA20003",
            "0xCAA20004", "0xCAA50021", "0xCAA50024", "0xCAA5001C", "0xCAA90014", "0xCAA90018", "0xCAA90056",
            "0xCAA90057", "AADSTS50055", "AADSTS50076", "AADSTS50079", "AADSTS50126", "AADSTS53003");
    static final List<String> PAGE_SIP_CODES = List.of("500", "501", "502", "503", "504", "505", "600", "603");

    @Test
    void explainsEveryCodeNamedOnTheSourcePage() {
        for (String code : PAGE_CLIENT_CODES) {
            Explanation e = explainer.explain(code);
            assertThat(e.kind()).as(code).isEqualTo(CodeKind.TEAMS_CLIENT);
            assertThat(e.documented()).as(code).isTrue();
            assertThat(e.key()).as(code).isEqualTo("client:" + code);
            assertThat(e.meaning()).isNotBlank();
            assertThat(e.firstCheck()).isNotBlank();
            assertThat(e.family()).isNotBlank();
            assertThat(e.facts()).containsKeys("family", "layer", "web versus desktop");
        }
        for (String code : PAGE_SIP_CODES) {
            Explanation e = explainer.explain(code);
            assertThat(e.kind()).as(code).isEqualTo(CodeKind.SIP_RESPONSE);
            assertThat(e.documented()).isTrue();
            assertThat(e.facts().get("teams phone family")).startsWith("Teams Phone SIP 5xx and 6xx");
        }
        Explanation ms = explainer.explain("560403");
        assertThat(ms.kind()).isEqualTo(CodeKind.MICROSOFT_RESPONSE);
        assertThat(ms.documented()).isTrue();
        assertThat(ms.side()).isEqualTo("sbc");
        assertThat(ms.facts().get("sip code in ZZZ")).startsWith("403 Forbidden (the SBC's answer");
        assertThat(ms.title()).isEqualTo("560403 Forbidden; Call rejected");
    }

    @Test
    void recognisesTheKindByShape() {
        assertThat(explainer.explain("403").key()).isEqualTo("sip:403");
        assertThat(explainer.explain("sip:403").key()).isEqualTo("sip:403");
        assertThat(explainer.explain("560403").key()).isEqualTo("ms:560403");
        assertThat(explainer.explain("ms:10500").key()).isEqualTo("ms:10500");
        assertThat(explainer.explain("0xcaa20004").key()).isEqualTo("client:0xCAA20004");
        assertThat(explainer.explain("aadsts53003").key()).isEqualTo("client:AADSTS53003");
        assertThat(explainer.explain("q850:34").key()).isEqualTo("q850:34");
        assertThat(explainer.explain("Q.850=17").key()).isEqualTo("q850:17");
        assertThat(explainer.explain("cause=21").key()).isEqualTo("q850:21");
        assertThat(explainer.explain("MAX_RELOAD_EXCEEDED").key()).isEqualTo("client:max_reload_exceeded");
        assertThat(explainer.explain("4C7").key()).isEqualTo("client:4c7");
        assertThat(explainer.explain("0x80070002").key()).isEqualTo("client:2147942402");
        assertThat(explainer.explain(" 1106 ").key()).isEqualTo("ms:1106");
        assertThat(explainer.explain("0").key()).isEqualTo("ms:0");
        assertThat(explainer.explain("34").kind()).isEqualTo(CodeKind.Q850_CAUSE);
        assertThat(explainer.explain("34").alternatives()).extracting(Explanation::kind)
                .containsExactly(CodeKind.MICROSOFT_RESPONSE);
        // 1001 is a documented client code and also has the shape of a Teams call controller code
        Explanation e1001 = explainer.explain("1001");
        assertThat(e1001.kind()).isEqualTo(CodeKind.TEAMS_CLIENT);
        assertThat(e1001.alternatives()).extracting(Explanation::key).containsExactly("ms:1001");
    }

    @Test
    void q850ShowsBothMappings() {
        Explanation e = explainer.explain("q850:34");
        assertThat(e.facts().get("sip (RFC 3398)")).startsWith("503");
        assertThat(e.facts().get("microsoft sends it for")).isEqualTo("SIP 486 (NICC ND1017 mapping)");
        Explanation busy = explainer.explain("486");
        assertThat(busy.facts().get("q850 (RFC 3398)")).startsWith("17 ");
        assertThat(busy.facts().get("q850 by Microsoft")).startsWith("34 ");
        assertThat(explainer.explain("q850:35").documented()).isFalse();
        assertThat(explainer.explain("q850:200").key()).isNull();
    }

    @Test
    void unknownCodesSayTheyAreNotDocumentedAndDecodeByStructure() {
        Explanation e = explainer.explain("560499");
        assertThat(e.documented()).isFalse();
        assertThat(e.title()).contains("not documented");
        assertThat(e.side()).isEqualTo("sbc");
        assertThat(e.family()).isEqualTo("560");
        assertThat(e.firstCheck()).isNotBlank();
        for (String code : new String[] {"569123", "540999", "549123", "510999", "511999", "531999", "500002", "525000",
            "12345", "9999"}) {
            Explanation x = explainer.explain(code);
            assertThat(x.kind()).as(code).isEqualTo(CodeKind.MICROSOFT_RESPONSE);
            assertThat(x.documented()).as(code).isFalse();
            assertThat(x.meaning()).as(code).contains("Not in Microsoft's public list");
            assertThat(x.firstCheck()).as(code).isNotBlank();
        }
        assertThat(explainer.explain("0xCAA20099").family()).isEqualTo("policy-join-broker");
        assertThat(explainer.explain("0xCAA20099").documented()).isFalse();
        assertThat(explainer.explain("0x80070005").facts()).containsEntry("windows error", "5");
        assertThat(explainer.explain("AADSTS700016").documented()).isFalse();
        assertThat(explainer.explain("499").documented()).isFalse();
        assertThat(explainer.explain("hello").kind()).isEqualTo(CodeKind.UNKNOWN);
        assertThat(explainer.explain("610000").kind()).isEqualTo(CodeKind.UNKNOWN);
        assertThat(explainer.explain("").kind()).isEqualTo(CodeKind.UNKNOWN);
        assertThat(explainer.explain(null).kind()).isEqualTo(CodeKind.UNKNOWN);
    }

    @Test
    void listsEveryFamily() {
        List<CatalogFamily> families = explainer.families();
        assertThat(families).extracting(CatalogFamily::id).contains("sip", "sip-4xx", "microsoft", "ms-560", "ms-569",
                "ms-510", "ms-531", "ms-call-controller", "q850", "client", "policy-join-broker", "phone-sip-5xx-6xx");
        for (CatalogFamily f : families) {
            List<Explanation> l = explainer.list(f.id());
            assertThat(l).as(f.id()).hasSize(f.size()).isNotEmpty();
            for (Explanation e : l) {
                assertThat(e.documented()).as(e.key()).isTrue();
                assertThat(e.meaning()).as(e.key()).isNotBlank();
            }
        }
        assertThat(explainer.list("560")).hasSameSizeAs(explainer.list("ms-560"));
        assertThat(explainer.list("no-such-family")).isEmpty();
        assertThat(explainer.list(null)).isEmpty();
        assertThat(explainer.list("sip")).hasSize(75);
        assertThat(explainer.list("client")).hasSize(25);
    }

    @Test
    void reasonTextsAreMatchedAndKeepTheGuid() {
        Explanation e = explainer.explain("Q.850 ;cause=63 ;text=\"9810e5a9-1b2c-4d5e-8f90-0a0b0c0d0e01;Current call site state "
                + "prevents fork to this entity.\"");
        assertThat(e.key()).isEqualTo("ms:10500");
        assertThat(e.facts().get("correlation id")).startsWith("9810e5a9-1b2c-4d5e-8f90-0a0b0c0d0e01");
        assertThat(e.alternatives()).extracting(Explanation::key).containsExactly("q850:63");
        Explanation busy = explainer.explain("4656976f-0000-1111-2222-333344445555;the called number was BUSY");
        assertThat(busy.kind()).isEqualTo(CodeKind.MICROSOFT_RESPONSE);
        assertThat(busy.facts().get("same phrase")).contains("560486").contains("540486");
        Explanation delivery = explainer.explain("Unable to deliver INVITE: something new");
        assertThat(delivery.key()).isEqualTo("ms-family:569");
        assertThat(explainer.explain("no such phrase anywhere").kind()).isEqualTo(CodeKind.UNKNOWN);
    }

    @Test
    void failureRowsGetTheBestExplanation() {
        assertThat(explainer.forFailure(560403, 403, "560").key()).isEqualTo("ms:560403");
        Explanation family = explainer.forFailure(null, 504, "569");
        assertThat(family.key()).isEqualTo("ms-family:569");
        assertThat(family.side()).isEqualTo("sbc");
        assertThat(family.firstCheck()).contains("certificate");
        assertThat(explainer.forFailure(null, 503, "microsoft-unknown").key()).isEqualTo("sip:503");
        assertThat(explainer.forFailure(null, 0, null).kind()).isEqualTo(CodeKind.UNKNOWN);
        assertThat(CodeExplainer.firstSentence("One. Two.")).isEqualTo("One.");
    }

    @Test
    void garbageNeverThrows() {
        Random r = new Random(42);
        String alphabet = "0123456789abcdefxACDSTq.:=- \"'_";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(14);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            Explanation e = explainer.explain(b.toString());
            assertThat(e.kind()).isNotNull();
            assertThat(e.title()).isNotNull();
            assertThat(e.meaning()).isNotNull();
        }
    }
}
