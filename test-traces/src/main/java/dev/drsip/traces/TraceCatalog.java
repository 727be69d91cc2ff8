package dev.drsip.traces;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Builds every committed generated trace in memory, with its expected facts. {@link GenerateTraces}
 * writes them to disk; a test rebuilds them and compares byte for byte, so they cannot drift.
 */
public final class TraceCatalog {
    /** One trace: file bytes plus expected facts. */
    public record Built(String name, byte[] bytes, ExpectedFacts expected) {
    }

    private TraceCatalog() {
    }

    /** Names of the generated traces, in build order. */
    public static final List<String> NAMES = List.of("sample-dr-day.pcapng", "sample-dr-day.pcapng.gz",
            "tcp-segmentation.pcap", "tcp-loss.pcap", "ipv4-fragments.pcap", "ipv6-fragments.pcap", "vlan-qinq.pcap", "sll2.pcap",
            "multi-interface.pcapng", "ns-timestamps.pcap", "microsoft-failures.pcap", "erspan.pcap", "big-endian.pcapng", "truncated.pcap",
            "garbage-frames.pcap");

    public static Map<String, Built> buildAll() {
        Map<String, Built> m = new LinkedHashMap<>();
        Built sample = sampleDay();
        m.put(sample.name(), sample);
        Built gz = gzip(sample);
        m.put(gz.name(), gz);
        for (Built b : List.of(tcpSegmentation(), tcpLoss(), ipv4Fragments(), ipv6Fragments(), vlanQinq(), sll2(),
                multiInterface(), nsTimestamps(), microsoftFailures(), erspan(), bigEndian(), truncated(), garbageFrames())) {
            m.put(b.name(), b);
        }
        return m;
    }

    static final List<String> DECODE_AS_DR = List.of("tcp.port==5061,sip", "tcp.port==5067,sip",
            "udp.port==5061,sip", "udp.port==5068,sip");

    // --------------------------------------------------------------------------- helpers

