package dev.drsip.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.analyzer.model.DirectionStats;
import dev.drsip.analyzer.model.SbcStats;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random traffic (plausible and broken messages, any order, time going back and forth, null
 * addresses) never makes the analysis throw, and its books always balance.
 */
class RandomTrafficPropertyTest {
    static final String[] METHODS = {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "PRACK", "UPDATE", "INFO", "REFER"};
    static final int[] CODES = {100, 180, 183, 200, 401, 403, 404, 407, 408, 480, 486, 487, 488, 500, 503, 504, 603};
    static final String[] ADDRS = {"52.114.16.10", "52.120.1.1", "203.0.113.10", "198.51.100.7", "10.0.0.1", "2001:db8::5"};
    static final String[] REASONS = {
        "Q.850;cause=63;text=\"9810e5a9-1c2d;Current call site state prevents fork to this entity.\"",
        "SIP;cause=200;text=\"Call completed elsewhere\"", "Q.850 ;cause=16", "garbage;;;=\"", "Q.850;cause=102;text=\"x;Unable to deliver INVITE: boom\""};

    static String message(Random r, boolean fromMicrosoft, boolean toMicrosoft) {
        StringBuilder b = new StringBuilder();
        boolean request = r.nextInt(3) > 0;
        String method = METHODS[r.nextInt(METHODS.length)];
        int id = r.nextInt(40);
        if (request) {
            b.append(method).append(" sip:+1555").append(id).append(toMicrosoft && r.nextBoolean() ? "@sip.pstnhub.microsoft.com" : "@sbc1.contoso.com:5067")
                    .append(" SIP/2.0\r\n");
        } else {
            int code = CODES[r.nextInt(CODES.length)];
            b.append("SIP/2.0 ").append(code).append(r.nextInt(10) == 0 ? "" : " Some Phrase").append("\r\n");
        }
        if (r.nextInt(10) > 0) {
            b.append("Via: SIP/2.0/TLS host").append(r.nextInt(3)).append(":5061")
                    .append(r.nextInt(5) == 0 ? "" : ";branch=z9hG4bK" + r.nextInt(60)).append("\r\n");
        }
        if (r.nextInt(10) > 0) {
            b.append("From: <sip:+49").append(r.nextInt(5)).append("@a.example>").append(r.nextBoolean() ? ";tag=f" + id : "")
                    .append("\r\n");
        }
        if (r.nextInt(10) > 0) {
            b.append("To: <sip:+1555").append(id).append("@b.example>").append(r.nextBoolean() ? ";tag=t" + r.nextInt(3) : "")
                    .append("\r\n");
        }
        if (r.nextInt(12) > 0) {
            b.append("Call-ID: call-").append(id).append("\r\n");
        }
        if (r.nextInt(12) > 0) {
            b.append("CSeq: ").append(r.nextInt(4)).append(' ').append(r.nextInt(6) == 0 ? "BOGUS" : method).append("\r\n");
        }
        if (r.nextInt(4) == 0) {
            b.append("Contact: <sip:x@").append(r.nextBoolean() ? "sbc1.contoso.com" : "203.0.113.10").append(">\r\n");
        }
        if (r.nextInt(5) == 0) {
            b.append("Reason: ").append(REASONS[r.nextInt(REASONS.length)]).append("\r\n");
        }
        if (fromMicrosoft && r.nextInt(8) == 0) {
            b.append("Server: Microsoft.PSTNHub.SIPProxy v.1 i.X.1\r\n");
        }
        if (r.nextInt(15) == 0) {
            b.append("this line has no colon\r\n");
        }
        b.append("Content-Length: ").append(r.nextInt(20) == 0 ? "abc" : "0").append("\r\n\r\n");
        String s = b.toString();
        if (r.nextInt(20) == 0) {
            s = s.substring(0, r.nextInt(s.length()));
        }
        return s;
    }

