package dev.drsip.traces;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tshark -n -r FILE -z sip,stat -q} and parses its report (format of tshark 3.x/4.x:
 * "Number of SIP messages", "SIP nnn Phrase : n Packets", "METHOD : n Packets") into counts.
 */
public final class TsharkSipStat {
    /** tshark's SIP statistics for one file. */
    public record Counts(int sipMessages, int resent, Map<String, Integer> methods, Map<Integer, Integer> codes) {
        public int requests() {
            return methods.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int responses() {
            return codes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private TsharkSipStat() {
    }

    /** True when a runnable {@code tshark} is on the PATH. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static Counts run(Path file) throws IOException {
        return run(file, List.of(), List.of());
    }

    /**
     * @param decodeAs values for {@code -d}, e.g. {@code tcp.port==5067,sip}
     * @param preferences values for {@code -o}, e.g. {@code tcp.reassemble_out_of_order:TRUE}
     */
    public static Counts run(Path file, List<String> decodeAs, List<String> preferences) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        for (String d : decodeAs) {
            cmd.add("-d");
            cmd.add(d);
        }
        for (String o : preferences) {
            cmd.add("-o");
            cmd.add(o);
        }
        cmd.addAll(List.of("-z", "sip,stat", "-q"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("tshark did not finish on " + file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        // tshark exits non-zero on a truncated file but still prints the statistics
        if (!out.contains("SIP Statistics")) {
            throw new IOException("tshark printed no SIP statistics for " + file + " (exit " + p.exitValue() + ")");
        }
        return parse(out);
    }

    /** Parses the text of a {@code -z sip,stat} report. */
    public static Counts parse(String report) {
        int messages = -1;
        int resent = 0;
        Map<String, Integer> methods = new TreeMap<>();
        Map<Integer, Integer> codes = new TreeMap<>();
        int section = 0; // 1 = status codes, 2 = methods
        for (String raw : report.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("Number of SIP messages:")) {
                messages = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            } else if (line.startsWith("Number of resent SIP messages:")) {
                resent = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            } else if (line.startsWith("* SIP Status Codes")) {
                section = 1;
            } else if (line.startsWith("* List of SIP Request methods")) {
                section = 2;
            } else if (line.startsWith("*") || line.startsWith("===")) {
                section = 0;
            } else if (section != 0 && line.endsWith("Packets")) {
                int colon = line.lastIndexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String num = line.substring(colon + 1, line.length() - "Packets".length()).strip();
                int n = Integer.parseInt(num);
                if (section == 1) {
                    // "SIP 486 Busy Here"
                    String[] parts = name.split("\\s+");
                    if (parts.length >= 2 && parts[0].equals("SIP")) {
                        codes.merge(Integer.parseInt(parts[1]), n, Integer::sum);
                    }
                } else {
                    methods.merge(name, n, Integer::sum);
                }
            }
        }
        if (messages < 0) {
            throw new IllegalArgumentException("not a tshark sip,stat report");
        }
        return new Counts(messages, resent, Collections.unmodifiableMap(methods), Collections.unmodifiableMap(codes));
    }
}
