package dev.drsip.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.MicrosoftNetworks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimised pipeline (intrusive transaction table, one call map, cached SBC names) tells
 * exactly what the frozen reference copy in {@code dev.drsip.analyzer.reference} tells: every
 * classified message, every call record in order, and the final result, on seeded random call
 * flows (retransmissions, CANCEL, auth, re-INVITE, missing ACK, timeouts, evictions under tiny
 * caps, Call-ID reuse, time going back) and on random broken messages.
 */
class ReferenceEquivalenceTest {
    static final String[] MS = {"52.114.16.10", "52.114.32.20", "52.120.1.1"};
    static final String[] SBC = {"203.0.113.10", "203.0.113.20", "198.51.100.7", "2001:db8::5"};
    static final String[] FQDN = {"sbc1.contoso.com", "sbc2.contoso.com", "sbc3.fabrikam.com", "sbc4.fabrikam.com"};
    static final int[] FAILS = {403, 404, 408, 480, 486, 487, 488, 500, 503, 603};
    static final String[] REASONS = RandomTrafficPropertyTest.REASONS;

    private record Ev(long t, String src, String dst, String text) {
    }

    /** What one pipeline told, in order. */
    private static final class Tape implements AnalysisListener {
        final List<String> events = new ArrayList<>();
        final List<CallRecord> calls = new ArrayList<>();
        AnalysisResult result;

        @Override
        public void onMessage(ClassifiedMessage m) {
            events.add("msg " + m.message().where() + " " + m.from() + ">" + m.to() + " " + m.sbc() + " "
                    + m.direction() + " " + m.retransmission());
        }

        @Override
        public void onCall(CallRecord c) {
            events.add("call " + c.callId());
            calls.add(c);
        }

        @Override
        public void onTime(long t) {
            events.add("time " + t);
        }

        @Override
        public void onFinish(AnalysisResult r) {
            result = r;
        }
    }

    private static long gap(Random r) {
        switch (r.nextInt(10)) {
            case 0: return 8_000 + r.nextInt(5_000);      // around the failover timer
            case 1: return 30_000 + r.nextInt(5_000);     // around the ACK timer / linger
            case 2: return r.nextInt(400_000);            // up to past setup/idle timeouts
            case 3: case 4: return 1_000 + r.nextInt(5_000);
            default: return r.nextInt(300);
        }
    }

