package dev.drsip.traces;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Deterministic (seeded) generator of Microsoft Teams Direct Routing SIP traffic between
 * Microsoft's SIP proxies and one or more SBCs: OPTIONS keep-alives both ways, outbound and inbound
 * calls with every outcome the analyzer must attribute, UDP retransmissions, over UDP or TCP.
 *
 * <p>Messages come out in time order through a callback (constant memory for benchmark files), and
 * the generator keeps {@link ExpectedFacts}: what tshark must count and what the analyzer must
 * conclude for every SBC.
 */
public final class DirectRoutingScenario {

    public static final String MS_BANNER = "Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3";

    /** What happens to one call. */
    public enum Kind {
        OUT_ANSWERED(true, 200, null, null, false, null, 0),
        OUT_BUSY(true, 486, 560486, "sbc", true, null, 17),
        OUT_NO_ANSWER_480(true, 480, 560480, "sbc", true, null, 19),
        OUT_NO_ANSWER_408(true, 408, 560408, "sbc", true, null, 18),
        OUT_DECLINED(true, 603, 560603, "sbc", true, null, 21),
        OUT_CALLER_CANCEL(true, 487, 560487, "sbc", true, null, 0),
        OUT_SBC_403(true, 403, 560403, "sbc", false, null, 21),
        OUT_SBC_404(true, 404, 560404, "sbc", true, null, 1),
        OUT_SBC_500(true, 500, 560500, "sbc", false, null, 41),
        OUT_SBC_503(true, 503, 560503, "sbc", false, null, 41),
        /** SBC sends 100 but nothing else within 10 s: Microsoft CANCELs (500001, reported as 408). */
        OUT_SLOW_SBC(true, 408, 500001, "sbc", false, null, 0),
        IN_ANSWERED(false, 200, null, null, false, null, 0),
        IN_SBC_CANCEL(false, 487, 540487, "sbc", true, null, 0),
        /** SBC CANCEL with Reason: SIP;cause=200 (answered elsewhere). */
        IN_SBC_CANCEL_ELSEWHERE(false, 487, 540200, "sbc", true, null, 0),
        IN_MS_NO_TRUNK(false, 403, 510532, "microsoft", false, "No trunk config was found", 21),
        IN_MS_NO_ROUTE(false, 403, 510559, "microsoft", false,
                "Get Outbound routing - No viable path (Forbidden)", 21),
        IN_MS_NO_ENDPOINTS(false, 480, 10037, "microsoft", true, "No callee endpoints were found", 18),
        /** Busy-on-busy: Microsoft answers 486 itself; no documented six-digit code carries this phrase. */
        IN_MS_BUSY(false, 486, null, "microsoft", true, "User is busy and currently active on another call.", 63),
        /** Microsoft's 200 OK never ACKed by the SBC: Microsoft BYEs (1106, reported as 408). */
        IN_NO_ACK(false, 408, 1106, "sbc", false, null, 0);

        public final boolean outbound;
        public final int sipCode;
        public final Integer microsoftCode;
        public final String side;
        public final boolean userOutcome;
        public final String phrase;
        public final int q850;

        Kind(boolean outbound, int sipCode, Integer microsoftCode, String side, boolean userOutcome,
                String phrase, int q850) {
            this.outbound = outbound;
            this.sipCode = sipCode;
            this.microsoftCode = microsoftCode;
            this.side = side;
            this.userOutcome = userOutcome;
            this.phrase = phrase;
            this.q850 = q850;
        }

        public boolean answered() {
            return sipCode == 200;
        }

        public String direction() {
            return outbound ? "outbound" : "inbound";
        }
    }

    /** A Microsoft SIP proxy (FQDN and signalling address). */
    public record Proxy(String fqdn, String ip) {
    }

    /** An SBC: paired FQDN, address, transport, its listening port and its X-MS-SBC value. */
    public record Sbc(String fqdn, String ip, WireTransport transport, int port, String xMsSbc, String userAgent) {
    }

    /**
     * Misbehaviour of one SBC, for rule tests. {@code contactHost}: host the SBC puts in its Contact
     * (null = its FQDN; an IP literal makes {@code contact-not-fqdn}); {@code optionsTargetHost}: host
     * of its OPTIONS Request-URI (null = the proxy FQDN; an IP makes {@code options-to-ip});
     * {@code microsoftOptionsAnswer}: Microsoft's answer to the SBC's OPTIONS (200, or e.g. 403);
     * {@code answersMicrosoftOptions}: false = the SBC ignores Microsoft's OPTIONS (retransmitted over
     * UDP); {@code optionsGaps}: {offsetSeconds, durationSeconds} windows without SBC OPTIONS.
     */
    public record SbcQuirks(String contactHost, String optionsTargetHost, int microsoftOptionsAnswer,
            boolean answersMicrosoftOptions, List<long[]> optionsGaps) {
        public static SbcQuirks none() {
            return new SbcQuirks(null, null, 200, true, List.of());
        }
    }

    /** Extra calls of one kind packed into a window (for spike tests). */
    public record Burst(long offsetSeconds, long durationSeconds, int sbcIndex, Kind kind, int calls) {
    }

    public static List<Proxy> defaultProxies() {
        return List.of(new Proxy("sip.pstnhub.microsoft.com", "52.114.148.0"),
                new Proxy("sip2.pstnhub.microsoft.com", "52.114.132.46"),
                new Proxy("sip3.pstnhub.microsoft.com", "52.114.75.24"),
                new Proxy("sip-du-a-us.pstnhub.microsoft.com", "52.112.120.44"));
    }

    public static Sbc sbc1Tcp() {
        return new Sbc("sbc1.contoso.com", "203.0.113.10", WireTransport.TCP, 5067,
                "AudioCodes/Mediant VE SBC/7.40A.250.003", "Mediant VE SBC/v.7.40A.250.003");
    }

    public static Sbc sbc2Udp() {
        return new Sbc("sbc2.contoso.com", "203.0.113.20", WireTransport.UDP, 5068,
                "Ribbon/SBC SWe Lite/9.0.4", "Ribbon SBC SWe Lite 9.0.4");
    }

