package dev.drsip.capture.link;

import dev.drsip.capture.ip.DecodeContext;
import dev.drsip.capture.ip.IpDecoder;
import dev.drsip.capture.ip.PayloadHandler;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Transport;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Link layers and mirror tunnels down to IP: Ethernet (802.1Q, 802.1ad/QinQ, 0x9100/0x9200 tags,
 * MPLS), Linux SLL and SLL2, BSD null/loopback (either byte order), raw IP, Wireshark's exported PDU
 * (the SIP PDUs users save from decrypted TLS), GRE (checksum/key/sequence), ERSPAN I/II/III and
 * transparent Ethernet bridging. VXLAN and IP-in-IP come back here through the IP layer; nesting is
 * bounded by {@link DecodeContext#maxTunnelDepth()}.
 */
public final class LinkDecoder {
    private final DecodeContext ctx;
    private final IpDecoder ip;
    private final PayloadHandler up;
    private final Set<String> unknownReported = new HashSet<>();

    public LinkDecoder(DecodeContext ctx, IpDecoder ip, PayloadHandler up) {
        this.ctx = ctx;
        this.ip = ip;
        this.up = up;
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    static int i32be(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    /** One captured frame of the given link type. */
    public void frame(int linkType, byte[] b, int off, int len) {
        switch (linkType) {
            case LinkTypes.ETHERNET:
                ethernet(b, off, len, 0);
                break;
            case LinkTypes.LINUX_SLL:
                if (len < 16) {
                    ctx.problem("link.truncated", "Linux SLL header needs 16 bytes, frame has " + len);
                    return;
                }
                etherType(u16(b, off + 14), b, off + 16, off + len, 0);
                break;
            case LinkTypes.LINUX_SLL2:
                if (len < 20) {
                    ctx.problem("link.truncated", "Linux SLL2 header needs 20 bytes, frame has " + len);
                    return;
                }
                etherType(u16(b, off), b, off + 20, off + len, 0);
                break;
            case LinkTypes.NULL:
            case LinkTypes.LOOP:
                loopback(b, off, len);
                break;
            case LinkTypes.RAW_12:
            case LinkTypes.RAW_14:
            case LinkTypes.RAW:
                ip.ip(b, off, len, 0);
                break;
            case LinkTypes.IPV4:
                ip.ipv4(b, off, len, 0);
                break;
            case LinkTypes.IPV6:
                ip.ipv6(b, off, len, 0);
                break;
            case LinkTypes.EXPORTED_PDU:
                exportedPdu(b, off, len);
                break;
            default:
                ctx.notDecoded();
                if (unknownReported.add(ctx.source() + "/" + linkType)) {
                    ctx.problem("link.unknown-type", "link type " + linkType
                            + " is not supported; its frames are skipped (reported once per file)");
                }
                break;
        }
    }

    /** BSD null (host byte order of the capturing machine) and OpenBSD loop (network order). */
    private void loopback(byte[] b, int off, int len) {
        if (len < 4) {
            ctx.problem("link.truncated", "loopback header needs 4 bytes, frame has " + len);
            return;
        }
        int fam = i32be(b, off);
        if ((fam & 0xffff0000) != 0) {
            fam = Integer.reverseBytes(fam);
        }
        switch (fam) {
            case 2: // AF_INET everywhere
                ip.ipv4(b, off + 4, len - 4, 0);
                break;
            case 10: // AF_INET6 Linux
            case 24: // NetBSD, OpenBSD, BSD/OS
            case 28: // FreeBSD, DragonFly
            case 30: // macOS
                ip.ipv6(b, off + 4, len - 4, 0);
                break;
            default:
                ctx.notDecoded();
                break;
        }
    }

    public void ethernet(byte[] b, int off, int len, int depth) {
        if (len < 14) {
            ctx.problem("link.truncated", "Ethernet header needs 14 bytes, frame has " + len);
            return;
        }
        etherType(u16(b, off + 12), b, off + 14, off + len, depth);
    }

    private void etherType(int type, byte[] b, int p, int end, int depth) {
        for (int tags = 0; ; tags++) {
            switch (type) {
                case 0x8100: // 802.1Q
                case 0x88a8: // 802.1ad (QinQ outer)
                case 0x9100: // pre-standard QinQ
                case 0x9200:
                    if (p + 4 > end || tags > 8) {
                        ctx.problem("link.truncated", "VLAN tag cut short");
                        return;
                    }
                    type = u16(b, p + 2);
                    p += 4;
                    continue;
                case 0x0800:
                    ip.ipv4(b, p, end - p, depth);
                    return;
                case 0x86dd:
                    ip.ipv6(b, p, end - p, depth);
                    return;
                case 0x8847: // MPLS unicast
                case 0x8848: // MPLS multicast
                    mpls(b, p, end, depth);
                    return;
                case 0x6558: // transparent Ethernet bridging (GRE payload)
                    if (!ctx.tooDeep(depth + 1)) {
                        ethernet(b, p, end - p, depth + 1);
                    }
                    return;
                default: // ARP, LLDP, 802.3 length field, ...
                    ctx.notDecoded();
                    return;
            }
        }
    }

    private void mpls(byte[] b, int p, int end, int depth) {
        for (int labels = 0; labels < 16; labels++) {
            if (p + 4 > end) {
                ctx.problem("link.truncated", "MPLS label stack cut short");
                return;
            }
            boolean bottom = (b[p + 2] & 1) != 0;
            p += 4;
            if (bottom) {
                if (p >= end) {
                    ctx.notDecoded();
                    return;
                }
                int nib = (b[p] & 0xff) >>> 4;
                if (nib == 4 || nib == 6) {
                    ip.ip(b, p, end - p, depth);
                } else if (nib == 0 && p + 4 <= end && !ctx.tooDeep(depth + 1)) {
                    ethernet(b, p + 4, end - p - 4, depth + 1); // pseudowire control word, then Ethernet
                } else {
                    ctx.notDecoded();
                }
                return;
            }
        }
        ctx.problem("link.bad-header", "MPLS label stack deeper than 16");
    }

    /** A GRE packet (called by the IP layer for protocol 47). */
    public void gre(byte[] b, int off, int len, int depth) {
        if (ctx.tooDeep(depth + 1)) {
            return;
        }
        ctx.counters().tunnelled++;
        int end = off + len;
        if (len < 4) {
            ctx.problem("gre.truncated", "GRE header needs 4 bytes, packet has " + len);
            return;
        }
        int flags = u16(b, off);
        int proto = u16(b, off + 2);
        if ((flags & 7) != 0 || (flags & 0x4000) != 0) {
            ctx.notDecoded(); // enhanced GRE (PPTP) or source routing: not a mirror tunnel
            return;
        }
        boolean seq = (flags & 0x1000) != 0;
        int p = off + 4;
        if ((flags & 0x8000) != 0) {
            p += 4; // checksum + reserved
        }
        if ((flags & 0x2000) != 0) {
            p += 4; // key
        }
        if (seq) {
            p += 4;
        }
        if (p > end) {
            ctx.problem("gre.truncated", "GRE optional fields cut short");
            return;
        }
        switch (proto) {
            case 0x88be: // ERSPAN type II (type I has no sequence number and no ERSPAN header)
                if (seq) {
                    if (p + 8 > end) {
                        ctx.problem("gre.truncated", "ERSPAN II header cut short");
                        return;
                    }
                    p += 8;
                }
                ethernet(b, p, end - p, depth + 1);
                return;
            case 0x22eb: { // ERSPAN type III
                if (p + 12 > end) {
                    ctx.problem("gre.truncated", "ERSPAN III header cut short");
                    return;
                }
                int frameType = (b[p + 10] >>> 2) & 0x1f;
                boolean platform = (b[p + 11] & 1) != 0;
                p += 12 + (platform ? 8 : 0);
                if (p > end) {
                    ctx.problem("gre.truncated", "ERSPAN III platform sub-header cut short");
                    return;
                }
                if (frameType == 0) {
                    ethernet(b, p, end - p, depth + 1);
                } else if (frameType == 2) {
                    ip.ip(b, p, end - p, depth + 1);
                } else {
                    ctx.notDecoded();
                }
                return;
            }
            default:
                etherType(proto, b, p, end, depth + 1);
                return;
        }
    }

    // Wireshark exported PDU tags (epan/exported_pdu.h): big-endian 16-bit tag and length.
    static final int TAG_END = 0;
    static final int TAG_PROTO_NAME = 12;
    static final int TAG_HEUR_PROTO_NAME = 13;
    static final int TAG_IPV4_SRC = 20;
    static final int TAG_IPV4_DST = 21;
    static final int TAG_IPV6_SRC = 22;
    static final int TAG_IPV6_DST = 23;
    static final int TAG_PORT_TYPE = 24;
    static final int TAG_SRC_PORT = 25;
    static final int TAG_DST_PORT = 26;
    // port types (EXP_PDU_PT_*)
    static final int PT_SCTP = 1;
    static final int PT_TCP = 2;
    static final int PT_UDP = 3;

    private void exportedPdu(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        String proto = null;
        int src = -1;
        int dst = -1;
        int alen = 0;
        int portType = 0;
        int srcPort = 0;
        int dstPort = 0;
        while (true) {
            if (p + 4 > end) {
                ctx.problem("exported-pdu.bad-tags", "tag list runs past the frame");
                return;
            }
            int tag = u16(b, p);
            int tl = u16(b, p + 2);
            p += 4;
            if (tag == TAG_END) {
                break;
            }
            if (p + tl > end) {
                ctx.problem("exported-pdu.bad-tags", "tag " + tag + " of length " + tl + " runs past the frame");
                return;
            }
            switch (tag) {
                case TAG_PROTO_NAME:
                case TAG_HEUR_PROTO_NAME: {
                    int n = 0;
                    while (n < tl && b[p + n] != 0) {
                        n++;
                    }
                    if (proto == null) {
                        proto = new String(b, p, n, StandardCharsets.US_ASCII);
                    }
                    break;
                }
                case TAG_IPV4_SRC:
                    if (tl >= 4) {
                        src = p;
                        alen = 4;
                    }
                    break;
                case TAG_IPV4_DST:
                    if (tl >= 4) {
                        dst = p;
                        alen = 4;
                    }
                    break;
                case TAG_IPV6_SRC:
                    if (tl >= 16) {
                        src = p;
                        alen = 16;
                    }
                    break;
                case TAG_IPV6_DST:
                    if (tl >= 16) {
                        dst = p;
                        alen = 16;
                    }
                    break;
                case TAG_PORT_TYPE:
                    portType = tl >= 4 ? i32be(b, p) : 0;
                    break;
                case TAG_SRC_PORT:
                    srcPort = tl >= 4 ? i32be(b, p) & 0xffff : 0;
                    break;
                case TAG_DST_PORT:
                    dstPort = tl >= 4 ? i32be(b, p) & 0xffff : 0;
                    break;
                default:
                    break;
            }
            p += tl;
        }
        if (proto == null) {
            ctx.problem("exported-pdu.no-protocol", "exported PDU without a protocol name tag");
            return;
        }
        if (proto.equalsIgnoreCase("sip")) {
            Transport t = portType == PT_UDP ? Transport.UDP : portType == PT_TCP ? Transport.TCP
                    : portType == PT_SCTP ? Transport.SCTP : Transport.UNKNOWN;
            // a v4 source with a v6 destination cannot happen in Wireshark's exports; the last one decides
            IpAddress s = src >= 0 ? IpAddress.of(b, src, alen) : IpAddress.ofV4(0);
            IpAddress d = dst >= 0 ? IpAddress.of(b, dst, alen) : IpAddress.ofV4(0);
            up.sipPdu(t, s, srcPort, d, dstPort, b, p, end - p);
        } else if (proto.equals("ip") || proto.equals("ipv6")) {
            ip.ip(b, p, end - p, 0);
        } else if (proto.startsWith("eth")) {
            ethernet(b, p, end - p, 0);
        } else {
            ctx.notDecoded();
        }
    }
}
