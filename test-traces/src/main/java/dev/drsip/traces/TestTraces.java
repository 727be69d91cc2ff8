package dev.drsip.traces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed traces as classpath resources ({@code /traces/NAME}), each with
 * {@code NAME.expected.json} (for the gzip variant: the expected file of the uncompressed one).
 */
public final class TestTraces {
    /** Traces recorded with SIPp over loopback (Microsoft played by 127.0.0.3). */
    public static final List<String> SIPP = List.of("sipp-udp-200.pcap", "sipp-tcp-200.pcap", "sipp-udp-486.pcap",
            "sipp-udp-403-no-trunk.pcap", "sipp-tcp-403-no-trunk.pcap", "sipp-udp-options.pcap");

    /** The address that plays Microsoft's proxy in the SIPp traces (analyze with --microsoft-net 127.0.0.3/32). */
    public static final String SIPP_MICROSOFT_NET = "127.0.0.3/32";

    /** The embedded sample used by {@code drsip analyze --sample}. */
    public static final String SAMPLE = "sample-dr-day.pcapng";

    private TestTraces() {
    }

    /** Every committed trace: generated ones, then SIPp recordings. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(TraceCatalog.NAMES);
        all.addAll(SIPP);
        return all;
    }

    public static String resource(String name) {
        return "/traces/" + name;
    }

    public static InputStream open(String name) {
        InputStream in = TestTraces.class.getResourceAsStream(resource(name));
        if (in == null) {
            throw new IllegalArgumentException("no such trace resource: " + name);
        }
        return in;
    }

    /** Copies a trace to a fresh temporary file (keeping its name as suffix) and returns its path. */
    public static Path extract(String name) {
        try (InputStream in = open(name)) {
            Path dir = Files.createTempDirectory("drsip-trace");
            Path p = dir.resolve(name);
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            p.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expected facts JSON for a trace ({@code .gz} names map to the uncompressed trace). */
    public static String expectedJson(String name) {
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        try (InputStream in = open(base + ".expected.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
