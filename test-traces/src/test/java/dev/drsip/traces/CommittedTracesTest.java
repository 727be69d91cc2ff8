package dev.drsip.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The committed generated traces are exactly what the generator produces today. */
class CommittedTracesTest {
    private static final Map<String, TraceCatalog.Built> ALL = TraceCatalog.buildAll();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TestTraces.open(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyGeneratedTraceIsByteIdenticalToItsCommittedFile() throws IOException {
        assertThat(ALL.keySet()).containsExactlyElementsOf(TraceCatalog.NAMES);
        for (TraceCatalog.Built b : ALL.values()) {
            if (b.name().endsWith(".gz")) {
                // deflate output may differ between zlib builds: compare the content
                byte[] committed = resource(b.name());
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(committed))) {
                    assertThat(gz.readAllBytes()).as(b.name())
                            .isEqualTo(ALL.get(b.name().replace(".gz", "")).bytes());
                }
                continue;
            }
            assertThat(resource(b.name())).as(b.name()).isEqualTo(b.bytes());
            assertThat(new String(resource(b.name() + ".expected.json"), StandardCharsets.UTF_8))
                    .as(b.name() + ".expected.json").isEqualTo(b.expected().toJson());
        }
    }

    @Test
    void committedTracesAreSmall() throws IOException {
        for (String n : TestTraces.names()) {
            assertThat(resource(n).length).as(n).isLessThan(1_000_000).isGreaterThan(24);
        }
    }

    @Test
    void extractCopiesTheResourceToATempFile() throws IOException {
        for (String n : TestTraces.names()) {
            var p = TestTraces.extract(n);
            assertThat(p.getFileName().toString()).isEqualTo(n);
            assertThat(java.nio.file.Files.readAllBytes(p)).isEqualTo(resource(n));
            assertThat(TestTraces.expectedJson(n)).contains("\"sipMessages\"");
        }
    }

    @Test
    void sampleIsARealisticDirectRoutingPeriod() {
        ExpectedFacts f = ALL.get(TestTraces.SAMPLE).expected();
        assertThat(f.sbcs).containsOnlyKeys("sbc1.contoso.com", "sbc2.contoso.com");
        int calls = f.scenarios.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(calls).isGreaterThanOrEqualTo(150);
        for (DirectRoutingScenario.Kind k : DirectRoutingScenario.Kind.values()) {
            assertThat(f.scenarios.get(k.name())).as(k.name()).isGreaterThanOrEqualTo(2);
        }
        for (ExpectedFacts.SbcFacts s : f.sbcs.values()) {
            assertThat(s.outbound.attempts).isGreaterThan(20);
            assertThat(s.inbound.attempts).isGreaterThan(20);
            assertThat(s.failures.keySet()).anyMatch(k -> k.side().equals("microsoft"));
            assertThat(s.failures.keySet()).anyMatch(k -> k.side().equals("sbc"));
            assertThat(s.optionsFromSbc).isBetween(35, 45);
            assertThat(s.optionsToSbc).isBetween(35, 45);
        }
        assertThat(f.requests).containsKeys("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS");
        assertThat(f.retransmissions).isPositive();
    }
}
