package dev.drsip.capture.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drsip.capture.SipPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Third-party TCP captures from ../shared/traces/public (read in place, never copied; skipped
 * when the directory is absent). Expected counts are tshark's, from that directory's README.
 */
class PublicTracesTest {
    private static final Path DIR = Path.of("/work/shared/traces/public/heplify");

    private static Collector run(String name) throws IOException {
        Path f = DIR.resolve(name);
        assumeTrue(Files.isReadable(f), "public traces not present");
        Collector out = new Collector();
        TcpReassembler r = new TcpReassembler(out, SipPorts.defaults(), a -> false);
        PcapTcpFeeder.feed(f, r);
        r.finish();
        return out;
    }

    private static Map<String, Integer> counts(Collector c) {
        Map<String, Integer> m = new TreeMap<>();
        for (String k : c.kinds()) {
            m.merge(k, 1, Integer::sum);
        }
        return m;
    }

    @Test
    void fragmentedStreamsOnPort6060() throws IOException {
        // port 6060 is not a SIP port: found by the start line of the first payload
        Collector out = run("sip_ipv4_tcp_fragmented.pcap");
        Map<String, Integer> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("100", 36), Map.entry("180", 33), Map.entry("182", 2), Map.entry("183", 6),
                Map.entry("200", 142), Map.entry("403", 1), Map.entry("486", 1), Map.entry("487", 2),
                Map.entry("ACK", 37), Map.entry("BYE", 34), Map.entry("CANCEL", 2), Map.entry("INVITE", 37),
                Map.entry("OPTIONS", 5), Map.entry("PRACK", 5), Map.entry("UPDATE", 63)));
        assertThat(out.sip).hasSize(406);
        assertThat(counts(out)).isEqualTo(expected);
        assertThat(out.problems).isEmpty();
    }

    @Test
    void retransmissionsAreNotCountedTwice() throws IOException {
        // 8 SIP messages in tshark's count: 4 over UDP (not ours here) and 4 over TCP, one of which is retransmitted
        Collector out = run("sip_ipv4_tcp_retrans.pcap");
        assertThat(out.kinds()).containsExactly("REGISTER", "401", "REGISTER", "200");
        assertThat(out.problems).isEmpty();
    }

    @Test
    void plainTcpCall() throws IOException {
        Collector out = run("sip_ipv4_tcp.pcap");
        assertThat(counts(out)).isEqualTo(new TreeMap<>(Map.of("100", 1, "180", 1, "200", 2, "ACK", 1, "BYE", 1, "INVITE", 1)));
        assertThat(out.problems).isEmpty();
    }
}
