package dev.drsip.bench;

import dev.drsip.traces.BenchTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The generated Direct Routing pcap of {@link #MESSAGES} SIP messages (UDP with IP fragments and
 * TCP, retransmissions) that the file benchmarks read: written once per trial, deleted after.
 */
@State(Scope.Benchmark)
public class BenchPcap {
    static final int MESSAGES = 100_000;

    private Path dir;
    Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("drsip-bench");
        file = dir.resolve("bench.pcap");
        BenchTrace.write(file, MESSAGES);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }
}
