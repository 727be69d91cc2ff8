package dev.drsip.traces;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Turns SIP messages into captured frames: UDP datagrams (IP-fragmented above the MTU) and TCP
 * connections opened on first use (three-way handshake, real sequence numbers, MSS-sized segments),
 * wrapped in the link of the interface chosen for each message. Frame times never go backwards.
 */
public final class TraceAssembler {
    private final Consumer<Frame> sink;
    private final Link[] links;
    private final ToIntFunction<SipWire> interfaceOf;
    private final Map<String, TcpConnection> connections = new HashMap<>();
    private final int mtu;
    private int ipId = 0x1200;
    private int fragId = 0x5a000000;
    private long lastTime = Long.MIN_VALUE;
    private long isnState = 0x2545F491L;
    private long frames;
    private int reverseFragmentsEvery;
    private int fragmented;

    public TraceAssembler(Consumer<Frame> sink, Link link) {
        this(sink, new Link[] {link}, w -> 0, 1500);
    }

    public TraceAssembler(Consumer<Frame> sink, Link[] links, ToIntFunction<SipWire> interfaceOf, int mtu) {
        this.sink = sink;
        this.links = links;
        this.interfaceOf = interfaceOf;
        this.mtu = mtu;
    }

    /** Every n-th fragmented datagram is sent last fragment first (0 = never). */
    public TraceAssembler reverseFragmentsEvery(int n) {
        reverseFragmentsEvery = n;
        return this;
    }

    public long frames() {
        return frames;
    }

    public void add(SipWire w) {
        int iface = interfaceOf.applyAsInt(w);
        if (w.transport() == WireTransport.UDP) {
            udp(w.epochNanos(), iface, w.src(), w.dst(), w.bytes());
        } else {
            tcp(w.epochNanos(), iface, w.src(), w.dst(), w.bytes());
        }
    }

    public void udp(long t, int iface, Endpoint src, Endpoint dst, byte[] payload) {
        byte[] seg = Packets.udp(src, dst, payload);
        byte[] ip = Packets.ip(src, dst, Packets.PROTO_UDP, nextIpId(), seg);
        int maxIp = src.isV6() ? mtu - 40 - 8 : mtu - 20;
        if (ip.length <= mtu) {
            emit(t, iface, ip);
            return;
        }
        List<byte[]> frags = src.isV6() ? Packets.fragmentIpv6(ip, nextFragId(), maxIp)
                : Packets.fragmentIpv4(ip, maxIp);
        fragmented++;
        if (reverseFragmentsEvery > 0 && fragmented % reverseFragmentsEvery == 0) {
            java.util.Collections.reverse(frags);
        }
        for (byte[] f : frags) {
            emit(t, iface, f);
        }
    }

    public void tcp(long t, int iface, Endpoint src, Endpoint dst, byte[] payload) {
        TcpConnection c = connection(src, dst);
        if (!c.isOpen()) {
            for (TcpConnection.Segment s : c.handshake()) {
                emitSegment(t, iface, s);
            }
        }
        for (TcpConnection.Segment s : c.sendAll(src, payload)) {
            emitSegment(t, iface, s);
        }
    }

    /** The connection between two endpoints; the first sender becomes the client. */
    public TcpConnection connection(Endpoint src, Endpoint dst) {
        String k1 = src + ">" + dst;
        String k2 = dst + ">" + src;
        TcpConnection c = connections.get(k1);
        if (c == null) {
            c = connections.get(k2);
        }
        if (c == null) {
            c = new TcpConnection(src, dst, nextIsn(), nextIsn(), mtu - (src.isV6() ? 60 : 40));
            connections.put(k1, c);
        }
        return c;
    }

    public void emitSegment(long t, int iface, TcpConnection.Segment s) {
        emit(t, iface, Packets.ip(s.src(), s.dst(), Packets.PROTO_TCP, nextIpId(), s.bytes()));
    }

    public void emit(long t, int iface, byte[] ipPacket) {
        if (t <= lastTime) {
            t = lastTime + 1000; // keep capture order = time order, 1 us apart
        }
        lastTime = t;
        frames++;
        sink.accept(new Frame(t, iface, links[iface].wrap(ipPacket)));
    }

    private int nextIpId() {
        ipId = (ipId + 1) & 0xffff;
        return ipId;
    }

    private int nextFragId() {
        return ++fragId;
    }

    private long nextIsn() {
        // xorshift: deterministic, spread-out initial sequence numbers
        isnState ^= isnState << 13;
        isnState ^= isnState >>> 7;
        isnState ^= isnState << 17;
        return isnState & 0xffffffffL;
    }
}
