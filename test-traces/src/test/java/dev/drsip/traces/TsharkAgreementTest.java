package dev.drsip.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** tshark counts on every committed trace equal the expected facts next to it (skipped without tshark). */
class TsharkAgreementTest {
    @BeforeAll
    static void needsTshark() {
        assumeTrue(TsharkSipStat.available(), "tshark not installed");
    }

    static Map<String, Integer> mapOf(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\{([^}]*)\\}").matcher(json);
        assertThat(m.find()).as(key).isTrue();
        Map<String, Integer> r = new TreeMap<>();
        Matcher e = Pattern.compile("\"([^\"]+)\": (\\d+)").matcher(m.group(1));
        while (e.find()) {
            r.put(e.group(1), Integer.parseInt(e.group(2)));
        }
        return r;
    }

    static List<String> listOf(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\[([^\\]]*)\\]").matcher(json);
        if (!m.find()) {
            return List.of();
        }
        List<String> r = new java.util.ArrayList<>();
        Matcher e = Pattern.compile("\"([^\"]+)\"").matcher(m.group(1));
        while (e.find()) {
            r.add(e.group(1));
        }
        return r;
    }

    static int intOf(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (\\d+)").matcher(json);
        assertThat(m.find()).as(key).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void tsharkCountsEqualExpectedOnEveryCommittedTrace() throws IOException {
        for (String name : TestTraces.names()) {
            String json = TestTraces.expectedJson(name);
            Path p = TestTraces.extract(name);
            TsharkSipStat.Counts c = TsharkSipStat.run(p, listOf(json, "tsharkDecodeAs"), listOf(json, "tsharkOptions"));
            Map<String, Integer> codes = new TreeMap<>();
            c.codes().forEach((k, v) -> codes.put(String.valueOf(k), v));
            assertThat(c.sipMessages()).as(name + " sipMessages").isEqualTo(intOf(json, "sipMessages"));
            assertThat(new TreeMap<>(c.methods())).as(name + " methods").isEqualTo(mapOf(json, "requests"));
            assertThat(codes).as(name + " codes").isEqualTo(mapOf(json, "responses"));
            Files.deleteIfExists(p);
        }
    }

    @Test
    void checksumsAreValidEverywhereExceptDeliberateGarbage() throws Exception {
        for (String name : TestTraces.names()) {
            if (name.equals("garbage-frames.pcap") || name.startsWith("sipp-")) {
                continue; // loopback captures carry offloaded (unset) checksums
            }
            Path p = TestTraces.extract(name);
            Process pr = new ProcessBuilder("tshark", "-n", "-r", p.toString(), "-o", "ip.check_checksum:TRUE",
                    "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-Y",
                    "ip.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0 || _ws.malformed")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(pr.getInputStream().readAllBytes());
            pr.waitFor();
            assertThat(out).as(name + ": frames with bad checksums or malformed").isEmpty();
        }
    }

    @Test
    void parsesSeveralRealTsharkReports() throws IOException {
        // beyond the project's own traces: any capture under the shared public folder, if present
        Path pub = Path.of("/work/shared/traces/public");
        assumeTrue(Files.isDirectory(pub));
        try (var files = Files.walk(pub)) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().matches(".*\\.pcap(ng)?$"))::iterator) {
                TsharkSipStat.Counts c = TsharkSipStat.run(f, List.of("tcp.port==6060,sip"), List.of());
                assertThat(c.requests() + c.responses()).as(f.toString()).isEqualTo(c.sipMessages());
            }
        }
    }
}
