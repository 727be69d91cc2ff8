package dev.drsip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.TraceFileSource;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.ParseResult;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipMessageParser;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.event.CaptureListener;
import dev.drsip.sip.strict.JainSipCrossCheck;
import dev.drsip.traces.TestTraces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast parser and JAIN-SIP (the reference for SIP's grammar) agree field by field on every SIP
 * message of every project trace, and of the public captures when ../shared is present.
 */
class JainSipAgreementTest {

    static Stream<Path> traces() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String n : TestTraces.names()) {
            files.add(TestTraces.extract(n));
        }
        Path pub = ProjectPaths.shared().resolve("traces/public");
        if (Files.isDirectory(pub)) {
            try (Stream<Path> s = Files.walk(pub)) {
                s.filter(p -> p.toString().matches(".*\\.pcap(ng)?$")).sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    /**
     * The one accepted kind of disagreement: JAIN-SIP silently dropped a header it found
     * ungrammatical (e.g. a To tag with '&amp;' in it, seen in a third-party capture) and said so,
     * while we keep reading it leniently. Every difference must be that header's presence.
     */
    static boolean droppedAsUngrammatical(List<String> d) {
        boolean complaint = d.stream().anyMatch(x -> x.startsWith("jain-sip complaint:"));
        boolean onlyPresence = d.stream().filter(x -> !x.startsWith("jain-sip complaint:"))
                .allMatch(x -> x.matches("[a-z-]+\\.present: ours=true jain-sip=false"));
        return complaint && onlyPresence;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void everyMessageAgreesWithJainSip(Path file) throws IOException {
        SipMessageParser parser = new SipMessageParser();
        List<String> disagreements = new ArrayList<>();
        long[] checked = new long[1];
        new TraceFileSource(List.of(file)).run(new CaptureListener() {
            @Override
            public void onSip(SipPacket packet) {
                ParseResult r = parser.parse(packet);
                if (r instanceof SipMessage m) {
                    checked[0]++;
                    List<String> d = JainSipCrossCheck.compare(m);
                    if (!d.isEmpty() && !droppedAsUngrammatical(d) && disagreements.size() < 20) {
                        disagreements.add(m.where() + ": " + d);
                    }
                }
            }

            @Override
            public void onProblem(Malformed problem) {
            }
        });
        assertThat(disagreements).as("disagreements with JAIN-SIP in " + file.getFileName()).isEmpty();
        if (!file.getFileName().toString().contains("ipv6_udp_fragmented") && !file.getFileName().toString().contains("sctp")) {
            assertThat(checked[0]).as("messages checked").isPositive();
        }
    }

    @org.junit.jupiter.api.Test
    void onlyHeaderDropsWithAComplaintAreAccepted() {
        assertThat(droppedAsUngrammatical(List.of("to.present: ours=true jain-sip=false", "jain-sip complaint: bad tag"))).isTrue();
        assertThat(droppedAsUngrammatical(List.of("to.present: ours=true jain-sip=false"))).isFalse();
        assertThat(droppedAsUngrammatical(List.of("to.tag: ours=a jain-sip=b", "jain-sip complaint: x"))).isFalse();
    }
}
