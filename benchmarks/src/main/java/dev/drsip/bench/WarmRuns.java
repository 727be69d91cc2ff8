package dev.drsip.bench;

import dev.drsip.cli.Drsip;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs {@code drsip analyze FILE --format json} several times in one JVM and prints each run's wall
 * time: the first run is what a user sees from a cold start, the later ones show the per-message
 * path once the JIT compiler has finished (the gap between them is the warm-up). Every run must
 * write the same report byte for byte.
 *
 * <p>Run: {@code java -XX:+UseParallelGC -Xmx512m -cp benchmarks/target/benchmarks.jar
 * dev.drsip.bench.WarmRuns FILE [RUNS]}
 */
public final class WarmRuns {
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
                long t0 = System.nanoTime();
                int rc = Drsip.execute(new String[] {"analyze", args[0], "--format", "json", "-o", out.toString(), "--no-progress"},
                        new PrintWriter(new StringWriter()), new PrintWriter(System.err, true));
                double s = (System.nanoTime() - t0) / 1e9;
                byte[] report = Files.readAllBytes(out);
                if (rc > 1) {
                    throw new IllegalStateException("drsip analyze failed with exit code " + rc);
                }
                if (first == null) {
                    first = report;
                } else if (!Arrays.equals(first, report)) {
                    throw new IllegalStateException("run " + i + " wrote a different report than run 1");
                }
                System.out.printf("run %d: %.2f s%n", i, s);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
