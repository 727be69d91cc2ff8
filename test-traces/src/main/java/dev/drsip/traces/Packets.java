package dev.drsip.traces;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builders for link, IP, UDP and TCP headers with correct checksums, and IPv4/IPv6 fragmentation.
 * Everything returns fresh byte arrays; nothing depends on the clock or on randomness.
 */
public final class Packets {
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_GRE = 47;
    public static final int PROTO_IPV6_FRAG = 44;
    public static final int ETH_IPV4 = 0x0800;
    public static final int ETH_IPV6 = 0x86DD;
    public static final int ETH_VLAN = 0x8100;
    public static final int ETH_QINQ = 0x88A8;
    public static final int ETH_ERSPAN_II = 0x88BE;

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;

    private Packets() {
    }

    // ---------------------------------------------------------------- checksums

    static long sum16(byte[] b, int off, int len, long acc) {
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            acc += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            acc += (b[i] & 0xff) << 8;
        }
        return acc;
    }

    static int fold(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) (~acc & 0xffff);
    }

    static int transportChecksum(byte[] src, byte[] dst, int proto, byte[] seg) {
        long acc = sum16(src, 0, src.length, 0);
        acc = sum16(dst, 0, dst.length, acc);
        if (src.length == 4) {
            acc += proto;
            acc += seg.length;
        } else {
            acc += (seg.length >>> 16) + (seg.length & 0xffff);
            acc += proto;
        }
        acc = sum16(seg, 0, seg.length, acc);
        return fold(acc);
    }

    // ---------------------------------------------------------------- transport

    public static byte[] udp(Endpoint src, Endpoint dst, byte[] payload) {
        byte[] seg = new byte[8 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(seg);
        b.putShort((short) src.port()).putShort((short) dst.port());
        b.putShort((short) seg.length).putShort((short) 0);
        b.put(payload);
        int c = transportChecksum(src.address(), dst.address(), PROTO_UDP, seg);
        if (c == 0) {
            c = 0xffff;
        }
        seg[6] = (byte) (c >>> 8);
        seg[7] = (byte) c;
        return seg;
    }

    public static byte[] tcp(Endpoint src, Endpoint dst, long seq, long ack, int flags, int window,
            byte[] payload) {
        boolean syn = (flags & TCP_SYN) != 0;
        int hlen = syn ? 24 : 20;
        byte[] seg = new byte[hlen + payload.length];
        ByteBuffer b = ByteBuffer.wrap(seg);
        b.putShort((short) src.port()).putShort((short) dst.port());
        b.putInt((int) seq).putInt((int) ack);
        b.put((byte) ((hlen / 4) << 4)).put((byte) flags);
        b.putShort((short) window).putShort((short) 0).putShort((short) 0);
        if (syn) {
            b.put((byte) 2).put((byte) 4).putShort((short) 1460); // MSS option
        }
        b.put(payload);
        int c = transportChecksum(src.address(), dst.address(), PROTO_TCP, seg);
        seg[16] = (byte) (c >>> 8);
        seg[17] = (byte) c;
        return seg;
    }

    // ---------------------------------------------------------------- IP

    public static byte[] ipv4(byte[] src, byte[] dst, int proto, int id, int ttl, byte[] payload) {
        return ipv4Raw(src, dst, proto, id, ttl, 0, false, payload);
    }

    /** An IPv4 packet with explicit fragment offset (bytes, multiple of 8) and MF flag. */
    public static byte[] ipv4Raw(byte[] src, byte[] dst, int proto, int id, int ttl, int fragOffset,
            boolean moreFragments, byte[] payload) {
        byte[] p = new byte[20 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put((byte) 0x45).put((byte) 0);
        b.putShort((short) p.length).putShort((short) id);
        int flagsOff = (fragOffset / 8) | (moreFragments ? 0x2000 : 0);
        if (fragOffset == 0 && !moreFragments && payload.length <= 1480) {
            flagsOff |= 0x4000; // DF on unfragmented packets
        }
        b.putShort((short) flagsOff);
        b.put((byte) ttl).put((byte) proto).putShort((short) 0);
        b.put(src).put(dst);
        int c = fold(sum16(p, 0, 20, 0));
        p[10] = (byte) (c >>> 8);
        p[11] = (byte) c;
        System.arraycopy(payload, 0, p, 20, payload.length);
        return p;
    }

    public static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, int hopLimit, byte[] payload) {
        byte[] p = new byte[40 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.putInt(0x60000000);
        b.putShort((short) payload.length).put((byte) nextHeader).put((byte) hopLimit);
        b.put(src).put(dst).put(payload);
        return p;
    }

    /** IP packet (v4 or v6 after the endpoints) around a transport segment. */
    public static byte[] ip(Endpoint src, Endpoint dst, int proto, int id, byte[] segment) {
        return src.isV6() ? ipv6(src.address(), dst.address(), proto, 64, segment)
                : ipv4(src.address(), dst.address(), proto, id, 64, segment);
    }

    /**
     * Splits an IPv4 packet (header 20 bytes) into fragments whose IP payload is at most
     * {@code maxPayload} bytes (rounded down to a multiple of 8).
     */
    public static List<byte[]> fragmentIpv4(byte[] packet, int maxPayload) {
        int unit = maxPayload & ~7;
        byte[] src = slice(packet, 12, 4);
        byte[] dst = slice(packet, 16, 4);
        int proto = packet[9] & 0xff;
        int id = ((packet[4] & 0xff) << 8) | (packet[5] & 0xff);
        int ttl = packet[8] & 0xff;
        byte[] payload = slice(packet, 20, packet.length - 20);
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < payload.length; off += unit) {
            int n = Math.min(unit, payload.length - off);
            boolean more = off + n < payload.length;
            out.add(ipv4Raw(src, dst, proto, id, ttl, off, more, slice(payload, off, n)));
        }
        return out;
    }

    /**
     * Splits an IPv6 packet (no extension headers) into fragments with a Fragment header
     * (identification {@code id}) whose fragmentable part is at most {@code maxPayload} bytes.
     */
    public static List<byte[]> fragmentIpv6(byte[] packet, int id, int maxPayload) {
        int unit = maxPayload & ~7;
        byte[] src = slice(packet, 8, 16);
        byte[] dst = slice(packet, 24, 16);
        int next = packet[6] & 0xff;
        int hop = packet[7] & 0xff;
        byte[] payload = slice(packet, 40, packet.length - 40);
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < payload.length; off += unit) {
            int n = Math.min(unit, payload.length - off);
            boolean more = off + n < payload.length;
            byte[] fh = new byte[8 + n];
            ByteBuffer b = ByteBuffer.wrap(fh);
            b.put((byte) next).put((byte) 0);
            b.putShort((short) (off | (more ? 1 : 0)));
            b.putInt(id);
            b.put(payload, off, n);
            out.add(ipv6(src, dst, PROTO_IPV6_FRAG, hop, fh));
        }
        return out;
    }

    // ---------------------------------------------------------------- links

    public static int etherTypeOf(byte[] ipPacket) {
        return ((ipPacket[0] & 0xf0) == 0x60) ? ETH_IPV6 : ETH_IPV4;
    }

    /**
     * Ethernet II frame; {@code vlanTags} outermost first, each {@code {tpid, vid}} (tpid 0x88a8 for
     * the outer QinQ tag, 0x8100 otherwise).
     */
    public static byte[] ethernet(byte[] dstMac, byte[] srcMac, int[][] vlanTags, int etherType,
            byte[] payload) {
        int tags = vlanTags == null ? 0 : vlanTags.length;
        byte[] f = new byte[14 + 4 * tags + payload.length];
        ByteBuffer b = ByteBuffer.wrap(f);
        b.put(dstMac).put(srcMac);
        for (int i = 0; i < tags; i++) {
            b.putShort((short) vlanTags[i][0]).putShort((short) (vlanTags[i][1] & 0x0fff));
        }
        b.putShort((short) etherType).put(payload);
        return f;
    }

    /** Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 276). */
    public static byte[] sll2(int protocol, int ifIndex, int packetType, byte[] mac, byte[] payload) {
        byte[] f = new byte[20 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(f);
        b.putShort((short) protocol).putShort((short) 0).putInt(ifIndex);
        b.putShort((short) 1).put((byte) packetType).put((byte) mac.length);
        byte[] addr = new byte[8];
        System.arraycopy(mac, 0, addr, 0, Math.min(8, mac.length));
        b.put(addr).put(payload);
        return f;
    }

    /** GRE (with sequence number) carrying ERSPAN type II around an Ethernet frame. */
    public static byte[] greErspanII(int greSeq, int sessionId, int vlan, int index, byte[] ethFrame) {
        byte[] p = new byte[8 + 8 + ethFrame.length];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.putShort((short) 0x1000).putShort((short) ETH_ERSPAN_II).putInt(greSeq);
        // ERSPAN II: ver=1, VLAN, COS/En/T, session id, reserved, index
        b.putShort((short) ((1 << 12) | (vlan & 0x0fff)));
        b.putShort((short) (sessionId & 0x03ff));
        b.putInt(index & 0x000fffff);
        b.put(ethFrame);
        return p;
    }

    public static byte[] mac(int... octets) {
        byte[] m = new byte[6];
        for (int i = 0; i < 6; i++) {
            m[i] = (byte) octets[i];
        }
        return m;
    }

    static byte[] slice(byte[] b, int off, int len) {
        byte[] r = new byte[len];
        System.arraycopy(b, off, r, 0, len);
        return r;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
