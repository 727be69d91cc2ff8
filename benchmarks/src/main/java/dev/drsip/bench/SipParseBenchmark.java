package dev.drsip.bench;

import dev.drsip.sip.IpAddress;
import dev.drsip.sip.ParseResult;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipMessageParser;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Via;
import dev.drsip.sip.strict.JainSipStrictParser;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SIP message parsing, one message per operation (so ops/s = messages/s on one thread):
 * {@code ours} = fast scanner plus the accessors the analyzer reads on every message (Call-ID,
 * CSeq, top Via branch, From/To tags, Contact, Reason); {@code oursScanOnly} = the scanner alone;
 * {@code jainSip} = JAIN-SIP's full parse of the same bytes plus the same fields.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SipParseBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SipParseBenchmark {

    /** Which representative message: a ~900-byte INVITE with SDP, a 200 OK, an OPTIONS. */
    @Param({"invite", "ok200", "options"})
    public String message;

    private SipPacket packet;
    private byte[] bytes;
    private final SipMessageParser parser = new SipMessageParser();

    static final String SDP = """
            v=0
            o=- 1700000000 1 IN IP4 52.114.148.0
            s=-
            c=IN IP4 52.114.148.0
            t=0 0
            m=audio 49152 RTP/SAVP 0 8 101
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=sendrecv
            """;

    static final String INVITE = """
            INVITE sip:+15551230001@sbc1.contoso.com:5067;user=phone;transport=tls SIP/2.0
            FROM: "Alice Example" <sip:+15559870002@sip.pstnhub.microsoft.com:5061;user=phone>;tag=6b1a0f4c3e2d4e1b
            TO: <sip:+15551230001@sbc1.contoso.com:5067;user=phone>
            CSEQ: 1 INVITE
            CALL-ID: 8f2c7f1a0b9e4d6c9a3b2c1d0e9f8a7b
            MAX-FORWARDS: 70
            VIA: SIP/2.0/TLS 52.114.148.0:5061;branch=z9hG4bKac1a2b3c4d;rport
            RECORD-ROUTE: <sip:sip-du-a-us.pstnhub.microsoft.com:5061;transport=tls;lr>
            CONTACT: <sip:api-du-a-usea.pstnhub.microsoft.com:443;x-i=6a0e2c3b-1234-4f6e-9a8b-2c3d4e5f6a7b;x-c=8f2c7f1a/d/8/abc>
            CONTENT-LENGTH: %d
            MIN-SE: 90
            SESSION-EXPIRES: 1800
            SUPPORTED: timer
            ALLOW: INVITE, ACK, OPTIONS, CANCEL, BYE, NOTIFY
            USER-AGENT: Microsoft.PSTNHub.SIPProxy v.2024.11.4.1 i.USEA.5
            CONTENT-TYPE: application/sdp

            """;

    static final String OK200 = """
            SIP/2.0 200 OK
            Via: SIP/2.0/TLS 52.114.148.0:5061;branch=z9hG4bKac1a2b3c4d;rport=5061;received=52.114.148.0
            Record-Route: <sip:sip-du-a-us.pstnhub.microsoft.com:5061;transport=tls;lr>
            From: "Alice Example" <sip:+15559870002@sip.pstnhub.microsoft.com:5061;user=phone>;tag=6b1a0f4c3e2d4e1b
            To: <sip:+15551230001@sbc1.contoso.com:5067;user=phone>;tag=sbc-99a8
            Call-ID: 8f2c7f1a0b9e4d6c9a3b2c1d0e9f8a7b
            CSeq: 1 INVITE
            Contact: <sip:+15551230001@sbc1.contoso.com:5067;transport=tls>
            Server: Ribbon SBC 1000/12.0
            Reason: Q.850;cause=16;text="Normal call clearing"
            Content-Length: 0

            """;

    static final String OPTIONS = """
            OPTIONS sip:sip.pstnhub.microsoft.com:5061;transport=tls SIP/2.0
            Via: SIP/2.0/TLS 203.0.113.10:5067;branch=z9hG4bK-opt-1;rport
            Max-Forwards: 70
            From: <sip:sbc1.contoso.com:5067>;tag=opt-a
            To: <sip:sip.pstnhub.microsoft.com>
            Call-ID: opt-1@203.0.113.10
            CSeq: 42 OPTIONS
            Contact: <sip:sbc1.contoso.com:5067;transport=tls>
            User-Agent: Ribbon SBC 1000/12.0
            Content-Length: 0

            """;

    static byte[] crlf(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] messageBytes(String which) {
        switch (which) {
            case "invite": {
                byte[] sdp = crlf(SDP);
                byte[] head = crlf(INVITE.formatted(sdp.length));
                byte[] all = new byte[head.length + sdp.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(sdp, 0, all, head.length, sdp.length);
                return all;
            }
            case "ok200":
                return crlf(OK200);
            case "options":
                return crlf(OPTIONS);
            default:
                throw new IllegalArgumentException(which);
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        bytes = messageBytes(message);
        packet = new SipPacket(1_700_000_000_000_000_000L, IpAddress.parse("52.114.148.0"), 5061,
                IpAddress.parse("203.0.113.10"), 5067, Transport.TLS, new Where("bench", 1), bytes, 0, bytes.length);
        // Installs JAIN-SIP's quiet logger and checks both parsers read the message.
        if (!JainSipStrictParser.violations(bytes, 0, bytes.length).isEmpty()
                || !(parser.parse(packet) instanceof SipMessage m) || !m.defects().isEmpty()) {
            throw new IllegalStateException("benchmark message does not parse cleanly: " + message);
        }
    }

    /** Our scanner plus the analyzer's per-message accessors. */
    @Benchmark
    public void ours(Blackhole bh) {
        ParseResult r = parser.parse(packet);
        SipMessage m = (SipMessage) r;
        bh.consume(m.callId());
        bh.consume(m.cseq());
        Via v = m.topVia();
        bh.consume(v.branch());
        bh.consume(m.from().tag());
        bh.consume(m.to().tag());
        NameAddr c = m.contact();
        bh.consume(c == null ? null : c.uri().host());
        bh.consume(m.reasons());
    }

    /**
     * Our scanner plus every accessor the analyzer's correlator, SBC directory and rules read per
     * message (the realistic per-message cost), including the address Strings; tags and branch
     * through {@code topViaBranch()}, {@code fromTag()}, {@code toTag()} as the correlator reads them.
     */
    @Benchmark
    public void oursCorrelator(Blackhole bh) {
        SipMessage m = (SipMessage) parser.parse(packet);
        bh.consume(m.callId());
        bh.consume(m.cseq());
        bh.consume(m.topViaBranch());
        bh.consume(m.fromTag());
        bh.consume(m.toTag());
        if (m.isRequest()) {
            bh.consume(m.contact());
            bh.consume(m.requestUriParsed());
            bh.consume(m.requestUriParsed());
            bh.consume(m.userAgent());
        } else {
            bh.consume(m.server());
            bh.consume(m.recordRoute());
        }
        bh.consume(m.reasons());
        bh.consume(m.sdp());
        bh.consume(m.src().toString());
        bh.consume(m.dst().toString());
    }

    /** Our scanner alone (start line, header offsets, CSeq, Content-Length, defects). */
    @Benchmark
    public ParseResult oursScanOnly() {
        return parser.parse(packet);
    }

    /** JAIN-SIP's full parse of the same bytes, plus the same fields. */
    @Benchmark
    public void jainSip(Blackhole bh) throws Exception {
        SIPMessage m = new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        bh.consume(m.getCallId().getCallId());
        bh.consume(m.getCSeq().getSeqNumber());
        bh.consume(m.getTopmostVia().getBranch());
        bh.consume(m.getFromTag());
        bh.consume(m.getToTag());
        bh.consume(m.getContactHeader());
        bh.consume(m.getHeaders("Reason"));
    }
}
