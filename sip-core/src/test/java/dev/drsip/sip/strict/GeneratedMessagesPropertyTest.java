package dev.drsip.sip.strict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.ParseResult;
import dev.drsip.sip.SipFixtures;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipMessageGenerator;
import dev.drsip.sip.SipMessageGenerator.Generated;
import dev.drsip.sip.SipMessageGenerator.Truth;
import dev.drsip.sip.SipMessageParser;
import dev.drsip.sip.header.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property test: thousands of generated valid messages (random header case, compact forms,
 * folding, order, whitespace, bodies); our parser reads what the generator wrote, and agrees with
 * JAIN-SIP field by field.
 */
class GeneratedMessagesPropertyTest {
    private static final int CASES = 5000;

    @Test
    void oursMatchesTheGeneratorAndJainSip() {
        check(20261124L, false);
    }

    @Test
    void exoticWhitespaceStillMatchesTheGenerator() {
        check(42L, true);
    }

    private static void check(long seed, boolean exotic) {
        SipMessageGenerator gen = new SipMessageGenerator(seed, exotic);
        SipMessageParser parser = new SipMessageParser();
        int jainDisagreements = 0;
        int folded = 0;
        int compact = 0;
        int upperCase = 0;
        int ipv6 = 0;
        int withReason = 0;
        int withSdp = 0;
        int multiVia = 0;
        StringBuilder firstDisagreements = new StringBuilder();
        for (int i = 0; i < CASES; i++) {
            Generated g = gen.next();
            ParseResult r = parser.parse(SipFixtures.packet(g.bytes()));
            assertThat(r).as("case %d:%n%s", i, g.text()).isInstanceOf(SipMessage.class);
            SipMessage m = (SipMessage) r;
            Truth t = g.truth();
            String ctx = "case " + i + " (seed " + seed + "):\n" + g.text();
            assertThat(m.defects()).as(ctx).isEmpty();
            assertThat(m.isRequest()).as(ctx).isEqualTo(t.request());
            assertThat(m.method()).as(ctx).isEqualTo(t.method());
            assertThat(m.statusCode()).as(ctx).isEqualTo(t.status());
            assertThat(m.callId()).as(ctx).isEqualTo(t.callId());
            assertThat(m.cseq().number()).as(ctx).isEqualTo(t.cseq());
            assertThat(m.cseq().method()).as(ctx).isEqualTo(t.cseqMethod());
            assertThat(m.topVia().branch()).as(ctx).isEqualTo(t.topBranch());
            assertThat(m.topVia().host()).as(ctx).isEqualTo(t.topViaHost());
            assertThat(m.topVia().port()).as(ctx).isEqualTo(t.topViaPort());
            assertThat(m.topVia().transport()).as(ctx).isEqualTo(t.topViaTransport());
            assertThat(m.vias()).as(ctx).hasSize(t.viaCount());
            assertThat(m.from().tag()).as(ctx).isEqualTo(t.fromTag());
            assertThat(m.to().tag()).as(ctx).isEqualTo(t.toTag());
            if (t.contactHost() == null) {
                assertThat(m.contact()).as(ctx).isNull();
            } else {
                assertThat(m.contact().uri().host()).as(ctx).isEqualTo(t.contactHost());
                assertThat(m.contact().uri().port()).as(ctx).isEqualTo(t.contactPort());
                assertThat(m.contact().uri().transport()).as(ctx).isEqualTo(t.contactTransport());
            }
            assertThat(m.recordRoute() == null ? null : m.recordRoute().uri().host()).as(ctx)
                    .isEqualTo(t.recordRouteHost());
            assertThat(m.reasons()).extracting(Reason::text).as(ctx).containsExactlyElementsOf(t.reasonTexts());
            assertThat(m.reasons()).extracting(Reason::cause).as(ctx).containsExactlyElementsOf(t.reasonCauses());
            assertThat(m.bodyLength()).as(ctx).isEqualTo(t.bodyLength());
            assertThat(m.contentLength()).as(ctx).isEqualTo(t.bodyLength());

            String text = g.text();
            folded += text.contains("\n ") || text.contains("\n\t") ? 1 : 0;
            compact += text.matches("(?s).*\n[vVfFtTiImMlLcCkK] ?:.*") ? 1 : 0;
            upperCase += text.contains("\nCSEQ:") || text.contains("\nCALL-ID:") ? 1 : 0;
            ipv6 += text.contains("[2001:") || text.contains("[fe80:") ? 1 : 0;
            withReason += m.reasons().isEmpty() ? 0 : 1;
            withSdp += m.sdp() != null ? 1 : 0;
            multiVia += m.vias().size() > 1 ? 1 : 0;

            List<String> diff = JainSipCrossCheck.compare(m);
            if (!diff.isEmpty()) {
                jainDisagreements++;
                if (firstDisagreements.length() < 4000) {
                    firstDisagreements.append(ctx).append("\n=> ").append(diff).append("\n\n");
                }
            }
        }
        assertThat(jainDisagreements).as(firstDisagreements.toString()).isZero();
        // The corpus really has the variety this test claims.
        assertThat(folded).isGreaterThan(CASES / 10);
        assertThat(compact).isGreaterThan(CASES / 2);
        assertThat(upperCase).isGreaterThan(CASES / 5);
        assertThat(ipv6).isGreaterThan(CASES / 2);
        assertThat(withReason).isGreaterThan(CASES / 5);
        assertThat(withSdp).isGreaterThan(CASES / 5);
        assertThat(multiVia).isGreaterThan(CASES / 2);
    }
}
