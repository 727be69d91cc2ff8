package dev.drsip.sip.dr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MicrosoftCodesTest {
    private final MicrosoftCodes codes = MicrosoftCodes.standard();

    private Integer match(String text) {
        return codes.matchPhrase(text).map(MsCodeEntry::code).orElse(null);
    }

    @Test
    void everyDocumentedCodeIsInTheCatalog() {
        int[] documented = {500001, 560403, 560402, 560404, 560408, 560420, 560480, 560484, 560486, 560487, 560500,
            560503, 560603, 540000, 540200, 540400, 540415, 540420, 540422, 540486, 540487, 569002, 569003, 569008,
            569009, 569015, 569016, 569018, 549018, 549002, 510403, 510412, 510482, 510532, 510534, 510544, 510559,
            510560, 510562, 510563, 511404, 511532, 531000, 531004, 531005, 531027, 531052, 10037, 10140, 10191,
            10199, 10202, 10320, 10321, 10500, 10553, 1106, 0};
        for (int c : documented) {
            assertThat(codes.byCode(c)).as("code %d", c).isPresent();
        }
        assertThat(codes.entries().size()).isGreaterThanOrEqualTo(documented.length);
        assertThat(codes.byCode(500001).orElseThrow().sipCode()).isEqualTo(408);
        assertThat(codes.byCode(531000).orElseThrow().sipCodes()).containsExactly(410, 488);
        assertThat(codes.byCode(560503).orElseThrow().phrase())
                .isEqualTo("Service unavailable. SBC undergoing maintenance or temporarily overloaded.");
        assertThat(codes.byCode(560503).orElseThrow().side()).isEqualTo(Side.SBC);
        assertThat(codes.byCode(510532).orElseThrow().side()).isEqualTo(Side.MICROSOFT);
        assertThat(codes.byCode(123456)).isEmpty();
    }

    @Test
    void everyExactPhraseMatchesItsOwnCodeFirst() {
        for (MsCodeEntry e : codes.entries()) {
            for (String p : e.phrases()) {
                if (p.contains("...")) {
                    continue;
                }
                assertThat(codes.matchAll(p)).as(p).extracting(MsCodeEntry::code).contains(e.code());
            }
        }
    }

    @Test
    void matchingToleratesCasePunctuationWhitespaceGuid() {
        assertThat(match("9810e5a9-1234-4c1d-9e5f-0123456789ab;Current call site state prevents fork to this entity."))
                .isEqualTo(10500);
        assertThat(match("  current CALL site   state prevents fork to this entity ")).isEqualTo(10500);
        assertThat(match("Invalid number format SBC rejected the call")).isEqualTo(560484);
        assertThat(match("forbidden, call rejected")).isEqualTo(560403);
        assertThat(match("An acknowledgement was not received for the call acceptance in the allotted time."))
                .isEqualTo(1106);
        assertThat(match("Gateway (SBC) failover timer expired")).isEqualTo(500001);
        assertThat(match("User is busy and currently active on another call.")).isNull();
        assertThat(match("")).isNull();
        assertThat(match(null)).isNull();
    }

    @Test
    void unableToDeliverFamily() {
        assertThat(match("Unable to deliver INVITE: outgoing TLS negotiation failed; HRESULT=0x80090326")).isEqualTo(569003);
        assertThat(match("Unable to deliver INVITE: Outgoing TLS negotiation failed. Remote certificate expired; "
                + "HRESULT=0x80090328 SEC_E_CERT_EXPIRED")).isEqualTo(569008);
        assertThat(match("Unable to deliver INVITE: outgoing TLS negotiation failed; HRESULT=0x80090325 "
                + "SEC_E_UNTRUSTED_ROOT extra words")).isEqualTo(569009);
        assertThat(match("Unable to deliver INVITE: The target principal name is incorrect 0x80090322")).isEqualTo(569002);
        assertThat(match("Unable to deliver INVITE: connection refused")).isEqualTo(569002);
        assertThat(match("Unable to deliver INVITE: Connection failed.")).isEqualTo(569002);
        assertThat(match("Unable to deliver INVITE: No such host is known.")).isEqualTo(569015);
        assertThat(match("Unable to deliver INVITE: TlsTransport is not connected, State=Disconnected")).isEqualTo(549002);
        assertThat(match("Unable to deliver INVITE: something new")).isNull();
        assertThat(MicrosoftCodes.familyOfPhrase("Unable to deliver INVITE: something new")).isEqualTo("569");
        assertThat(MicrosoftCodes.familyOfPhrase("Bad Request")).isNull();
        // shared phrases: both codes are offered, in file order
        assertThat(codes.matchAll("Bad Extension")).extracting(MsCodeEntry::code).containsExactly(560420, 540420);
        assertThat(codes.matchAll("x;SdpParsingFailure")).extracting(MsCodeEntry::code).containsExactly(531000);
        assertThat(match("InternalDiagCode: CannotSupportAnyMedia; no media acceptable")).isEqualTo(531000);
    }

    @Test
    void families() {
        assertThat(MicrosoftCodes.family(560486)).isEqualTo("560");
        assertThat(MicrosoftCodes.family(540487)).isEqualTo("540");
        assertThat(MicrosoftCodes.family(569999)).isEqualTo("569");
        assertThat(MicrosoftCodes.family(549002)).isEqualTo("549");
        assertThat(MicrosoftCodes.family(500001)).isEqualTo("500001");
        assertThat(MicrosoftCodes.family(510532)).isEqualTo("510");
        assertThat(MicrosoftCodes.family(1106)).isEqualTo("1106");
        assertThat(MicrosoftCodes.family(10500)).isEqualTo("call-controller");
        assertThat(MicrosoftCodes.family(0)).isEqualTo("call-controller");
        assertThat(MicrosoftCodes.family(42)).isEqualTo("unknown");
        assertThat(MicrosoftCodes.familySide("569")).isEqualTo(Side.SBC);
        assertThat(MicrosoftCodes.familySide("510")).isEqualTo(Side.MICROSOFT);
        assertThat(MicrosoftCodes.familySide("531")).isEqualTo(Side.UNKNOWN);
        assertThat(MicrosoftCodes.splitGuid("4656976f-aaaa-bbbb;User is busy")).containsExactly("4656976f-aaaa-bbbb", "User is busy");
        assertThat(MicrosoftCodes.splitGuid("Forbidden; Call rejected")).containsExactly(null, "Forbidden; Call rejected");
    }

    @Test
    void loaderKeepsExtraColumnsAndReportsBadRows() throws Exception {
        String tsv = "# c\ncode\tsip\tphrase\tside\tresponsible\tmeaning\n1106\t408\tNo ACK\tsbc\tSBC\tSBC never ACKed\n";
        MicrosoftCodes c = MicrosoftCodes.load(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
        assertThat(c.byCode(1106).orElseThrow().column("meaning")).isEqualTo("SBC never ACKed");
        String bad = "code\tsip\tphrase\tside\nabc\t408\tx\tsbc\n";
        assertThatThrownBy(() -> MicrosoftCodes.load(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("line 2");
    }
}
