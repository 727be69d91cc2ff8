package dev.drsip.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.rules.options.SbcHealth;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private static final String RURI = "sip:+14255550100@" + Sim.MS_FQDN + ":5061;transport=tls";
    private static final String FROM = "sip:+12065550111@" + Sim.SBC_FQDN;

    @Test
    void findingsAreSortedMostSevereFirst() {
        Sim sim = new Sim();
        sim.send(0, Sim.SBC, Sim.MS, sim.sbcInvite("a@test", "sip:14255550100@52.114.16.10", FROM,
                "sip:203.0.113.10:5067")); // number-not-e164 (W), options-to-ip (W), contact-not-fqdn (E), delayed-offer (W)
        sim.time(400); // and no OPTIONS from it for 400 s: options-gap (I)
        List<Finding> f = sim.finish();
        assertThat(f).extracting(Finding::ruleId).containsExactly(RuleIds.CONTACT_NOT_FQDN, RuleIds.DELAYED_OFFER,
                RuleIds.NUMBER_NOT_E164, RuleIds.OPTIONS_TO_IP, RuleIds.OPTIONS_GAP);
        assertThat(f).extracting(Finding::severity).isSortedAccordingTo(Enum::compareTo);
        assertThat(f.get(f.size() - 1).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void evidenceIsBoundedButEveryOccurrenceCounted() {
        Sim sim = new Sim(RulesConfig.defaults().withCaps(3, 10_000, 4096));
        for (int i = 0; i < 50; i++) {
            sim.send(i, Sim.SBC, Sim.MS, sim.sbcInvite("e" + i + "@test", RURI, FROM, "sip:203.0.113.10:5067").sdp());
        }
        sim.finish();
        Finding f = sim.findings(RuleIds.CONTACT_NOT_FQDN).get(0);
        assertThat(f.count()).isEqualTo(50);
        assertThat(f.evidence()).hasSize(3);
        assertThat(f.evidence()).extracting(Evidence::callId).containsExactly("e0@test", "e1@test", "e2@test");
        assertThat(f.firstSeenNanos()).isEqualTo(Sim.nanos(0));
        assertThat(f.lastSeenNanos()).isEqualTo(Sim.nanos(49));
    }

    @Test
    void jsonShapeOfFindingsAndHealth() {
        Sim sim = new Sim();
        sim.send(3, Sim.SBC, Sim.MS, sim.sbcInvite("j@test", RURI, FROM, "sip:203.0.113.10:5067").sdp());
        sim.finish();
        java.util.Map<String, Object> m = sim.findings(RuleIds.CONTACT_NOT_FQDN).get(0).toJsonMap();
        assertThat(m).containsKeys("ruleId", "severity", "sbc", "firstSeen", "lastSeen", "count", "summary", "action",
                "evidence", "details");
        assertThat(m.get("severity")).isEqualTo("error");
        assertThat(m.get("firstSeen")).isEqualTo(Times.iso(Sim.nanos(3)));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> ev = ((List<java.util.Map<String, Object>>) m.get("evidence")).get(0);
        assertThat(ev).containsEntry("source", "test.pcap").containsEntry("frame", 1L).containsEntry("callId", "j@test");
        assertThat(sim.engine.sbcHealth().get("203.0.113.10").toJsonMap()).containsEntry("status", SbcHealth.NOT_CONFIGURED);
    }

    @Test
    void distinctFindingsAreCappedAndCounted() {
        Sim sim = new Sim(RulesConfig.defaults().withSbcFqdns(List.of("sbc9.contoso.com")).withCaps(5, 3, 4096));
        for (int i = 0; i < 10; i++) { // one contact-fqdn-unknown finding per unknown FQDN
            sim.send(i, Sim.SBC, Sim.MS, sim.sbcInvite("f" + i + "@test", RURI, FROM,
                    "sip:+1206@sbc" + i + ".fabrikam.com:5067").sdp());
        }
        sim.finish();
        assertThat(sim.engine.findings()).hasSize(3);
        assertThat(sim.engine.droppedFindings()).isPositive();
    }

    @Test
    void perSbcStateIsBounded() {
        Sim sim = new Sim(RulesConfig.defaults().withCaps(5, 100_000, 50));
        for (int i = 0; i < 500; i++) {
            String sbc = "203.0." + (i / 250) + "." + (i % 250 + 1) + ":5067";
            String id = "b" + i + "@test";
            sim.send(i, sbc, Sim.MS, SipText.request("OPTIONS", "sip:" + Sim.MS_FQDN)
                    .dialog("x:5067", id, "sip:sbc" + i + ".contoso.com", "sip:" + Sim.MS_FQDN, null, id, 1, "OPTIONS")
                    .contact("sip:sbc" + i + ".contoso.com:5067"));
        }
        sim.finish();
        assertThat(sim.engine.sbcHealth()).hasSizeLessThanOrEqualTo(50);
    }

    @Test
    void addressNamedSbcIsFoldedIntoItsFqdnName() {
        Sim sim = new Sim();
        // The SBC's Contact carries an IP: the analyzer names it 203.0.113.10 ...
        sim.send(0, Sim.SBC, Sim.MS, sim.sbcInvite("r1@test", RURI, FROM, "sip:203.0.113.10:5067").sdp());
        // ... until Microsoft's OPTIONS names its FQDN.
        sim.microsoftOptionsAnswered(10, 200);
        sim.send(20, Sim.SBC, Sim.MS, sim.sbcInvite("r2@test", RURI, FROM, "sip:203.0.113.10:5067").sdp());
        sim.finish();
        List<Finding> f = sim.findings(RuleIds.CONTACT_NOT_FQDN);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).sbc()).isEqualTo(Sim.SBC_FQDN);
        assertThat(f.get(0).count()).isEqualTo(2);
        assertThat(f.get(0).evidence()).extracting(Evidence::callId).containsExactly("r1@test", "r2@test");
        assertThat(sim.engine.sbcHealth()).containsOnlyKeys(Sim.SBC_FQDN);
        assertThat(sim.engine.sbcHealth().get(Sim.SBC_FQDN).microsoftOptionsAnswered200()).isEqualTo(1);
    }

    @Test
    void eventsAfterFinishAreIgnoredAndFinishIsIdempotent() {
        Sim sim = new Sim();
        sim.finish();
        sim.engine.finish();
        sim.engine.onTime(Sim.nanos(5000));
        assertThat(sim.engine.findings()).isEmpty();
        assertThat(sim.engine.sbcHealth()).isEmpty();
    }

    /** Property: mutated Direct Routing traffic (cut, duplicated, garbled headers) never throws out of the rules. */
    @Test
    void randomlyMutatedTrafficNeverThrows() {
        Random rnd = new Random(20261124);
        for (int run = 0; run < 40; run++) {
            Sim sim = new Sim(RulesConfig.defaults().withSbcFqdns(List.of(Sim.SBC_FQDN)));
            double t = 0;
            for (int i = 0; i < 150; i++) {
                t += rnd.nextDouble() * 20;
                String text;
                switch (rnd.nextInt(5)) {
                    case 0:
                        text = Sim.SBC_CONTACT;
                        text = SipText.request("OPTIONS", "sip:" + Sim.MS_FQDN).dialog("a:1", "o" + i, "sip:x", "sip:y",
                                null, "o" + i + "@t", 1, "OPTIONS").contact(text).build();
                        break;
                    case 1:
                        text = sim.sbcInvite("i" + i + "@t", RURI, FROM, Sim.SBC_CONTACT).sdp().build();
                        break;
                    case 2:
                        text = SipText.response(sim.sbcInvite("i" + (i - 1) + "@t", RURI, FROM, Sim.SBC_CONTACT).build(),
                                100 + rnd.nextInt(600), "X", "t" + i).sdp().build();
                        break;
                    case 3:
                        text = SipText.request("INVITE", Sim.SBC_CONTACT).dialog("m:1", "mi" + i, "sip:+1@" + Sim.MS_FQDN,
                                FROM, rnd.nextBoolean() ? null : "tg", "m" + i + "@t", 1 + rnd.nextInt(3), "INVITE").sdp().build();
                        break;
                    default:
                        text = SipText.request("BYE", Sim.SBC_CONTACT).dialog("m:1", "b" + i, "sip:+1@" + Sim.MS_FQDN,
                                FROM, "tg", "i" + rnd.nextInt(i + 1) + "@t", 2, "BYE").build();
                }
                text = mutate(text, rnd);
                boolean fromSbc = rnd.nextBoolean();
                sim.send(t, fromSbc ? Sim.SBC : Sim.MS, fromSbc ? Sim.MS : Sim.SBC, text);
                if (rnd.nextInt(10) == 0) {
                    sim.time(t + rnd.nextInt(400));
                }
            }
            List<Finding> f = sim.finish();
            for (Finding x : f) {
                assertThat(x.count()).isPositive();
                assertThat(x.firstSeenNanos()).isLessThanOrEqualTo(x.lastSeenNanos());
                assertThat(RuleCatalog.get(x.ruleId())).as(x.ruleId()).isNotNull();
            }
            for (SbcHealth h : sim.engine.sbcHealth().values()) {
                assertThat(h.status()).isIn(SbcHealth.ACTIVE, SbcHealth.NO_SIP_OPTIONS, SbcHealth.NOT_CONFIGURED);
            }
        }
    }

    private static String mutate(String text, Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return text.substring(0, rnd.nextInt(text.length() + 1));
            case 1: {
                int at = rnd.nextInt(text.length());
                return text.substring(0, at) + (char) rnd.nextInt(256) + text.substring(at);
            }
            case 2:
                return text.replace("Contact: <", "Contact: <sip:[::1]").replace("c=IN IP4 203.0.113.10", "c=IN IP4 0.0.0.0");
            case 3:
                return text.replace("sip:", "tel:");
            default:
                return text;
        }
    }
}