    /** One call's messages with times relative to its start. */
    private static void call(Random r, int n, long start, List<Ev> out) {
        int kind = r.nextInt(10);
        boolean outbound = kind < 5;
        boolean dr = kind < 9;
        int s = r.nextInt(SBC.length);
        String sbc = SBC[s];
        String ms = dr ? MS[r.nextInt(MS.length)] : SBC[(s + 1) % SBC.length];
        String fq = r.nextInt(6) == 0 ? sbc : FQDN[s];
        String contactHost = r.nextInt(8) == 0 ? sbc : fq;
        String callId = "c" + (r.nextInt(5) == 0 ? r.nextInt(n + 1) : n) + "@x";
        String a = outbound ? ms : sbc;
        String b = outbound ? sbc : ms;
        String caller = "+4930" + r.nextInt(20);
        String callee = r.nextBoolean() ? "+1555" + r.nextInt(20) : "1555" + r.nextInt(20);
        String ruri = "sip:" + callee + "@" + (outbound ? fq + ":5067" : "sip.pstnhub.microsoft.com:5061") + ";user=phone";
        boolean branchless = r.nextInt(12) == 0;
        String br = branchless ? null : "z9hG4bK" + n + "x" + r.nextInt(1000);
        String ftag = r.nextInt(15) == 0 ? null : "f" + n;
        String ttag = "t" + n + (r.nextInt(4) == 0 ? "" : "b");
        Msg inv = Msg.request("INVITE", ruri).via((outbound ? "sip.pstnhub.microsoft.com" : fq) + ":5061", br)
                .from("sip:" + caller + "@" + (outbound ? "sip.pstnhub.microsoft.com" : fq), ftag)
                .to("sip:" + callee + "@x", null).callId(callId).cseq(1, "INVITE")
                .contact("sip:" + caller + "@" + (outbound ? "sip.pstnhub.microsoft.com" : contactHost) + ":5061");
        if (outbound) {
            inv.h("User-Agent", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3");
        }
        if (r.nextInt(5) > 0) {
            inv.sdp();
        }
        String invite = inv.build();
        long t = start;
        out.add(new Ev(t, a, b, invite));
        if (r.nextInt(6) == 0) {
            out.add(new Ev(t + 500, a, b, invite)); // retransmission
        }
        if (r.nextInt(8) == 0) {
            return; // no answer at all
        }
        t += r.nextInt(50);
        out.add(new Ev(t, b, a, resp(invite, 100, "Trying", null, b, ms, contactHost)));
        if (r.nextInt(3) == 0) {
            t += gap(r);
            String ring = resp(invite, r.nextBoolean() ? 180 : 183, "Ringing", ttag, b, ms, contactHost);
            out.add(new Ev(t, b, a, ring));
            if (r.nextInt(5) == 0) {
                out.add(new Ev(t + 10, b, a, ring));
            }
        }
        t += gap(r);
        int end = r.nextInt(10);
        if (end < 5) {
            String ok = resp(invite, 200, "OK", ttag, b, ms, contactHost);
            out.add(new Ev(t, b, a, ok));
            if (r.nextInt(6) == 0) {
                out.add(new Ev(t + 400, b, a, ok));
            }
            if (r.nextInt(5) > 0) {
                t += r.nextInt(3) == 0 ? gap(r) : r.nextInt(100);
                out.add(new Ev(t, a, b, Harness.inDialog("ACK", "sip:" + callee + "@" + b, a, "z9hG4bKack" + n,
                        "sip:" + caller + "@x", ftag, "sip:" + callee + "@x", ttag, callId, 1).build()));
            }
            if (r.nextInt(4) == 0) {
                t += gap(r);
                Msg re = Harness.inDialog("INVITE", "sip:" + callee + "@" + b, a, "z9hG4bKre" + n,
                        "sip:" + caller + "@x", ftag, "sip:" + callee + "@x", ttag, callId, 2);
                String reinv = re.build();
                out.add(new Ev(t, a, b, reinv));
                out.add(new Ev(t + 20, b, a, resp(reinv, r.nextBoolean() ? 200 : 491, "X", null, b, ms, contactHost)));
            }
            if (r.nextInt(6) > 0) {
                t += gap(r);
                boolean callerEnds = r.nextBoolean();
                String bye = callerEnds
                        ? Harness.inDialog("BYE", "sip:" + callee + "@" + b, a, "z9hG4bKbye" + n, "sip:" + caller + "@x",
                                ftag, "sip:" + callee + "@x", ttag, callId, 3).build()
                        : Harness.inDialog("BYE", "sip:" + caller + "@" + a, b, "z9hG4bKbye" + n, "sip:" + callee + "@x",
                                ttag, "sip:" + caller + "@x", ftag, callId, 1).build();
                if (r.nextInt(3) == 0) {
                    bye = bye.replace("Content-Length", "Reason: " + REASONS[r.nextInt(REASONS.length)]
                            + "\r\nContent-Length");
                }
                out.add(new Ev(t, callerEnds ? a : b, callerEnds ? b : a, bye));
                out.add(new Ev(t + 30, callerEnds ? b : a, callerEnds ? a : b, resp(bye, 200, "OK", null, b, ms, contactHost)));
            }
        } else if (end < 7) {
            int code = FAILS[r.nextInt(FAILS.length)];
            String fail = resp(invite, code, "Failed", ttag, b, ms, contactHost);
            if (r.nextBoolean()) {
                fail = fail.replace("Content-Length", "Reason: " + REASONS[r.nextInt(REASONS.length)] + "\r\nContent-Length");
            }
            out.add(new Ev(t, b, a, fail));
            if (r.nextInt(5) == 0) {
                out.add(new Ev(t + 500, b, a, fail));
            }
            out.add(new Ev(t + 20, a, b, Harness.ackOf(invite, ttag).build()));
        } else if (end < 9) {
            String cancel = Harness.cancelOf(invite).build();
            if (r.nextBoolean()) {
                cancel = cancel.replace("Content-Length", "Reason: SIP;cause=200;text=\"Call completed elsewhere\"\r\nContent-Length");
            }
            out.add(new Ev(t, a, b, cancel));
            out.add(new Ev(t + 10, b, a, resp(cancel, 200, "OK", ttag, b, ms, contactHost)));
            out.add(new Ev(t + 20, b, a, resp(invite, 487, "Request Terminated", ttag, b, ms, contactHost)));
            out.add(new Ev(t + 30, a, b, Harness.ackOf(invite, ttag).build()));
        } else {
            String chall = resp(invite, r.nextBoolean() ? 401 : 407, "Unauthorized", ttag, b, ms, contactHost);
            out.add(new Ev(t, b, a, chall));
            out.add(new Ev(t + 10, a, b, Harness.ackOf(invite, ttag).build()));
            if (r.nextInt(3) > 0) {
                t += gap(r);
                String again = invite.replace("CSeq: 1 INVITE", "CSeq: 2 INVITE").replace(br == null ? "\u0000" : br, br + "a");
                out.add(new Ev(t, a, b, again));
                out.add(new Ev(t + 50, b, a, resp(again, r.nextBoolean() ? 200 : 486, "Y", ttag, b, ms, contactHost)));
            }
        }
    }

    private static String resp(String req, int code, String phrase, String toTag, String sender, String ms, String contactHost) {
        Msg m = Msg.response(req, code, phrase, toTag);
        if (code > 100 && code < 300) {
            m.contact("sip:x@" + (sender.equals(ms) ? "sip.pstnhub.microsoft.com" : contactHost) + ":5061");
        }
        if (sender.startsWith("52.") && code >= 200) {
            m.h("Server", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3");
        }
        return m.build();
    }

    private static SipPacket packet(long tNanos, String src, String dst, String text, long frame) {
        byte[] d = text.getBytes(StandardCharsets.ISO_8859_1);
        return new SipPacket(tNanos, src == null ? null : IpAddress.parse(src), 5061, dst == null ? null : IpAddress.parse(dst),
                5067, Transport.TLS, new Where("eq", frame), d, 0, d.length);
    }

    private static AnalyzerConfig config(Random r) {
        long s = AnalyzerConfig.SECOND;
        int caps = r.nextInt(3);
        int calls = caps == 0 ? 16 + r.nextInt(20) : caps == 1 ? 64 + r.nextInt(100) : 200_000;
        int txns = caps == 0 ? 16 + r.nextInt(40) : caps == 1 ? 100 + r.nextInt(200) : 400_000;
        List<AnalyzerConfig.SbcName> names = r.nextInt(4) == 0
                ? List.of(new AnalyzerConfig.SbcName("named-sbc", IpAddress.parse(SBC[r.nextInt(SBC.length)]))) : List.of();
        return new AnalyzerConfig(MicrosoftNetworks.defaults(), names, 10 * s, 32 * s,
                (60 + r.nextInt(300)) * s, (120 + r.nextInt(3600)) * s, (5 + r.nextInt(40)) * s, calls, txns);
    }

    private static void assertSame(TraceAnalysis mine, dev.drsip.analyzer.reference.TraceAnalysis ref, Tape a, Tape b,
                                   String label) {
        AnalysisResult ra = mine.finish();
        AnalysisResult rb = ref.finish();
        assertThat(a.events).as(label).isEqualTo(b.events);
        assertThat(a.calls).as(label).isEqualTo(b.calls);
        assertThat(ra).as(label).isEqualTo(rb);
        assertThat(a.result).as(label).isEqualTo(b.result);
    }

    @Test
    void callFlowsGiveTheReferenceResults() {
        long calls = 0;
        long retrans = 0;
        long evicted = 0;
        long timedOut = 0;
        for (int seed = 0; seed < 120; seed++) {
            Random r = new Random(seed);
            AnalyzerConfig cfg = config(r);
            Tape ta = new Tape();
            Tape tb = new Tape();
            TraceAnalysis mine = new TraceAnalysis(cfg, ta);
            dev.drsip.analyzer.reference.TraceAnalysis ref = new dev.drsip.analyzer.reference.TraceAnalysis(cfg, tb);
            List<Ev> evs = new ArrayList<>();
            long start = 0;
            int n = 300 + r.nextInt(500);
            for (int i = 0; i < n; i++) {
                start += r.nextInt(10) == 0 ? r.nextInt(60_000) : r.nextInt(1_500);
                call(r, i, start, evs);
            }
            evs.sort(Comparator.comparingLong(Ev::t));
            long frame = 0;
            for (Ev e : evs) {
                long t = (Harness.T0 + e.t()) * 1_000_000L;
                if (r.nextInt(200) == 0) {
                    t -= r.nextInt(3_000) * 1_000_000L; // slightly out of order
                }
                SipPacket p = packet(t, e.src(), e.dst(), e.text(), ++frame);
                mine.onSip(p);
                ref.onSip(p);
                if (frame % 7 == 0) {
                    mine.correlator().checkInvariants();
                }
                if (r.nextInt(300) == 0) {
                    long jump = t + r.nextInt(100) * AnalyzerConfig.SECOND;
                    mine.onTime(jump);
                    ref.onTime(jump);
                }
            }
            assertSame(mine, ref, ta, tb, "seed " + seed);
            calls += ta.result.calls();
            retrans += ta.result.retransmissions();
            evicted += ta.result.correlator().callsEvicted() + ta.result.correlator().transactionsEvicted();
            timedOut += ta.result.correlator().callsTimedOut();
        }
        System.out.printf("reference equivalence: %d calls, %d retransmissions, %d evictions, %d timeouts%n",
                calls, retrans, evicted, timedOut);
        assertThat(calls).isGreaterThan(20_000);
        assertThat(retrans).isGreaterThan(1_000);
        assertThat(evicted).isGreaterThan(1_000);
        assertThat(timedOut).isGreaterThan(100);
    }

    @Test
    void brokenRandomMessagesGiveTheReferenceResults() {
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(1000 + seed);
            AnalyzerConfig cfg = AnalyzerConfig.defaults().withCaps(16 + r.nextInt(30), 16 + r.nextInt(60));
            Tape ta = new Tape();
            Tape tb = new Tape();
            TraceAnalysis mine = new TraceAnalysis(cfg, ta);
            dev.drsip.analyzer.reference.TraceAnalysis ref = new dev.drsip.analyzer.reference.TraceAnalysis(cfg, tb);
            long t = 1_700_000_000_000_000_000L;
            for (int i = 0; i < 2_000; i++) {
                t += (long) (r.nextInt(20_000) - 2_000) * 1_000_000L;
                String[] addrs = RandomTrafficPropertyTest.ADDRS;
                String src = r.nextInt(50) == 0 ? null : addrs[r.nextInt(addrs.length)];
                String dst = r.nextInt(50) == 0 ? null : addrs[r.nextInt(addrs.length)];
                String text = RandomTrafficPropertyTest.message(r, src != null && src.startsWith("52."),
                        dst != null && dst.startsWith("52."));
                SipPacket p = packet(t, src, dst, text, i + 1);
                mine.onSip(p);
                ref.onSip(p);
                mine.correlator().checkInvariants();
            }
            assertSame(mine, ref, ta, tb, "seed " + seed);
        }
    }
}
