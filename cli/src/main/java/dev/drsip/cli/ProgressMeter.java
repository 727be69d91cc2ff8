package dev.drsip.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress on stderr for long runs: one self-overwriting line, at most twice a second, only when
 * stderr is a terminal (or forced with --progress). Driven by the reader's byte callback, so it
 * needs no thread.
 */
final class ProgressMeter {
    private static final long INTERVAL_NANOS = 500_000_000L;
    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastPrint;
    private boolean printed;

    ProgressMeter(PrintWriter err, Boolean forced) {
        this.err = err;
        this.enabled = forced != null ? forced : stderrIsTerminal();
    }

    /** Linux: fd 2 points at a tty/pty device. Elsewhere: no progress unless forced. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    void update(long bytesDone, long bytesTotal, long sipMessages) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        double secs = Math.max(1e-3, (now - start) / 1e9);
        String pct = bytesTotal > 0 ? String.format(Locale.ROOT, "%5.1f%%", 100.0 * bytesDone / bytesTotal) : "";
        err.printf(Locale.ROOT, "\rdrsip: %s %,d MB read, %,d SIP messages, %,.0f msg/s   ", pct,
                bytesDone >> 20, sipMessages, sipMessages / secs);
        err.flush();
        printed = true;
    }

    void done() {
        if (printed) {
            err.print("\r" + " ".repeat(78) + "\r");
            err.flush();
        }
    }
}