    /** Generator settings; every field has a sensible default. */
    public static final class Config {
        public long seed = 20201;
        /** Start of the traffic, seconds since the epoch (default 2026-11-03T00:00:00Z). */
        public long startEpochSeconds = 1793664000L;
        public long durationSeconds = 3600;
        public List<Sbc> sbcs = List.of(sbc1Tcp(), sbc2Udp());
        public List<Proxy> proxies = defaultProxies();
        /** Calls spread over the window (not counting one guaranteed call of each kind per SBC). */
        public int calls = 100;
        public boolean oneOfEachKindPerSbc = true;
        public Map<Kind, Integer> mix = defaultMix();
        public int optionsIntervalSeconds = 60;
        public boolean options = true;
        /** True: call starts follow a business-day curve by hour of day; false: uniform (steady). */
        public boolean dayProfile = true;
        public List<Burst> bursts = List.of();
        /** Probability that an answered UDP call has a retransmitted INVITE, and separately a 200. */
        public double udpRetransmissionProbability = 0.08;
        /** Larger, realistic Microsoft SDP (ICE candidates) instead of the compact one. */
        public boolean richSdp = false;
        public boolean ipv6 = false;
        /** Per SBC index: misbehaviour for rule tests (absent = well-behaved). */
        public Map<Integer, SbcQuirks> quirks = Map.of();

        public Config quirks(Map<Integer, SbcQuirks> q) {
            quirks = q;
            return this;
        }

        public Config seed(long s) {
            seed = s;
            return this;
        }

        public Config start(long epochSeconds) {
            startEpochSeconds = epochSeconds;
            return this;
        }

        public Config duration(long seconds) {
            durationSeconds = seconds;
            return this;
        }

        public Config calls(int n) {
            calls = n;
            return this;
        }

        public Config sbcs(List<Sbc> s) {
            sbcs = s;
            return this;
        }

        public Config proxies(List<Proxy> p) {
            proxies = p;
            return this;
        }

        public Config mix(Map<Kind, Integer> m) {
            mix = m;
            return this;
        }

        public Config steady() {
            dayProfile = false;
            return this;
        }

        public Config bursts(List<Burst> b) {
            bursts = b;
            return this;
        }

        public Config options(boolean on) {
            options = on;
            return this;
        }

        public Config oneOfEach(boolean on) {
            oneOfEachKindPerSbc = on;
            return this;
        }

        public Config richSdp(boolean on) {
            richSdp = on;
            return this;
        }

        public Config retransmissions(double p) {
            udpRetransmissionProbability = p;
            return this;
        }
    }

    public static Map<Kind, Integer> defaultMix() {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        m.put(Kind.OUT_ANSWERED, 300);
        m.put(Kind.OUT_BUSY, 35);
        m.put(Kind.OUT_NO_ANSWER_480, 25);
        m.put(Kind.OUT_NO_ANSWER_408, 8);
        m.put(Kind.OUT_DECLINED, 10);
        m.put(Kind.OUT_CALLER_CANCEL, 40);
        m.put(Kind.OUT_SBC_403, 5);
        m.put(Kind.OUT_SBC_404, 12);
        m.put(Kind.OUT_SBC_500, 3);
        m.put(Kind.OUT_SBC_503, 6);
        m.put(Kind.OUT_SLOW_SBC, 4);
        m.put(Kind.IN_ANSWERED, 260);
        m.put(Kind.IN_SBC_CANCEL, 35);
        m.put(Kind.IN_SBC_CANCEL_ELSEWHERE, 8);
        m.put(Kind.IN_MS_NO_TRUNK, 4);
        m.put(Kind.IN_MS_NO_ROUTE, 3);
        m.put(Kind.IN_MS_NO_ENDPOINTS, 20);
        m.put(Kind.IN_MS_BUSY, 12);
        m.put(Kind.IN_NO_ACK, 3);
        return m;
    }

    /** Business-day weights by hour of day (UTC): quiet nights, morning and afternoon peaks. */
    static final double[] HOUR_WEIGHT = {0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.5, 4, 8, 10, 10, 9, 6, 8, 9, 9,
        7, 4, 2, 1.2, 0.8, 0.6, 0.4, 0.3};

    /** Generated messages plus expected facts. */
    public record Result(List<SipWire> messages, ExpectedFacts expected) {
    }

    private final Config cfg;
    private final Random rnd;
    private final ExpectedFacts facts = new ExpectedFacts();
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private long seq;
    private final int[][] msEphemeral;
    private final int[][] sbcEphemeral;
    private final int[] optionsCseq;

    private record Pending(long t, long seq, SipWire wire) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(t, o.t);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private record Start(long t, int sbc, Kind kind, boolean options) {
    }

