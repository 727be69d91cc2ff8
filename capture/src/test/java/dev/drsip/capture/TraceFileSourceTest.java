package dev.drsip.capture;

import static dev.drsip.capture.Packets.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFileSourceTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_700_000_000L * S;

    @TempDir
    Path dir;

    static byte[] msg(String tag) {
        return sip("OPTIONS sip:" + tag + "@x SIP/2.0");
    }

    static byte[] frame(String tag) {
        return eth4(udp4("10.0.0.1", 5060, "10.0.0.2", 5060, msg(tag)));
    }

    @Test
    void filesAreMergedInTimeOrderStableByFileOrder() throws IOException {
        java.io.ByteArrayOutputStream a = new java.io.ByteArrayOutputStream();
        new TraceWriter.Pcap(a, true, false, 1, 65535).frame(T0, frame("a1")).frame(T0 + 2 * S, frame("a2"))
                .frame(T0 + 4 * S, frame("a3"));
        Path fa = dir.resolve("a.pcap");
        Files.write(fa, a.toByteArray());
        byte[] ng = new TraceWriter.Pcapng().section(false).iface(276, 0, 9, 0)
                .epb(0, T0 + S, sll2(0x0800, udp4("10.0.0.3", 5060, "10.0.0.4", 5060, msg("b1"))))
                .epb(0, T0 + 2 * S, sll2(0x0800, udp4("10.0.0.3", 5060, "10.0.0.4", 5060, msg("b2"))))
                .epb(0, T0 + 5 * S, sll2(0x0800, udp4("10.0.0.3", 5060, "10.0.0.4", 5060, msg("b3")))).bytes();
        Path fb = dir.resolve("b.pcapng.gz");
        Files.write(fb, TraceWriter.gzip(ng));
        Recorder r = new Recorder();
        List<long[]> progress = new ArrayList<>();
        List<InputSummary> s = new TraceFileSource(List.of(fa, fb), CaptureOptions.defaults()
                .withProgress((done, total) -> progress.add(new long[] {done, total}))).run(r);
        assertThat(r.texts()).extracting(t -> t.substring(12, 14)).containsExactly("a1", "b1", "a2", "b2", "a3", "b3");
        assertThat(r.times).isSorted().hasSize(6);
        assertThat(r.sip).extracting(p -> p.where().source()).containsExactly("a.pcap", "b.pcapng.gz", "a.pcap",
                "b.pcapng.gz", "a.pcap", "b.pcapng.gz");
        assertThat(r.sip).extracting(p -> p.where().frame()).containsExactly(1L, 1L, 2L, 2L, 3L, 3L);
        assertThat(s).hasSize(2);
        assertThat(s.get(0)).satisfies(x -> {
            assertThat(x.file()).isEqualTo("a.pcap");
            assertThat(x.format()).isEqualTo("pcap");
            assertThat(x.linkTypes()).containsExactly(1);
            assertThat(x.linkTypeNames()).containsExactly("ethernet");
            assertThat(x.packets()).isEqualTo(3);
            assertThat(x.sipPackets()).isEqualTo(3);
            assertThat(x.problems()).isZero();
            assertThat(x.bytes()).isEqualTo(3L * frame("a1").length);
        });
        assertThat(s.get(1).format()).isEqualTo("pcapng.gz");
        assertThat(s.get(1).linkTypeNames()).containsExactly("linux-sll2");
        long total = Files.size(fa) + Files.size(fb);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(total, total);
    }

    @Test
    void problemsAreCountedPerFile() throws IOException {
        Path good = dir.resolve("good.pcap");
        Files.write(good, TraceWriter.pcap(true, false, 1, T0, frame("g1")));
        Path bad = dir.resolve("bad.pcap");
        byte[] b = TraceWriter.pcap(true, false, 1, T0, frame("x1"), frame("x2"));
        Files.write(bad, java.util.Arrays.copyOf(b, b.length - 5));
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "just text");
        Recorder r = new Recorder();
        List<InputSummary> s = new TraceFileSource(List.of(good, bad, text)).run(r);
        assertThat(s).extracting(InputSummary::problems).containsExactly(0L, 1L, 1L);
        assertThat(s).extracting(InputSummary::sipPackets).containsExactly(1L, 1L, 0L);
        assertThat(s.get(2).format()).isEqualTo("unknown");
        // the text file is recognised (and reported) when the files are opened, before any frame
        assertThat(r.problems).extracting(p -> p.where().toString()).containsExactly("notes.txt", "bad.pcap frame 2");
        assertThat(r.problems.get(0).detail()).startsWith("not a pcap or pcapng file: first bytes ");
    }

    @Test
    void sameFileNameInTwoDirectoriesIsDisambiguated() throws IOException {
        Files.createDirectories(dir.resolve("x"));
        Files.createDirectories(dir.resolve("y"));
        Path a = dir.resolve("x/t.pcap");
        Path b = dir.resolve("y/t.pcap");
        Files.write(a, TraceWriter.pcap(true, false, 1, T0, frame("a1")));
        Files.write(b, TraceWriter.pcap(true, false, 1, T0, frame("b1")));
        List<InputSummary> s = new TraceFileSource(List.of(a, b)).run(new Recorder());
        assertThat(s).extracting(InputSummary::file).containsExactly(a.toString(), b.toString());
        assertThat(s).extracting(InputSummary::sipPackets).containsExactly(1L, 1L);
    }

    @Test
    void missingFileIsAClearIOException() {
        Path missing = dir.resolve("nope.pcap");
        assertThatThrownBy(() -> new TraceFileSource(List.of(missing)).run(new Recorder()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nope.pcap")
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> new TraceFileSource(List.of(dir)).run(new Recorder()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("directory");
    }

    @Test
    void everyFrameAdvancesTime() throws IOException {
        java.io.ByteArrayOutputStream a = new java.io.ByteArrayOutputStream();
        new TraceWriter.Pcap(a, true, true, 1, 65535).frame(T0, ethernet(0x0806, new byte[28]))
                .frame(T0 + 7, frame("z")).frame(T0 + 9, new byte[3]);
        Path f = dir.resolve("t.pcap");
        Files.write(f, a.toByteArray());
        Recorder r = new Recorder();
        new TraceFileSource(List.of(f)).run(r);
        assertThat(r.times).containsExactly(T0, T0 + 7, T0 + 9);
    }
}
