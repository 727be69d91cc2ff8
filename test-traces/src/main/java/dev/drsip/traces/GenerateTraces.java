package dev.drsip.traces;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes every generated trace and its {@code .expected.json} into a directory (default: this
 * module's resources), or with {@code --bench FILE --messages N} a large benchmark pcap.
 */
public final class GenerateTraces {
    private GenerateTraces() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("--bench")) {
            long messages = 2_000_000;
            for (int i = 2; i + 1 < args.length; i += 2) {
                if (args[i].equals("--messages")) {
                    messages = Long.parseLong(args[i + 1]);
                }
            }
            BenchTrace.Stats s = BenchTrace.write(Path.of(args[1]), messages);
            System.out.println(s.toJson());
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "test-traces/src/main/resources/traces");
        Files.createDirectories(dir);
        for (Map.Entry<String, TraceCatalog.Built> e : TraceCatalog.buildAll().entrySet()) {
            TraceCatalog.Built b = e.getValue();
            Files.write(dir.resolve(b.name()), b.bytes());
            if (!b.name().endsWith(".gz")) {
                Files.writeString(dir.resolve(b.name() + ".expected.json"), b.expected().toJson(),
                        StandardCharsets.UTF_8);
            }
            System.out.printf("%-28s %8d bytes  %6d SIP messages%n", b.name(), b.bytes().length,
                    b.expected().sipMessages);
        }
    }
}