    @Test
    void randomTrafficNeverThrowsAndTheBooksBalance() {
        long totalCalls = 0;
        long totalDr = 0;
        long totalRetrans = 0;
        long totalProblems = 0;
        for (int seed = 0; seed < 60; seed++) {
            Random r = new Random(seed);
            List<CallRecord> calls = new ArrayList<>();
            long[] messages = new long[1];
            AnalyzerConfig cfg = AnalyzerConfig.defaults().withCaps(16 + r.nextInt(30), 16 + r.nextInt(60));
            TraceAnalysis a = new TraceAnalysis(cfg, new AnalysisListener() {
                @Override
                public void onMessage(ClassifiedMessage m) {
                    messages[0]++;
                    assertThat(m.from()).isNotNull();
                    assertThat(m.direction()).isNotNull();
                }

                @Override
                public void onCall(CallRecord c) {
                    calls.add(c);
                }
            });
            long t = 1_700_000_000_000_000_000L;
            for (int i = 0; i < 3_000; i++) {
                t += (long) (r.nextInt(20_000) - 2_000) * 1_000_000L; // mostly forward, sometimes back
                IpAddress src = r.nextInt(50) == 0 ? null : IpAddress.parse(ADDRS[r.nextInt(ADDRS.length)]);
                IpAddress dst = r.nextInt(50) == 0 ? null : IpAddress.parse(ADDRS[r.nextInt(ADDRS.length)]);
                byte[] d = message(r, src != null && src.byteAt(0) == 52, dst != null && dst.byteAt(0) == 52)
                        .getBytes(StandardCharsets.ISO_8859_1);
                a.onSip(new SipPacket(t, src, 5061, dst, 5067, Transport.TLS, new Where("random", i + 1), d, 0, d.length));
                if (r.nextInt(100) == 0) {
                    a.onTime(t + r.nextInt(400) * 1_000_000_000L);
                }
                assertThat(a.correlator().liveCalls()).isLessThanOrEqualTo(cfg.maxCalls());
                assertThat(a.correlator().liveTransactions()).isLessThanOrEqualTo(cfg.maxTransactions());
            }
            AnalysisResult res = a.finish();
            assertThat(res.sipMessages()).isEqualTo(messages[0]);
            assertThat(res.calls()).isEqualTo(calls.size());
            long req = res.requests().values().stream().mapToLong(Long::longValue).sum();
            long resp = res.responses().values().stream().mapToLong(Long::longValue).sum();
            assertThat(req + resp).isEqualTo(res.sipMessages());
            long attemptsAndUnfinished = 0;
            for (SbcStats s : res.sbcs()) {
                attemptsAndUnfinished += balanced(s.inbound()) + balanced(s.outbound());
            }
            attemptsAndUnfinished += balanced(res.nonDirectRouting());
            assertThat(attemptsAndUnfinished).isEqualTo(res.calls());
            for (CallRecord c : calls) {
                assertThat(c.outcome()).isNotNull();
                assertThat(c.microsoftCode()).isNotNull();
                assertThat(c.endTime()).isGreaterThanOrEqualTo(c.inviteTime());
            }
            assertThat(a.correlator().liveCalls()).isZero();
            totalCalls += res.calls();
            totalDr += res.directRoutingCalls();
            totalRetrans += res.retransmissions();
            totalProblems += res.problemCount();
        }
        System.out.printf("random traffic: %d calls, %d Direct Routing, %d retransmissions, %d problems%n", totalCalls, totalDr, totalRetrans, totalProblems);
        // The generator really exercises calls, Direct Routing, retransmissions and bad input.
        assertThat(totalCalls).isGreaterThan(1_000);
        assertThat(totalDr).isGreaterThan(100);
        assertThat(totalRetrans).isGreaterThan(20);
        assertThat(totalProblems).isGreaterThan(100);
    }

    /** Checks a direction's internal sums and returns attempts + unfinished. */
    private static long balanced(DirectionStats d) {
        long users = d.userOutcomes().values().stream().mapToLong(Long::longValue).sum();
        assertThat(d.answered() + d.failed() + users).isEqualTo(d.attempts());
        assertThat(d.failures().stream().mapToLong(g -> g.count()).sum()).isEqualTo(d.attempts() - d.answered());
        if (d.ner() != null) {
            assertThat(d.ner()).isBetween(0.0, 100.0);
        }
        return d.attempts() + d.unfinished();
    }
}
