package dev.drsip.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketsTest {
    private static int verify(byte[] b, int off, int len, long acc) {
        return Packets.fold(Packets.sum16(b, off, len, acc));
    }

    private static long pseudo(Endpoint s, Endpoint d, int proto, int len) {
        long acc = Packets.sum16(s.address(), 0, s.address().length, 0);
        acc = Packets.sum16(d.address(), 0, d.address().length, acc);
        return acc + proto + (len >>> 16) + (len & 0xffff);
    }

    @Test
    void checksumsVerifyForRandomPacketsV4AndV6() {
        Random r = new Random(1);
        for (int i = 0; i < 500; i++) {
            boolean v6 = r.nextBoolean();
            Endpoint s = v6 ? Endpoint.of("2001:db8::" + Integer.toHexString(r.nextInt(65535)), 1 + r.nextInt(65535))
                    : Endpoint.of("52.114." + r.nextInt(256) + "." + r.nextInt(256), 1 + r.nextInt(65535));
            Endpoint d = v6 ? Endpoint.of("2001:db8:1::1", 5061) : Endpoint.of("203.0.113.10", 5067);
            byte[] payload = new byte[r.nextInt(1400)];
            r.nextBytes(payload);
            byte[] udp = Packets.udp(s, d, payload);
            assertThat(verify(udp, 0, udp.length, pseudo(s, d, Packets.PROTO_UDP, udp.length))).isZero();
            int flags = r.nextBoolean() ? Packets.TCP_SYN : Packets.TCP_ACK | Packets.TCP_PSH;
            byte[] tcp = Packets.tcp(s, d, r.nextInt() & 0xffffffffL, r.nextInt() & 0xffffffffL, flags, 500, payload);
            assertThat(verify(tcp, 0, tcp.length, pseudo(s, d, Packets.PROTO_TCP, tcp.length))).isZero();
            byte[] ip = Packets.ip(s, d, Packets.PROTO_UDP, i, udp);
            if (!v6) {
                assertThat(verify(ip, 0, 20, 0)).isZero();
                assertThat(((ip[2] & 0xff) << 8) | (ip[3] & 0xff)).isEqualTo(ip.length);
            } else {
                assertThat(((ip[4] & 0xff) << 8) | (ip[5] & 0xff)).isEqualTo(udp.length);
            }
        }
    }

    /** Rebuilds the IP payload from fragments given in any order. */
    private static byte[] reassemble(List<byte[]> frags, boolean v6) {
        byte[] out = new byte[65536];
        int total = -1;
        for (byte[] f : frags) {
            int off;
            boolean more;
            int start;
            if (v6) {
                int fo = ((f[42] & 0xff) << 8) | (f[43] & 0xff);
                off = fo & 0xfff8;
                more = (fo & 1) != 0;
                start = 48;
                assertThat(f[6]).isEqualTo((byte) Packets.PROTO_IPV6_FRAG);
            } else {
                assertThat(verify(f, 0, 20, 0)).isZero();
                int fo = ((f[6] & 0xff) << 8) | (f[7] & 0xff);
                off = (fo & 0x1fff) * 8;
                more = (fo & 0x2000) != 0;
                start = 20;
            }
            System.arraycopy(f, start, out, off, f.length - start);
            if (!more) {
                total = off + f.length - start;
            }
        }
        return java.util.Arrays.copyOf(out, total);
    }

    @Test
    void fragmentsInAnyOrderRebuildTheDatagram() {
        Random r = new Random(2);
        for (int i = 0; i < 300; i++) {
            boolean v6 = r.nextBoolean();
            Endpoint s = v6 ? Endpoint.of("2001:db8::1", 5068) : Endpoint.of("203.0.113.20", 5068);
            Endpoint d = v6 ? Endpoint.of("2001:db8::2", 5061) : Endpoint.of("52.114.148.0", 5061);
            byte[] payload = new byte[200 + r.nextInt(5000)];
            r.nextBytes(payload);
            byte[] udp = Packets.udp(s, d, payload);
            byte[] ip = Packets.ip(s, d, Packets.PROTO_UDP, i, udp);
            int max = 64 + r.nextInt(1400);
            List<byte[]> frags = new ArrayList<>(v6 ? Packets.fragmentIpv6(ip, i, max) : Packets.fragmentIpv4(ip, max));
            for (byte[] f : frags) {
                assertThat(f.length - (v6 ? 48 : 20)).isLessThanOrEqualTo(max);
            }
            Collections.shuffle(frags, r);
            assertThat(reassemble(frags, v6)).isEqualTo(udp);
        }
    }

    @Test
    void vlanAndSll2Headers() {
        byte[] ip = Packets.ipv4(new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8}, 17, 1, 64, new byte[8]);
        byte[] q = Link.vlan(new int[][] {{Packets.ETH_QINQ, 200}, {Packets.ETH_VLAN, 300}}).wrap(ip);
        assertThat(q).hasSize(14 + 8 + ip.length);
        assertThat(q[12]).isEqualTo((byte) 0x88);
        assertThat(q[13]).isEqualTo((byte) 0xa8);
        assertThat(((q[14] & 0x0f) << 8) | (q[15] & 0xff)).isEqualTo(200);
        assertThat(q[16]).isEqualTo((byte) 0x81);
        assertThat(((q[18] & 0x0f) << 8) | (q[19] & 0xff)).isEqualTo(300);
        assertThat(q[20]).isEqualTo((byte) 0x08);
        byte[] s = Link.sll2(3).wrap(ip);
        assertThat(s).hasSize(20 + ip.length);
        assertThat(s[0]).isEqualTo((byte) 0x08);
        assertThat(s[7]).isEqualTo((byte) 3);
        assertThat(s[11]).isEqualTo((byte) 6);
    }

    @Test
    void tcpStreamSegmentsCarryConsecutiveSequenceNumbers() {
        Random r = new Random(3);
        Endpoint c = Endpoint.of("52.114.148.0", 40000);
        Endpoint s = Endpoint.of("203.0.113.10", 5067);
        TcpConnection t = new TcpConnection(c, s, 0xfffffff0L, 77, 536);
        List<TcpConnection.Segment> segs = new ArrayList<>(t.handshake());
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] p = new byte[1 + r.nextInt(3000)];
            r.nextBytes(p);
            sent.writeBytes(p);
            segs.addAll(t.sendAll(c, p));
        }
        long expect = 0xfffffff1L; // ISN + 1, wraps past 2^32
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (TcpConnection.Segment g : segs.subList(3, segs.size())) {
            byte[] b = g.bytes();
            long seq = ((b[4] & 0xffL) << 24) | ((b[5] & 0xff) << 16) | ((b[6] & 0xff) << 8) | (b[7] & 0xff);
            assertThat(seq).isEqualTo(expect);
            int hl = ((b[12] & 0xff) >> 4) * 4;
            assertThat(b.length - hl).isLessThanOrEqualTo(536);
            got.write(b, hl, b.length - hl);
            expect = (expect + b.length - hl) & 0xffffffffL;
        }
        assertThat(got.toByteArray()).isEqualTo(sent.toByteArray());
    }
}
