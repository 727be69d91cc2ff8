package dev.drsip.bench;

import dev.drsip.capture.TraceFileSource;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.event.CaptureListener;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Capture alone on the same generated Direct Routing pcap as {@link PipelineBenchmark}: read, link
 * and IP decode, fragment and TCP reassembly, SIP framing; the listener only counts. Score = SIP
 * messages per second. The difference to {@link PipelineBenchmark} is what analysis costs.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CaptureBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class CaptureBenchmark {
    /** Counts messages and bytes (the bytes so that the packets are really looked at). */
    private static final class CountingListener implements CaptureListener {
        long messages;
        long bytes;
        long problems;

        @Override
        public void onSip(SipPacket packet) {
            messages++;
            bytes += packet.length();
        }

        @Override
        public void onProblem(Malformed problem) {
            problems++;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BenchPcap.MESSAGES)
    public long capture(BenchPcap pcap) throws IOException {
        CountingListener l = new CountingListener();
        new TraceFileSource(List.of(pcap.file)).run(l);
        if (l.messages != BenchPcap.MESSAGES) {
            throw new IllegalStateException("expected " + BenchPcap.MESSAGES + " SIP messages, got " + l.messages);
        }
        return l.bytes + l.problems;
    }
}
