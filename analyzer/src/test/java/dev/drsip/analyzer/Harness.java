package dev.drsip.analyzer;

import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.TlsHandshake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link TraceAnalysis} with text messages at millisecond event times and records what it tells. */
final class Harness implements AnalysisListener {
    static final long T0 = 1_700_000_000_000L; // ms since epoch
    static final String MS = "52.114.16.10:5061";
    static final String MS2 = "52.114.32.20:5061";
    static final String SBC = "203.0.113.10:5067";
    static final String SBC_FQDN = "sbc1.contoso.com";

    final TraceAnalysis analysis;
    final List<ClassifiedMessage> messages = new ArrayList<>();
    final List<CallRecord> calls = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final List<Long> times = new ArrayList<>();
    final List<TlsHandshake> tls = new ArrayList<>();
    AnalysisResult finished;
    private long frame;

    Harness() {
        this(AnalyzerConfig.defaults());
    }

    Harness(AnalyzerConfig config) {
        analysis = new TraceAnalysis(config, this);
    }

    static long nanos(long ms) {
        return (T0 + ms) * 1_000_000L;
    }

    static SipPacket packet(long ms, String src, String dst, String text, long frame) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        int sc = src.lastIndexOf(':');
        int dc = dst.lastIndexOf(':');
        return new SipPacket(nanos(ms), IpAddress.parse(src.substring(0, sc)), Integer.parseInt(src.substring(sc + 1)),
                IpAddress.parse(dst.substring(0, dc)), Integer.parseInt(dst.substring(dc + 1)), Transport.TLS,
                new Where("test.pcap", frame), b, 0, b.length);
    }

    /** Sends a message at {@code ms} and returns its text (to build responses from). */
    String send(long ms, String src, String dst, String text) {
        analysis.onSip(packet(ms, src, dst, text, ++frame));
        return text;
    }

    String send(long ms, String src, String dst, Msg m) {
        return send(ms, src, dst, m.build());
    }

    void time(long ms) {
        analysis.onTime(nanos(ms));
    }

    AnalysisResult finish() {
        return analysis.finish();
    }

    CallRecord onlyCall() {
        finish();
        if (calls.size() != 1) {
            throw new AssertionError("expected one call, got " + calls);
        }
        return calls.get(0);
    }

    CallRecord call(String callId) {
        for (CallRecord c : calls) {
            if (c.callId().equals(callId)) {
                return c;
            }
        }
        throw new AssertionError("no call " + callId + " in " + calls);
    }

    // --- Direct Routing building blocks ---

    /** Outbound: Microsoft -> SBC INVITE. */
    static Msg msInvite(String callId, String branch) {
        return Msg.request("INVITE", "sip:+15551234567@" + SBC_FQDN + ":5067;user=phone;transport=tls")
                .via("sip.pstnhub.microsoft.com:5061", branch)
                .h("Max-Forwards", "70")
                .from("sip:+4930123456@sip.pstnhub.microsoft.com:5061;user=phone", "msft" + callId)
                .to("sip:+15551234567@" + SBC_FQDN + ";user=phone", null)
                .callId(callId).cseq(1, "INVITE")
                .contact("sip:api-du-b.pstnhub.microsoft.com:443;x-i=abc")
                .h("User-Agent", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3").sdp();
    }

    /** Inbound: SBC -> Microsoft INVITE. */
    static Msg sbcInvite(String callId, String branch, String caller, String callee) {
        return Msg.request("INVITE", "sip:" + callee + "@sip.pstnhub.microsoft.com:5061;user=phone;transport=tls")
                .via(SBC_FQDN + ":5067", branch)
                .h("Max-Forwards", "70")
                .from("sip:" + caller + "@" + SBC_FQDN + ";user=phone", "sbc" + callId)
                .to("sip:" + callee + "@sip.pstnhub.microsoft.com;user=phone", null)
                .callId(callId).cseq(1, "INVITE")
                .contact("sip:" + caller + "@" + SBC_FQDN + ":5067;transport=tls")
                .h("User-Agent", "Contoso SBC 1.0").sdp();
    }

    static Msg inDialog(String method, String ruri, String viaHost, String branch, String fromUri, String fromTag,
                        String toUri, String toTag, String callId, long cseq) {
        return Msg.request(method, ruri).via(viaHost, branch).from(fromUri, fromTag).to(toUri, toTag).callId(callId)
                .cseq(cseq, method);
    }

    /** CANCEL for an INVITE text: same branch, Request-URI, From, To, Call-ID, CSeq number. */
    static Msg cancelOf(String invite) {
        String ruri = invite.substring(invite.indexOf(' ') + 1, invite.indexOf(" SIP/2.0"));
        Msg m = Msg.request("CANCEL", ruri);
        for (String line : invite.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            String l = line.toLowerCase(java.util.Locale.ROOT);
            if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("to:") || l.startsWith("call-id:")) {
                m.h(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
            } else if (l.startsWith("cseq:")) {
                String n = line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0];
                m.h("CSeq", n + " CANCEL");
            }
        }
        return m;
    }

    /** ACK for a non-2xx final (same branch as the INVITE). */
    static Msg ackOf(String invite, String toTag) {
        Msg m = cancelOf(invite);
        String s = m.build().replace("CANCEL", "ACK");
        Msg a = Msg.request("ACK", s.substring(4, s.indexOf(" SIP/2.0")));
        for (String line : s.split("\r\n")) {
            if (line.isEmpty() || line.startsWith("ACK ") || line.startsWith("Content-Length")) {
                continue;
            }
            int c = line.indexOf(':');
            String v = line.substring(c + 1).trim();
            if (line.startsWith("To") && toTag != null) {
                v = v + ";tag=" + toTag;
            }
            a.h(line.substring(0, c), v);
        }
        return a;
    }

    @Override
    public void onMessage(ClassifiedMessage m) {
        messages.add(m);
        events.add("msg " + (m.message().isRequest() ? m.message().method() : Integer.toString(m.message().statusCode())));
    }

    @Override
    public void onCall(CallRecord c) {
        calls.add(c);
        events.add("call " + c.callId());
    }

    @Override
    public void onTls(TlsHandshake h) {
        tls.add(h);
    }

    @Override
    public void onTime(long t) {
        times.add(t);
    }

    @Override
    public void onFinish(AnalysisResult r) {
        finished = r;
    }
}
