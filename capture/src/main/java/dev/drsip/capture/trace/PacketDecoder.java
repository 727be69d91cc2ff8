package dev.drsip.capture.trace;

import dev.drsip.capture.SipPorts;
import dev.drsip.capture.tcp.TcpReassembler;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.SipStartLine;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.CaptureListener;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Frame -> link layer -> (tunnels) -> IPv4/IPv6 (+ fragments) -> UDP / TCP. UDP payloads that are
 * SIP become {@link SipPacket}s; TCP segments go to the {@link TcpReassembler}. Works on the
 * reader's reused buffer; copies only what it emits. Frames it cannot decode are counted, and
 * reported when they are damaged (not merely uninteresting).
 */
public final class PacketDecoder {
    private static final int MAX_TUNNEL_DEPTH = 4;
    static final int ETH_IPV4 = 0x0800;
    static final int ETH_IPV6 = 0x86DD;

    private final CaptureListener out;
    private final SipPorts ports;
    private final TcpReassembler tcp;
    private final FragmentReassembler fragments;
    private long sipPackets;
    private long undecoded;

    // current frame context
    private long time;
    private Where where;

    public PacketDecoder(CaptureListener out, SipPorts ports, Predicate<IpAddress> microsoft) {
        this.out = out;
        this.ports = ports;
        this.tcp = new TcpReassembler(out, ports, microsoft);
        this.fragments = new FragmentReassembler(512, 30_000_000_000L, out::onProblem);
    }

    public long sipPackets() {
        return sipPackets;
    }

    public long undecoded() {
        return undecoded;
    }

    public void advanceTime(long t) {
        tcp.advanceTime(t);
        fragments.advanceTime(t);
    }

    public void finish() {
        tcp.finish();
        fragments.finish();
    }

    /** Decodes one frame; {@code where} names it in reports. */
    public void decode(RawFrame f, Where where) {
        this.time = f.timeNanos;
        this.where = where;
        byte[] b = f.data;
        int len = f.length;
        switch (f.linkType) {
            case 1 -> ethernet(b, 0, len, 0);
            case 113 -> sll(b, len);
            case 276 -> sll2(b, len);
            case 0, 108 -> loopback(b, len);
            case 12, 14, 101 -> rawIp(b, 0, len, 0);
            case 228 -> ipv4(b, 0, len, 0);
            case 229 -> ipv6(b, 0, len, 0);
            case 252 -> exportedPdu(b, len);
            default -> damaged("link.unsupported", "link type " + f.linkType + " is not supported; frame skipped");
        }
    }

    private void damaged(String reason, String detail) {
        undecoded++;
        out.onProblem(new Malformed(reason, where, detail));
    }

