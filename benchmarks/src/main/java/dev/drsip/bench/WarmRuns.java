package dev.drsip.bench;

import dev.drsip.cli.Drsip;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs {@code drsip analyze FILE --format json} several times in one JVM and prints each run's wall
 * time and CPU time (the capture thread is this one; "others" is the analysis thread, the JIT
 * compilers and the GC): the first run is what a user sees from a cold start, the later ones show the per-message
 * path once the JIT compiler has finished (the gap between them is the warm-up). Every run must
 * write the same report byte for byte.
 *
 * <p>Run: {@code java -XX:+UseParallelGC -Xmx512m -cp benchmarks/target/benchmarks.jar
 * dev.drsip.bench.WarmRuns FILE [RUNS]}
 */
public final class WarmRuns {
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private WarmRuns() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: WarmRuns FILE [RUNS]   (RUNS default 3)");
            System.exit(2);
        }
        int runs = args.length == 2 ? Integer.parseInt(args[1]) : 3;
        Path out = Files.createTempFile("drsip-warm", ".json");
        byte[] first = null;
        try {
            for (int i = 1; i <= runs; i++) {
                long cpu0 = PROCESS.getProcessCpuTime();
                long main0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                int rc = Drsip.execute(new String[] {"analyze", args[0], "--format", "json", "-o", out.toString(), "--no-progress"},
                        new PrintWriter(new StringWriter()), new PrintWriter(System.err, true));
                double s = (System.nanoTime() - t0) / 1e9;
                double cpu = (PROCESS.getProcessCpuTime() - cpu0) / 1e9;
                double main = (THREADS.getCurrentThreadCpuTime() - main0) / 1e9;
                byte[] report = Files.readAllBytes(out);
                if (rc > 1) {
                    throw new IllegalStateException("drsip analyze failed with exit code " + rc);
                }
                if (first == null) {
                    first = report;
                } else if (!Arrays.equals(first, report)) {
                    throw new IllegalStateException("run " + i + " wrote a different report than run 1");
                }
                System.out.printf("run %d: %.2f s  (cpu %.2f s: capture thread %.2f s, others %.2f s)%n", i, s, cpu, main,
                        cpu - main);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
