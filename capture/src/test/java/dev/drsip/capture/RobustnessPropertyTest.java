package dev.drsip.capture;

import static dev.drsip.capture.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.file.Frame;
import dev.drsip.capture.file.TraceReader;
import dev.drsip.sip.Malformed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing a user feeds in makes the reader or the decoders throw. */
class RobustnessPropertyTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    static byte[] validPcap() throws IOException {
        return TraceWriter.pcap(true, false, 1, T0, eth4(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, invite())),
                ethernet(0x86dd, udp6("::1", 5060, "::2", 5060, sip("SIP/2.0 200 OK"))),
                eth4(ipv4("192.0.2.1", "192.0.2.2", 47, 1, 0, gre(0x6558, false, 5L, 6L,
                        eth4(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, invite()))))));
    }

    static byte[] validPcapng() {
        return new TraceWriter.Pcapng().section(true).iface(1, 65535, 9, 0).iface(276, 65535, -1, 0)
                .epb(0, T0, eth4(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, invite())))
                .other(0x0BAD, 12)
                .spb(eth4(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, invite())))
                .epb(1, T0 / 1000, sll2(0x0800, udp4("10.0.0.1", 5060, "10.0.0.2", 5060, invite())))
                .section(false).iface(101, 0, -1, 0)
                .epb(0, T0 / 1000 + 5, udp4("10.0.0.1", 5060, "10.0.0.2", 5060, invite())).bytes();
    }

    static int drain(byte[] file, List<Malformed> problems) throws IOException {
        int n = 0;
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file), "x", problems::add)) {
            Frame f;
            while ((f = r.next()) != null) {
                assertThat(f.length()).isBetween(0, TraceReader.MAX_FRAME);
                assertThat(f.offset() + f.length()).isLessThanOrEqualTo(f.data().length);
                n++;
            }
        }
        return n;
    }

    /** Offsets at which a cut leaves a well-formed (shorter) file: after the header or a whole record/block. */
    static java.util.Set<Integer> boundaries(byte[] f, boolean gz) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        if (gz) {
            return out;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) == 0xa1b2c3d4 || b.getInt(0) == 0xa1b23c4d) {
            int p = 24;
            out.add(p);
            while (p + 16 <= f.length) {
                p += 16 + b.getInt(p + 8);
                out.add(p);
            }
            return out;
        }
        int p = 0;
        while (p + 12 <= f.length) {
            if (b.getInt(p) == 0x0A0D0D0A) { // same in both orders
                boolean le = (f[p + 8] & 0xff) == 0x4D;
                b.order(le ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
            }
            p += b.getInt(p + 4);
            out.add(p);
        }
        return out;
    }

    @Test
    void truncatingAValidFileAtEveryOffsetNeverThrowsAndReportsAProblem() throws IOException {
        byte[][] files = {validPcap(), validPcapng(), TraceWriter.gzip(validPcap())};
        for (int fi = 0; fi < files.length; fi++) {
            byte[] file = files[fi];
            java.util.Set<Integer> ok = boundaries(file, fi == 2);
            List<Malformed> all = new ArrayList<>();
            int full = drain(file, all);
            assertThat(all).isEmpty();
            assertThat(full).isGreaterThanOrEqualTo(3);
            for (int cut = 0; cut < file.length; cut++) {
                List<Malformed> problems = new ArrayList<>();
                int n = drain(Arrays.copyOf(file, cut), problems);
                assertThat(n).isLessThanOrEqualTo(full);
                if (ok.contains(cut)) {
                    assertThat(problems).as("clean cut at %d of %d", cut, file.length).isEmpty();
                } else {
                    assertThat(problems).as("cut at %d of %d (boundaries %s, frames %d)", cut, file.length, new java.util.TreeSet<>(ok), n).isNotEmpty();
                }
                for (Malformed m : problems) {
                    assertThat(m.where().source()).isEqualTo("x");
                }
            }
        }
    }

    @Test
    void truncatedFilesThroughTheWholePipelineNeverThrow() throws IOException {
        byte[] file = validPcapng();
        Path p = dir.resolve("cut.pcapng");
        for (int cut = 0; cut < file.length; cut += 3) {
            Files.write(p, Arrays.copyOf(file, cut));
            Recorder r = new Recorder();
            List<InputSummary> s = new TraceFileSource(List.of(p)).run(r);
            assertThat(s.get(0).problems()).isEqualTo(r.problems.size());
        }
    }

    @Test
    void randomGarbageFilesNeverThrow() throws IOException {
        Random rnd = new Random(42);
        byte[] pcapHeader = Arrays.copyOf(validPcap(), 24);
        byte[] ngHeader = Arrays.copyOf(validPcapng(), 28 + 20);
        for (int i = 0; i < 3000; i++) {
            byte[] junk = new byte[rnd.nextInt(3000)];
            rnd.nextBytes(junk);
            byte[] file;
            switch (i % 3) {
                case 0:
                    file = concat(pcapHeader, junk);
                    break;
                case 1:
                    file = concat(ngHeader, junk);
                    break;
                default:
                    file = junk;
                    break;
            }
            drain(file, new ArrayList<>());
        }
    }

    @Test
    void mutatedValidFilesNeverThrowThroughTheDecoders() throws IOException {
        Random rnd = new Random(7);
        byte[][] bases = {validPcap(), validPcapng()};
        Path p = dir.resolve("m.cap");
        for (int i = 0; i < 1500; i++) {
            byte[] f = bases[i % 2].clone();
            int flips = 1 + rnd.nextInt(8);
            for (int k = 0; k < flips; k++) {
                f[24 + rnd.nextInt(f.length - 24)] = (byte) rnd.nextInt(256);
            }
            Files.write(p, f);
            new TraceFileSource(List.of(p)).run(new Recorder());
        }
    }

    @Test
    void randomGarbageFramesOfEveryLinkTypeNeverThrow() throws IOException {
        Random rnd = new Random(99);
        int[] linkTypes = {0, 1, 12, 14, 101, 108, 113, 228, 229, 252, 276};
        byte[] seed = eth4(ipv4("192.0.2.1", "192.0.2.2", 47, 1, 0, gre(0x22eb, false, null, 1L,
                erspan3(eth4(udp4("10.0.0.1", 5060, "10.0.0.2", 4789, vxlan(eth4(UDP())))), 0, true))));
        for (int lt : linkTypes) {
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                byte[] f;
                if (i % 2 == 0) {
                    f = new byte[rnd.nextInt(200)];
                    rnd.nextBytes(f);
                    if (f.length > 0) {
                        f[0] = (byte) (rnd.nextBoolean() ? 0x45 : 0x60);
                    }
                } else {
                    f = seed.clone();
                    for (int k = 0; k < 3; k++) {
                        f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
                    }
                    f = Arrays.copyOf(f, rnd.nextInt(f.length + 1));
                }
                frames.add(f);
            }
            Path p = dir.resolve("g" + lt + ".pcap");
            Files.write(p, TraceWriter.pcap(true, true, lt, T0, frames.toArray(new byte[0][])));
            Recorder r = new Recorder();
            List<InputSummary> s = new TraceFileSource(List.of(p)).run(r);
            assertThat(s.get(0).packets()).isEqualTo(400);
        }
    }

    private static byte[] UDP() {
        return udp4("10.1.1.1", 5060, "10.2.2.2", 5060, invite());
    }
}