    private void ethernet(byte[] b, int off, int len, int depth) {
        if (len < 14) {
            damaged("link.truncated", "Ethernet frame of " + len + " bytes");
            return;
        }
        int p = off + 12;
        int end = off + len;
        int type = u16(b, p);
        p += 2;
        // 802.1Q, 802.1ad (QinQ), 0x9100
        while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
            if (p + 4 > end) {
                damaged("link.truncated", "VLAN tag cut off");
                return;
            }
            type = u16(b, p + 2);
            p += 4;
        }
        etherType(type, b, p, end - p, depth);
    }

    private void etherType(int type, byte[] b, int p, int len, int depth) {
        switch (type) {
            case ETH_IPV4 -> ipv4(b, p, len, depth);
            case ETH_IPV6 -> ipv6(b, p, len, depth);
            default -> undecoded++; // ARP, LLDP, ...: not ours
        }
    }

    private void sll(byte[] b, int len) {
        if (len < 16) {
            damaged("link.truncated", "Linux cooked (SLL) frame of " + len + " bytes");
            return;
        }
        etherType(u16(b, 14), b, 16, len - 16, 0);
    }

    private void sll2(byte[] b, int len) {
        if (len < 20) {
            damaged("link.truncated", "Linux cooked v2 (SLL2) frame of " + len + " bytes");
            return;
        }
        etherType(u16(b, 0), b, 20, len - 20, 0);
    }

    private void loopback(byte[] b, int len) {
        if (len < 4) {
            damaged("link.truncated", "loopback frame of " + len + " bytes");
            return;
        }
        // address family in host byte order of the capturing machine: accept both
        int le = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        int be = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        int af = le != 0 ? le : be;
        if (af == 2) {
            ipv4(b, 4, len - 4, 0);
        } else if (af == 10 || af == 24 || af == 28 || af == 30) {
            ipv6(b, 4, len - 4, 0);
        } else {
            undecoded++;
        }
    }

    private void rawIp(byte[] b, int off, int len, int depth) {
        if (len < 1) {
            damaged("ip.truncated", "empty raw IP frame");
            return;
        }
        int v = (b[off] & 0xff) >> 4;
        if (v == 4) {
            ipv4(b, off, len, depth);
        } else if (v == 6) {
            ipv6(b, off, len, depth);
        } else {
            damaged("ip.bad-version", "IP version " + v);
        }
    }

    private void ipv4(byte[] b, int off, int len, int depth) {
        if (len < 20 || (b[off] & 0xff) >> 4 != 4) {
            damaged("ip.truncated", "IPv4 header cut off or bad version (" + len + " bytes)");
            return;
        }
        int ihl = (b[off] & 0x0f) * 4;
        int total = u16(b, off + 2);
        if (ihl < 20 || ihl > len) {
            damaged("ip.bad-header", "IPv4 header length " + ihl);
            return;
        }
        // total length 0 happens with TSO captures: trust the frame
        int end = total == 0 ? off + len : off + Math.min(total, len);
        if (total != 0 && total < ihl) {
            damaged("ip.bad-header", "IPv4 total length " + total + " < header length " + ihl);
            return;
        }
        int flagsFrag = u16(b, off + 6);
        boolean more = (flagsFrag & 0x2000) != 0;
        int fragOff = (flagsFrag & 0x1fff) * 8;
        int proto = b[off + 9] & 0xff;
        IpAddress src = IpAddress.of(b, off + 12, 4);
        IpAddress dst = IpAddress.of(b, off + 16, 4);
        int p = off + ihl;
        if (more || fragOff != 0) {
            byte[] whole = fragments.add(time, where, src, dst, u16(b, off + 4), proto, fragOff, more, b, p, end - p);
            if (whole != null) {
                transport(proto, src, dst, whole, 0, whole.length, depth);
            }
            return;
        }
        transport(proto, src, dst, b, p, end - p, depth);
    }

    private void ipv6(byte[] b, int off, int len, int depth) {
        if (len < 40 || (b[off] & 0xff) >> 4 != 6) {
            damaged("ip.truncated", "IPv6 header cut off or bad version (" + len + " bytes)");
            return;
        }
        int payloadLen = u16(b, off + 4);
        int next = b[off + 6] & 0xff;
        IpAddress src = IpAddress.of(b, off + 8, 16);
        IpAddress dst = IpAddress.of(b, off + 24, 16);
        int p = off + 40;
        int end = payloadLen == 0 ? off + len : Math.min(off + len, p + payloadLen);
        // extension headers: hop-by-hop 0, routing 43, fragment 44, destination 60, mobility 135
        for (int guard = 0; guard < 16; guard++) {
            if (next == 0 || next == 43 || next == 60 || next == 135) {
                if (p + 8 > end) {
                    damaged("ip.truncated", "IPv6 extension header cut off");
                    return;
                }
                int hlen = ((b[p + 1] & 0xff) + 1) * 8;
                next = b[p] & 0xff;
                p += hlen;
            } else if (next == 44) {
                if (p + 8 > end) {
                    damaged("ip.truncated", "IPv6 fragment header cut off");
                    return;
                }
                int nh = b[p] & 0xff;
                int fo = u16(b, p + 2);
                int fragOff = fo & 0xfff8;
                boolean more = (fo & 1) != 0;
                long id = u32(b, p + 4);
                p += 8;
                byte[] whole = fragments.add(time, where, src, dst, id, nh, fragOff, more, b, p, end - p);
                if (whole != null) {
                    transport(nh, src, dst, whole, 0, whole.length, depth);
                }
                return;
            } else {
                break;
            }
        }
        if (p > end) {
            damaged("ip.truncated", "IPv6 extension headers run past the packet");
            return;
        }
        transport(next, src, dst, b, p, end - p, depth);
    }

    private void transport(int proto, IpAddress src, IpAddress dst, byte[] b, int off, int len, int depth) {
        switch (proto) {
            case 17 -> udp(src, dst, b, off, len, depth);
            case 6 -> tcp(src, dst, b, off, len);
            case 4 -> tunnel(depth, () -> ipv4(b, off, len, depth + 1));
            case 41 -> tunnel(depth, () -> ipv6(b, off, len, depth + 1));
            case 47 -> gre(b, off, len, depth);
            default -> undecoded++; // ICMP, SCTP, ESP ...: not decoded
        }
    }

    private void tunnel(int depth, Runnable inner) {
        if (depth >= MAX_TUNNEL_DEPTH) {
            damaged("tunnel.too-deep", "more than " + MAX_TUNNEL_DEPTH + " nested tunnels");
            return;
        }
        inner.run();
    }

    private void gre(byte[] b, int off, int len, int depth) {
        if (len < 4) {
            damaged("gre.truncated", "GRE header cut off");
            return;
        }
        int flags = u16(b, off);
        int proto = u16(b, off + 2);
        int p = off + 4;
        if ((flags & 0x8000) != 0) {
            p += 4; // checksum + reserved
        }
        if ((flags & 0x2000) != 0) {
            p += 4; // key
        }
        boolean seq = (flags & 0x1000) != 0;
        if (seq) {
            p += 4;
        }
        int end = off + len;
        if (p > end) {
            damaged("gre.truncated", "GRE optional fields cut off");
            return;
        }
        if (depth >= MAX_TUNNEL_DEPTH) {
            damaged("tunnel.too-deep", "more than " + MAX_TUNNEL_DEPTH + " nested tunnels");
            return;
        }
        switch (proto) {
            case 0x6558 -> ethernet(b, p, end - p, depth + 1);
            case 0x0800 -> ipv4(b, p, end - p, depth + 1);
            case 0x86DD -> ipv6(b, p, end - p, depth + 1);
            case 0x88BE -> {
                // ERSPAN type II has an 8-byte header when the sequence flag is set; type I has none
                int q = seq ? p + 8 : p;
                if (q > end) {
                    damaged("erspan.truncated", "ERSPAN header cut off");
                    return;
                }
                ethernet(b, q, end - q, depth + 1);
            }
            case 0x22EB -> {
                // ERSPAN type III: 12-byte header, optional 8-byte platform sub-header (O flag)
                if (p + 12 > end) {
                    damaged("erspan.truncated", "ERSPAN III header cut off");
                    return;
                }
                boolean o = (b[p + 11] & 0x01) != 0;
                int q = p + 12 + (o ? 8 : 0);
                if (q > end) {
                    damaged("erspan.truncated", "ERSPAN III platform header cut off");
                    return;
                }
                ethernet(b, q, end - q, depth + 1);
            }
            default -> undecoded++;
        }
    }

    private void udp(IpAddress src, IpAddress dst, byte[] b, int off, int len, int depth) {
        if (len < 8) {
            damaged("udp.truncated", "UDP header cut off (" + len + " bytes)");
            return;
        }
        int sp = u16(b, off);
        int dp = u16(b, off + 2);
        int ulen = u16(b, off + 4);
        int p = off + 8;
        int plen = ulen >= 8 ? Math.min(ulen - 8, len - 8) : len - 8;
        if (dp == 4789 && plen >= 8 && depth < MAX_TUNNEL_DEPTH) {
            // VXLAN: 8-byte header then Ethernet
            ethernet(b, p + 8, plen - 8, depth + 1);
            return;
        }
        if (plen <= 0 || isKeepAlive(b, p, plen)) {
            return;
        }
        if (ports.either(sp, dp) ? looksLikeText(b, p, plen) : SipStartLine.matches(b, p, plen)) {
            byte[] copy = new byte[plen];
            System.arraycopy(b, p, copy, 0, plen);
            sipPackets++;
            out.onSip(new SipPacket(time, src, sp, dst, dp, Transport.UDP, where, copy, 0, plen));
        }
    }

    /**
     * On a SIP port, anything that is not binary is handed to the SIP parser (which reports it if
     * it is not SIP); STUN/RTP muxed on the port are skipped.
     */
    private static boolean looksLikeText(byte[] b, int p, int len) {
        int c = b[p] & 0xff;
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isKeepAlive(byte[] b, int p, int len) {
        for (int i = p; i < p + len; i++) {
            if (b[i] != '\r' && b[i] != '\n' && b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void tcp(IpAddress src, IpAddress dst, byte[] b, int off, int len) {
        if (len < 20) {
            damaged("tcp.truncated", "TCP header cut off (" + len + " bytes)");
            return;
        }
        int sp = u16(b, off);
        int dp = u16(b, off + 2);
        long seq = u32(b, off + 4);
        long ack = u32(b, off + 8);
        int hl = ((b[off + 12] & 0xff) >> 4) * 4;
        int flags = b[off + 13] & 0x3f;
        if (hl < 20 || hl > len) {
            damaged("tcp.bad-header", "TCP header length " + hl);
            return;
        }
        tcp.segment(time, where, src, sp, dst, dp, seq, ack, flags, b, off + hl, len - hl);
    }

    /** Wireshark "Export PDUs" (link type 252): TLV tags, then the PDU (decrypted SIP). */
    private void exportedPdu(byte[] b, int len) {
        int p = 0;
        String proto = null;
        IpAddress src = null;
        IpAddress dst = null;
        int sp = 0;
        int dp = 0;
        int portType = 0;
        while (true) {
            if (p + 4 > len) {
                damaged("exported-pdu.truncated", "exported PDU tags cut off");
                return;
            }
            int tag = u16(b, p);
            int tlen = u16(b, p + 2);
            p += 4;
            if (tag == 0) {
                break;
            }
            if (p + tlen > len) {
                damaged("exported-pdu.truncated", "exported PDU tag " + tag + " cut off");
                return;
            }
            switch (tag) {
                case 12, 13 -> proto = new String(b, p, tlen, StandardCharsets.US_ASCII).trim().replace("\0", "");
                case 20 -> src = tlen == 4 ? IpAddress.of(b, p, 4) : src;
                case 21 -> dst = tlen == 4 ? IpAddress.of(b, p, 4) : dst;
                case 22 -> src = tlen == 16 ? IpAddress.of(b, p, 16) : src;
                case 23 -> dst = tlen == 16 ? IpAddress.of(b, p, 16) : dst;
                case 24 -> portType = tlen >= 4 ? (int) u32(b, p) : portType;
                case 25 -> sp = tlen >= 4 ? (int) u32(b, p) : sp;
                case 26 -> dp = tlen >= 4 ? (int) u32(b, p) : dp;
                default -> {
                }
            }
            p += tlen;
        }
        int plen = len - p;
        if (plen <= 0 || isKeepAlive(b, p, plen)) {
            return;
        }
        boolean sipProto = proto != null && (proto.equalsIgnoreCase("sip") || proto.toLowerCase().startsWith("sip"));
        if (sipProto || SipStartLine.matches(b, p, plen)) {
            byte[] copy = new byte[plen];
            System.arraycopy(b, p, copy, 0, plen);
            sipPackets++;
            // port type 2 = TCP, 3 = UDP (Wireshark's port_type enum)
            Transport t = portType == 2 ? Transport.TCP : Transport.UDP;
            IpAddress none = IpAddress.ofV4(0);
            out.onSip(new SipPacket(time, src == null ? none : src, sp, dst == null ? none : dst, dp, t, where, copy, 0, plen));
        } else {
            undecoded++;
        }
    }

    static int u16(byte[] b, int o) {
        return (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }

    static long u32(byte[] b, int o) {
        return ((long) (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff)) & 0xffffffffL;
    }
}
