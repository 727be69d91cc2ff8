package dev.drsip.capture.ip;

/**
 * IPv4 (options skipped, checksum not checked) and IPv6 (extension headers walked: hop-by-hop,
 * routing, destination options, mobility, AH, fragment) with fragment reassembly, dispatching UDP,
 * TCP, GRE and IP-in-IP (4/41) payloads. Works on the frame buffer in place.
 */
public final class IpDecoder {
    public static final int PROTO_IPV4 = 4;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_IPV6 = 41;
    public static final int PROTO_GRE = 47;

    private final DecodeContext ctx;
    private final FragmentReassembler fragments;
    private final PayloadHandler up;

    public IpDecoder(DecodeContext ctx, FragmentReassembler fragments, PayloadHandler up) {
        this.ctx = ctx;
        this.fragments = fragments;
        this.up = up;
    }

    public FragmentReassembler fragments() {
        return fragments;
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    static long u32(byte[] b, int p) {
        return ((long) (b[p] & 0xff) << 24) | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    /** An IP packet of either version (by its version nibble). */
    public void ip(byte[] b, int off, int len, int depth) {
        if (len < 1) {
            ctx.problem("ip.truncated", "empty IP packet");
            return;
        }
        int v = (b[off] & 0xff) >>> 4;
        if (v == 4) {
            ipv4(b, off, len, depth);
        } else if (v == 6) {
            ipv6(b, off, len, depth);
        } else {
            ctx.problem("ip.bad-version", "IP version " + v);
        }
    }

    public void ipv4(byte[] b, int off, int len, int depth) {
        if (len < 20) {
            ctx.problem("ip.truncated", "IPv4 header needs 20 bytes, frame has " + len);
            return;
        }
        if ((b[off] & 0xf0) != 0x40) {
            ctx.problem("ip.bad-version", "expected IPv4, version " + ((b[off] & 0xff) >>> 4));
            return;
        }
        int ihl = (b[off] & 0x0f) * 4;
        int total = u16(b, off + 2);
        if (total == 0) {
            total = len; // TSO/GSO captures write 0 for large segments
        }
        if (ihl < 20 || ihl > len || total < ihl) {
            ctx.problem("ip.bad-header", "IPv4 header length " + ihl + ", total length " + total + ", captured " + len);
            return;
        }
        boolean cut = total > len;
        if (cut) {
            total = len;
        }
        int proto = b[off + 9] & 0xff;
        int ff = u16(b, off + 6);
        boolean more = (ff & 0x2000) != 0;
        int fragOff = (ff & 0x1fff) * 8;
        if (more || fragOff != 0) {
            if (cut) {
                ctx.problem("ip.truncated", "IPv4 fragment cut by the capture's snapshot length");
                return;
            }
            byte[] d = fragments.offer(ctx.timeNanos(), ctx.source(), ctx.frameNumber(), b, off + 12, off + 16, 4,
                    u16(b, off + 4), proto, fragOff, more, b, off + ihl, total - ihl);
            if (d != null) {
                ctx.counters().reassembledDatagrams++;
                ctx.reassembled(d);
                transport(proto, b, off + 12, off + 16, 4, d, 0, d.length, depth);
            }
            return;
        }
        transport(proto, b, off + 12, off + 16, 4, b, off + ihl, total - ihl, depth);
    }

    public void ipv6(byte[] b, int off, int len, int depth) {
        if (len < 40) {
            ctx.problem("ip.truncated", "IPv6 header needs 40 bytes, frame has " + len);
            return;
        }
        if ((b[off] & 0xf0) != 0x60) {
            ctx.problem("ip.bad-version", "expected IPv6, version " + ((b[off] & 0xff) >>> 4));
            return;
        }
        int payload = u16(b, off + 4);
        int end = payload == 0 ? off + len : off + 40 + payload; // 0: jumbogram (hop-by-hop option)
        if (end > off + len) {
            end = off + len;
        }
        chain6(b[off + 6] & 0xff, b, off + 8, off + 24, b, off + 40, end, depth, false);
    }

    /** Walks IPv6 extension headers from {@code p} (in {@code b}) up to the upper-layer protocol. */
    private void chain6(int next, byte[] addr, int srcOff, int dstOff, byte[] b, int p, int end, int depth,
            boolean reassembled) {
        for (int hops = 0; hops < 16; hops++) {
            switch (next) {
                case 0: // hop-by-hop
                case 43: // routing
                case 60: // destination options
                case 135: // mobility
                case 139: // HIP
                case 140: // shim6
                    if (p + 8 > end) {
                        ctx.problem("ip.truncated", "IPv6 extension header " + next + " cut short");
                        return;
                    }
                    next = b[p] & 0xff;
                    p += ((b[p + 1] & 0xff) + 1) * 8;
                    break;
                case 51: // AH
                    if (p + 8 > end) {
                        ctx.problem("ip.truncated", "IPv6 AH header cut short");
                        return;
                    }
                    next = b[p] & 0xff;
                    p += ((b[p + 1] & 0xff) + 2) * 4;
                    break;
                case 44: { // fragment
                    if (p + 8 > end) {
                        ctx.problem("ip.truncated", "IPv6 fragment header cut short");
                        return;
                    }
                    int nh = b[p] & 0xff;
                    int of = u16(b, p + 2);
                    boolean more = (of & 1) != 0;
                    int fragOff = of & 0xfff8;
                    long id = u32(b, p + 4);
                    p += 8;
                    if (!more && fragOff == 0) {
                        next = nh; // atomic fragment (RFC 6946)
                        break;
                    }
                    if (reassembled) {
                        ctx.problem("ip.bad-header", "fragment header inside a reassembled IPv6 datagram");
                        return;
                    }
                    byte[] d = fragments.offer(ctx.timeNanos(), ctx.source(), ctx.frameNumber(), addr, srcOff, dstOff,
                            16, id, nh, fragOff, more, b, p, end - p);
                    if (d != null) {
                        ctx.counters().reassembledDatagrams++;
                        ctx.reassembled(d);
                        chain6(nh, addr, srcOff, dstOff, d, 0, d.length, depth, true);
                    }
                    return;
                }
                case 59: // no next header
                    ctx.notDecoded();
                    return;
                default:
                    if (p > end) {
                        ctx.problem("ip.truncated", "IPv6 extension headers run past the packet");
                        return;
                    }
                    transport(next, addr, srcOff, dstOff, 16, b, p, end - p, depth);
                    return;
            }
        }
        ctx.problem("ip.bad-header", "more than 16 IPv6 extension headers");
    }

    private void transport(int proto, byte[] addr, int srcOff, int dstOff, int addrLen, byte[] b, int off, int len,
            int depth) {
        switch (proto) {
            case PROTO_UDP:
                up.udp(addr, srcOff, dstOff, addrLen, b, off, len, depth);
                break;
            case PROTO_TCP:
                up.tcp(addr, srcOff, dstOff, addrLen, b, off, len);
                break;
            case PROTO_GRE:
                up.gre(b, off, len, depth);
                break;
            case PROTO_IPV4:
                if (!ctx.tooDeep(depth + 1)) {
                    ctx.counters().tunnelled++;
                    ipv4(b, off, len, depth + 1);
                }
                break;
            case PROTO_IPV6:
                if (!ctx.tooDeep(depth + 1)) {
                    ctx.counters().tunnelled++;
                    ipv6(b, off, len, depth + 1);
                }
                break;
            default: // ICMP, SCTP (out of scope), ESP, ...
                ctx.notDecoded();
                break;
        }
    }
}
