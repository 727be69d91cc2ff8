package dev.drsip.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.file.Frame;
import dev.drsip.capture.file.TraceReader;
import dev.drsip.sip.Malformed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceReaderTest {
    static final long T0 = 1_700_000_000_123_456_789L;

    record Rec(int linkType, long time, long number, int iface, byte[] data, int origLen) {
    }

    static List<Rec> read(byte[] file, List<Malformed> problems) throws IOException {
        return read(file, problems, null);
    }

    static List<Rec> read(byte[] file, List<Malformed> problems, String[] format) throws IOException {
        List<Rec> out = new ArrayList<>();
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(file), "t.pcap", problems::add)) {
            if (format != null) {
                format[0] = r.format();
            }
            Frame f;
            while ((f = r.next()) != null) {
                out.add(new Rec(f.linkType(), f.timeNanos(), f.number(), f.interfaceId(), f.copyBytes(),
                        f.originalLength()));
            }
        }
        return out;
    }

    static byte[] payload(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    @Test
    void pcapBothByteOrdersMicroAndNano() throws IOException {
        for (boolean le : new boolean[] {true, false}) {
            for (boolean ns : new boolean[] {true, false}) {
                byte[] file = TraceWriter.pcap(le, ns, 1, T0, payload(60, 1), payload(1514, 2), payload(0, 3));
                List<Malformed> problems = new ArrayList<>();
                String[] fmt = new String[1];
                List<Rec> recs = read(file, problems, fmt);
                assertThat(problems).isEmpty();
                assertThat(fmt[0]).isEqualTo("pcap");
                assertThat(recs).hasSize(3);
                long expect0 = ns ? T0 : T0 / 1000 * 1000;
                assertThat(recs.get(0).time()).isEqualTo(expect0);
                assertThat(recs.get(1).time()).isEqualTo(ns ? T0 + 1_000_000 : (T0 + 1_000_000) / 1000 * 1000);
                assertThat(recs.get(1).data()).isEqualTo(payload(1514, 2));
                assertThat(recs.get(2).data()).isEmpty();
                assertThat(recs).extracting(Rec::number).containsExactly(1L, 2L, 3L);
                assertThat(recs).extracting(Rec::linkType).containsOnly(1);
            }
        }
    }

    @Test
    void modifiedPcapWith24ByteRecords() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + 2 * (24 + 10)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2cd34).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(113);
        for (int i = 0; i < 2; i++) {
            b.putInt(1000 + i).putInt(5).putInt(10).putInt(10).putInt(7).putShort((short) 0x800).put((byte) 0)
                    .put((byte) 0).put(payload(10, i));
        }
        List<Malformed> problems = new ArrayList<>();
        List<Rec> recs = read(b.array(), problems);
        assertThat(problems).isEmpty();
        assertThat(recs).hasSize(2);
        assertThat(recs.get(1).time()).isEqualTo(1001_000_005_000L);
        assertThat(recs.get(1).data()).isEqualTo(payload(10, 1));
        assertThat(recs.get(0).linkType()).isEqualTo(113);
    }

    @Test
    void pcapngSectionsInterfacesResolutionsAndBlockKinds() throws IOException {
        TraceWriter.Pcapng w = new TraceWriter.Pcapng();
        w.section(true)
                .iface(1, 65535, -1, 0) // microseconds (default)
                .iface(276, 65535, 9, 0) // nanoseconds
                .iface(101, 65535, 0x80 | 10, 0) // 2^-10 s
                .other(0x0BAD, 20) // unknown block: skipped
                .epb(0, 1_700_000_000_000_001L, payload(42, 1))
                .epb(1, 1_700_000_000_000_000_002L, payload(43, 2))
                .epb(2, (1_700_000_000L << 10) | 512, payload(44, 3))
                .other(5, 16) // interface statistics: skipped
                .spb(payload(45, 4))
                .obsoletePacket(1, 1_700_000_001_000_000_000L, payload(46, 5))
                .section(false) // second section, big-endian: interfaces start over
                .iface(113, 65535, 3, 10) // milliseconds, +10 s offset
                .other(0x80000001, 4)
                .epb(0, 1_700_000_002_000L, payload(47, 6));
        List<Malformed> problems = new ArrayList<>();
        String[] fmt = new String[1];
        List<Rec> recs = read(w.bytes(), problems, fmt);
        assertThat(problems).isEmpty();
        assertThat(fmt[0]).isEqualTo("pcapng");
        assertThat(recs).extracting(Rec::linkType).containsExactly(1, 276, 101, 1, 276, 113);
        assertThat(recs).extracting(Rec::iface).containsExactly(0, 1, 2, 0, 1, 0);
        assertThat(recs).extracting(Rec::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(recs.get(0).time()).isEqualTo(1_700_000_000_000_001_000L);
        assertThat(recs.get(1).time()).isEqualTo(1_700_000_000_000_000_002L);
        assertThat(recs.get(2).time()).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(recs.get(3).time()).isEqualTo(recs.get(2).time()); // SPB: no time of its own
        assertThat(recs.get(4).time()).isEqualTo(1_700_000_001_000_000_000L);
        assertThat(recs.get(5).time()).isEqualTo(1_700_000_012_000_000_000L);
        for (int i = 0; i < 6; i++) {
            assertThat(recs.get(i).data()).isEqualTo(payload(42 + i, i + 1));
        }
    }

    @Test
    void gzipDetectedByMagicNotName() throws IOException {
        byte[] pcap = TraceWriter.pcap(true, false, 1, T0, payload(100, 1), payload(200, 2));
        String[] fmt = new String[1];
        List<Malformed> problems = new ArrayList<>();
        List<Rec> recs = read(TraceWriter.gzip(pcap), problems, fmt);
        assertThat(fmt[0]).isEqualTo("pcap.gz");
        assertThat(recs).hasSize(2);
        assertThat(recs.get(1).data()).isEqualTo(payload(200, 2));
        byte[] ng = new TraceWriter.Pcapng().section(false).iface(1, 0, -1, 0).epb(0, 5, payload(10, 0)).bytes();
        recs = read(TraceWriter.gzip(ng), problems, fmt);
        assertThat(fmt[0]).isEqualTo("pcapng.gz");
        assertThat(recs).hasSize(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void truncatedGzipReportsAndKeepsWhatWasRead() throws IOException {
        byte[] frames[] = new byte[200][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = payload(500, i);
        }
        byte[] gz = TraceWriter.gzip(TraceWriter.pcap(true, false, 1, T0, frames));
        List<Malformed> problems = new ArrayList<>();
        List<Rec> recs = read(Arrays.copyOf(gz, gz.length / 2), problems);
        assertThat(recs.size()).isBetween(1, 199);
        assertThat(problems).isNotEmpty();
        assertThat(problems.get(problems.size() - 1).where().source()).isEqualTo("t.pcap");
    }

    @Test
    void notATraceIsAProblemNotAnException() throws IOException {
        List<Malformed> problems = new ArrayList<>();
        assertThat(read("Hello, this is a text file\n".getBytes(), problems)).isEmpty();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("trace.not-a-trace");
            assertThat(p.detail()).startsWith("not a pcap or pcapng file: first bytes 48656c6c6f2c2074");
        });
        problems.clear();
        assertThat(read(new byte[0], problems)).isEmpty();
        assertThat(problems).extracting(Malformed::reason).containsExactly("trace.not-a-trace");
    }

    @Test
    void truncatedRecordIsReportedWithFrameNumber() throws IOException {
        byte[] file = TraceWriter.pcap(true, false, 1, T0, payload(100, 1), payload(100, 2), payload(100, 3));
        List<Malformed> problems = new ArrayList<>();
        List<Rec> recs = read(Arrays.copyOf(file, file.length - 30), problems);
        assertThat(recs).hasSize(2);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("pcap.truncated-record");
            assertThat(p.where().frame()).isEqualTo(3);
        });
    }

    @Test
    void absurdCaplenIsReportedAndReaderResynchronises() throws IOException {
        byte[] file = TraceWriter.pcap(true, false, 1, T0, payload(100, 1), payload(100, 2), payload(100, 3),
                payload(100, 4));
        // damage the second record's caplen
        int rec2 = 24 + 16 + 100;
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(rec2 + 8, 0x7fff0000);
        List<Malformed> problems = new ArrayList<>();
        List<Rec> recs = read(file, problems);
        assertThat(problems).extracting(Malformed::reason).containsExactly("pcap.bad-caplen");
        assertThat(problems.get(0).where().frame()).isEqualTo(2);
        assertThat(recs).extracting(r -> r.data()[0]).contains((byte) 1, (byte) 3, (byte) 4);
    }

    @Test
    void caplenAboveSnaplenIsDamage() throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        new TraceWriter.Pcap(o, true, false, 1, 128).frame(T0, payload(100, 1)).frame(T0, payload(200, 2));
        List<Malformed> problems = new ArrayList<>();
        List<Rec> recs = read(o.toByteArray(), problems);
        assertThat(recs).hasSize(1);
        assertThat(problems).extracting(Malformed::reason).startsWith("pcap.bad-caplen");
    }

    @Test
    void pcapngBadBlockLengthResynchronisesOnNextBlock() throws IOException {
        TraceWriter.Pcapng w = new TraceWriter.Pcapng().section(true).iface(1, 65535, -1, 0);
        int damaged = w.out.size();
        w.epb(0, 1, payload(64, 1));
        w.epb(0, 2, payload(64, 2)).epb(0, 3, payload(64, 3));
        byte[] file = w.bytes();
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(damaged + 4, 0x13);
        List<Malformed> problems = new ArrayList<>();
        List<Rec> recs = read(file, problems);
        assertThat(problems).extracting(Malformed::reason).containsExactly("pcapng.bad-block-length");
        assertThat(recs).extracting(r -> r.data()[0]).containsExactly((byte) 2, (byte) 3);
    }

    @Test
    void pcapngPacketForUnknownInterfaceIsReported() throws IOException {
        byte[] file = new TraceWriter.Pcapng().section(true).iface(1, 0, -1, 0).epb(3, 1, payload(10, 0))
                .epb(0, 2, payload(10, 1)).bytes();
        List<Malformed> problems = new ArrayList<>();
        List<Rec> recs = read(file, problems);
        assertThat(recs).hasSize(1);
        assertThat(recs.get(0).number()).isEqualTo(2);
        assertThat(problems).extracting(Malformed::reason).containsExactly("pcapng.unknown-interface");
        assertThat(problems.get(0).where().frame()).isEqualTo(1);
    }

    @Test
    void bigFilesStreamThroughTheBufferUnchanged() throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        TraceWriter.Pcap p = new TraceWriter.Pcap(o, false, true, 1, 262144);
        int n = 3000;
        for (int i = 0; i < n; i++) {
            p.frame(T0 + i, payload(100 + (i * 37) % 9000, i));
        }
        List<Malformed> problems = new ArrayList<>();
        List<Rec> recs = read(o.toByteArray(), problems);
        assertThat(problems).isEmpty();
        assertThat(recs).hasSize(n);
        for (int i = 0; i < n; i += 97) {
            assertThat(recs.get(i).data()).isEqualTo(payload(100 + (i * 37) % 9000, i));
            assertThat(recs.get(i).time()).isEqualTo(T0 + i);
        }
    }
}
