package dev.drsip.bench;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.TraceAnalysis;
import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.capture.CaptureOptions;
import dev.drsip.capture.TraceFileSource;
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
 * End to end on a generated Direct Routing pcap (UDP and TCP, retransmissions): read, decode,
 * reassemble, frame, parse, correlate, count. Score = SIP messages per second (each invocation
 * analyses the whole file of {@link BenchPcap#MESSAGES} messages).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PipelineBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class PipelineBenchmark {
    @Benchmark
    @OperationsPerInvocation(BenchPcap.MESSAGES)
    public long analyze(BenchPcap pcap) throws IOException {
        AnalyzerConfig cfg = AnalyzerConfig.defaults();
        TraceAnalysis analysis = new TraceAnalysis(cfg, List.of());
        new TraceFileSource(List.of(pcap.file), CaptureOptions.defaults().withMicrosoftAddress(cfg.microsoft()::contains))
                .run(analysis);
        AnalysisResult r = analysis.finish();
        if (r.sipMessages() != BenchPcap.MESSAGES) {
            throw new IllegalStateException("expected " + BenchPcap.MESSAGES + " SIP messages, got " + r.sipMessages());
        }
        return r.sipMessages();
    }
}
