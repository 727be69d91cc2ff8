package dev.drsip.capture;

import dev.drsip.capture.ip.AddressCache;
import dev.drsip.capture.ip.DecodeContext;
import dev.drsip.capture.ip.FragmentReassembler;
import dev.drsip.capture.ip.IpDecoder;
import dev.drsip.capture.ip.PayloadHandler;
import dev.drsip.capture.link.LinkDecoder;
import dev.drsip.capture.tcp.TcpReassembler;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.SipStartLine;
import dev.drsip.sip.Transport;
import dev.drsip.sip.event.CaptureListener;
import java.util.Arrays;

/**
 * Frame to SIP: link layer, tunnels, IP (with fragment reassembly), then UDP payloads become
 * {@link SipPacket}s when a port is a SIP port or the payload starts with a SIP start line, and every
 * TCP segment goes to the {@link TcpReassembler}. One instance decodes all inputs of a run, in event
 * time order, so flows and fragments continue across rotated files.
 */
public final class FrameDecoder implements PayloadHandler {
    /** VXLAN's IANA port. */
    public static final int VXLAN_PORT = 4789;

    private final CaptureListener out;
    private final SipPorts ports;
    private final DecodeContext ctx;
    private final FragmentReassembler fragments;
    private final IpDecoder ip;
    private final LinkDecoder link;
    private final TcpReassembler tcp;
    private final AddressCache addresses = new AddressCache();

    public FrameDecoder(CaptureListener out, CaptureOptions options) {
        this.out = out;
        this.ports = options.sipPorts();
        this.ctx = new DecodeContext(out, options.maxTunnelDepth());
        this.fragments = new FragmentReassembler(options.fragments(), out::onProblem);
        this.ip = new IpDecoder(ctx, fragments, this);
        this.link = new LinkDecoder(ctx, ip, this);
        this.tcp = new TcpReassembler(out, ports, options.microsoftAddress(), options.tcp());
    }

    /**
     * Decodes one frame. {@code b} may be reused by the caller afterwards: whatever is kept is copied.
     *
     * @param counters where this input's counters go
     */
    public void frame(String source, long frameNo, long timeNanos, int linkType, byte[] b, int off, int len,
            DecodeContext.Counters counters) {
        ctx.frame(source, frameNo, timeNanos, counters);
        fragments.advanceTime(timeNanos);
        tcp.advanceTime(timeNanos);
        link.frame(linkType, b, off, len);
    }

    /** End of all input: flush TCP flows and report incomplete fragments. */
    public void finish() {
        fragments.finish();
        tcp.finish();
    }

    public TcpReassembler tcpReassembler() {
        return tcp;
    }

    public FragmentReassembler fragmentReassembler() {
        return fragments;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    @Override
    public void udp(byte[] addr, int srcOff, int dstOff, int addrLen, byte[] b, int off, int len, int depth) {
        DecodeContext.Counters c = ctx.counters();
        c.udpDatagrams++;
        if (len < 8) {
            ctx.problem("udp.truncated", "UDP header needs 8 bytes, packet has " + len);
            return;
        }
        int sport = u16(b, off);
        int dport = u16(b, off + 2);
        int ulen = u16(b, off + 4);
        int p = off + 8;
        int plen = len - 8;
        boolean cut = false;
        if (ulen >= 8) {
            if (ulen - 8 <= plen) {
                plen = ulen - 8; // drop link padding
            } else {
                cut = true;
            }
        }
        if (dport == VXLAN_PORT && plen >= 8 && (b[p] & 0x08) != 0 && !ports.either(sport, dport)) {
            if (!ctx.tooDeep(depth + 1)) {
                c.tunnelled++;
                link.ethernet(b, p + 8, plen - 8, depth + 1);
            }
            return;
        }
        if (!ports.either(sport, dport) && !looksLikeSip(b, p, plen)) {
            c.notDecoded++;
            return;
        }
        if (isKeepAlive(b, p, plen)) {
            return;
        }
        if (cut) {
            ctx.problem("udp.truncated", "SIP datagram cut by the capture's snapshot length: "
                    + plen + " of " + (ulen - 8) + " bytes");
            return;
        }
        IpAddress src = addresses.get(addr, srcOff, addrLen);
        IpAddress dst = addresses.get(addr, dstOff, addrLen);
        if (ctx.takeReassembled(b)) {
            // a reassembled datagram is already a private array: the packet keeps it, no second copy
            out.onSip(new SipPacket(ctx.timeNanos(), src, sport, dst, dport, Transport.UDP, ctx.where(), b, p, plen));
            return;
        }
        byte[] copy = Arrays.copyOfRange(b, p, p + plen);
        out.onSip(new SipPacket(ctx.timeNanos(), src, sport, dst, dport, Transport.UDP, ctx.where(), copy, 0, plen));
    }

    /** A cheap first-byte test before the start-line scan: RTP, STUN, DNS never start with a letter. */
    private static boolean looksLikeSip(byte[] b, int p, int len) {
        if (len < 12) {
            return false;
        }
        int c = b[p];
        return c >= 'A' && c <= 'Z' && SipStartLine.matches(b, p, len);
    }

    /** Empty payloads and CRLF keep-alives (RFC 5626) carry no message. */
    private static boolean isKeepAlive(byte[] b, int p, int len) {
        for (int i = 0; i < len; i++) {
            byte x = b[p + i];
            if (x != '\r' && x != '\n') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void tcp(byte[] addr, int srcOff, int dstOff, int addrLen, byte[] b, int off, int len) {
        ctx.counters().tcpSegments++;
        if (len < 20) {
            ctx.problem("tcp.truncated", "TCP header needs 20 bytes, segment has " + len);
            return;
        }
        int hl = ((b[off + 12] & 0xff) >>> 4) * 4;
        if (hl < 20 || hl > len) {
            ctx.problem("tcp.bad-header", "TCP header length " + hl + " with " + len + " bytes captured");
            return;
        }
        int sport = u16(b, off);
        int dport = u16(b, off + 2);
        long seq = ((long) u16(b, off + 4) << 16) | u16(b, off + 6);
        long ack = ((long) u16(b, off + 8) << 16) | u16(b, off + 10);
        int flags = b[off + 13] & 0x1f;
        tcp.segment(ctx.timeNanos(), ctx.where(), addresses.get(addr, srcOff, addrLen), sport,
                addresses.get(addr, dstOff, addrLen), dport, seq, ack, flags, b, off + hl, len - hl);
    }

    @Override
    public void gre(byte[] b, int off, int len, int depth) {
        link.gre(b, off, len, depth);
    }

    @Override
    public void sipPdu(Transport transport, IpAddress src, int srcPort, IpAddress dst, int dstPort, byte[] b, int off,
            int len) {
        if (isKeepAlive(b, off, len)) {
            return;
        }
        byte[] copy = Arrays.copyOfRange(b, off, off + len);
        out.onSip(new SipPacket(ctx.timeNanos(), src, srcPort, dst, dstPort, transport, ctx.where(), copy, 0, len));
    }
}