    public DirectRoutingScenario(Config cfg) {
        this.cfg = cfg;
        this.rnd = new Random(cfg.seed);
        int s = cfg.sbcs.size();
        int p = cfg.proxies.size();
        msEphemeral = new int[s][p];
        sbcEphemeral = new int[s][p];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < p; j++) {
                msEphemeral[i][j] = 1024 + rnd.nextInt(64000);
                sbcEphemeral[i][j] = 32768 + rnd.nextInt(28000);
            }
        }
        optionsCseq = new int[s];
        for (int i = 0; i < s; i++) {
            facts.sbc(cfg.sbcs.get(i).fqdn(), cfg.sbcs.get(i).ip());
        }
    }

    public ExpectedFacts expected() {
        return facts;
    }

    /** Generates everything into a list (small traces). */
    public Result generate() {
        List<SipWire> out = new ArrayList<>();
        generate(out::add);
        return new Result(out, facts);
    }

    /** Streams every message, in time order, to {@code sink}. */
    public void generate(Consumer<SipWire> sink) {
        List<Start> starts = plan();
        for (Start st : starts) {
            drain(st.t, sink);
            if (st.options) {
                options(st);
            } else {
                call(st);
            }
        }
        // Calls outlive the planned window: an SBC keeps its OPTIONS cadence while they run, as a
        // real one does (otherwise the trace's tail shows a false OPTIONS gap).
        while (cfg.options && nextOptions != null) {
            int best = -1;
            for (int i = 0; i < nextOptions.length; i++) {
                if (best < 0 || nextOptions[i] < nextOptions[best]) {
                    best = i;
                }
            }
            long t = nextOptions[best];
            drain(t, sink);
            if (queue.isEmpty()) {
                break;
            }
            int sbc = best / 2;
            boolean fromSbc = best % 2 == 0;
            if (!(fromSbc && inGap(sbc, t - cfg.startEpochSeconds * 1_000_000_000L))) {
                options(new Start(t, sbc, fromSbc ? Kind.OUT_ANSWERED : Kind.IN_ANSWERED, true));
            }
            nextOptions[best] = t + cfg.optionsIntervalSeconds * 1_000_000_000L + (long) (rnd.nextGaussian() * 4e8);
        }
        drain(Long.MAX_VALUE, sink);
    }

    /** Per SBC and direction (index sbc*2 + 0 for the SBC's, + 1 for Microsoft's): next OPTIONS after the plan. */
    private long[] nextOptions;

    private void drain(long before, Consumer<SipWire> sink) {
        while (!queue.isEmpty() && queue.peek().t < before) {
            SipWire w = queue.poll().wire;
            facts.countMessage(w.bytes(), w.retransmission(), w.epochNanos());
            sink.accept(w);
        }
    }

    // ------------------------------------------------------------------ planning

    private List<Start> plan() {
        List<Start> starts = new ArrayList<>();
        long t0 = cfg.startEpochSeconds * 1_000_000_000L;
        long dur = cfg.durationSeconds * 1_000_000_000L;
        int nSbc = cfg.sbcs.size();
        if (cfg.options) {
            nextOptions = new long[nSbc * 2];
            for (int i = 0; i < nSbc; i++) {
                // the SBC's OPTIONS and Microsoft's OPTIONS each start at their own phase
                for (int dir = 0; dir < 2; dir++) {
                    long t = t0 + (long) (rnd.nextDouble() * cfg.optionsIntervalSeconds * 1e9);
                    while (t < t0 + dur) {
                        if (dir == 0 && inGap(i, t - t0)) {
                            t += cfg.optionsIntervalSeconds * 1_000_000_000L;
                            continue;
                        }
                        starts.add(new Start(t, i, dir == 0 ? Kind.OUT_ANSWERED : Kind.IN_ANSWERED, true));
                        t += cfg.optionsIntervalSeconds * 1_000_000_000L + (long) (rnd.nextGaussian() * 4e8);
                    }
                    nextOptions[i * 2 + dir] = t;
                }
            }
        }
        // calls must end inside the window: leave the last 40 minutes... unless the window is short
        long callWindow = Math.max(dur - Math.min(dur / 5, 1800L * 1_000_000_000L), 1);
        if (cfg.oneOfEachKindPerSbc) {
            for (int i = 0; i < nSbc; i++) {
                for (Kind k : Kind.values()) {
                    starts.add(new Start(callTime(t0, callWindow), i, k, false));
                }
            }
        }
        List<Kind> kinds = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        int total = 0;
        for (Map.Entry<Kind, Integer> e : cfg.mix.entrySet()) {
            kinds.add(e.getKey());
            weights.add(e.getValue());
            total += e.getValue();
        }
        for (int c = 0; c < cfg.calls; c++) {
            int r = rnd.nextInt(total);
            int k = 0;
            while (r >= weights.get(k)) {
                r -= weights.get(k);
                k++;
            }
            starts.add(new Start(callTime(t0, callWindow), rnd.nextInt(nSbc), kinds.get(k), false));
        }
        for (Burst b : cfg.bursts) {
            long bs = t0 + b.offsetSeconds() * 1_000_000_000L;
            for (int c = 0; c < b.calls(); c++) {
                starts.add(new Start(bs + (long) (rnd.nextDouble() * b.durationSeconds() * 1e9), b.sbcIndex(),
                        b.kind(), false));
            }
        }
        starts.sort((a, b) -> Long.compare(a.t, b.t));
        return starts;
    }

    private SbcQuirks quirks(int sbc) {
        return cfg.quirks.getOrDefault(sbc, SbcQuirks.none());
    }

    private boolean inGap(int sbc, long offsetNanos) {
        for (long[] g : quirks(sbc).optionsGaps()) {
            if (offsetNanos >= g[0] * 1_000_000_000L && offsetNanos < (g[0] + g[1]) * 1_000_000_000L) {
                return true;
            }
        }
        return false;
    }

    private String contactHost(int sbcIdx) {
        String h = quirks(sbcIdx).contactHost();
        return h != null ? h : cfg.sbcs.get(sbcIdx).fqdn();
    }

    private long callTime(long t0, long window) {
        while (true) {
            long t = t0 + (long) (rnd.nextDouble() * window);
            if (!cfg.dayProfile) {
                return t;
            }
            int hour = (int) ((t / 3_600_000_000_000L) % 24);
            if (rnd.nextDouble() * 10.0 < HOUR_WEIGHT[hour]) {
                return t;
            }
        }
    }

    // ------------------------------------------------------------------ wire helpers

    private static final long MS = 1_000_000L;

    /** Per-call addressing: who is the Microsoft end and who the SBC end on the wire. */
    private final class Leg {
        final Sbc sbc;
        final int sbcIdx;
        final Proxy proxy;
        final WireTransport transport;
        final Endpoint msEnd;
        final Endpoint sbcEnd;
        final long t0;
        final String viaTp;

        Leg(int sbcIdx, int proxyIdx, boolean msInitiates, long t0) {
            this.sbc = cfg.sbcs.get(sbcIdx);
            this.sbcIdx = sbcIdx;
            this.proxy = cfg.proxies.get(proxyIdx);
            this.transport = sbc.transport();
            this.t0 = t0;
            if (transport == WireTransport.UDP) {
                msEnd = Endpoint.of(proxy.ip(), 5061);
                sbcEnd = Endpoint.of(sbc.ip(), sbc.port());
                viaTp = "UDP";
            } else if (msInitiates) {
                msEnd = Endpoint.of(proxy.ip(), msEphemeral[sbcIdx][proxyIdx]);
                sbcEnd = Endpoint.of(sbc.ip(), sbc.port());
                viaTp = "TLS";
            } else {
                msEnd = Endpoint.of(proxy.ip(), 5061);
                sbcEnd = Endpoint.of(sbc.ip(), sbcEphemeral[sbcIdx][proxyIdx]);
                viaTp = "TLS";
            }
        }

        String tp() {
            return transport == WireTransport.UDP ? "udp" : "tls";
        }

        void fromMs(double offsetMs, byte[] msg, boolean retrans) {
            put(t0 + (long) (offsetMs * MS), msEnd, sbcEnd, transport, msg, retrans);
        }

        void fromSbc(double offsetMs, byte[] msg, boolean retrans) {
            put(t0 + (long) (offsetMs * MS), sbcEnd, msEnd, transport, msg, retrans);
        }
    }

    private void put(long t, Endpoint src, Endpoint dst, WireTransport tp, byte[] msg, boolean retrans) {
        queue.add(new Pending(t, seq++, new SipWire(t, src, dst, tp, msg, retrans)));
    }

    private String hex(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return b.toString();
    }

    private String guid() {
        return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
    }

    private String branch() {
        return "z9hG4bK" + hex(16);
    }

    private String e164(String prefix) {
        return prefix + String.format("%04d", rnd.nextInt(10000));
    }

    private static String hostPort(String ip, int port) {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** A SIP message: start line, headers in order, body; Microsoft writes header names upper case. */
    private static final class Msg {
        final String start;
        final List<String[]> headers = new ArrayList<>();
        String body = "";
        final boolean upper;

        Msg(String start, boolean upper) {
            this.start = start;
            this.upper = upper;
        }

        Msg h(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Msg body(String contentType, String b) {
            h("Content-Type", contentType);
            body = b;
            return this;
        }

        byte[] bytes() {
            StringBuilder sb = new StringBuilder(512 + body.length());
            sb.append(start).append("\r\n");
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            boolean clDone = false;
            for (String[] h : headers) {
                sb.append(upper ? h[0].toUpperCase(java.util.Locale.ROOT) : h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (!clDone) {
                sb.append(upper ? "CONTENT-LENGTH" : "Content-Length").append(": ").append(bodyBytes.length)
                        .append("\r\n");
            }
            sb.append("\r\n").append(body);
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private String msSdp(String mediaIp) {
        int port = 49152 + rnd.nextInt(4000) * 2;
        StringBuilder b = new StringBuilder(900);
        b.append("v=0\r\no=- ").append(1000000 + rnd.nextInt(9000000)).append(" 0 IN IP4 ").append(mediaIp)
                .append("\r\ns=session\r\nc=IN IP4 ").append(mediaIp).append("\r\nb=CT:10000000\r\nt=0 0\r\n");
        if (cfg.richSdp) {
            b.append("m=audio ").append(port).append(" RTP/SAVP 104 9 103 111 18 0 8 97 101 13 118\r\n");
            b.append("a=rtcp:").append(port + 1).append("\r\n");
            b.append("a=ice-ufrag:").append(hex(4)).append("\r\na=ice-pwd:").append(hex(24)).append("\r\n");
            for (int i = 1; i <= 2; i++) {
                b.append("a=candidate:1 ").append(i).append(" UDP 2130706431 ").append(mediaIp).append(' ')
                        .append(port + i - 1).append(" typ host\r\n");
                b.append("a=candidate:2 ").append(i).append(" UDP 16648703 52.115.").append(rnd.nextInt(255))
                        .append('.').append(rnd.nextInt(255)).append(' ').append(50000 + rnd.nextInt(9999))
                        .append(" typ relay raddr ").append(mediaIp).append(" rport ").append(port + i - 1)
                        .append("\r\n");
                b.append("a=candidate:3 ").append(i).append(" tcp-act 2121006078 ").append(mediaIp)
                        .append(" 9 typ host\r\n");
            }
            b.append("a=x-candidate-ipv6:1 1 UDP 2130706431 2603:1063:").append(hex(4)).append("::").append(hex(3))
                    .append(' ').append(port).append(" typ host\r\n");
            b.append("a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:").append(hex(40)).append("|2^31\r\n");
            b.append("a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:").append(hex(40)).append("|2^31|1:1\r\n");
            b.append("a=maxptime:200\r\na=rtpmap:104 SILK/16000\r\na=rtpmap:9 G722/8000\r\n")
                    .append("a=rtpmap:103 SILK/8000\r\na=rtpmap:111 SIREN/16000\r\na=fmtp:111 bitrate=16000\r\n")
                    .append("a=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=no\r\na=rtpmap:0 PCMU/8000\r\n")
                    .append("a=rtpmap:8 PCMA/8000\r\na=rtpmap:97 RED/8000\r\na=rtpmap:101 telephone-event/8000\r\n")
                    .append("a=fmtp:101 0-16\r\na=rtpmap:13 CN/8000\r\na=rtpmap:118 CN/16000\r\na=ptime:20\r\n");
        } else {
            b.append("m=audio ").append(port).append(" RTP/SAVP 0 8 101\r\n");
            b.append("a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:").append(hex(40)).append("|2^31\r\n");
            b.append("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n")
                    .append("a=ptime:20\r\n");
        }
        return b.toString();
    }

    private String sbcSdp(Sbc sbc) {
        int port = 6000 + rnd.nextInt(2000) * 2;
        String id = String.valueOf(100000 + rnd.nextInt(900000));
        return "v=0\r\no=SBC " + id + " " + id + " IN IP4 " + sbc.ip() + "\r\ns=Phone-Call\r\nc=IN IP4 " + sbc.ip()
                + "\r\nt=0 0\r\nm=audio " + port + " RTP/SAVP 0 8 101\r\na=ptime:20\r\na=sendrecv\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + hex(40) + "\r\n"
                + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
    }

    private String msMediaIp() {
        return "52.115." + (96 + rnd.nextInt(32)) + "." + (1 + rnd.nextInt(254));
    }

    private String msContact(String proxyFqdn) {
        String region = proxyFqdn.startsWith("sip2") ? "euwe" : proxyFqdn.startsWith("sip3") ? "apse" : "usea";
        return "<sip:api-du-a-" + region + ".pstnhub.microsoft.com:443;x-i=" + guid() + ";x-c=" + hex(32) + "/s/1/"
                + hex(32) + ">";
    }

    private static final String MS_RR = "<sip:sip-du-a-us.pstnhub.microsoft.com:5061;transport=tls;lr>";
    private static final String MS_ALLOW = "INVITE,ACK,OPTIONS,CANCEL,BYE,NOTIFY";
    private static final String SBC_ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, NOTIFY, PRACK, REFER, INFO";

    // ------------------------------------------------------------------ OPTIONS

    private void options(Start st) {
        int pIdx = rnd.nextInt(Math.min(3, cfg.proxies.size()));
        boolean fromSbc = st.kind == Kind.OUT_ANSWERED;
        Leg leg = new Leg(st.sbc, pIdx, !fromSbc, st.t);
        Sbc sbc = leg.sbc;
        ExpectedFacts.SbcFacts sf = facts.sbc(sbc.fqdn(), sbc.ip());
        String callId = fromSbc ? hex(8) + "-" + hex(8) + "@" + sbc.ip() : hex(32);
        String tag = fromSbc ? hex(10) : hex(8);
        double rtt = 8 + rnd.nextInt(40);
        if (fromSbc) {
            String via = "SIP/2.0/" + leg.viaTp + " " + hostPort(sbc.ip(), leg.sbcEnd.port()) + ";branch=" + branch()
                    + ";rport";
            int cseq = ++optionsCseq[st.sbc];
            SbcQuirks qk = quirks(st.sbc);
            String target = qk.optionsTargetHost() != null ? qk.optionsTargetHost() : leg.proxy.fqdn();
            Msg m = new Msg("OPTIONS sip:" + target + ":5061;transport=" + leg.tp() + " SIP/2.0", false)
                    .h("Via", via).h("Max-Forwards", "70")
                    .h("From", "<sip:" + sbc.fqdn() + ":" + sbc.port() + ">;tag=" + tag)
                    .h("To", "<sip:" + leg.proxy.fqdn() + ":5061>").h("Call-ID", callId)
                    .h("CSeq", cseq + " OPTIONS")
                    .h("Contact", "<sip:" + contactHost(st.sbc) + ":" + sbc.port() + ";transport=" + leg.tp() + ">")
                    .h("Allow", SBC_ALLOW).h("User-Agent", sbc.userAgent()).h("X-MS-SBC", sbc.xMsSbc());
            leg.fromSbc(0, m.bytes(), false);
            int code = qk.microsoftOptionsAnswer();
            Msg ok = new Msg("SIP/2.0 " + code + " " + reasonPhrase(code), true).h("From", "<sip:" + sbc.fqdn() + ":" + sbc.port() + ">;tag=" + tag)
                    .h("To", "<sip:" + leg.proxy.fqdn() + ":5061>;tag=" + hex(8)).h("CSeq", cseq + " OPTIONS")
                    .h("Call-ID", callId).h("Via", via + ";received=" + sbc.ip())
                    .h("Server", MS_BANNER).h("Allow", MS_ALLOW);
            leg.fromMs(rtt, ok.bytes(), false);
            sf.optionsFromSbc++;
            if (code == 200) {
                sf.optionsFromSbcAnswered++;
            }
        } else {
            String via = "SIP/2.0/" + leg.viaTp + " " + hostPort(leg.proxy.ip(), 5061) + ";branch=" + branch();
            Msg m = new Msg("OPTIONS sip:" + sbc.fqdn() + ":" + sbc.port() + ";transport=" + leg.tp() + " SIP/2.0", true)
                    .h("From", "<sip:" + leg.proxy.fqdn() + ":5061>;tag=" + tag)
                    .h("To", "<sip:" + sbc.fqdn() + ">").h("CSeq", "1 OPTIONS").h("Call-ID", callId)
                    .h("Max-Forwards", "70").h("Via", via)
                    .h("Contact", "<sip:" + leg.proxy.fqdn() + ":5061;transport=tls>")
                    .h("User-Agent", MS_BANNER);
            byte[] req = m.bytes();
            leg.fromMs(0, req, false);
            sf.optionsToSbc++;
            if (!quirks(st.sbc).answersMicrosoftOptions()) {
                if (leg.transport == WireTransport.UDP) { // Timer E retransmissions
                    leg.fromMs(500, req, true);
                    leg.fromMs(1500, req, true);
                    leg.fromMs(3500, req, true);
                }
                return;
            }
            Msg ok = new Msg("SIP/2.0 200 OK", false).h("Via", via)
                    .h("From", "<sip:" + leg.proxy.fqdn() + ":5061>;tag=" + tag)
                    .h("To", "<sip:" + sbc.fqdn() + ">;tag=" + hex(10)).h("Call-ID", callId).h("CSeq", "1 OPTIONS")
                    .h("Contact", "<sip:" + sbc.fqdn() + ":" + sbc.port() + ";transport=" + leg.tp() + ">")
                    .h("Allow", SBC_ALLOW).h("Server", sbc.userAgent()).h("X-MS-SBC", sbc.xMsSbc());
            leg.fromSbc(rtt, ok.bytes(), false);
            sf.optionsToSbcAnswered++;
        }
    }

    // ------------------------------------------------------------------ calls

    private void call(Start st) {
        Kind k = st.kind;
        int pIdx = rnd.nextInt(cfg.proxies.size());
        Leg leg = new Leg(st.sbc, pIdx, k.outbound, st.t);
        if (k.outbound) {
            outbound(leg, k);
        } else {
            inbound(leg, k);
        }
        ExpectedFacts.SbcFacts sf = facts.sbc(leg.sbc.fqdn(), leg.sbc.ip());
        ExpectedFacts.DirectionStats d = sf.direction(k.direction());
        d.attempts++;
        if (k.answered()) {
            d.answered++;
        } else {
            d.failed++;
            if (k.userOutcome) {
                d.userOutcomes++;
            }
            sf.failures.merge(new ExpectedFacts.FailureKey(k.direction(), k.sipCode, k.microsoftCode, k.side,
                    k.userOutcome), 1, Integer::sum);
        }
        facts.scenarios.merge(k.name(), 1, Integer::sum);
    }

    private double ringMs() {
        return 1500 + rnd.nextInt(15000);
    }

    private double talkMs() {
        // log-normal-ish around 4 minutes, 5 s .. 25 min
        double m = Math.exp(Math.log(240_000) + rnd.nextGaussian() * 0.8);
        return Math.max(5000, Math.min(m, 1_500_000));
    }

    /** Microsoft -> SBC INVITE (a Teams user calls the PSTN). */
    private void outbound(Leg leg, Kind k) {
        Sbc sbc = leg.sbc;
        String caller = e164("+1425555");
        String callee = e164("+1206555");
        String callId = hex(32);
        String msTag = hex(8);
        String sbcTag = hex(10);
        String invBranch = branch();
        String via = "SIP/2.0/" + leg.viaTp + " " + hostPort(leg.proxy.ip(), 5061) + ";branch=" + invBranch;
        String ruri = "sip:" + callee + "@" + sbc.fqdn() + ":" + sbc.port() + ";user=phone;transport=" + leg.tp();
        String from = "<sip:" + caller + "@" + leg.proxy.fqdn() + ":5061;user=phone>;tag=" + msTag;
        String to = "<sip:" + callee + "@" + sbc.fqdn() + ":" + sbc.port() + ";user=phone>";
        String toTagged = to + ";tag=" + sbcTag;
        String msContact = msContact(leg.proxy.fqdn());
        String sbcContact = "<sip:" + callee + "@" + sbc.fqdn() + ":" + sbc.port() + ";transport=" + leg.tp() + ">";
        byte[] invite = new Msg("INVITE " + ruri + " SIP/2.0", true).h("From", from).h("To", to)
                .h("CSeq", "1 INVITE").h("Call-ID", callId).h("Max-Forwards", "70").h("Via", via)
                .h("Record-Route", MS_RR).h("Contact", msContact).h("Min-SE", "300").h("Supported", "timer")
                .h("User-Agent", MS_BANNER).h("Allow", MS_ALLOW)
                .h("P-Asserted-Identity", "<tel:" + caller + ">").h("Session-Expires", "3600")
                .h("X-MS-Correlation-ID", guid())
                .body("application/sdp", msSdp(msMediaIp())).bytes();
        boolean udp = leg.transport == WireTransport.UDP;
        boolean retransInvite = udp && rnd.nextDouble() < cfg.udpRetransmissionProbability;
        boolean retrans200 = udp && rnd.nextDouble() < cfg.udpRetransmissionProbability;
        leg.fromMs(0, invite, false);
        double t = 20 + rnd.nextInt(60);
        if (retransInvite) {
            leg.fromMs(500, invite, true);
            t = 560 + rnd.nextInt(100);
        }
        leg.fromSbc(t, sbcResp(100, "Trying", via, from, to, callId, "1 INVITE", null, null).bytes(), false);
        if (k == Kind.OUT_SLOW_SBC) {
            // Microsoft's failover timer (10 s) expires: it CANCELs
            double tc = 10_000;
            leg.fromMs(tc, msCancel(ruri, via, from, to, callId), false);
            leg.fromSbc(tc + 30, sbcResp(200, "OK", via, from, toTagged, callId, "1 CANCEL", null, null).bytes(), false);
            leg.fromSbc(tc + 45, sbcResp(487, "Request Terminated", via, from, toTagged, callId, "1 INVITE", null,
                    null).bytes(), false);
            leg.fromMs(tc + 70, msAck(ruri, via, from, toTagged, callId), false);
            return;
        }
        boolean rings = k == Kind.OUT_ANSWERED || k == Kind.OUT_BUSY || k == Kind.OUT_NO_ANSWER_480
                || k == Kind.OUT_NO_ANSWER_408 || k == Kind.OUT_DECLINED || k == Kind.OUT_CALLER_CANCEL;
        if (rings && k != Kind.OUT_BUSY) {
            t += 200 + rnd.nextInt(2500);
            leg.fromSbc(t, sbcResp(183, "Session Progress", via, from, toTagged, callId, "1 INVITE", sbcContact,
                    sbcSdp(sbc)).bytes(), false);
        } else {
            t += 100 + rnd.nextInt(400);
        }
        switch (k) {
            case OUT_ANSWERED: {
                t += ringMs();
                byte[] ok = sbcResp(200, "OK", via, from, toTagged, callId, "1 INVITE", sbcContact, sbcSdp(sbc)).bytes();
                leg.fromSbc(t, ok, false);
                double ack = t + 30 + rnd.nextInt(40);
                if (retrans200) {
                    leg.fromSbc(t + 500, ok, true);
                    ack = t + 560 + rnd.nextInt(100);
                }
                String ackRuri = "sip:" + callee + "@" + sbc.fqdn() + ":" + sbc.port() + ";transport=" + leg.tp();
                leg.fromMs(ack, new Msg("ACK " + ackRuri + " SIP/2.0", true).h("From", from).h("To", toTagged)
                        .h("CSeq", "1 ACK").h("Call-ID", callId).h("Max-Forwards", "70")
                        .h("Via", "SIP/2.0/" + leg.viaTp + " " + hostPort(leg.proxy.ip(), 5061) + ";branch=" + branch())
                        .h("User-Agent", MS_BANNER).bytes(), false);
                double bye = ack + talkMs();
                if (rnd.nextBoolean()) {
                    String bvia = "SIP/2.0/" + leg.viaTp + " " + hostPort(leg.proxy.ip(), 5061) + ";branch=" + branch();
                    leg.fromMs(bye, new Msg("BYE " + ackRuri + " SIP/2.0", true).h("From", from).h("To", toTagged)
                            .h("CSeq", "2 BYE").h("Call-ID", callId).h("Max-Forwards", "70").h("Via", bvia)
                            .h("User-Agent", MS_BANNER).bytes(), false);
                    leg.fromSbc(bye + 25 + rnd.nextInt(40),
                            sbcResp(200, "OK", bvia, from, toTagged, callId, "2 BYE", null, null).bytes(), false);
                } else {
                    String bvia = "SIP/2.0/" + leg.viaTp + " " + hostPort(sbc.ip(), leg.sbcEnd.port()) + ";branch="
                            + branch();
                    String msTarget = msContact.substring(1, msContact.length() - 1);
                    leg.fromSbc(bye, new Msg("BYE " + msTarget + " SIP/2.0", false).h("Via", bvia)
                            .h("Route", MS_RR).h("Max-Forwards", "70").h("From", toTagged).h("To", from)
                            .h("Call-ID", callId).h("CSeq", "1 BYE").h("User-Agent", sbc.userAgent())
                            .h("Reason", "Q.850;cause=16").bytes(), false);
                    leg.fromMs(bye + 25 + rnd.nextInt(40), new Msg("SIP/2.0 200 OK", true).h("From", toTagged)
                            .h("To", from).h("CSeq", "1 BYE").h("Call-ID", callId).h("Via", bvia)
                            .h("Server", MS_BANNER).bytes(), false);
                }
                return;
            }
            case OUT_CALLER_CANCEL: {
                double tc = t + 1000 + rnd.nextInt(15000);
                leg.fromMs(tc, msCancel(ruri, via, from, to, callId), false);
                leg.fromSbc(tc + 30, sbcResp(200, "OK", via, from, toTagged, callId, "1 CANCEL", null, null).bytes(),
                        false);
                leg.fromSbc(tc + 45, sbcResp(487, "Request Terminated", via, from, toTagged, callId, "1 INVITE", null,
                        null).bytes(), false);
                leg.fromMs(tc + 70, msAck(ruri, via, from, toTagged, callId), false);
                return;
            }
            default: {
                if (k == Kind.OUT_NO_ANSWER_480 || k == Kind.OUT_NO_ANSWER_408) {
                    t += 20_000 + rnd.nextInt(20000);
                } else if (k == Kind.OUT_DECLINED) {
                    t += ringMs();
                }
                String reasonPhrase = reasonPhrase(k.sipCode);
                Msg fail = sbcResp(k.sipCode, reasonPhrase, via, from, toTagged, callId, "1 INVITE", null, null);
                if (k.q850 != 0) {
                    fail.h("Reason", "Q.850;cause=" + k.q850);
                }
                if (k.sipCode == 503) {
                    fail.h("Retry-After", "30");
                }
                leg.fromSbc(t, fail.bytes(), false);
                leg.fromMs(t + 30 + rnd.nextInt(30), msAck(ruri, via, from, toTagged, callId), false);
            }
        }
    }

    static String reasonPhrase(int code) {
        switch (code) {
            case 200: return "OK";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 408: return "Request Timeout";
            case 480: return "Temporarily Unavailable";
            case 486: return "Busy Here";
            case 487: return "Request Terminated";
            case 500: return "Server Internal Error";
            case 503: return "Service Unavailable";
            case 603: return "Decline";
            default: return "Unknown";
        }
    }

    private Msg sbcResp(int code, String phrase, String via, String from, String to, String callId, String cseq,
            String contact, String sdp) {
        Msg m = new Msg("SIP/2.0 " + code + " " + phrase, false).h("Via", via).h("From", from).h("To", to)
                .h("Call-ID", callId).h("CSeq", cseq);
        if (contact != null) {
            m.h("Contact", contact);
        }
        if (code >= 180 || code == 200) {
            m.h("Server", cfgSbcUa(from, to));
        }
        if (sdp != null) {
            m.body("application/sdp", sdp);
        }
        return m;
    }

    private String cfgSbcUa(String from, String to) {
        for (Sbc s : cfg.sbcs) {
            if (from.contains(s.fqdn()) || to.contains(s.fqdn())) {
                return s.userAgent();
            }
        }
        return "SBC";
    }

    private byte[] msCancel(String ruri, String via, String from, String to, String callId) {
        return new Msg("CANCEL " + ruri + " SIP/2.0", true).h("From", from).h("To", to).h("CSeq", "1 CANCEL")
                .h("Call-ID", callId).h("Max-Forwards", "70").h("Via", via).h("User-Agent", MS_BANNER).bytes();
    }

    private byte[] msAck(String ruri, String via, String from, String to, String callId) {
        return new Msg("ACK " + ruri + " SIP/2.0", true).h("From", from).h("To", to).h("CSeq", "1 ACK")
                .h("Call-ID", callId).h("Max-Forwards", "70").h("Via", via).h("User-Agent", MS_BANNER).bytes();
    }

    /** SBC -> Microsoft INVITE (a PSTN caller reaches a Teams user). */
    private void inbound(Leg leg, Kind k) {
        Sbc sbc = leg.sbc;
        String caller = e164("+1206555");
        String callee = e164("+1425555");
        String callId = hex(8) + "-" + hex(8) + "-" + hex(8) + "@" + sbc.ip();
        String sbcTag = hex(10);
        String msTag = hex(8);
        String via = "SIP/2.0/" + leg.viaTp + " " + hostPort(sbc.ip(), leg.sbcEnd.port()) + ";branch=" + branch();
        String ruri = "sip:" + callee + "@" + leg.proxy.fqdn() + ":5061;user=phone;transport=" + leg.tp();
        String from = "<sip:" + caller + "@" + sbc.fqdn() + ":" + sbc.port() + ";user=phone>;tag=" + sbcTag;
        String to = "<sip:" + callee + "@" + leg.proxy.fqdn() + ";user=phone>";
        String toTagged = to + ";tag=" + msTag;
        String sbcContact = "<sip:" + caller + "@" + contactHost(leg.sbcIdx) + ":" + sbc.port() + ";transport="
                + leg.tp() + ">";
        String msContact = msContact(leg.proxy.fqdn());
        byte[] invite = new Msg("INVITE " + ruri + " SIP/2.0", false).h("Via", via).h("Max-Forwards", "70")
                .h("From", from).h("To", to).h("Call-ID", callId).h("CSeq", "1 INVITE").h("Contact", sbcContact)
                .h("Supported", "replaces,timer").h("Allow", SBC_ALLOW).h("User-Agent", sbc.userAgent())
                .h("X-MS-SBC", sbc.xMsSbc()).h("P-Asserted-Identity", "<sip:" + caller + "@" + sbc.fqdn() + ";user=phone>")
                .body("application/sdp", sbcSdp(sbc)).bytes();
        boolean udp = leg.transport == WireTransport.UDP;
        boolean retransInvite = udp && rnd.nextDouble() < cfg.udpRetransmissionProbability;
        boolean retrans200 = udp && rnd.nextDouble() < cfg.udpRetransmissionProbability;
        leg.fromSbc(0, invite, false);
        double t = 15 + rnd.nextInt(50);
        if (retransInvite) {
            leg.fromSbc(500, invite, true);
            t = 560 + rnd.nextInt(100);
        }
        leg.fromMs(t, msResp(100, "Trying", via, from, to, callId, "1 INVITE").bytes(), false);
        boolean msFailure = k == Kind.IN_MS_NO_TRUNK || k == Kind.IN_MS_NO_ROUTE || k == Kind.IN_MS_NO_ENDPOINTS
                || k == Kind.IN_MS_BUSY;
        if (msFailure) {
            t += k == Kind.IN_MS_NO_ENDPOINTS ? 300 + rnd.nextInt(1500) : 40 + rnd.nextInt(200);
            Msg fail = msResp(k.sipCode, reasonPhrase(k.sipCode), via, from, toTagged, callId, "1 INVITE")
                    .h("Reason", "Q.850;cause=" + k.q850 + ";text=\"" + guid() + ";" + k.phrase + "\"");
            leg.fromMs(t, fail.bytes(), false);
            leg.fromSbc(t + 30 + rnd.nextInt(30), sbcAck(ruri, via, from, toTagged, callId, sbc), false);
            return;
        }
        t += 300 + rnd.nextInt(1500);
        leg.fromMs(t, msResp(180, "Ringing", via, from, toTagged, callId, "1 INVITE").h("Record-Route", MS_RR)
                .h("Contact", msContact).bytes(), false);
        if (k == Kind.IN_SBC_CANCEL || k == Kind.IN_SBC_CANCEL_ELSEWHERE) {
            double tc = t + 1000 + rnd.nextInt(20000);
            Msg cancel = new Msg("CANCEL " + ruri + " SIP/2.0", false).h("Via", via).h("Max-Forwards", "70")
                    .h("From", from).h("To", to).h("Call-ID", callId).h("CSeq", "1 CANCEL")
                    .h("User-Agent", sbc.userAgent());
            if (k == Kind.IN_SBC_CANCEL_ELSEWHERE) {
                cancel.h("Reason", "SIP;cause=200;text=\"Call completed elsewhere\"");
            } else {
                cancel.h("Reason", "Q.850;cause=16");
            }
            leg.fromSbc(tc, cancel.bytes(), false);
            leg.fromMs(tc + 20, msResp(200, "OK", via, from, toTagged, callId, "1 CANCEL").bytes(), false);
            leg.fromMs(tc + 35, msResp(487, "Request Terminated", via, from, toTagged, callId, "1 INVITE").bytes(),
                    false);
            leg.fromSbc(tc + 60, sbcAck(ruri, via, from, toTagged, callId, sbc), false);
            return;
        }
        t += ringMs();
        byte[] ok = msResp(200, "OK", via, from, toTagged, callId, "1 INVITE").h("Record-Route", MS_RR)
                .h("Contact", msContact).h("Allow", MS_ALLOW).h("Session-Expires", "3600;refresher=uac")
                .h("Supported", "timer").body("application/sdp", msSdp(msMediaIp())).bytes();
        leg.fromMs(t, ok, false);
        String msTarget = msContact.substring(1, msContact.length() - 1);
        if (k == Kind.IN_NO_ACK) {
            // the SBC never ACKs: over UDP Microsoft retransmits its 200 (Timer G), then hangs up
            if (udp) {
                leg.fromMs(t + 500, ok, true);
                leg.fromMs(t + 1500, ok, true);
                leg.fromMs(t + 3500, ok, true);
            }
            String bvia = "SIP/2.0/" + leg.viaTp + " " + hostPort(leg.proxy.ip(), 5061) + ";branch=" + branch();
            String sbcTarget = sbcContact.substring(1, sbcContact.length() - 1);
            double tb = t + 4000 + rnd.nextInt(300);
            leg.fromMs(tb, new Msg("BYE " + sbcTarget + " SIP/2.0", true).h("From", toTagged).h("To", from)
                    .h("CSeq", "1 BYE").h("Call-ID", callId).h("Max-Forwards", "70").h("Via", bvia)
                    .h("User-Agent", MS_BANNER).h("Reason", "Q.850;cause=102;text=\"" + guid()
                            + ";An acknowledgement was not received for the call acceptance in the allotted time\"")
                    .bytes(), false);
            leg.fromSbc(tb + 30, sbcResp(200, "OK", bvia, toTagged, from, callId, "1 BYE", null, null).bytes(), false);
            return;
        }
        double ack = t + 30 + rnd.nextInt(40);
        if (retrans200) {
            leg.fromMs(t + 500, ok, true);
            ack = t + 560 + rnd.nextInt(100);
        }
        String ackVia = "SIP/2.0/" + leg.viaTp + " " + hostPort(sbc.ip(), leg.sbcEnd.port()) + ";branch=" + branch();
        leg.fromSbc(ack, new Msg("ACK " + msTarget + " SIP/2.0", false).h("Via", ackVia).h("Route", MS_RR)
                .h("Max-Forwards", "70").h("From", from).h("To", toTagged).h("Call-ID", callId).h("CSeq", "1 ACK")
                .bytes(), false);
        double bye = ack + talkMs();
        if (rnd.nextBoolean()) {
            String bvia = "SIP/2.0/" + leg.viaTp + " " + hostPort(sbc.ip(), leg.sbcEnd.port()) + ";branch=" + branch();
            leg.fromSbc(bye, new Msg("BYE " + msTarget + " SIP/2.0", false).h("Via", bvia).h("Route", MS_RR)
                    .h("Max-Forwards", "70").h("From", from).h("To", toTagged).h("Call-ID", callId)
                    .h("CSeq", "2 BYE").h("User-Agent", sbc.userAgent()).h("Reason", "Q.850;cause=16").bytes(), false);
            leg.fromMs(bye + 20 + rnd.nextInt(40), msResp(200, "OK", bvia, from, toTagged, callId, "2 BYE").bytes(),
                    false);
        } else {
            String bvia = "SIP/2.0/" + leg.viaTp + " " + hostPort(leg.proxy.ip(), 5061) + ";branch=" + branch();
            String sbcTarget = sbcContact.substring(1, sbcContact.length() - 1);
            leg.fromMs(bye, new Msg("BYE " + sbcTarget + " SIP/2.0", true).h("From", toTagged).h("To", from)
                    .h("CSeq", "1 BYE").h("Call-ID", callId).h("Max-Forwards", "70").h("Via", bvia)
                    .h("User-Agent", MS_BANNER).bytes(), false);
            leg.fromSbc(bye + 25 + rnd.nextInt(40),
                    sbcResp(200, "OK", bvia, toTagged, from, callId, "1 BYE", null, null).bytes(), false);
        }
    }

    private Msg msResp(int code, String phrase, String via, String from, String to, String callId, String cseq) {
        return new Msg("SIP/2.0 " + code + " " + phrase, true).h("From", from).h("To", to).h("CSeq", cseq)
                .h("Call-ID", callId).h("Via", via).h("Server", MS_BANNER);
    }

    private byte[] sbcAck(String ruri, String via, String from, String to, String callId, Sbc sbc) {
        return new Msg("ACK " + ruri + " SIP/2.0", false).h("Via", via).h("Max-Forwards", "70").h("From", from)
                .h("To", to).h("Call-ID", callId).h("CSeq", "1 ACK").h("User-Agent", sbc.userAgent()).bytes();
    }
}
