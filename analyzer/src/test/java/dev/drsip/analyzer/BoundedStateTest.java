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
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** However long the trace, the correlator's state stays under its caps. */
class BoundedStateTest {
    static final IpAddress MS = IpAddress.parse("52.114.16.10");
    static final IpAddress SBC = IpAddress.parse("203.0.113.10");

    static byte[] invite(long n) {
        String id = "bulk-" + n;
        return ("INVITE sip:+1555" + n + "@sbc1.contoso.com:5067;transport=tls SIP/2.0\r\n"
                + "VIA: SIP/2.0/TLS sip.pstnhub.microsoft.com:5061;branch=z9hG4bK" + n + "\r\n"
                + "FROM: <sip:+4930123@sip.pstnhub.microsoft.com>;tag=f" + n + "\r\n"
                + "TO: <sip:+1555" + n + "@sbc1.contoso.com>\r\n"
                + "CALL-ID: " + id + "\r\n"
                + "CSEQ: 1 INVITE\r\n"
                + "CONTENT-LENGTH: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] busy(long n) {
        return ("SIP/2.0 486 Busy Here\r\n"
                + "Via: SIP/2.0/TLS sip.pstnhub.microsoft.com:5061;branch=z9hG4bK" + n + "\r\n"
                + "From: <sip:+4930123@sip.pstnhub.microsoft.com>;tag=f" + n + "\r\n"
                + "To: <sip:+1555" + n + "@sbc1.contoso.com>;tag=t" + n + "\r\n"
                + "Call-ID: bulk-" + n + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void millionCallsWithSmallCapsKeepStateBounded() {
        int calls = 1_000_000;
        AnalyzerConfig cfg = AnalyzerConfig.defaults().withCaps(1_000, 2_000);
        long[] records = new long[1];
        long[] answeredBusy = new long[1];
        AnalysisListener counter = new AnalysisListener() {
            @Override
            public void onMessage(ClassifiedMessage m) {
            }

            @Override
            public void onCall(CallRecord c) {
                records[0]++;
                if (c.finalSipCode() == 486) {
                    answeredBusy[0]++;
                }
            }
        };
        TraceAnalysis a = new TraceAnalysis(cfg, counter);
        Random rnd = new Random(42);
        long t0 = 1_700_000_000_000_000_000L;
        long maxLive = 0;
        long maxTx = 0;
        long maxTimers = 0;
        long busy = 0;
        long msgs = 0;
        long start = System.nanoTime();
        for (long n = 0; n < calls; n++) {
            long t = t0 + n * 1_000_000L; // one call per ms of event time
            byte[] inv = invite(n);
            a.onSip(new SipPacket(t, MS, 5061, SBC, 5067, Transport.TLS, new Where("bulk", ++msgs), inv, 0, inv.length));
            if (rnd.nextInt(2) == 0) { // half get a final answer, half stay silent (evicted or timed out)
                byte[] b = busy(n);
                a.onSip(new SipPacket(t + 200_000L, SBC, 5067, MS, 5061, Transport.TLS, new Where("bulk", ++msgs), b, 0,
                        b.length));
                busy++;
            }
            if ((n & 1023) == 0) {
                maxLive = Math.max(maxLive, a.correlator().liveCalls());
                maxTx = Math.max(maxTx, a.correlator().liveTransactions());
                maxTimers = Math.max(maxTimers, a.correlator().pendingTimers());
                assertThat(a.correlator().recentFailureEntries()).isLessThanOrEqualTo(10_000);
            }
        }
        long elapsed = System.nanoTime() - start;
        AnalysisResult r = a.finish();
        System.out.printf("bounded-state: %d messages in %.2f s = %.0f msg/s; peak calls %d, peak txns %d, peak timers %d%n",
                msgs, elapsed / 1e9, msgs / (elapsed / 1e9), maxLive, maxTx, maxTimers);
        assertThat(maxLive).isLessThanOrEqualTo(1_000);
        assertThat(maxTx).isLessThanOrEqualTo(2_000);
        assertThat(maxTimers).isLessThanOrEqualTo(2L * 1_000 + 64 + 1);
        assertThat(r.correlator().peakLiveCalls()).isLessThanOrEqualTo(1_001);
        assertThat(r.correlator().callsEvicted()).isPositive();
        assertThat(r.correlator().transactionsEvicted()).isPositive();
        // Every INVITE still gives exactly one record, and every busy answer is attributed.
        assertThat(records[0]).isEqualTo(calls);
        assertThat(r.calls()).isEqualTo(calls);
        assertThat(r.sipMessages()).isEqualTo(msgs);
        var out = r.sbcs().get(0).outbound();
        assertThat(out.attempts() + out.unfinished()).isEqualTo(calls);
        // Unfinished = silent calls evicted by the cap + those still open at the end (at most the cap).
        assertThat(out.unfinished()).isBetween(r.correlator().callsEvicted(), r.correlator().callsEvicted() + 1_000);
        assertThat(r.sbcs().get(0).outbound().userOutcomes().get("busy")).isEqualTo(answeredBusy[0]);
        assertThat(answeredBusy[0]).isLessThanOrEqualTo(busy).isGreaterThan(busy * 9 / 10);
    }
}
