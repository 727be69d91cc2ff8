package dev.drsip.capture.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.SipPorts;
import dev.drsip.capture.tcp.Collector;
import dev.drsip.capture.tcp.PcapTcpFeeder;
import dev.drsip.capture.tcp.TcpReassembler;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.TlsHandshake;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Real handshakes: tls12.pcap and tls13.pcap were recorded by src/test/resources/tls/record.sh
 * (openssl s_server/s_client over loopback, port 15061, mutual authentication, server chain
 * sbc1.contoso.com + intermediate, client chain sip.pstnhub.example.test + intermediate); the
 * certificates' DER files sit next to them.
 */
class TlsHandshakeDecoderTest {
    private static final IpAddress LO = IpAddress.parse("127.0.0.1");

    static Path resource(String name) {
        try {
            return Path.of(TlsHandshakeDecoderTest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] der(String name) throws IOException {
        try (InputStream in = Files.newInputStream(resource(name + ".der"))) {
            return in.readAllBytes();
        }
    }

    /** Port 15061 is a SIP port here, as 5061 would be in production. */
    private static Collector decode(String pcap, java.util.function.Predicate<IpAddress> microsoft, List<Integer> ports) throws IOException {
        Collector out = new Collector();
        TcpReassembler r = new TcpReassembler(out, new SipPorts(ports), microsoft);
        PcapTcpFeeder.feed(resource(pcap), r);
        r.finish();
        return out;
    }

    @Test
    void tls12HandshakeGivesSniVersionSuiteAndBothCertificateChains() throws IOException {
        Collector out = decode("tls12.pcap", a -> false, List.of(15061));
        assertThat(out.problems).isEmpty();
        assertThat(out.sip).isEmpty();
        assertThat(out.tls).hasSize(1);
        TlsHandshake h = out.tls.get(0);
        assertThat(h.sni()).isEqualTo("sbc1.contoso.com");
        assertThat(h.version()).isEqualTo(0x0303);
        assertThat(h.cipherSuite()).isEqualTo(0xC02C); // ECDHE-ECDSA-AES256-GCM-SHA384, as tshark says
        assertThat(h.serverPort()).isEqualTo(15061);
        assertThat(h.client()).isEqualTo(LO);
        assertThat(h.clientPort()).isNotEqualTo(15061);
        assertThat(h.certificatesVisible()).isTrue();
        assertThat(h.serverCertificates()).hasSize(2);
        assertThat(h.serverCertificates().get(0)).isEqualTo(der("server"));
        assertThat(h.serverCertificates().get(1)).isEqualTo(der("inter"));
        assertThat(h.clientCertificates()).hasSize(2);
        assertThat(h.clientCertificates().get(0)).isEqualTo(der("client"));
        assertThat(h.clientCertificates().get(1)).isEqualTo(der("inter"));
        assertThat(h.where()).isEqualTo(new Where("tls12.pcap", 6)); // the frame with the server's Certificate
    }

    @Test
    void tls13HandshakeIsRecognisedWithCertificatesNotVisible() throws IOException {
        Collector out = decode("tls13.pcap", a -> false, List.of(15061));
        assertThat(out.problems).isEmpty();
        assertThat(out.tls).hasSize(1);
        TlsHandshake h = out.tls.get(0);
        assertThat(h.sni()).isEqualTo("sbc1.contoso.com");
        assertThat(h.version()).isEqualTo(0x0304);
        assertThat(h.cipherSuite()).isEqualTo(0x1302); // TLS_AES_256_GCM_SHA384
        assertThat(h.certificatesVisible()).isFalse();
        assertThat(h.serverCertificates()).isEmpty();
        assertThat(h.clientCertificates()).isEmpty();
        assertThat(h.where()).isEqualTo(new Where("tls13.pcap", 6)); // ServerHello
    }

    @Test
    void refusedHandshakeReportsTheAlertAndStillGivesTheServerChain() throws IOException {
        Collector out = decode("tls12-unknown-ca.pcap", a -> false, List.of(15061));
        assertThat(out.reasons()).containsExactly(TlsHandshakeDecoder.ALERT);
        assertThat(out.problems.get(0).detail()).contains("client sent fatal TLS alert 48 (unknown_ca)");
        assertThat(out.problems.get(0).where()).isEqualTo(new Where("tls12-unknown-ca.pcap", 8));
        assertThat(out.tls).hasSize(1);
        TlsHandshake h = out.tls.get(0);
        assertThat(h.version()).isEqualTo(0x0303);
        assertThat(h.serverCertificates().get(0)).isEqualTo(der("server"));
        assertThat(h.clientCertificates()).isEmpty(); // the client gave up before sending its own
    }

    @Test
    void tlsOnAnOrdinaryPortCountsOnlyWithAMicrosoftEndpoint() throws IOException {
        assertThat(decode("tls12.pcap", a -> false, List.of(5061)).tls).isEmpty();
        Collector ms = decode("tls12.pcap", a -> a.equals(LO), List.of(5061));
        assertThat(ms.tls).hasSize(1);
        assertThat(ms.tls.get(0).serverCertificates()).hasSize(2);
    }

    /** The client's offered versions come from supported_versions (TLS 1.3 client) or the legacy field. */
    @Test
    void offeredVersionsAndByteAtATimeFeeding() throws IOException {
        for (String name : new String[] {"tls12.pcap", "tls13.pcap"}) {
            List<byte[][]> streams = clearStreams(name);
            Collector whole = new Collector();
            TlsHandshakeDecoder d1 = feed(whole, streams, Integer.MAX_VALUE);
            Collector bytewise = new Collector();
            TlsHandshakeDecoder d2 = feed(bytewise, streams, 1);
            assertThat(whole.tls).hasSize(1);
            assertThat(bytewise.tls).hasSize(1);
            assertSame(whole.tls.get(0), bytewise.tls.get(0));
            assertThat(d1.offeredVersions()).isEqualTo(d2.offeredVersions());
            if (name.equals("tls13.pcap")) {
                assertThat(d1.offeredVersions()).containsExactly(0x0304);
            } else {
                assertThat(d1.offeredVersions()).contains(0x0303);
            }
        }
    }

    /** The real captures re-cut into tiny segments, reordered and duplicated, through the reassembler. */
    @Test
    void resegmentedAndReorderedCapturesGiveTheSameHandshake() throws IOException {
        Random rnd = new Random(5061);
        for (String name : new String[] {"tls12.pcap", "tls13.pcap"}) {
            TlsHandshake reference = decode(name, a -> false, List.of(15061)).tls.get(0);
            List<Object[]> segs = new ArrayList<>();
            PcapTcpFeeder.forEachSegment(resource(name), (t, w, src, sp, dst, dp, seq, flags, b, off, len) ->
                    segs.add(new Object[] {t, w, src, sp, dst, dp, seq, flags, java.util.Arrays.copyOfRange(b, off, off + len)}));
            for (int round = 0; round < 200; round++) {
                Collector out = new Collector();
                TcpReassembler r = new TcpReassembler(out, new SipPorts(List.of(15061)), a -> false);
                for (Object[] sg : segs) {
                    byte[] payload = (byte[]) sg[8];
                    int flags = (int) sg[7];
                    long seq = (long) sg[6];
                    List<int[]> pieces = new ArrayList<>();
                    for (int p = 0; p < payload.length; ) {
                        int to = Math.min(payload.length, p + 1 + rnd.nextInt(120));
                        pieces.add(new int[] {p, to});
                        if (rnd.nextInt(5) == 0) {
                            pieces.add(new int[] {p, to});
                        }
                        p = to;
                    }
                    java.util.Collections.shuffle(pieces, rnd);
                    if (pieces.isEmpty()) {
                        r.segment((long) sg[0], (Where) sg[1], (IpAddress) sg[2], (int) sg[3], (IpAddress) sg[4], (int) sg[5],
                                seq, 0, flags, payload, 0, 0);
                    }
                    for (int[] pc : pieces) {
                        r.segment((long) sg[0], (Where) sg[1], (IpAddress) sg[2], (int) sg[3], (IpAddress) sg[4], (int) sg[5],
                                (seq + pc[0]) & 0xffffffffL, 0, flags & ~TcpReassembler.FIN, payload, pc[0], pc[1] - pc[0]);
                    }
                    if (!pieces.isEmpty() && (flags & TcpReassembler.FIN) != 0) {
                        r.segment((long) sg[0], (Where) sg[1], (IpAddress) sg[2], (int) sg[3], (IpAddress) sg[4], (int) sg[5],
                                (seq + payload.length) & 0xffffffffL, 0, TcpReassembler.FIN | TcpReassembler.ACK, payload, 0, 0);
                    }
                }
                r.finish();
                assertThat(out.problems).isEmpty();
                assertThat(out.tls).hasSize(1);
                assertSame(reference, out.tls.get(0));
                for (int i = 0; i < reference.clientCertificates().size(); i++) {
                    assertThat(out.tls.get(0).clientCertificates().get(i)).isEqualTo(reference.clientCertificates().get(i));
                }
            }
        }
    }

    @Test
    void truncatedAndCorruptedHandshakesNeverThrow() throws IOException {
        Random rnd = new Random(99);
        for (String name : new String[] {"tls12.pcap", "tls13.pcap"}) {
            List<byte[][]> streams = clearStreams(name);
            for (int round = 0; round < 3000; round++) {
                List<byte[][]> mutated = new ArrayList<>();
                for (byte[][] chunk : streams) {
                    byte[] b = chunk[1].clone();
                    if (b.length > 0 && rnd.nextInt(3) == 0) {
                        for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                        }
                    }
                    if (rnd.nextInt(6) == 0) {
                        b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                    }
                    mutated.add(new byte[][] {chunk[0], b});
                }
                Collector out = new Collector();
                feed(out, mutated, 1 + rnd.nextInt(200));
                assertThat(out.tls.size()).isLessThanOrEqualTo(1);
                for (TlsHandshake h : out.tls) {
                    assertThat(h.serverCertificates().size()).isLessThanOrEqualTo(TlsHandshakeDecoder.MAX_CERTIFICATES);
                }
            }
        }
    }

    @Test
    void pureGarbageIsAProblemNotAnException() {
        Collector out = new Collector();
        TlsHandshakeDecoder d = new TlsHandshakeDecoder(out, LO, 1, LO, 2);
        byte[] junk = {0x16, 0x03, 0x01, 0x00, 0x08, 1, 0, 0, 4, 3, 3, 0, 0};
        d.data(0, 1, new Where("x", 1), junk, 0, junk.length);
        byte[] bad = {0x42, 0x42, 0x42, 0x42, 0x42, 0x42};
        d.data(1, 2, new Where("x", 2), bad, 0, bad.length);
        d.finish();
        assertThat(out.reasons()).contains(TlsHandshakeDecoder.BAD_HANDSHAKE, TlsHandshakeDecoder.BAD_RECORD);
        assertThat(d.done()).isTrue();
    }

    private static void assertSame(TlsHandshake a, TlsHandshake b) {
        assertThat(b.sni()).isEqualTo(a.sni());
        assertThat(b.version()).isEqualTo(a.version());
        assertThat(b.cipherSuite()).isEqualTo(a.cipherSuite());
        assertThat(b.serverCertificates()).hasSameSizeAs(a.serverCertificates());
        for (int i = 0; i < a.serverCertificates().size(); i++) {
            assertThat(b.serverCertificates().get(i)).isEqualTo(a.serverCertificates().get(i));
        }
        assertThat(b.clientCertificates()).hasSameSizeAs(a.clientCertificates());
    }

    /**
     * The in-order payload chunks of the capture's single connection, as {dir, bytes}: dir 0 is
     * the client (first SYN sender). Taken from the capture through a recording reassembler-free
     * path: the test feeder hands raw segments to a listener that keeps payloads in order (the
     * loopback captures have no loss or reordering).
     */
    private static List<byte[][]> clearStreams(String pcap) throws IOException {
        List<byte[][]> chunks = new ArrayList<>();
        int[] clientPort = {-1};
        PcapTcpFeeder.forEachSegment(resource(pcap), (t, w, src, sp, dst, dp, seq, flags, b, off, len) -> {
            if ((flags & TcpReassembler.SYN) != 0 && (flags & TcpReassembler.ACK) == 0) {
                clientPort[0] = sp;
            }
            if (len > 0) {
                chunks.add(new byte[][] {{(byte) (sp == clientPort[0] ? 0 : 1)}, java.util.Arrays.copyOfRange(b, off, off + len)});
            }
        });
        return chunks;
    }

    private static TlsHandshakeDecoder feed(Collector out, List<byte[][]> chunks, int piece) {
        TlsHandshakeDecoder d = new TlsHandshakeDecoder(out, LO, 40000, LO, 15061);
        long t = 0;
        for (byte[][] c : chunks) {
            byte[] b = c[1];
            for (int p = 0; p < b.length; p += piece) {
                d.data(c[0][0], ++t, new Where("x", t), b, p, Math.min(piece, b.length - p));
            }
        }
        d.finish();
        return d;
    }
}
