package dev.drsip.traces;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams a large Direct Routing pcap for benchmarks: four SBCs (TCP and UDP), a full day, large
 * Microsoft SDP (ICE candidates; INVITEs and 200s span several TCP segments), in constant memory.
 * Stops after exactly {@code messages} SIP messages.
 */
public final class BenchTrace {
    /** What was written. */
    public record Stats(long messages, long requests, long responses, long frames, long bytes) {
        public String toJson() {
            return "{\"sipMessages\": " + messages + ", \"requests\": " + requests + ", \"responses\": " + responses
                    + ", \"frames\": " + frames + ", \"bytes\": " + bytes + "}";
        }
    }

    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private BenchTrace() {
    }

    public static Stats write(Path file, long messages) throws IOException {
        List<DirectRoutingScenario.Sbc> sbcs = List.of(DirectRoutingScenario.sbc1Tcp(), DirectRoutingScenario.sbc2Udp(),
                new DirectRoutingScenario.Sbc("sbc3.fabrikam.com", "198.51.100.30", WireTransport.TCP, 5061,
                        "Ribbon/SBC 5400/11.1", "Ribbon SBC 5400 V11.01"),
                new DirectRoutingScenario.Sbc("sbc4.fabrikam.com", "198.51.100.40", WireTransport.UDP, 5068,
                        "Oracle/AcmePacket 3900/9.0", "Oracle ESBC"));
        // ~7.3 messages per call on average with the default mix
        int calls = (int) Math.min(Integer.MAX_VALUE - 1, messages / 6);
        DirectRoutingScenario.Config cfg = new DirectRoutingScenario.Config().seed(2_000_000L).sbcs(sbcs)
                .duration(24 * 3600).calls(calls).richSdp(true);
        DirectRoutingScenario sc = new DirectRoutingScenario(cfg);
        long[] req = new long[1];
        long[] resp = new long[1];
        long[] n = new long[1];
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
                PcapWriter w = new PcapWriter(os, LinkType.ETHERNET, false)) {
            TraceAssembler as = new TraceAssembler(fr -> {
                try {
                    w.write(fr);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Link.ethernet());
            try {
                sc.generate(wire -> {
                    if (n[0] >= messages) {
                        throw new Stop();
                    }
                    n[0]++;
                    if (wire.bytes()[0] == 'S' && wire.bytes()[1] == 'I') {
                        resp[0]++;
                    } else {
                        req[0]++;
                    }
                    as.add(wire);
                });
            } catch (Stop done) {
                // reached the requested number of messages
            }
            w.flush();
            return new Stats(n[0], req[0], resp[0], as.frames(), Files.size(file));
        }
    }
}
