package dev.drsip.capture.tcp;

import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Where;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only: a tiny classic-pcap reader (both byte orders, us/ns) for Ethernet (+802.1Q), Linux
 * SLL/SLL2, BSD null and raw IP, decoding IPv4/IPv6 + TCP just enough to feed a {@link
 * TcpReassembler}. The real reader lives in dev.drsip.capture (another owner); this lets the TCP,
 * SIP framing and TLS tests run on recorded captures independently of it.
 */
public final class PcapTcpFeeder {
    private PcapTcpFeeder() {
    }

    /** What the feeder hands over for each TCP segment. */
    @FunctionalInterface
    public interface SegmentSink {
        void segment(long timeNanos, Where where, IpAddress src, int srcPort, IpAddress dst, int dstPort, long seq,
                int flags, byte[] buf, int off, int len);
    }

    /** Feeds every TCP segment of {@code file} to {@code r}; returns the number of frames read. */
    public static long feed(Path file, TcpReassembler r) throws IOException {
        return read(file, r, null);
    }

    /** Hands every TCP segment of {@code file} to {@code sink}; returns the number of frames read. */
    public static long forEachSegment(Path file, SegmentSink sink) throws IOException {
        return read(file, null, sink);
    }

    private static long read(Path file, TcpReassembler reassembler, SegmentSink sink) throws IOException {
        SegmentSink s = sink != null ? sink
                : (t, w, src, sp, dst, dp, seq, flags, b, off, len) -> reassembler.segment(t, w, src, sp, dst, dp, seq, 0, flags, b, off, len);
        byte[] f = Files.readAllBytes(file);
        int magic = le32(f, 0);
        boolean le;
        boolean nanos;
        if (magic == 0xa1b2c3d4) {
            le = true;
            nanos = false;
        } else if (magic == 0xa1b23c4d) {
            le = true;
            nanos = true;
        } else if (Integer.reverseBytes(magic) == 0xa1b2c3d4) {
            le = false;
            nanos = false;
        } else if (Integer.reverseBytes(magic) == 0xa1b23c4d) {
            le = false;
            nanos = true;
        } else {
            throw new IOException("not a classic pcap file: " + file);
        }
        int linkType = i32(f, 20, le) & 0xffff;
        String name = file.getFileName().toString();
        int p = 24;
        long frame = 0;
        while (p + 16 <= f.length) {
            long sec = i32(f, p, le) & 0xffffffffL;
            long frac = i32(f, p + 4, le) & 0xffffffffL;
            int incl = i32(f, p + 8, le);
            p += 16;
            if (incl < 0 || p + incl > f.length) {
                break;
            }
            frame++;
            long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
            if (reassembler != null) {
                reassembler.advanceTime(t);
            }
            decodeLink(s, t, new Where(name, frame), linkType, f, p, incl);
            p += incl;
        }
        return frame;
    }

    private static void decodeLink(SegmentSink r, long t, Where w, int linkType, byte[] b, int o, int n) {
        int end = o + n;
        int etherType;
        int ip;
        switch (linkType) {
            case 1: { // Ethernet
                if (n < 14) {
                    return;
                }
                etherType = be16(b, o + 12);
                ip = o + 14;
                while ((etherType == 0x8100 || etherType == 0x88a8) && ip + 4 <= end) {
                    etherType = be16(b, ip + 2);
                    ip += 4;
                }
                break;
            }
            case 113: // Linux SLL
                if (n < 16) {
                    return;
                }
                etherType = be16(b, o + 14);
                ip = o + 16;
                break;
            case 276: // Linux SLL2
                if (n < 20) {
                    return;
                }
                etherType = be16(b, o);
                ip = o + 20;
                break;
            case 0: // BSD null: host byte order family
                if (n < 4) {
                    return;
                }
                etherType = (b[o] == 2 || b[o + 3] == 2) ? 0x0800 : 0x86dd;
                ip = o + 4;
                break;
            case 101:
            case 228:
            case 229:
                etherType = n > 0 && (b[o] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
                ip = o;
                break;
            default:
                return;
        }
        if (etherType == 0x0800 && ip + 20 <= end) {
            int ihl = (b[ip] & 0x0f) * 4;
            int total = be16(b, ip + 2);
            int fragOff = be16(b, ip + 6) & 0x3fff;
            if (b[ip + 9] != 6 || fragOff != 0 || ihl < 20) {
                return;
            }
            int ipEnd = Math.min(end, ip + total);
            tcp(r, t, w, IpAddress.of(b, ip + 12, 4), IpAddress.of(b, ip + 16, 4), b, ip + ihl, ipEnd);
        } else if (etherType == 0x86dd && ip + 40 <= end) {
            if (b[ip + 6] != 6) {
                return; // extension headers not needed for these tests
            }
            int ipEnd = Math.min(end, ip + 40 + be16(b, ip + 4));
            tcp(r, t, w, IpAddress.of(b, ip + 8, 16), IpAddress.of(b, ip + 24, 16), b, ip + 40, ipEnd);
        }
    }

    private static void tcp(SegmentSink r, long t, Where w, IpAddress src, IpAddress dst, byte[] b, int o, int end) {
        if (o + 20 > end) {
            return;
        }
        int sp = be16(b, o);
        int dp = be16(b, o + 2);
        long seq = be32(b, o + 4) & 0xffffffffL;
        int hl = ((b[o + 12] & 0xff) >>> 4) * 4;
        int flags = b[o + 13] & 0x1f;
        if (hl < 20 || o + hl > end) {
            return;
        }
        r.segment(t, w, src, sp, dst, dp, seq, flags, b, o + hl, end - o - hl);
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    private static int be32(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    private static int i32(byte[] b, int p, boolean le) {
        return le ? le32(b, p) : be32(b, p);
    }

    private static int be16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }
}
