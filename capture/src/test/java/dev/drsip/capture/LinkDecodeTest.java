package dev.drsip.capture;

import static dev.drsip.capture.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkDecodeTest {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final byte[] SIP = invite();
    static final byte[] UDP4 = udp4("10.1.1.1", 5060, "10.2.2.2", 5060, SIP);

    @TempDir
    Path dir;

    record Run(Recorder rec, List<InputSummary> summaries) {
    }

    Run run(byte[] file) throws IOException {
        return run(file, CaptureOptions.defaults());
    }

    Run run(byte[] file, CaptureOptions options) throws IOException {
        Path p = Files.createTempFile(dir, "t", ".cap");
        Files.write(p, file);
        Recorder r = new Recorder();
        List<InputSummary> s = new TraceFileSource(List.of(p), options).run(r);
        return new Run(r, s);
    }

    Run link(int linkType, byte[]... frames) throws IOException {
        return run(TraceWriter.pcap(true, false, linkType, T0, frames));
    }

    static void assertOneInvite(Run run, String src, String dst) {
        assertThat(run.rec().problems).isEmpty();
        assertThat(run.rec().sip).hasSize(1);
        SipPacket p = run.rec().sip.get(0);
        assertThat(new String(p.data(), p.offset(), p.length(), StandardCharsets.US_ASCII))
                .isEqualTo(new String(SIP, StandardCharsets.US_ASCII));
        assertThat(p.src()).isEqualTo(IpAddress.parse(src));
        assertThat(p.dst()).isEqualTo(IpAddress.parse(dst));
        assertThat(p.transport()).isEqualTo(Transport.UDP);
        assertThat(p.where().frame()).isEqualTo(1);
        assertThat(p.timeNanos()).isEqualTo(T0);
    }

    @Test
    void ethernetPlainVlanQinQAnd9100() throws IOException {
        assertOneInvite(link(1, eth4(UDP4)), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, ethernet(0x0800, UDP4, 0x8100, 100)), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, ethernet(0x0800, UDP4, 0x88a8, 10, 0x8100, 20)), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, ethernet(0x0800, UDP4, 0x9100, 10, 0x8100, 20)), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, ethernet(0x86dd, udp6("2001:db8::1", 5060, "2001:db8::2", 5060, SIP), 0x8100, 5)),
                "2001:db8::1", "2001:db8::2");
    }

    @Test
    void ethernetPaddingIsNotPartOfTheMessage() throws IOException {
        byte[] small = udp4("10.1.1.1", 5060, "10.2.2.2", 5060, "\r\n\r\n".getBytes());
        Run r = link(1, concat(eth4(small), new byte[20]), eth4(UDP4));
        assertThat(r.rec().sip).hasSize(1); // the keep-alive (with padding) is skipped silently
        assertThat(r.rec().problems).isEmpty();
    }

    @Test
    void linuxCookedV1AndV2() throws IOException {
        assertOneInvite(link(113, sll(0x0800, UDP4)), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(276, sll2(0x0800, UDP4)), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(276, sll2(0x86dd, udp6("::1", 5060, "::2", 5061, SIP))), "::1", "::2");
    }

    @Test
    void bsdNullAndLoopBothByteOrders() throws IOException {
        assertOneInvite(link(0, nullLink(2, true, UDP4)), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(0, nullLink(2, false, UDP4)), "10.1.1.1", "10.2.2.2");
        byte[] v6 = udp6("::1", 5060, "::2", 5060, SIP);
        for (int fam : new int[] {10, 24, 28, 30}) {
            assertOneInvite(link(0, nullLink(fam, true, v6)), "::1", "::2");
        }
        assertOneInvite(link(108, nullLink(2, false, UDP4)), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(108, nullLink(24, false, v6)), "::1", "::2");
    }

    @Test
    void rawIpLinkTypes() throws IOException {
        for (int lt : new int[] {12, 14, 101, 228}) {
            assertOneInvite(link(lt, UDP4), "10.1.1.1", "10.2.2.2");
        }
        byte[] v6 = udp6("fe80::1", 5060, "fe80::2", 5060, SIP);
        for (int lt : new int[] {12, 14, 101, 229}) {
            assertOneInvite(link(lt, v6), "fe80::1", "fe80::2");
        }
    }

    @Test
    void exportedPduDeliversTheSipMessage() throws IOException {
        Run r = link(252, exportedPdu("sip", "52.112.1.1", "10.0.0.5", 2, 5061, 40000, SIP));
        assertThat(r.rec().problems).isEmpty();
        assertThat(r.rec().sip).singleElement().satisfies(p -> {
            assertThat(p.transport()).isEqualTo(Transport.TCP);
            assertThat(p.src()).isEqualTo(IpAddress.parse("52.112.1.1"));
            assertThat(p.srcPort()).isEqualTo(5061);
            assertThat(p.dst()).isEqualTo(IpAddress.parse("10.0.0.5"));
            assertThat(p.dstPort()).isEqualTo(40000);
            assertThat(p.length()).isEqualTo(SIP.length);
        });
        r = link(252, exportedPdu("sip", "2001:db8::1", "2001:db8::2", 3, 5060, 5060, SIP));
        assertThat(r.rec().sip).singleElement().satisfies(p -> {
            assertThat(p.transport()).isEqualTo(Transport.UDP);
            assertThat(p.src()).isEqualTo(IpAddress.parse("2001:db8::1"));
        });
        r = link(252, exportedPdu("http", "10.0.0.1", "10.0.0.2", 2, 80, 1234, "GET / HTTP/1.1\r\n\r\n".getBytes()));
        assertThat(r.rec().sip).isEmpty();
        assertThat(r.summaries().get(0).notDecoded()).isEqualTo(1);
        r = link(252, new byte[] {0, 12, 0, 40, 's', 'i', 'p'});
        assertThat(r.rec().reasons()).containsExactly("exported-pdu.bad-tags");
    }

    @Test
    void greVariants() throws IOException {
        String o1 = "192.0.2.1";
        String o2 = "192.0.2.2";
        assertOneInvite(link(1, eth4(ipv4(o1, o2, 47, 9, 0, gre(0x0800, false, null, null, UDP4)))), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, eth4(ipv4(o1, o2, 47, 9, 0, gre(0x6558, true, 77L, 5L, eth4(UDP4))))), "10.1.1.1",
                "10.2.2.2");
        assertOneInvite(link(1, eth4(ipv4(o1, o2, 47, 9, 0,
                gre(0x86dd, false, 1L, null, udp6("::1", 5060, "::2", 5060, SIP))))), "::1", "::2");
    }

    @Test
    void erspanTypesTwoAndThree() throws IOException {
        String o1 = "192.0.2.1";
        String o2 = "192.0.2.2";
        assertOneInvite(link(1, eth4(ipv4(o1, o2, 47, 9, 0, gre(0x88be, false, null, 1L, erspan2(eth4(UDP4)))))),
                "10.1.1.1", "10.2.2.2");
        // type I: no sequence number, no ERSPAN header
        assertOneInvite(link(1, eth4(ipv4(o1, o2, 47, 9, 0, gre(0x88be, false, null, null, eth4(UDP4))))),
                "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, eth4(ipv4(o1, o2, 47, 9, 0, gre(0x22eb, false, null, 1L, erspan3(eth4(UDP4), 0,
                false))))), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, eth4(ipv4(o1, o2, 47, 9, 0, gre(0x22eb, false, null, 1L, erspan3(eth4(UDP4), 0,
                true))))), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, eth4(ipv4(o1, o2, 47, 9, 0, gre(0x22eb, false, null, 1L, erspan3(UDP4, 2,
                true))))), "10.1.1.1", "10.2.2.2");
        // ERSPAN over IPv6 underlay with VLAN inside
        assertOneInvite(link(1, ethernet(0x86dd, ipv6("2001:db8::a", "2001:db8::b", 47, gre(0x88be, false, null, 2L,
                erspan2(ethernet(0x0800, UDP4, 0x8100, 7)))))), "10.1.1.1", "10.2.2.2");
    }

    @Test
    void ipInIpAndVxlan() throws IOException {
        assertOneInvite(link(1, eth4(ipv4("192.0.2.1", "192.0.2.2", 4, 3, 0, UDP4))), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, eth4(ipv4("192.0.2.1", "192.0.2.2", 41, 3, 0, udp6("::1", 5060, "::2", 5060, SIP)))),
                "::1", "::2");
        assertOneInvite(link(1, ethernet(0x86dd, ipv6("::a", "::b", 4, UDP4))), "10.1.1.1", "10.2.2.2");
        assertOneInvite(link(1, eth4(udp4("192.0.2.1", 33333, "192.0.2.2", 4789, vxlan(eth4(UDP4))))), "10.1.1.1",
                "10.2.2.2");
    }

    @Test
    void tunnelNestingIsBounded() throws IOException {
        byte[] p = UDP4;
        for (int i = 0; i < 10; i++) {
            p = ipv4("192.0.2.1", "192.0.2.2", 4, i, 0, p);
        }
        Run r = link(1, eth4(p));
        assertThat(r.rec().sip).isEmpty();
        assertThat(r.rec().reasons()).containsExactly("tunnel.too-deep");
        // GRE in GRE in GRE ... also stops
        byte[] g = eth4(UDP4);
        for (int i = 0; i < 10; i++) {
            g = eth4(ipv4("192.0.2.1", "192.0.2.2", 47, i, 0, gre(0x6558, false, null, null, g)));
        }
        r = link(1, g);
        assertThat(r.rec().reasons()).containsExactly("tunnel.too-deep");
    }

    @Test
    void ipv4OptionsAndIpv6ExtensionHeaders() throws IOException {
        byte[] withOptions = ipv4("10.1.1.1", "10.2.2.2", 17, 5, 0, udp(5060, 5060, SIP),
                new byte[] {(byte) 0x94, 4, 0, 0, 1, 1, 1, 0}); // router alert + NOPs + end: IHL 7
        assertOneInvite(link(1, eth4(withOptions)), "10.1.1.1", "10.2.2.2");
        byte[] hopByHop = {43, 0, 1, 4, 0, 0, 0, 0}; // next: routing
        byte[] routing = {60, 0, 0, 0, 0, 0, 0, 0}; // next: destination options
        byte[] destOpts = {17, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}; // next: UDP, 16 bytes
        assertOneInvite(link(1, ethernet(0x86dd, ipv6("2001:db8::1", "2001:db8::2", 0, concat(hopByHop, routing,
                destOpts, udp(5060, 5060, SIP))))), "2001:db8::1", "2001:db8::2");
        // an atomic fragment (offset 0, no more fragments) needs no reassembly
        byte[] atomic = concat(new byte[] {17, 0}, be16(0), be32(99));
        assertOneInvite(link(1, ethernet(0x86dd, ipv6("2001:db8::1", "2001:db8::2", 44, concat(atomic,
                udp(5060, 5060, SIP))))), "2001:db8::1", "2001:db8::2");
    }

    @Test
    void sctpIsCountedAsNotDecodedSilently() throws IOException {
        Run r = link(1, eth4(ipv4("10.0.0.1", "10.0.0.2", 132, 1, 0, new byte[64])));
        assertThat(r.rec().sip).isEmpty();
        assertThat(r.rec().problems).isEmpty();
        assertThat(r.summaries().get(0).notDecoded()).isEqualTo(1);
    }

    @Test
    void sipOnAnyPortByStartLineButNotRtp() throws IOException {
        byte[] resp = sip("SIP/2.0 200 OK");
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        Run r = link(1, eth4(udp4("10.0.0.1", 7000, "10.0.0.2", 7002, resp)), eth4(udp4("10.0.0.1", 20000, "10.0.0.2",
                20002, rtp)), eth4(udp4("10.0.0.1", 7000, "10.0.0.2", 7002, "HELLO world\r\n".getBytes())));
        assertThat(r.rec().texts()).singleElement().asString().startsWith("SIP/2.0 200 OK\r\n");
        assertThat(r.summaries().get(0).notDecoded()).isEqualTo(2);
        // custom SIP ports
        r = run(TraceWriter.pcap(true, false, 1, T0, eth4(udp4("10.0.0.1", 7000, "10.0.0.2", 7002, rtp))),
                CaptureOptions.defaults().withSipPorts(new SipPorts(List.of(7002))));
        assertThat(r.rec().sip).hasSize(1);
    }

    @Test
    void keepAlivesAndEmptyPayloadsAreSilent() throws IOException {
        Run r = link(1, eth4(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, new byte[0])),
                eth4(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, "\r\n\r\n".getBytes())),
                eth4(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, "\r\n".getBytes())));
        assertThat(r.rec().sip).isEmpty();
        assertThat(r.rec().problems).isEmpty();
        assertThat(r.summaries().get(0).packets()).isEqualTo(3);
    }

    @Test
    void packetsOwnTheirBytes() throws IOException {
        Run r = link(1, eth4(UDP4), eth4(udp4("10.1.1.1", 5060, "10.2.2.2", 5060, sip("SIP/2.0 100 Trying"))));
        assertThat(r.rec().sip).hasSize(2);
        assertThat(r.rec().sip.get(0).data()).isNotSameAs(r.rec().sip.get(1).data());
        assertThat(r.rec().texts().get(0)).startsWith("INVITE ");
        assertThat(r.rec().texts().get(1)).startsWith("SIP/2.0 100 Trying");
        assertThat(r.rec().sip.get(1).where().frame()).isEqualTo(2);
    }

    @Test
    void snaplenCutSipDatagramIsAProblem() throws IOException {
        byte[] full = eth4(UDP4);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 20);
        Run r = link(1, cut);
        assertThat(r.rec().sip).isEmpty();
        assertThat(r.rec().reasons()).containsExactly("udp.truncated");
    }

    @Test
    void garbageHeadersAreProblemsWithFrameNumbers() throws IOException {
        Run r = link(1, new byte[5], eth4(new byte[] {0x45, 0, 0, 20}), eth4(UDP4), ethernet(0x0806, new byte[28]));
        assertThat(r.rec().sip).hasSize(1);
        assertThat(r.rec().problems).extracting(p -> p.where().frame()).containsExactly(1L, 2L);
        assertThat(r.summaries().get(0).problems()).isEqualTo(2);
        assertThat(r.summaries().get(0).notDecoded()).isEqualTo(1); // the ARP frame
    }

    @Test
    void unknownLinkTypeReportedOncePerFile() throws IOException {
        Run r = link(147, new byte[40], new byte[40]);
        assertThat(r.rec().reasons()).containsExactly("link.unknown-type");
        assertThat(r.summaries().get(0).linkTypes()).containsExactly(147);
    }

    @Test
    void tcpSegmentsGoToTheReassembler() throws IOException {
        byte[] msg = invite();
        byte[] a = java.util.Arrays.copyOfRange(msg, 0, 30);
        byte[] b = java.util.Arrays.copyOfRange(msg, 30, msg.length);
        String c = "10.0.0.1";
        String s = "10.0.0.2";
        Run r = link(1,
                eth4(ipv4(c, s, 6, 1, 0, tcp(40000, 5060, 1000, 0, 2, new byte[0]))),
                eth4(ipv4(s, c, 6, 1, 0, tcp(5060, 40000, 5000, 1001, 18, new byte[0]))),
                eth4(ipv4(c, s, 6, 2, 0, tcp(40000, 5060, 1001, 5001, 16, new byte[0]))),
                eth4(ipv4(c, s, 6, 3, 0, tcp(40000, 5060, 1001 + 30, 5001, 24, b))), // out of order
                eth4(ipv4(c, s, 6, 4, 0, tcp(40000, 5060, 1001, 5001, 24, a))));
        assertThat(r.rec().problems).isEmpty();
        assertThat(r.rec().sip).singleElement().satisfies(p -> {
            assertThat(p.transport()).isEqualTo(Transport.TCP);
            assertThat(p.srcPort()).isEqualTo(40000);
            assertThat(new String(p.data(), p.offset(), p.length(), StandardCharsets.US_ASCII))
                    .isEqualTo(new String(msg, StandardCharsets.US_ASCII));
        });
        assertThat(r.summaries().get(0).sipPackets()).isEqualTo(1);
    }
}
