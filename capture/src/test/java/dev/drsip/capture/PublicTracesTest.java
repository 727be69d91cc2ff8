package dev.drsip.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipMessageParser;
import dev.drsip.sip.SipPacket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Third-party captures in /work/shared/traces/public (read in place, never copied): our packet and
 * SIP counts, per method and per response code, must equal the tshark table in its README. Skipped
 * when the directory is absent (CI machines without it).
 */
class PublicTracesTest {
    static final Path DIR = Path.of("/work/shared/traces/public");
    /** Out of scope for the capture layer: SIP over SCTP and over WebSocket. */
    static final Set<String> OUT_OF_SCOPE = Set.of("heplify/sip_sctp.pcap", "heplify/sip_tcp_websocket.pcap");

    record Row(String file, String link, long packets, long sip, Map<String, Long> responses,
            Map<String, Long> requests) {
    }

    static Map<String, Long> counts(String cell) {
        Map<String, Long> m = new TreeMap<>();
        for (String kv : cell.trim().split("\\s+")) {
            if (!kv.isEmpty()) {
                int c = kv.lastIndexOf(':');
                m.put(kv.substring(0, c), Long.parseLong(kv.substring(c + 1)));
            }
        }
        return m;
    }

    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("README.md"))) {
            String[] c = line.split("\\|", -1);
            if (c.length < 8 || !c[1].trim().contains("/") || c[1].contains("---")) {
                continue;
            }
            rows.add(new Row(c[1].trim(), c[2].trim(), Long.parseLong(c[3].trim()), Long.parseLong(c[4].trim()),
                    counts(c[5]), counts(c[6])));
        }
        return rows;
    }

    record Result(InputSummary summary, long sip, Map<String, Long> responses, Map<String, Long> requests,
            List<String> problems) {
    }

    static Result run(Path file) throws IOException {
        Recorder r = new Recorder();
        List<Integer> ports = new ArrayList<>(SipPorts.DEFAULT);
        ports.add(6060); // as tshark was told: -d tcp.port==6060,sip
        CaptureOptions o = CaptureOptions.defaults().withSipPorts(new SipPorts(ports));
        InputSummary s = new TraceFileSource(List.of(file), o).run(r).get(0);
        SipMessageParser parser = new SipMessageParser();
        Map<String, Long> resp = new TreeMap<>();
        Map<String, Long> req = new TreeMap<>();
        long sip = 0;
        for (SipPacket p : r.sip) {
            if (parser.parse(p) instanceof SipMessage m) {
                sip++;
                if (m.isRequest()) {
                    req.merge(m.method(), 1L, Long::sum);
                } else {
                    resp.merge(String.valueOf(m.statusCode()), 1L, Long::sum);
                }
            }
        }
        List<String> problems = r.problems.stream().map(p -> p.reason() + " @" + p.where()).toList();
        return new Result(s, sip, resp, req, problems);
    }

    /**
     * Exported PDUs as Wireshark really writes them: tshark exports the SIP layer of a few captures
     * (UDP, TCP, IPv6) into link type 252 in a temp dir; we must find the same messages.
     */
    @Test
    void tsharkExportedPdusGiveTheSameSip(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "public traces not present");
        Assumptions.assumeTrue(hasTshark(), "tshark not installed");
        Map<String, Long> expected = new TreeMap<>();
        for (Row row : table()) {
            expected.put(row.file(), row.sip());
        }
        for (String f : List.of("sipnab/sip-proxy.pcap", "heplify/sip_ipv4_tcp_fragmented.pcap",
                "heplify/sip_ipv6_udp.pcap")) {
            Path out = tmp.resolve(Path.of(f).getFileName() + ".export.pcapng");
            Process pr = new ProcessBuilder("tshark", "-n", "-r", DIR.resolve(f).toString(), "-d", "tcp.port==6060,sip",
                    "-U", "OSI layer 7", "-Y", "sip", "-w", out.toString()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("tshark.log").toFile()).start();
            assertThat(pr.waitFor()).isZero();
            Result res = run(out);
            assertThat(res.summary().linkTypes()).containsExactly(252);
            assertThat(res.problems()).isEmpty();
            assertThat(res.sip()).as(f + " exported").isEqualTo(expected.get(f));
        }
    }

    /**
     * The same captures rewritten by Wireshark's own tools: nanosecond pcap (editcap), a pcapng with
     * several interfaces of different link types (mergecap), and gzip. Counts must not change.
     */
    @Test
    void wiresharkToolVariantsGiveTheSameCounts(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "public traces not present");
        Assumptions.assumeTrue(hasTshark(), "wireshark tools not installed");
        Map<String, Long> expected = new TreeMap<>();
        for (Row row : table()) {
            expected.put(row.file(), row.sip());
        }
        String a = "sngrep/ipv6frag.pcap";
        String b = "heplify/sip_ipv4_tcp_retrans.pcap";
        String c = "heplify/erspan_sip_ipv4_udp.pcapng";
        Path ns = tmp.resolve("ns.pcap");
        exec(tmp, "editcap", "-F", "nsecpcap", DIR.resolve(a).toString(), ns.toString());
        assertThat(run(ns).sip()).isEqualTo(expected.get(a));
        Path merged = tmp.resolve("merged.pcapng");
        exec(tmp, "mergecap", "-F", "pcapng", "-w", merged.toString(), DIR.resolve(a).toString(),
                DIR.resolve(b).toString(), DIR.resolve(c).toString());
        Result m = run(merged);
        assertThat(m.summary().linkTypes()).containsExactlyInAnyOrder(113, 1);
        assertThat(m.problems()).isEmpty();
        assertThat(m.sip()).isEqualTo(expected.get(a) + expected.get(b) + expected.get(c));
        Path gz = tmp.resolve("erspan.bin"); // gzip is found by magic, not by name
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(DIR.resolve(c), out);
        }
        Result g = run(gz);
        assertThat(g.summary().format()).isEqualTo("pcapng.gz");
        assertThat(g.sip()).isEqualTo(expected.get(c));
    }

    static void exec(Path tmp, String... cmd) throws Exception {
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("tool.log").toFile())
                .start();
        assertThat(pr.waitFor()).as(String.join(" ", cmd)).isZero();
    }

    static boolean hasTshark() {
        try {
            return new ProcessBuilder("tshark", "-v").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void countsEqualTsharkOnEveryInScopeCapture() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "public traces not present");
        List<Row> rows = table();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(20);
        StringBuilder report = new StringBuilder();
        int checked = 0;
        for (Row row : rows) {
            Path f = DIR.resolve(row.file());
            if (!Files.exists(f)) {
                continue;
            }
            Result res = run(f);
            report.append(String.format("%-45s packets %5d/%5d sip %4d/%4d problems %s%n", row.file(),
                    res.summary().packets(), row.packets(), res.sip(), row.sip(), res.problems()));
            if (OUT_OF_SCOPE.contains(row.file())) {
                continue;
            }
            checked++;
            assertThat(res.summary().packets()).as(row.file() + " packets").isEqualTo(row.packets());
            assertThat(res.sip()).as(row.file() + " SIP messages").isEqualTo(row.sip());
            assertThat(res.responses()).as(row.file() + " responses").isEqualTo(row.responses());
            assertThat(res.requests()).as(row.file() + " requests").isEqualTo(row.requests());
        }
        System.out.print(report);
        assertThat(checked).isGreaterThanOrEqualTo(18);
    }
}
