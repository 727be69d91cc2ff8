package dev.drsip.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.traces.DirectRoutingScenario.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectRoutingScenarioTest {
    private static DirectRoutingScenario.Result run(DirectRoutingScenario.Config c) {
        return new DirectRoutingScenario(c).generate();
    }

    private static boolean fromMicrosoft(SipWire w) {
        return w.src().ip().startsWith("52.11");
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        var a = run(new DirectRoutingScenario.Config().seed(5).calls(40));
        var b = run(new DirectRoutingScenario.Config().seed(5).calls(40));
        var c = run(new DirectRoutingScenario.Config().seed(6).calls(40));
        assertThat(a.messages()).hasSameSizeAs(b.messages());
        for (int i = 0; i < a.messages().size(); i++) {
            assertThat(a.messages().get(i).bytes()).isEqualTo(b.messages().get(i).bytes());
            assertThat(a.messages().get(i).epochNanos()).isEqualTo(b.messages().get(i).epochNanos());
        }
        assertThat(a.expected().toJson()).isEqualTo(b.expected().toJson()).isNotEqualTo(c.expected().toJson());
    }

    @Test
    void messagesAreWellFormedAndHeaderCaseTellsWhoWroteThem() {
        var r = run(new DirectRoutingScenario.Config().seed(8).calls(150));
        long last = Long.MIN_VALUE;
        for (SipWire w : r.messages()) {
            assertThat(w.epochNanos()).isGreaterThanOrEqualTo(last);
            last = w.epochNanos();
            String s = new String(w.bytes(), StandardCharsets.UTF_8);
            int end = s.indexOf("\r\n\r\n");
            assertThat(end).isPositive();
            String head = s.substring(0, end);
            assertThat(head.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
            String[] lines = head.split("\r\n");
            int cl = -1;
            int mixedCase = 0;
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, lines[i].indexOf(':'));
                if (fromMicrosoft(w)) {
                    assertThat(name).as(lines[i]).isEqualTo(name.toUpperCase());
                } else if (!name.equals(name.toUpperCase())) {
                    mixedCase++;
                }
                if (name.equalsIgnoreCase("Content-Length")) {
                    cl = Integer.parseInt(lines[i].substring(lines[i].indexOf(':') + 1).strip());
                }
            }
            assertThat(cl).isEqualTo(w.bytes().length - end - 4);
            if (!fromMicrosoft(w)) {
                assertThat(mixedCase).as(head).isGreaterThanOrEqualTo(lines.length - 2);
            }
            if (fromMicrosoft(w) && !lines[0].startsWith("SIP/2.0")) {
                assertThat(head).contains("USER-AGENT: " + DirectRoutingScenario.MS_BANNER);
            }
            if (!fromMicrosoft(w) && (lines[0].startsWith("INVITE") || lines[0].startsWith("OPTIONS"))) {
                assertThat(head).contains("X-MS-SBC: ").containsPattern("Contact: <sip:[^@>]*@?sbc[0-9]\\.contoso\\.com");
            }
        }
    }

    @Test
    void factsAddUp() {
        var r = run(new DirectRoutingScenario.Config().seed(9).calls(300));
        ExpectedFacts f = r.expected();
        int calls = f.scenarios.values().stream().mapToInt(Integer::intValue).sum();
        int attempts = 0;
        int options = 0;
        for (ExpectedFacts.SbcFacts s : f.sbcs.values()) {
            attempts += s.outbound.attempts + s.inbound.attempts;
            assertThat(s.outbound.answered + s.outbound.failed).isEqualTo(s.outbound.attempts);
            assertThat(s.inbound.answered + s.inbound.failed).isEqualTo(s.inbound.attempts);
            int failures = s.failures.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(failures).isEqualTo(s.outbound.failed + s.inbound.failed);
            options += s.optionsFromSbc + s.optionsToSbc;
        }
        assertThat(attempts).isEqualTo(calls).isEqualTo(300 + 2 * Kind.values().length);
        long invites = r.messages().stream().filter(w -> !w.retransmission()
                && new String(w.bytes(), 0, 7, StandardCharsets.US_ASCII).equals("INVITE ")).count();
        assertThat(invites).isEqualTo(calls);
        assertThat(f.requests.get("OPTIONS")).isEqualTo(options);
        assertThat(f.sipMessages).isEqualTo(r.messages().size()).isEqualTo(f.requestCount() + f.responseCount());
        // every retransmission repeats an earlier message byte for byte
        Map<String, Integer> seen = new HashMap<>();
        for (SipWire w : r.messages()) {
            String k = new String(w.bytes(), StandardCharsets.ISO_8859_1);
            if (w.retransmission()) {
                assertThat(seen).containsKey(k);
            }
            seen.merge(k, 1, Integer::sum);
        }
        assertThat(f.retransmissions).isPositive();
    }

    @Test
    void slowSbcIsCancelledAfterTenSecondsAndNoAckGetsMicrosoftBye() {
        Map<Kind, Integer> mix = new java.util.EnumMap<>(Kind.class);
        mix.put(Kind.OUT_SLOW_SBC, 1);
        mix.put(Kind.IN_NO_ACK, 1);
        var r = run(new DirectRoutingScenario.Config().seed(10).calls(20).mix(mix).oneOfEach(false).options(false));
        Map<String, List<SipWire>> byCall = new HashMap<>();
        for (SipWire w : r.messages()) {
            String s = new String(w.bytes(), StandardCharsets.UTF_8);
            String id = s.replaceAll("(?s).*\r\n(?i:call-id): ([^\r]+)\r\n.*", "$1");
            byCall.computeIfAbsent(id, k -> new ArrayList<>()).add(w);
        }
        assertThat(byCall).hasSize(20);
        for (List<SipWire> call : byCall.values()) {
            String first = new String(call.get(0).bytes(), StandardCharsets.UTF_8);
            if (fromMicrosoft(call.get(0))) { // outbound: slow SBC
                SipWire cancel = call.stream().filter(w -> new String(w.bytes(), StandardCharsets.UTF_8)
                        .startsWith("CANCEL")).findFirst().orElseThrow();
                assertThat(cancel.epochNanos() - call.get(0).epochNanos()).isGreaterThanOrEqualTo(10_000_000_000L);
                assertThat(fromMicrosoft(cancel)).isTrue();
                assertThat(call.stream().map(w -> new String(w.bytes(), StandardCharsets.UTF_8))
                        .filter(s -> s.startsWith("SIP/2.0 18") || s.startsWith("SIP/2.0 200 OK\r\nVia"))
                        .filter(s -> s.contains("INVITE\r\n"))).isEmpty();
            } else { // inbound, never ACKed
                assertThat(first).startsWith("INVITE");
                assertThat(call.stream().map(w -> new String(w.bytes(), StandardCharsets.UTF_8)))
                        .noneMatch(s -> s.startsWith("ACK"))
                        .anyMatch(s -> s.startsWith("BYE") && s.contains("USER-AGENT: Microsoft"));
            }
        }
    }

    @Test
    void dayProfileFollowsBusinessHoursAndBurstsLandInTheirWindow() {
        var day = run(new DirectRoutingScenario.Config().seed(11).start(1793664000L).duration(86400).calls(3000)
                .oneOfEach(false).options(false));
        int[] perHour = new int[24];
        for (SipWire w : day.messages()) {
            if (!w.retransmission() && new String(w.bytes(), 0, 6, StandardCharsets.US_ASCII).equals("INVITE")) {
                perHour[(int) ((w.epochNanos() / 3_600_000_000_000L) % 24)]++;
            }
        }
        assertThat(perHour[9]).isGreaterThan(5 * perHour[2]);
        assertThat(perHour[14]).isGreaterThan(5 * perHour[23]);
        var burst = run(new DirectRoutingScenario.Config().seed(12).start(1793664000L).duration(7200).calls(100)
                .steady().oneOfEach(false).options(false)
                .bursts(List.of(new DirectRoutingScenario.Burst(3600, 300, 0, Kind.OUT_SBC_503, 80))));
        assertThat(burst.expected().scenarios.get("OUT_SBC_503")).isGreaterThanOrEqualTo(80);
        long in = burst.messages().stream().filter(w -> new String(w.bytes(), 0, 11, StandardCharsets.US_ASCII)
                .equals("SIP/2.0 503")).filter(w -> {
                    long s = w.epochNanos() / 1_000_000_000L - 1793664000L;
                    return s >= 3600 && s <= 3905;
                }).count();
        assertThat(in).isGreaterThanOrEqualTo(80);
    }

    @Test
    void sbcQuirksForRuleTests() {
        var q = new DirectRoutingScenario.SbcQuirks("203.0.113.20", "52.114.148.0", 403, false,
                List.of(new long[] {1200, 600}));
        var r = run(new DirectRoutingScenario.Config().seed(13).duration(3600).calls(30).oneOfEach(false)
                .quirks(Map.of(1, q)));
        ExpectedFacts.SbcFacts sbc2 = r.expected().sbcs.get("sbc2.contoso.com");
        ExpectedFacts.SbcFacts sbc1 = r.expected().sbcs.get("sbc1.contoso.com");
        assertThat(sbc2.optionsFromSbc).isBetween(48, 52);
        assertThat(sbc2.optionsFromSbcAnswered).isZero();
        assertThat(sbc2.optionsToSbcAnswered).isZero();
        assertThat(sbc2.optionsToSbc).isBetween(58, 62);
        assertThat(sbc1.optionsFromSbcAnswered).isEqualTo(sbc1.optionsFromSbc).isBetween(58, 62);
        long t0 = 1793664000L;
        for (SipWire w : r.messages()) {
            String s = new String(w.bytes(), StandardCharsets.UTF_8);
            if (s.startsWith("OPTIONS") && w.src().ip().equals("203.0.113.20")) {
                long off = w.epochNanos() / 1_000_000_000L - t0;
                assertThat(off < 1200 || off >= 1800).as("no SBC OPTIONS inside the gap").isTrue();
                assertThat(s).startsWith("OPTIONS sip:52.114.148.0:5061").contains("Contact: <sip:203.0.113.20:");
            }
            if (s.startsWith("INVITE") && w.src().ip().equals("203.0.113.20")) {
                assertThat(s).contains("@203.0.113.20:5068;transport=udp>");
            }
        }
        // Microsoft's unanswered OPTIONS to the UDP SBC are retransmitted (Timer E)
        assertThat(r.expected().retransmissions).isGreaterThanOrEqualTo(3 * sbc2.optionsToSbc);
    }
}