    private static byte[] pcap(List<Frame> frames, int linkType, boolean nanos) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bo, linkType, nanos)) {
            w.writeAll(frames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bo.toByteArray();
    }

    private static Built scenarioTrace(String name, String description, DirectRoutingScenario.Config cfg,
            Link link, int linkType, boolean nanos, int mtu, int reverseFragsEvery) {
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        List<Frame> frames = new ArrayList<>();
        TraceAssembler as = new TraceAssembler(frames::add, new Link[] {link}, w -> 0, mtu)
                .reverseFragmentsEvery(reverseFragsEvery);
        sc.generate(as::add);
        ExpectedFacts f = sc.expected();
        f.trace = name;
        f.description = description;
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        return new Built(name, pcap(frames, linkType, nanos), f);
    }

    // --------------------------------------------------------------------------- the sample

    /** Sample "day": the morning busy window of a Direct Routing day, two SBCs (TCP and UDP). */
    public static Built sampleDay() {
        DirectRoutingScenario.Config cfg = new DirectRoutingScenario.Config().seed(42)
                .start(1793664000L + 8 * 3600 + 1800) // 2026-11-03T08:30:00Z
                .duration(2400).calls(130);
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(bo)) {
            w.addInterface(LinkType.ETHERNET, "eth1");
            TraceAssembler as = new TraceAssembler(fr -> {
                try {
                    w.write(fr);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Link.ethernet());
            sc.generate(as::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExpectedFacts f = sc.expected();
        f.trace = "sample-dr-day.pcapng";
        f.description = "Direct Routing morning busy period (2026-11-03 from 08:30Z, 40 min of OPTIONS): sbc1.contoso.com over TCP "
                + "(Microsoft 5061, SBC 5067, plain text as decrypted SIP appears), sbc2.contoso.com over UDP "
                + "(5061/5068); OPTIONS both ways every ~60 s; outbound and inbound calls with SBC-side and "
                + "Microsoft-side failures, 500001 and 1106 patterns, UDP retransmissions";
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        return new Built(f.trace, bo.toByteArray(), f);
    }

    static Built gzip(Built b) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(b.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExpectedFacts f = b.expected();
        return new Built(b.name() + ".gz", bo.toByteArray(), f);
    }

    // --------------------------------------------------------------------------- focused traces

    private static Map<DirectRoutingScenario.Kind, Integer> only(DirectRoutingScenario.Kind... kinds) {
        Map<DirectRoutingScenario.Kind, Integer> m = new EnumMap<>(DirectRoutingScenario.Kind.class);
        for (DirectRoutingScenario.Kind k : kinds) {
            m.put(k, 1);
        }
        return m;
    }

    private static DirectRoutingScenario.Config small(long seed, List<DirectRoutingScenario.Sbc> sbcs, int calls) {
        return new DirectRoutingScenario.Config().seed(seed).start(1793664000L + 10 * 3600).duration(900)
                .calls(calls).sbcs(sbcs).steady().oneOfEach(false);
    }

    public static Built ipv4Fragments() {
        DirectRoutingScenario.Sbc sbc = DirectRoutingScenario.sbc2Udp();
        DirectRoutingScenario.Config cfg = small(7, List.of(sbc), 8).richSdp(true).retransmissions(0)
                .mix(only(DirectRoutingScenario.Kind.OUT_ANSWERED, DirectRoutingScenario.Kind.IN_ANSWERED));
        cfg.options = false;
        return scenarioTrace("ipv4-fragments.pcap",
                "UDP SIP over IPv4, MTU 1000: INVITEs and 200s with large SDP IP-fragmented; every 3rd "
                        + "fragmented datagram sent last fragment first",
                cfg, Link.ethernet(), LinkType.ETHERNET, false, 1000, 3);
    }

    public static Built ipv6Fragments() {
        DirectRoutingScenario.Sbc sbc = new DirectRoutingScenario.Sbc("sbc6.contoso.com", "2001:db8:113::10",
                WireTransport.UDP, 5068, "AudioCodes/Mediant VE SBC/7.40A.250.003", "Mediant VE SBC/v.7.40A.250.003");
        DirectRoutingScenario.Config cfg = small(8, List.of(sbc), 8).richSdp(true).retransmissions(0)
                .proxies(List.of(new DirectRoutingScenario.Proxy("sip.pstnhub.microsoft.com", "2001:db8:52::148")))
                .mix(only(DirectRoutingScenario.Kind.OUT_ANSWERED, DirectRoutingScenario.Kind.IN_ANSWERED));
        cfg.options = false;
        return scenarioTrace("ipv6-fragments.pcap",
                "UDP SIP over IPv6 (documentation addresses; Microsoft recognisable by FQDN and banner), MTU 1280: "
                        + "large messages sent as IPv6 fragments; every 3rd fragmented datagram reversed",
                cfg, Link.ethernet(), LinkType.ETHERNET, false, 1280, 3);
    }

    public static Built vlanQinq() {
        DirectRoutingScenario.Config cfg = small(9, List.of(DirectRoutingScenario.sbc1Tcp(),
                DirectRoutingScenario.sbc2Udp()), 14);
        cfg.durationSeconds = 300;
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        List<Frame> frames = new ArrayList<>();
        Link qinq = Link.vlan(new int[][] {{Packets.ETH_QINQ, 200}, {Packets.ETH_VLAN, 300}});
        Link dot1q = Link.vlan(new int[][] {{Packets.ETH_VLAN, 100}});
        TraceAssembler as = new TraceAssembler(frames::add, new Link[] {qinq, dot1q},
                w -> w.src().ip().equals("203.0.113.10") || w.dst().ip().equals("203.0.113.10") ? 0 : 1, 1500);
        sc.generate(as::add);
        ExpectedFacts f = sc.expected();
        f.trace = "vlan-qinq.pcap";
        f.description = "Ethernet with VLAN tags: sbc1 (TCP) traffic in QinQ (outer 0x88a8 vid 200, inner 0x8100 "
                + "vid 300), sbc2 (UDP) in a single 802.1Q tag vid 100";
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        return new Built(f.trace, pcap(frames, LinkType.ETHERNET, false), f);
    }

    public static Built sll2() {
        DirectRoutingScenario.Config cfg = small(10, List.of(DirectRoutingScenario.sbc1Tcp(),
                DirectRoutingScenario.sbc2Udp()), 12);
        cfg.durationSeconds = 300;
        return scenarioTrace("sll2.pcap", "Linux cooked capture v2 (link type 276, what tcpdump -i any writes), "
                + "TCP and UDP SIP", cfg, Link.sll2(3), LinkType.LINUX_SLL2, false, 1500, 0);
    }

    public static Built multiInterface() {
        DirectRoutingScenario.Sbc sbc3 = new DirectRoutingScenario.Sbc("sbc3.fabrikam.com", "198.51.100.30",
                WireTransport.UDP, 5061, "Ribbon/SBC 5400/11.1", "Ribbon SBC 5400 V11.01");
        DirectRoutingScenario.Config cfg = small(11, List.of(DirectRoutingScenario.sbc1Tcp(),
                DirectRoutingScenario.sbc2Udp(), sbc3), 18);
        cfg.durationSeconds = 300;
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(bo)) {
            w.addInterface(LinkType.ETHERNET, "eth0");
            w.addInterface(LinkType.LINUX_SLL2, "any");
            w.addInterface(LinkType.RAW, "tun0");
            TraceAssembler as = new TraceAssembler(fr -> {
                try {
                    w.write(fr);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, new Link[] {Link.ethernet(), Link.sll2(2), Link.raw()}, wire -> {
                String a = wire.src().ip() + " " + wire.dst().ip();
                return a.contains("203.0.113.10") ? 0 : a.contains("203.0.113.20") ? 1 : 2;
            }, 1500);
            sc.generate(as::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExpectedFacts f = sc.expected();
        f.trace = "multi-interface.pcapng";
        f.description = "pcapng with three interfaces of different link types: Ethernet (sbc1, TCP), "
                + "Linux SLL2 (sbc2, UDP), raw IP (sbc3.fabrikam.com, UDP 5061)";
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        return new Built(f.trace, bo.toByteArray(), f);
    }

    public static Built nsTimestamps() {
        DirectRoutingScenario.Config cfg = small(12, List.of(DirectRoutingScenario.sbc2Udp()), 6);
        cfg.durationSeconds = 240;
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        List<Frame> frames = new ArrayList<>();
        // sub-microsecond parts that a microsecond reader would lose
        TraceAssembler as = new TraceAssembler(fr -> frames.add(new Frame(fr.epochNanos() + 123 + (frames.size() % 7)
                * 101, fr.interfaceId(), fr.data())), Link.ethernet());
        sc.generate(as::add);
        ExpectedFacts f = sc.expected();
        f.trace = "ns-timestamps.pcap";
        f.description = "pcap with nanosecond timestamps (magic a1b23c4d); frame times carry sub-microsecond "
                + "digits (123..729 ns added)";
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        return new Built(f.trace, pcap(frames, LinkType.ETHERNET, true), f);
    }

    public static Built microsoftFailures() {
        DirectRoutingScenario.Config cfg = small(13, List.of(DirectRoutingScenario.sbc1Tcp(),
                DirectRoutingScenario.sbc2Udp()), 24)
                .mix(only(DirectRoutingScenario.Kind.IN_MS_NO_TRUNK, DirectRoutingScenario.Kind.IN_MS_NO_ROUTE,
                        DirectRoutingScenario.Kind.IN_MS_NO_ENDPOINTS, DirectRoutingScenario.Kind.IN_MS_BUSY,
                        DirectRoutingScenario.Kind.OUT_SLOW_SBC, DirectRoutingScenario.Kind.IN_NO_ACK,
                        DirectRoutingScenario.Kind.IN_SBC_CANCEL_ELSEWHERE));
        cfg.options = false;
        cfg.oneOfEachKindPerSbc = false;
        return scenarioTrace("microsoft-failures.pcap", "Microsoft-side failures on inbound calls (510532, 510559, "
                + "10037, busy-on-busy 486) with REASON Q.850 text phrases, plus the 500001 (slow SBC, Microsoft "
                + "CANCELs at 10 s), 1106 (200 OK never ACKed, Microsoft BYEs) and 540200 patterns", cfg,
                Link.ethernet(), LinkType.ETHERNET, false, 1500, 0);
    }

    public static Built erspan() {
        DirectRoutingScenario.Config cfg = small(17, List.of(DirectRoutingScenario.sbc1Tcp(),
                DirectRoutingScenario.sbc2Udp()), 8);
        cfg.durationSeconds = 180;
        return scenarioTrace("erspan.pcap", "SBC traffic from a remote mirror port: Ethernet/IPv4 10.20.0.1 -> "
                + "10.20.0.99 / GRE (with sequence numbers) / ERSPAN type II session 7 / original Ethernet frame; "
                + "TCP and UDP SIP inside", cfg, Link.erspanII("10.20.0.1", "10.20.0.99", 7), LinkType.ETHERNET,
                false, 1400, 0);
    }

    /** pcapng written big-endian (as some Solaris/AIX/network-appliance captures are). */
    public static Built bigEndian() {
        DirectRoutingScenario.Config cfg = small(18, List.of(DirectRoutingScenario.sbc1Tcp(),
                DirectRoutingScenario.sbc2Udp()), 8);
        cfg.durationSeconds = 180;
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(bo, ByteOrder.BIG_ENDIAN)) {
            w.addInterface(LinkType.ETHERNET, "bond0");
            TraceAssembler as = new TraceAssembler(fr -> {
                try {
                    w.write(fr);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Link.ethernet());
            sc.generate(as::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExpectedFacts f = sc.expected();
        f.trace = "big-endian.pcapng";
        f.description = "pcapng in big-endian byte order (section header magic 1a2b3c4d read as big-endian)";
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        return new Built(f.trace, bo.toByteArray(), f);
    }

    /** A UDP-only trace whose last record is cut short; the expected facts exclude that message. */
    public static Built truncated() {
        DirectRoutingScenario.Config cfg = small(14, List.of(DirectRoutingScenario.sbc2Udp()), 5);
        cfg.durationSeconds = 180;
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        List<SipWire> wires = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        TraceAssembler as = new TraceAssembler(frames::add, Link.ethernet());
        sc.generate(w -> {
            wires.add(w);
            as.add(w);
        });
        if (frames.size() != wires.size()) {
            throw new IllegalStateException("truncated trace needs one frame per message");
        }
        byte[] full = pcap(frames, LinkType.ETHERNET, false);
        Frame last = frames.get(frames.size() - 1);
        int cut = full.length - last.data().length + last.data().length / 3;
        byte[] bytes = java.util.Arrays.copyOf(full, cut);
        ExpectedFacts f = sc.expected();
        f.uncountMessage(wires.get(wires.size() - 1).bytes());
        f.brokenFrames.put(frames.size(), "truncated-record");
        f.trace = "truncated.pcap";
        f.description = "UDP trace whose last record is cut in the middle (file ends 1/3 into the frame): "
                + "the reader must report pcap truncation at frame " + frames.size() + " and keep the "
                + (frames.size() - 1) + " complete frames";
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        return new Built(f.trace, bytes, f);
    }

    /** Valid SIP frames with garbage frames between them. */
    public static Built garbageFrames() {
        DirectRoutingScenario.Config cfg = small(15, List.of(DirectRoutingScenario.sbc2Udp()), 5);
        cfg.durationSeconds = 180;
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        List<Frame> frames = new ArrayList<>();
        TraceAssembler as = new TraceAssembler(frames::add, Link.ethernet());
        sc.generate(as::add);
        Random r = new Random(15);
        List<Frame> out = new ArrayList<>();
        Endpoint a = Endpoint.of("203.0.113.20", 5060);
        Endpoint b = Endpoint.of("52.114.148.0", 5060);
        int i = 0;
        List<String> kinds = List.of("random-bytes", "runt-frame", "ip-total-length-exceeds-frame",
                "non-sip-payload-on-5060", "ipv4-ihl-below-5", "tcp-data-offset-past-end", "unknown-ethertype",
                "snapped-frame");
        java.util.TreeMap<Integer, String> broken = new java.util.TreeMap<>();
        for (Frame fr : frames) {
            out.add(fr);
            broken.put(out.size() + 1, kinds.get(i % 8));
            long t = fr.epochNanos() + 1000;
            switch (i++ % 8) {
                case 0: { // random bytes
                    byte[] g = new byte[40 + r.nextInt(200)];
                    r.nextBytes(g);
                    out.add(new Frame(t, g));
                    break;
                }
                case 1: // runt Ethernet frame
                    out.add(new Frame(t, new byte[] {1, 2, 3, 4, 5}));
                    break;
                case 2: { // IPv4 total length larger than the frame
                    byte[] junk = new byte[24];
                    r.nextBytes(junk);
                    junk[0] = 0;
                    byte[] ip = Packets.ip(a, b, Packets.PROTO_UDP, 7, Packets.udp(a, b, junk));
                    ip[2] = (byte) 0x0f;
                    out.add(new Frame(t, Link.ethernet().wrap(ip)));
                    break;
                }
                case 3: { // binary payload on the SIP port
                    byte[] g = new byte[120];
                    r.nextBytes(g);
                    g[0] = 0x16; // looks like a TLS record, not SIP
                    out.add(new Frame(t, Link.ethernet().wrap(Packets.ip(a, b, Packets.PROTO_UDP, 8,
                            Packets.udp(a, b, g)))));
                    break;
                }
                case 4: { // IPv4 header with IHL < 5
                    byte[] ip = Packets.ip(a, b, Packets.PROTO_UDP, 9, Packets.udp(a, b, new byte[16]));
                    ip[0] = 0x42;
                    out.add(new Frame(t, Link.ethernet().wrap(ip)));
                    break;
                }
                case 5: { // TCP with a data offset beyond the segment
                    Endpoint ta = a.withPort(40000);
                    Endpoint tb = b.withPort(5061);
                    byte[] seg = Packets.tcp(ta, tb, 1, 1, Packets.TCP_ACK | Packets.TCP_PSH, 100, new byte[4]);
                    seg[12] = (byte) 0xf0;
                    out.add(new Frame(t, Link.ethernet().wrap(Packets.ip(ta, tb, Packets.PROTO_TCP, 10, seg))));
                    break;
                }
                case 6: { // unknown ethertype
                    byte[] g = new byte[60];
                    r.nextBytes(g);
                    out.add(new Frame(t, Packets.ethernet(Link.MAC_A, Link.MAC_B, null, 0x88b5, g)));
                    break;
                }
                default: { // snapped frame: captured length shorter than the original
                    byte[] ip = Packets.ip(a, b, Packets.PROTO_UDP, 11, Packets.udp(a, b, new byte[300]));
                    byte[] eth = Link.ethernet().wrap(ip);
                    out.add(new Frame(t, 0, java.util.Arrays.copyOf(eth, 60), eth.length));
                }
            }
        }
        ExpectedFacts f = sc.expected();
        f.brokenFrames.putAll(broken);
        f.trace = "garbage-frames.pcap";
        f.description = "valid UDP SIP frames (odd frame numbers) each followed by a broken one: random bytes, runt "
                + "frame, IPv4 total length too large, binary payload on port 5060, IHL < 5, TCP data offset past "
                + "the end, unknown ethertype, snapped frame";
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        return new Built(f.trace, pcap(out, LinkType.ETHERNET, false), f);
    }

    // --------------------------------------------------------------------------- TCP segmentation

    /**
     * One TCP connection Microsoft -> SBC:5067 carrying a call, cut every way TCP can: a message over
     * several segments, several messages in one segment, a header split inside CRLFCRLF, an identical
     * retransmission, two segments out of order. A second connection loses one segment: the message
     * in it is lost, the next message starts a fresh segment.
     */
    public static Built tcpSegmentation() {
        ExpectedFacts f = new ExpectedFacts();
        List<Frame> frames = new ArrayList<>();
        TraceAssembler as = new TraceAssembler(frames::add, Link.ethernet());
        DirectRoutingScenario.Config cfg = small(16, List.of(DirectRoutingScenario.sbc1Tcp()), 3).richSdp(true)
                .mix(only(DirectRoutingScenario.Kind.OUT_ANSWERED));
        cfg.options = false;
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        List<SipWire> msgs = sc.generate().messages();
        ExpectedFacts gen = sc.expected();
        long t = msgs.get(0).epochNanos();
        Endpoint ms = msgs.get(0).src();
        Endpoint sbc = msgs.get(0).dst();
        TcpConnection c = as.connection(ms, sbc);
        for (TcpConnection.Segment s : c.handshake()) {
            as.emitSegment(t, 0, s);
        }
        // group messages per direction in order; cut each group's byte stream in a chosen way
        int mode = 0;
        List<SipWire> pendingSameDir = new ArrayList<>();
        for (int i = 0; i < msgs.size(); i++) {
            SipWire w = msgs.get(i);
            f.countMessage(w.bytes(), w.retransmission(), w.epochNanos());
            pendingSameDir.add(w);
            boolean lastOfRun = i + 1 == msgs.size() || !msgs.get(i + 1).src().equals(w.src())
                    || msgs.get(i + 1).epochNanos() - w.epochNanos() > 3_000_000_000L;
            if (!lastOfRun) {
                continue;
            }
            ByteArrayOutputStream run = new ByteArrayOutputStream();
            for (SipWire p : pendingSameDir) {
                run.writeBytes(p.bytes());
            }
            byte[] data = run.toByteArray();
            long tt = w.epochNanos();
            Endpoint src = w.src();
            switch (mode++ % 5) {
                case 0: { // split into 3 uneven segments
                    int a = data.length / 5;
                    int b = data.length / 2;
                    sendSlice(as, c, src, tt, data, 0, a);
                    sendSlice(as, c, src, tt + 10_000, data, a, b);
                    sendSlice(as, c, src, tt + 20_000, data, b, data.length);
                    as.emitSegment(tt + 30_000, 0, c.ack(src.equals(ms) ? sbc : ms));
                    break;
                }
                case 1: { // whole run in as few segments as MSS allows (several messages per segment)
                    for (TcpConnection.Segment s : c.sendAll(src, data)) {
                        as.emitSegment(tt, 0, s);
                    }
                    break;
                }
                case 2: { // cut inside the blank line ending the headers, then retransmit the 2nd segment
                    int hdrEnd = indexOf(data, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 2;
                    sendSlice(as, c, src, tt, data, 0, hdrEnd);
                    long seq = c.nextSeq(src);
                    byte[] second = java.util.Arrays.copyOfRange(data, hdrEnd, data.length);
                    as.emitSegment(tt + 5_000, 0, c.send(src, second));
                    as.emitSegment(tt + 205_000_000L, 0, c.segmentAt(src, seq, second));
                    break;
                }
                case 3: { // two segments out of order
                    int a = data.length / 2;
                    long seqA = c.nextSeq(src);
                    byte[] first = java.util.Arrays.copyOfRange(data, 0, a);
                    byte[] second = java.util.Arrays.copyOfRange(data, a, data.length);
                    c.skip(src, first.length);
                    as.emitSegment(tt, 0, c.send(src, second));
                    as.emitSegment(tt + 2_000, 0, c.segmentAt(src, seqA, first));
                    break;
                }
                default: { // byte-by-byte start: 1, 2, 3 bytes, then the rest
                    int off = 0;
                    for (int n = 1; n <= 3 && off + n < data.length; n++) {
                        sendSlice(as, c, src, tt + off * 1000L, data, off, off + n);
                        off += n;
                    }
                    sendSlice(as, c, src, tt + 10_000, data, off, data.length);
                }
            }
            pendingSameDir.clear();
        }
        f.trace = "tcp-segmentation.pcap";
        f.description = "TCP Microsoft -> sbc1:5067, one call: messages split over 3 segments, several messages in "
                + "one segment, headers cut inside CRLFCRLF, an identical retransmitted segment (not a SIP "
                + "retransmission), two segments out of order, 1-2-3-byte segments (tshark needs "
                + "tcp.reassemble_out_of_order:TRUE for the out-of-order ones)";
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        f.tsharkOptions.add("tcp.reassemble_out_of_order:TRUE");
        f.scenarios.putAll(gen.scenarios);
        f.sbcs.putAll(gen.sbcs);
        return new Built(f.trace, pcap(frames, LinkType.ETHERNET, false), f);
    }

    /**
     * SBC -> Microsoft:5061 over TCP: three OPTIONS; the 2nd loses its tail segment, so it is lost
     * and the reader must re-synchronise on the 3rd (which starts a fresh segment).
     */
    public static Built tcpLoss() {
        ExpectedFacts f = new ExpectedFacts();
        List<Frame> frames = new ArrayList<>();
        TraceAssembler as = new TraceAssembler(frames::add, Link.ethernet());
        long t2 = 1793664000L * 1_000_000_000L + 11 * 3_600_000_000_000L;
        // second connection (SBC -> Microsoft:5061): OPTIONS, a lost segment inside an OPTIONS, OPTIONS
        Endpoint sbcC = Endpoint.of("203.0.113.10", 41234);
        Endpoint msS = Endpoint.of("52.114.148.0", 5061);
        TcpConnection c2 = as.connection(sbcC, msS);
        for (TcpConnection.Segment s : c2.handshake()) {
            as.emitSegment(t2, 0, s);
        }
        for (int k = 0; k < 3; k++) {
            byte[] opt = ("OPTIONS sip:sip.pstnhub.microsoft.com:5061;transport=tls SIP/2.0\r\n"
                    + "Via: SIP/2.0/TLS 203.0.113.10:41234;branch=z9hG4bKlost" + k + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:sbc1.contoso.com:5067>;tag=lost" + k + "\r\n"
                    + "To: <sip:sip.pstnhub.microsoft.com:5061>\r\nCall-ID: lost-segment-" + k + "@203.0.113.10\r\n"
                    + "CSeq: " + (k + 1) + " OPTIONS\r\nContact: <sip:sbc1.contoso.com:5067;transport=tls>\r\n"
                    + "X-MS-SBC: AudioCodes/Mediant VE SBC/7.40A.250.003\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            long tk = t2 + (k + 1) * 1_000_000_000L;
            f.countMessage(opt, false, tk);
            if (k == 1) {
                // the middle of this message is lost: first part sent, rest never captured
                int a = 60;
                sendSlice(as, c2, sbcC, tk, opt, 0, a);
                c2.skip(sbcC, opt.length - a);
                f.uncountMessage(opt);
            } else {
                as.emitSegment(tk, 0, c2.send(sbcC, opt));
            }
        }
        f.trace = "tcp-loss.pcap";
        f.description = "TCP SBC -> Microsoft:5061, three OPTIONS; the 2nd loses everything after its first 60 bytes "
                + "(segment never captured): 2 messages readable, 1 lost, reader re-synchronises on the 3rd";
        f.tsharkDecodeAs.addAll(DECODE_AS_DR);
        f.sbc("sbc1.contoso.com", "203.0.113.10");
        return new Built(f.trace, pcap(frames, LinkType.ETHERNET, false), f);
    }

    private static void sendSlice(TraceAssembler as, TcpConnection c, Endpoint src, long t, byte[] data, int from,
            int to) {
        if (to > from) {
            as.emitSegment(t, 0, c.send(src, java.util.Arrays.copyOfRange(data, from, to)));
        }
    }

    static int indexOf(byte[] h, byte[] n) {
        outer:
        for (int i = 0; i + n.length <= h.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (h[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
