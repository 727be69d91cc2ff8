package dev.drsip.analyzer;

import static dev.drsip.analyzer.Harness.MS;
import static dev.drsip.analyzer.Harness.MS2;
import static dev.drsip.analyzer.Harness.SBC;
import static dev.drsip.analyzer.Harness.SBC_FQDN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ProblemCount;
import dev.drsip.analyzer.model.SbcStats;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import dev.drsip.sip.event.TlsHandshake;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceAnalysisTest {

    static Msg sbcOptions(String branch, String contactHost) {
        return Msg.request("OPTIONS", "sip:sip.pstnhub.microsoft.com:5061;transport=tls")
                .via(contactHost + ":5067", branch).from("sip:" + contactHost, "o" + branch)
                .to("sip:sip.pstnhub.microsoft.com", null).callId("opt-" + branch).cseq(1, "OPTIONS")
                .contact("sip:" + contactHost + ":5067;transport=tls");
    }

    static Msg msOptions(String branch, String sbcHost) {
        return Msg.request("OPTIONS", "sip:" + sbcHost + ":5067;transport=tls")
                .via("sip.pstnhub.microsoft.com:5061", branch).from("sip:sip.pstnhub.microsoft.com", "m" + branch)
                .to("sip:" + sbcHost, null).callId("mopt-" + branch).cseq(1, "OPTIONS")
                .h("USER-AGENT", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3");
    }

    @Test
    void optionsBothWaysAreCountedPerSbc() {
        Harness h = new Harness();
        for (int i = 0; i < 3; i++) {
            String o = h.send(i * 60_000L, SBC, MS, sbcOptions("z9hG4bKso" + i, SBC_FQDN));
            h.send(i * 60_000L + 40, MS, SBC, Msg.response(o, 200, "OK", "mt" + i)
                    .h("SERVER", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3"));
        }
        String late = h.send(300_000, SBC, MS, sbcOptions("z9hG4bKso9", SBC_FQDN));
        h.send(300_030, MS, SBC, Msg.response(late, 403, "Forbidden", "mt9"));
        String mo = h.send(30_000, MS2, SBC, msOptions("z9hG4bKmo1", SBC_FQDN));
        h.send(30_010, SBC, MS2, Msg.response(mo, 200, "OK", "st1"));
        AnalysisResult r = h.finish();
        assertThat(r.sbcs()).hasSize(1);
        SbcStats s = r.sbcs().get(0);
        assertThat(s.name()).isEqualTo(SBC_FQDN);
        assertThat(s.addresses()).containsExactly("203.0.113.10");
        assertThat(s.fqdns()).containsExactly(SBC_FQDN);
        assertThat(s.options().sbcSent()).isEqualTo(4);
        assertThat(s.options().sbcAnswered200()).isEqualTo(3);
        assertThat(s.options().sbcAnswers()).containsEntry(200, 3L).containsEntry(403, 1L);
        assertThat(s.options().microsoftSent()).isEqualTo(1);
        assertThat(s.options().microsoftAnswered200()).isEqualTo(1);
        assertThat(s.options().maxSbcGapMillis()).isEqualTo(180_000);
        assertThat(r.microsoftAddresses()).containsExactly("52.114.16.10", "52.114.32.20");
        assertThat(r.calls()).isZero();
        assertThat(r.requests()).containsEntry("OPTIONS", 5L);
        assertThat(r.responses()).containsEntry(200, 4L).containsEntry(403, 1L);
    }

    @Test
    void userGivenSbcNameWinsAndBadOptionsAreClearErrors() {
        AnalyzerConfig cfg = AnalyzerConfig.fromOptions(List.of(), List.of("Edge-A=203.0.113.10"));
        Harness h = new Harness(cfg);
        String o = h.send(0, SBC, MS, sbcOptions("z9hG4bKn1", SBC_FQDN));
        h.send(40, MS, SBC, Msg.response(o, 200, "OK", "t"));
        AnalysisResult r = h.finish();
        assertThat(r.sbcs()).extracting(SbcStats::name).containsExactly("edge-a");
        assertThat(h.messages.get(0).sbc()).isEqualTo("edge-a");
        assertThatThrownBy(() -> AnalyzerConfig.fromOptions(List.of(), List.of("sbc1.contoso.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME=ADDRESS");
        assertThatThrownBy(() -> AnalyzerConfig.fromOptions(List.of(), List.of("sbc1=300.1.1.1")))
                .hasMessageContaining("'300.1.1.1' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> AnalyzerConfig.fromOptions(List.of("127.0.0.3/40"), List.of()))
                .hasMessageContaining("out of range");
    }

    @Test
    void sbcWithoutFqdnIsNamedByAddressAndMergedOnceItsFqdnIsKnown() {
        Harness h = new Harness();
        // A call whose messages carry no SBC FQDN (IP Contact, IP Request-URI) ...
        String inv = h.send(0, MS, SBC, Msg.request("INVITE", "sip:+15551234567@203.0.113.10:5067;transport=tls")
                .via("sip.pstnhub.microsoft.com:5061", "z9hG4bKip1").from("sip:+4930@sip.pstnhub.microsoft.com", "f1")
                .to("sip:+15551234567@203.0.113.10", null).callId("ip-1").cseq(1, "INVITE").sdp());
        h.send(100, SBC, MS, Msg.response(inv, 503, "Service Unavailable", "t1"));
        assertThat(h.calls.get(0).sbc()).isEqualTo("203.0.113.10");
        // ... and later OPTIONS reveal the FQDN: the statistics are merged under it.
        String o = h.send(5_000, SBC, MS, sbcOptions("z9hG4bKip2", SBC_FQDN));
        h.send(5_040, MS, SBC, Msg.response(o, 200, "OK", "t2"));
        AnalysisResult r = h.finish();
        assertThat(r.sbcs()).hasSize(1);
        assertThat(r.sbcs().get(0).name()).isEqualTo(SBC_FQDN);
        assertThat(r.sbcs().get(0).outbound().failed()).isEqualTo(1);
        assertThat(r.sbcs().get(0).options().sbcSent()).isEqualTo(1);
    }

    @Test
    void ipLiteralContactLeavesTheAddressAsName() {
        Harness h = new Harness();
        String o = h.send(0, SBC, MS, sbcOptions("z9hG4bKipc", "203.0.113.10"));
        h.send(40, MS, SBC, Msg.response(o, 403, "Forbidden", "t"));
        AnalysisResult r = h.finish();
        assertThat(r.sbcs()).extracting(SbcStats::name).containsExactly("203.0.113.10");
        assertThat(r.sbcs().get(0).fqdns()).isEmpty();
    }

    @Test
    void twoSbcsAreSeparated() {
        Harness h = new Harness();
        String o1 = h.send(0, SBC, MS, sbcOptions("z9hG4bKa", SBC_FQDN));
        h.send(10, MS, SBC, Msg.response(o1, 200, "OK", "t"));
        String o2 = h.send(20, "198.51.100.7:5061", MS, sbcOptions("z9hG4bKb", "sbc2.fabrikam.com"));
        h.send(30, MS, "198.51.100.7:5061", Msg.response(o2, 200, "OK", "t"));
        AnalysisResult r = h.finish();
        assertThat(r.sbcs()).extracting(SbcStats::name).containsExactly(SBC_FQDN, "sbc2.fabrikam.com");
    }

    @Test
    void microsoftFoundByBannerByFqdnAndByUserNetwork() {
        // Lab trace on loopback: 127.0.0.3 is Microsoft only because its banner says so (the
        // SBC's OPTIONS go to an IP Request-URI, so nothing else tells).
        Harness h = new Harness();
        String lab = "127.0.0.3:5061";
        String sbc = "127.0.0.2:5067";
        String o = h.send(0, sbc, lab, sbcOptions("z9hG4bKl1", "sbc.lab.example").build()
                .replace("OPTIONS sip:sip.pstnhub.microsoft.com:5061", "OPTIONS sip:127.0.0.3:5061"));
        h.send(10, lab, sbc, Msg.response(o, 200, "OK", "t").h("Server", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3"));
        h.send(20, sbc, lab, sbcOptions("z9hG4bKl2", "sbc.lab.example").build()
                .replace("OPTIONS sip:sip.pstnhub.microsoft.com:5061", "OPTIONS sip:127.0.0.3:5061"));
        AnalysisResult r = h.finish();
        // The first OPTIONS was sent before the banner was seen, so only its answer and the second count.
        assertThat(h.messages.get(0).from()).isEqualTo(Side.UNKNOWN);
        assertThat(h.messages.get(1).from()).isEqualTo(Side.MICROSOFT);
        assertThat(h.messages.get(2).from()).isEqualTo(Side.SBC);
        assertThat(r.sbcs()).hasSize(1);
        assertThat(r.sbcs().get(0).options().sbcSent()).isEqualTo(1);
        assertThat(r.sbcs().get(0).options().sbcAnswered200()).isEqualTo(1);
        assertThat(r.microsoftAddresses()).containsExactly("127.0.0.3");

        // A request to sip.pstnhub.microsoft.com makes its destination Microsoft from the first message.
        Harness f = new Harness();
        f.send(0, "127.0.0.2:5067", "127.0.0.4:5061", sbcOptions("z9hG4bKf1", "sbc.lab.example"));
        assertThat(f.messages.get(0).from()).isEqualTo(Side.SBC);
        assertThat(f.messages.get(0).to()).isEqualTo(Side.MICROSOFT);
        assertThat(f.messages.get(0).sbc()).isEqualTo("sbc.lab.example");

        // --microsoft-net makes an address Microsoft with no other evidence.
        Harness u = new Harness(AnalyzerConfig.fromOptions(List.of("127.0.0.5/32"), List.of()));
        String inv = u.send(0, "127.0.0.2:5067", "127.0.0.5:5061", Msg.request("INVITE", "sip:+1@127.0.0.5")
                .via("127.0.0.2:5067", "z9hG4bKu1").from("sip:+2@sbc.lab.example", "x").to("sip:+1@127.0.0.5", null)
                .callId("u1").cseq(1, "INVITE").contact("sip:+2@sbc.lab.example:5067"));
        u.send(5, "127.0.0.5:5061", "127.0.0.2:5067", Msg.response(inv, 404, "Not Found", "y"));
        CallRecord c = u.onlyCall();
        assertThat(c.direction()).isEqualTo(Direction.INBOUND);
        assertThat(c.sbc()).isEqualTo("sbc.lab.example");
        assertThat(c.failureSide()).isEqualTo(Side.MICROSOFT);
        assertThat(c.inviteHadSdp()).isFalse();
    }

    @Test
    void nerFollowsMicrosoftsFormula() {
        Harness h = new Harness();
        // 10 inbound attempts: 4 answered, 1 busy, 1 no answer, 1 decline, 1 caller cancel, 2 failures.
        int[] finals = {200, 200, 200, 200, 486, 480, 603, 0, 503, 500};
        for (int i = 0; i < finals.length; i++) {
            String id = "n" + i;
            long t = i * 100_000L;
            String inv = CallCorrelatorTest.inboundInvite(h, t, id);
            h.send(t + 300, MS, SBC, Msg.response(inv, 180, "Ringing", "m" + id));
            if (finals[i] == 0) {
                String cancel = h.send(t + 5_000, SBC, MS, Harness.cancelOf(inv));
                h.send(t + 5_010, MS, SBC, Msg.response(cancel, 200, "OK", "m" + id));
                h.send(t + 5_020, MS, SBC, Msg.response(inv, 487, "Request Terminated", "m" + id));
            } else {
                h.send(t + 4_000, MS, SBC, Msg.response(inv, finals[i], "X", "m" + id));
                if (finals[i] == 200) {
                    CallCorrelatorTest.sbcAck(h, t + 4_050, id, "m" + id);
                    CallCorrelatorTest.msBye(h, t + 50_000, id, "m" + id);
                }
            }
        }
        AnalysisResult r = h.finish();
        var in = r.sbcs().get(0).inbound();
        assertThat(in.attempts()).isEqualTo(10);
        assertThat(in.answered()).isEqualTo(4);
        assertThat(in.failed()).isEqualTo(2);
        assertThat(in.userOutcomes()).containsEntry("busy", 1L).containsEntry("no-answer", 1L)
                .containsEntry("declined", 1L).containsEntry("caller-cancel", 1L);
        assertThat(in.ner()).isEqualTo(80.0);
        // Failures first, then the user outcomes (flagged), each with the side that produced it.
        assertThat(in.failures()).filteredOn(g -> !g.userOutcome()).extracting(g -> g.sipCode())
                .containsExactlyInAnyOrder(503, 500);
        assertThat(in.failures()).filteredOn(g -> g.userOutcome()).extracting(g -> g.sipCode())
                .containsExactlyInAnyOrder(486, 480, 603, 487);
        assertThat(in.failures().get(0).userOutcome()).isFalse();
        assertThat(in.failures().get(1).userOutcome()).isFalse();
        assertThat(in.failures()).filteredOn(g -> g.sipCode() != 487)
                .allMatch(g -> g.side() == Side.MICROSOFT && g.direction() == Direction.INBOUND);
        var cancel = in.failures().stream().filter(g -> g.sipCode() == 487).findFirst().orElseThrow();
        assertThat(cancel.microsoftCode()).isEqualTo(540487);
        assertThat(cancel.side()).isEqualTo(Side.SBC);
        long sum = in.answered() + in.failed() + in.userOutcomes().values().stream().mapToLong(Long::longValue).sum();
        assertThat(sum).isEqualTo(in.attempts());
        assertThat(in.failures().stream().mapToLong(g -> g.count()).sum()).isEqualTo(in.attempts() - in.answered());
    }

    @Test
    void problemsFromSourcesAndParsingAreCountedWithExamples() {
        Harness h = new Harness();
        byte[] garbage = "\u0001\u0002 not sip at all".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 1; i <= 7; i++) {
            h.analysis.onSip(new SipPacket(Harness.nanos(i), IpAddress.parse("10.0.0.1"), 5060,
                    IpAddress.parse("10.0.0.2"), 5060, Transport.UDP, new Where("bad.pcap", i), garbage, 0, garbage.length));
        }
        h.analysis.onProblem(new Malformed("pcap.truncated-record", new Where("bad.pcap", 99), "record cut at 12 of 80 bytes"));
        AnalysisResult r = h.finish();
        assertThat(r.sipMessages()).isZero();
        assertThat(r.problemCount()).isEqualTo(8);
        ProblemCount first = r.problems().get(0);
        assertThat(first.count()).isEqualTo(7);
        assertThat(first.reason()).startsWith("sip.");
        assertThat(first.examples()).hasSize(5);
        assertThat(first.examples().get(0).where()).isEqualTo(new Where("bad.pcap", 1));
        assertThat(r.problems().get(1).reason()).isEqualTo("pcap.truncated-record");
        assertThat(r.problems().get(1).examples().get(0).where().frame()).isEqualTo(99);
    }

    @Test
    void tlsAndTimeAreForwardedAndTimeRangeKept() {
        Harness h = new Harness();
        TlsHandshake hs = new TlsHandshake(Harness.nanos(5), new Where("t.pcap", 3), IpAddress.parse("203.0.113.10"),
                40000, IpAddress.parse("52.114.16.10"), 5061, "sip.pstnhub.microsoft.com", 0x0303, 0xc030, List.of(), List.of());
        h.time(1);
        h.analysis.onTls(hs);
        h.time(1_000);
        AnalysisResult r = h.finish();
        assertThat(h.tls).containsExactly(hs);
        assertThat(h.times).containsExactly(Harness.nanos(1), Harness.nanos(1_000));
        assertThat(r.tlsHandshakes()).isEqualTo(1);
        assertThat(r.firstTime()).isEqualTo(Harness.nanos(1));
        assertThat(r.lastTime()).isEqualTo(Harness.nanos(1_000));
        assertThat(h.analysis.finish()).isSameAs(r);
    }

    @Test
    void plainSipTraceWithoutMicrosoftStillCountsMessagesAndCalls() {
        Harness h = new Harness();
        String a = "10.1.1.1:5060";
        String b = "10.1.1.2:5060";
        for (int i = 0; i < 5; i++) {
            String id = "p" + i;
            String inv = h.send(i * 1000L, a, b, Msg.request("INVITE", "sip:bob@10.1.1.2").via("10.1.1.1:5060", "z9hG4bK" + id)
                    .from("sip:alice@10.1.1.1", "a" + id).to("sip:bob@10.1.1.2", null).callId(id).cseq(1, "INVITE").sdp());
            h.send(i * 1000L + 10, b, a, Msg.response(inv, 100, "Trying", null));
            h.send(i * 1000L + 20, b, a, Msg.response(inv, i < 3 ? 200 : 404, i < 3 ? "OK" : "Not Found", "b" + id));
        }
        AnalysisResult r = h.finish();
        assertThat(r.sipMessages()).isEqualTo(15);
        assertThat(r.requests()).containsExactly(java.util.Map.entry("INVITE", 5L));
        assertThat(r.responses()).containsEntry(100, 5L).containsEntry(200, 3L).containsEntry(404, 2L);
        assertThat(r.calls()).isEqualTo(5);
        assertThat(r.directRoutingCalls()).isZero();
        assertThat(r.nonDirectRouting().attempts()).isEqualTo(5);
        assertThat(r.nonDirectRouting().answered()).isEqualTo(3);
        assertThat(r.nonDirectRouting().failed()).isEqualTo(2);
        assertThat(r.nonDirectRouting().failures().get(0).side()).isEqualTo(Side.UNKNOWN);
        assertThat(r.sbcs()).isEmpty();
        assertThat(h.messages).allMatch(m -> m.sbc() == null && m.direction() == Direction.UNKNOWN);
    }

    @Test
    void resultAndCallRecordsSerializeToJsonWithStableNames() throws Exception {
        Harness h = new Harness();
        String inv = h.send(0, MS, SBC, Harness.msInvite("j1", "z9hG4bKj1"));
        h.send(10, SBC, MS, Msg.response(inv, 503, "Service Unavailable", "t"));
        AnalysisResult r = h.finish();
        com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode j = om.readTree(om.writeValueAsString(r));
        assertThat(j.get("sipMessages").asLong()).isEqualTo(2);
        assertThat(j.get("requests").get("INVITE").asLong()).isEqualTo(1);
        assertThat(j.get("responses").get("503").asLong()).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode sbc = j.get("sbcs").get(0);
        assertThat(sbc.get("name").asText()).isEqualTo(SBC_FQDN);
        assertThat(sbc.get("outbound").get("ner").asDouble()).isEqualTo(0.0);
        assertThat(sbc.get("inbound").get("ner").isNull()).isTrue();
        com.fasterxml.jackson.databind.JsonNode f = sbc.get("outbound").get("failures").get(0);
        assertThat(f.get("microsoftCode").asInt()).isEqualTo(560503);
        assertThat(f.get("sipCode").asInt()).isEqualTo(503);
        assertThat(f.get("side").asText()).isEqualTo("SBC");
        assertThat(f.get("count").asLong()).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode c = om.readTree(om.writeValueAsString(h.calls.get(0)));
        assertThat(c.get("microsoftCode").get("code").asInt()).isEqualTo(560503);
        assertThat(c.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(c.get("inviteWhere").get("frame").asLong()).isEqualTo(1);
    }

    @Test
    void anAddressSeenAsSbcIsNeverLearnedAsMicrosoft() {
        Harness h = new Harness();
        String o = h.send(0, SBC, MS, sbcOptions("z9hG4bKg1", SBC_FQDN));
        h.send(10, MS, SBC, Msg.response(o, 200, "OK", "t"));
        // A confused (or malicious) banner from the SBC's address later on.
        h.send(20, SBC, "10.9.9.9:5060", Msg.request("OPTIONS", "sip:10.9.9.9").via("203.0.113.10:5067", "z9hG4bKg2")
                .from("sip:x@203.0.113.10", "a").to("sip:10.9.9.9", null).callId("g2").cseq(1, "OPTIONS")
                .h("User-Agent", "Microsoft.PSTNHub.SIPProxy v.1"));
        assertThat(h.analysis.directory().isMicrosoft(IpAddress.parse("203.0.113.10"))).isFalse();
        assertThat(h.analysis.directory().learnedMicrosoftAddresses()).isEmpty();
    }

    @Test
    void tlsServerNameTeachesMicrosoftAndTheSbcName() {
        Harness h = new Harness();
        // The SBC connects to a lab "Microsoft" at 127.0.0.9 asking for sip.pstnhub.microsoft.com.
        h.analysis.onTls(new TlsHandshake(Harness.nanos(1), new Where("t.pcap", 1), IpAddress.parse("127.0.0.2"), 40000,
                IpAddress.parse("127.0.0.9"), 5061, "sip.pstnhub.microsoft.com", 0x0303, 0xc030, List.of(), List.of()));
        // Microsoft (52.114.16.10) connects to the SBC at 203.0.113.10 by its FQDN.
        h.analysis.onTls(new TlsHandshake(Harness.nanos(2), new Where("t.pcap", 2), IpAddress.parse("52.114.16.10"), 40001,
                IpAddress.parse("203.0.113.10"), 5067, "sbc1.contoso.com", 0x0303, 0xc030, List.of(), List.of()));
        assertThat(h.analysis.directory().isMicrosoft(IpAddress.parse("127.0.0.9"))).isTrue();
        assertThat(h.analysis.directory().learnedMicrosoftAddresses()).containsEntry("127.0.0.9", "tls-sni");
        assertThat(h.analysis.directory().nameFor(IpAddress.parse("203.0.113.10"), null)).isEqualTo("sbc1.contoso.com");
    }
}
