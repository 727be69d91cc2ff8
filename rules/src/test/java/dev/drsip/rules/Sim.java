package dev.drsip.rules;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.TraceAnalysis;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.capture.TraceFileSource;
import dev.drsip.traces.Endpoint;
import dev.drsip.traces.Link;
import dev.drsip.traces.LinkType;
import dev.drsip.traces.PcapWriter;
import dev.drsip.traces.SipWire;
import dev.drsip.traces.TraceAssembler;
import dev.drsip.traces.WireTransport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the real analyzer ({@link TraceAnalysis}) with SIP text at event times and runs a
 * {@link RuleEngine} on what it tells, as the CLI will: the rules see real ClassifiedMessages and
 * CallRecords (with the analyzer's 500001 / 1106 reconstruction).
 */
public final class Sim {
    public static final long T0_MS = 1_700_000_000_000L;
    public static final String MS = "52.114.16.10:5061";
    public static final String SBC = "203.0.113.10:5067";
    public static final String SBC_FQDN = "sbc1.contoso.com";
    public static final String SBC_CONTACT = "sip:sbc1.contoso.com:5067;transport=tls";
    public static final String MS_FQDN = "sip.pstnhub.microsoft.com";

    public final RuleEngine engine;
    public final TraceAnalysis analysis;
    private long frame;
    private int seq;
    /** Everything sent, to write the same traffic as a pcap ({@link #writePcap}). */
    private final List<SipWire> wire = new ArrayList<>();

    public Sim() {
        this(RulesConfig.defaults());
    }

    public Sim(RulesConfig config) {
        this(config, RuleEngine.defaultRules(config));
    }

    public Sim(RulesConfig config, List<Rule> rules) {
        engine = new RuleEngine(config, rules);
        analysis = new TraceAnalysis(AnalyzerConfig.defaults(), engine);
    }

    public static long nanos(double sec) {
        return (T0_MS + Math.round(sec * 1000)) * 1_000_000L;
    }

    public String send(double sec, String src, String dst, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        wire.add(new SipWire(nanos(sec), endpoint(src), endpoint(dst), WireTransport.TCP, b, false));
        int sc = src.lastIndexOf(':');
        int dc = dst.lastIndexOf(':');
        analysis.onSip(new SipPacket(nanos(sec), IpAddress.parse(src.substring(0, sc)),
                Integer.parseInt(src.substring(sc + 1)), IpAddress.parse(dst.substring(0, dc)),
                Integer.parseInt(dst.substring(dc + 1)), Transport.TLS, new Where("test.pcap", ++frame), b, 0, b.length));
        return text;
    }

    public String send(double sec, String src, String dst, SipText m) {
        return send(sec, src, dst, m.build());
    }

    private static Endpoint endpoint(String hostPort) {
        int c = hostPort.lastIndexOf(':');
        return Endpoint.of(hostPort.substring(0, c), Integer.parseInt(hostPort.substring(c + 1)));
    }

    /**
     * Writes everything sent so far as a pcap (Ethernet/IPv4/TCP, segmented as the project's
     * generator does), so the same traffic can be read back by capture like a user's trace.
     */
    public Path writePcap(Path file) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file));
                PcapWriter w = new PcapWriter(os, LinkType.ETHERNET, true)) {
            TraceAssembler as = new TraceAssembler(fr -> {
                try {
                    w.write(fr);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Link.ethernet());
            for (SipWire x : wire) {
                as.add(x);
            }
        }
        return file;
    }

    /** Reads a pcap with capture, analyses it and runs every rule, as {@code drsip analyze} does. */
    public static RuleEngine analysePcap(Path pcap, RulesConfig config) throws IOException {
        RuleEngine engine = new RuleEngine(config);
        TraceAnalysis a = new TraceAnalysis(AnalyzerConfig.defaults(), engine);
        new TraceFileSource(List.of(pcap)).run(a);
        a.finish();
        return engine;
    }

    public void time(double sec) {
        analysis.onTime(nanos(sec));
    }

    public List<Finding> finish() {
        analysis.finish();
        return engine.findings();
    }

    public List<Finding> findings(String ruleId) {
        return engine.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    public String nextId() {
        return "c" + (++seq) + "@test";
    }

    // --- common exchanges -------------------------------------------------------------------

    /** The SBC's OPTIONS to Microsoft with a proper Contact; returns its text. */
    public String sbcOptions(double sec) {
        String id = nextId();
        return send(sec, SBC, MS, SipText.request("OPTIONS", "sip:" + MS_FQDN + ":5061;transport=tls")
                .dialog(SBC_FQDN + ":5067", id, "sip:" + SBC_FQDN, "sip:" + MS_FQDN, null, id, 1, "OPTIONS")
                .contact("sip:" + SBC_FQDN + ":5067;transport=tls"));
    }

    /** The SBC's OPTIONS answered by Microsoft with {@code code} after {@code delay} s. */
    public void sbcOptionsAnswered(double sec, int code) {
        String req = sbcOptions(sec);
        send(sec + 0.05, MS, SBC, SipText.response(req, code, code == 200 ? "OK" : "Forbidden", "ms" + sec)
                .h("Server", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3"));
    }

    /** Microsoft's OPTIONS to the SBC's Contact FQDN; returns its text. */
    public String microsoftOptions(double sec) {
        String id = nextId();
        return send(sec, "52.114.16.10:43210", SBC, SipText.request("OPTIONS", "sip:" + SBC_FQDN + ":5067;transport=tls")
                .dialog("52.114.16.10:43210", id, "sip:" + MS_FQDN, "sip:" + SBC_FQDN, null, id, 1, "OPTIONS")
                .h("User-Agent", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3"));
    }

    /** Microsoft's OPTIONS answered by the SBC with {@code code}. */
    public void microsoftOptionsAnswered(double sec, int code) {
        String req = microsoftOptions(sec);
        send(sec + 0.02, SBC, "52.114.16.10:43210", SipText.response(req, code, code == 200 ? "OK" : "Error", "sbc" + sec)
                .contact(SBC_CONTACT));
    }

    /** An inbound initial INVITE (SBC -> Microsoft) with the given Contact, Request-URI and body choice. */
    public SipText sbcInvite(String callId, String ruri, String fromUri, String contact) {
        return SipText.request("INVITE", ruri)
                .dialog(SBC_FQDN + ":5067", callId.replace('@', '-'), fromUri, ruri, null, callId, 1, "INVITE")
                .contact(contact);
    }

    /** A well-formed inbound INVITE with SDP; returns the text sent. */
    public String goodSbcInvite(double sec, String callId) {
        return send(sec, SBC, MS, sbcInvite(callId, "sip:+14255550100@" + MS_FQDN + ":5061;transport=tls",
                "sip:+12065550111@" + SBC_FQDN, "sip:+12065550111@" + SBC_FQDN + ":5067;transport=tls").sdp());
    }

    /** An outbound INVITE Microsoft -> SBC; returns its text. */
    public String microsoftInvite(double sec, String callId) {
        return send(sec, MS, SBC, SipText.request("INVITE", "sip:+12065550111@" + SBC_FQDN + ":5067;transport=tls")
                .dialog(MS_FQDN + ":5061", callId.replace('@', '-'), "sip:+14255550100@" + MS_FQDN,
                        "sip:+12065550111@" + SBC_FQDN, null, callId, 1, "INVITE")
                .contact("sip:api-du-b-uswe2.pstnhub.microsoft.com:443;x-i=abc")
                .h("User-Agent", "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3").sdp());
    }

    /** An outbound call Microsoft -> SBC answered by the SBC with {@code code} (final) after 1 s. */
    public void outboundCall(double sec, String callId, int code) {
        String inv = microsoftInvite(sec, callId);
        send(sec + 0.1, SBC, MS, SipText.response(inv, 100, "Trying", null));
        if (code == 200) {
            send(sec + 1, SBC, MS, SipText.response(inv, 200, "OK", "sbc" + callId.hashCode())
                    .contact(SBC_CONTACT).sdp());
            send(sec + 1.1, MS, SBC, SipText.request("ACK", "sip:" + SBC_FQDN + ":5067;transport=tls")
                    .dialog(MS_FQDN + ":5061", "ack" + callId.hashCode(), "sip:+14255550100@" + MS_FQDN,
                            "sip:+12065550111@" + SBC_FQDN, "sbc" + callId.hashCode(), callId, 1, "ACK"));
            send(sec + 5, MS, SBC, SipText.request("BYE", "sip:" + SBC_FQDN + ":5067;transport=tls")
                    .dialog(MS_FQDN + ":5061", "bye" + callId.hashCode(), "sip:+14255550100@" + MS_FQDN,
                            "sip:+12065550111@" + SBC_FQDN, "sbc" + callId.hashCode(), callId, 2, "BYE"));
        } else {
            String resp = send(sec + 1, SBC, MS, SipText.response(inv, code, "Failure", "sbc" + callId.hashCode()));
            send(sec + 1.05, MS, SBC, SipText.request("ACK", "sip:+12065550111@" + SBC_FQDN + ":5067;transport=tls")
                    .dialog(MS_FQDN + ":5061", callId.replace('@', '-'), "sip:+14255550100@" + MS_FQDN,
                            "sip:+12065550111@" + SBC_FQDN, "sbc" + callId.hashCode(), callId, 1, "ACK"));
            assert resp != null;
        }
    }
}
