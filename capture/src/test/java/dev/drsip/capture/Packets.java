package dev.drsip.capture;

import dev.drsip.sip.IpAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: builds link, tunnel, IP, UDP and TCP headers around payloads (network byte order). */
final class Packets {
    private Packets() {
    }

    static byte[] sip(String firstLine) {
        String s = firstLine + "\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\nCall-ID: abc\r\nCSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] invite() {
        return sip("INVITE sip:+15551234@sbc.example.com SIP/2.0");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] be32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] addr(String a) {
        return IpAddress.parse(a).toBytes();
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return concat(be16(sport), be16(dport), be16(8 + payload.length), be16(0), payload);
    }

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, byte[] payload) {
        return concat(be16(sport), be16(dport), be32(seq), be32(ack), new byte[] {0x50, (byte) flags},
                be16(65535), be16(0), be16(0), payload);
    }

    /** IPv4 header (no options unless {@code options} given) around a transport payload. */
    static byte[] ipv4(String src, String dst, int proto, int id, int flagsFrag, byte[] payload, byte... options) {
        int ihl = 20 + options.length;
        byte[] h = concat(new byte[] {(byte) (0x40 | ihl / 4), 0}, be16(ihl + payload.length), be16(id),
                be16(flagsFrag), new byte[] {64, (byte) proto}, be16(0), addr(src), addr(dst), options);
        return concat(h, payload);
    }

    static byte[] udp4(String src, int sport, String dst, int dport, byte[] payload) {
        return ipv4(src, dst, 17, 1, 0x4000, udp(sport, dport, payload));
    }

    static byte[] ipv6(String src, String dst, int next, byte[] payload) {
        return concat(new byte[] {0x60, 0, 0, 0}, be16(payload.length), new byte[] {(byte) next, 64}, addr(src),
                addr(dst), payload);
    }

    static byte[] udp6(String src, int sport, String dst, int dport, byte[] payload) {
        return ipv6(src, dst, 17, udp(sport, dport, payload));
    }

    static byte[] ethernet(int etherType, byte[] payload, int... tags) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
        for (int i = 0; i + 1 < tags.length; i += 2) {
            o.writeBytes(be16(tags[i]));
            o.writeBytes(be16(tags[i + 1]));
        }
        o.writeBytes(be16(etherType));
        o.writeBytes(payload);
        return o.toByteArray();
    }

    static byte[] eth4(byte[] ipPacket) {
        return ethernet(0x0800, ipPacket);
    }

    static byte[] sll(int proto, byte[] payload) {
        return concat(be16(0), be16(1), be16(6), new byte[] {2, 0, 0, 0, 0, 1, 0, 0}, be16(proto), payload);
    }

    static byte[] sll2(int proto, byte[] payload) {
        return concat(be16(proto), be16(0), be32(3), be16(1), new byte[] {0, 6}, new byte[] {2, 0, 0, 0, 0, 1, 0, 0},
                payload);
    }

    static byte[] nullLink(int family, boolean littleEndian, byte[] payload) {
        byte[] f = be32(family);
        if (littleEndian) {
            f = new byte[] {f[3], f[2], f[1], f[0]};
        }
        return concat(f, payload);
    }

    /** GRE with optional checksum, key and sequence number. */
    static byte[] gre(int proto, boolean checksum, Long key, Long seq, byte[] payload) {
        int flags = (checksum ? 0x8000 : 0) | (key != null ? 0x2000 : 0) | (seq != null ? 0x1000 : 0);
        return concat(be16(flags), be16(proto), checksum ? be32(0) : new byte[0], key != null ? be32(key) : new byte[0],
                seq != null ? be32(seq) : new byte[0], payload);
    }

    static byte[] erspan2(byte[] ethernetFrame) {
        return concat(new byte[] {0x10, 0x01, 0x00, 0x05, 0, 0, 0, 0}, ethernetFrame);
    }

    /** ERSPAN III header: frame type 0 (Ethernet) or 2 (IP), optional 8-byte platform sub-header. */
    static byte[] erspan3(byte[] payload, int frameType, boolean platform) {
        byte[] h = new byte[12];
        h[0] = 0x20;
        h[3] = 0x05;
        h[10] = (byte) ((frameType & 0x1f) << 2);
        h[11] = (byte) (platform ? 1 : 0);
        return concat(h, platform ? new byte[] {0x0c, 0, 0, 1, 0, 0, 0, 0} : new byte[0], payload);
    }

    static byte[] vxlan(byte[] ethernetFrame) {
        return concat(new byte[] {0x08, 0, 0, 0, 0, 0, 1, 0}, ethernetFrame);
    }

    static byte[] tag(int tag, byte[] value) {
        int padded = (value.length + 3) & ~3;
        byte[] v = java.util.Arrays.copyOf(value, padded);
        return concat(be16(tag), be16(padded), v);
    }

    /** Wireshark exported PDU: protocol name, addresses, port type (2 TCP, 3 UDP), ports, then the PDU. */
    static byte[] exportedPdu(String proto, String src, String dst, int portType, int sport, int dport, byte[] pdu) {
        boolean v6 = src.contains(":");
        return concat(tag(12, proto.getBytes(StandardCharsets.US_ASCII)), tag(v6 ? 22 : 20, addr(src)),
                tag(v6 ? 23 : 21, addr(dst)), tag(24, be32(portType)), tag(25, be32(sport)), tag(26, be32(dport)),
                be16(0), be16(0), pdu);
    }

    /** Splits a transport payload into IPv4 fragments of at most {@code size} (multiple of 8) bytes. */
    static List<byte[]> fragments4(String src, String dst, int proto, int id, byte[] transport, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < transport.length; off += size) {
            int n = Math.min(size, transport.length - off);
            boolean more = off + n < transport.length;
            byte[] piece = java.util.Arrays.copyOfRange(transport, off, off + n);
            out.add(ipv4(src, dst, proto, id, (more ? 0x2000 : 0) | (off / 8), piece));
        }
        return out;
    }

    /** IPv6 fragments (with a destination-options header before the fragment header). */
    static List<byte[]> fragments6(String src, String dst, int proto, long id, byte[] transport, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < transport.length; off += size) {
            int n = Math.min(size, transport.length - off);
            boolean more = off + n < transport.length;
            byte[] frag = concat(new byte[] {(byte) proto, 0}, be16(off | (more ? 1 : 0)), be32(id));
            byte[] destOpts = new byte[] {44, 0, 1, 4, 0, 0, 0, 0}; // next = fragment, PadN
            byte[] piece = java.util.Arrays.copyOfRange(transport, off, off + n);
            out.add(ipv6(src, dst, 60, concat(destOpts, frag, piece)));
        }
        return out;
    }
}
