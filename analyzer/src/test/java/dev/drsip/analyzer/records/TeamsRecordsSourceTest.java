package dev.drsip.analyzer.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.ProblemCount;
import dev.drsip.sip.dr.Direction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TeamsRecordsSourceTest {
    private static RecordsReadResult read(String text) throws IOException {
        return TeamsRecordsSource.read("t", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static ProblemCount problem(RecordsReadResult r, String reason) {
        return r.problems().stream().filter(p -> p.reason().equals(reason)).findFirst().orElseThrow(
                () -> new AssertionError("no problem " + reason + " in " + r.problems()));
    }

    @Test
    void csvColumnsAreFoundByNameInAnyOrderAndCase() throws IOException {
        RecordsReadResult r = read("final sip CODE;SBC fqdn;Call Type;Invite time (UTC);Final Microsoft subcode;Final SIP phrase;"
                + "Correlation ID;Caller Number;Callee Number;Extra\n"
                + "403;SBC1.Contoso.com;dr_out;2026-11-24 09:00:01;560403;\"Forbidden; Call rejected\";abc;+1;+2;x\n");
        assertThat(r.format()).isEqualTo("pstn-usage-csv");
        assertThat(r.usable()).isTrue();
        assertThat(r.records()).hasSize(1);
        TeamsCallRecord c = r.records().get(0);
        assertThat(c.finalSipCode()).isEqualTo(403);
        assertThat(c.microsoftCode()).isEqualTo(560403);
        assertThat(c.finalSipPhrase()).isEqualTo("Forbidden; Call rejected");
        assertThat(c.sbcFqdn()).isEqualTo("sbc1.contoso.com");
        assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(c.inviteTime()).isEqualTo(Instant.parse("2026-11-24T09:00:01Z"));
        assertThat(c.where().frame()).isEqualTo(2);
    }

    @Test
    void rfc4180QuotingWithLineBreaksKeepsLineNumbers() throws IOException {
        RecordsReadResult r = read("\uFEFFSBC FQDN,Final SIP code,Call type,Start time,Final SIP Phrase\r\n"
                + "sbc1.contoso.com,504,dr_out,2026-11-24T09:00:00Z,\"Unable to deliver INVITE: a, b\r\nsecond \"\"line\"\"\"\r\n"
                + "\r\n"
                + "sbc1.contoso.com,486,dr_in_ucap,2026-11-24T09:00:05+01:00,busy\r\n");
        assertThat(r.records()).hasSize(2);
        assertThat(r.records().get(0).finalSipPhrase()).isEqualTo("Unable to deliver INVITE: a, b\r\nsecond \"line\"");
        assertThat(r.records().get(1).where().frame()).isEqualTo(5);
        assertThat(r.records().get(1).direction()).isEqualTo(Direction.INBOUND);
        assertThat(r.records().get(1).startTime()).isEqualTo(Instant.parse("2026-11-24T08:00:05Z"));
    }

    @Test
    void missingRequiredColumnsAreNamed() throws IOException {
        RecordsReadResult r = read("Correlation ID,Final SIP code,Start time\nabc,403,2026-11-24T09:00:00Z\n");
        assertThat(r.usable()).isFalse();
        assertThat(r.missingColumns()).containsExactly("SBC FQDN", "Call type");
        assertThat(r.records()).isEmpty();
        assertThat(problem(r, "records.csv.missing-columns").examples().get(0).detail())
                .contains("missing column(s) SBC FQDN, Call type").contains("the header has: Correlation ID");
    }

    @Test
    void badRowsAreCountedWithTheirLineAndReadingGoesOn() throws IOException {
        RecordsReadResult r = read("SBC FQDN,Final SIP code,Call type,Invite time,Final Microsoft subcode\n"
                + "sbc1,403,dr_out,2026-11-24T09:00:00Z,560403\n"
                + "sbc1,403,dr_out\n"
                + "sbc1,abc,dr_out,yesterday,5604x3\n"
                + "sbc1,\"486\"x,dr_out,2026-11-24T09:00:00Z,560486\n"
                + "sbc1,200,dr_in,2026-11-24T09:00:09.1234567Z,540000\n");
        assertThat(r.rows()).isEqualTo(5);
        assertThat(r.records()).hasSize(3);
        assertThat(problem(r, "records.csv.cell-count").examples().get(0).where().frame()).isEqualTo(3);
        assertThat(problem(r, "records.csv.bad-sip-code").count()).isEqualTo(1);
        assertThat(problem(r, "records.csv.bad-time").examples().get(0).where().frame()).isEqualTo(4);
        assertThat(problem(r, "records.csv.bad-microsoft-code").count()).isEqualTo(1);
        assertThat(problem(r, "records.csv.text-after-quote").count()).isEqualTo(1);
        assertThat(r.records().get(2).inviteTime()).isEqualTo(Instant.parse("2026-11-24T09:00:09.1234567Z"));
    }

    @Test
    void graphPagesConcatenatedOrInAnArray() throws IOException {
        String page1 = "{\"@odata.nextLink\":\"https://graph/next\",\"value\":[{\"finalSipCode\":403,\"callEndSubReason\":560403,"
                + "\"trunkFullyQualifiedDomainName\":\"sbc1.contoso.com\",\"callType\":\"dr_out\",\"successfulCall\":false,"
                + "\"inviteDateTime\":\"2026-11-24T09:00:00Z\",\"correlationId\":\"g1\"}]}";
        String page2 = "{\"value\":[{\"finalSipCode\":\"200\",\"callEndSubReason\":null,\"trunkFullyQualifiedDomainName\":"
                + "\"sbc1.contoso.com\",\"callType\":\"dr_in\",\"successfulCall\":true,\"startDateTime\":\"2026-11-24T09:01:00Z\"}]}";
        RecordsReadResult concatenated = read(page1 + "\n" + page2);
        assertThat(concatenated.format()).isEqualTo("graph-json");
        assertThat(concatenated.pages()).isEqualTo(2);
        assertThat(concatenated.records()).hasSize(2);
        assertThat(concatenated.records().get(1).successful()).isTrue();
        assertThat(concatenated.records().get(1).microsoftCode()).isNull();
        assertThat(concatenated.notes()).isEmpty();
        RecordsReadResult array = read("[" + page2 + "," + page1 + "]");
        assertThat(array.pages()).isEqualTo(2);
        assertThat(array.records()).hasSize(2);
        assertThat(array.notes()).singleElement().asString().contains("@odata.nextLink");
    }

    @Test
    void graphSyntaxErrorKeepsTheRowsBefore() throws IOException {
        RecordsReadResult r = read("{\"value\":[\n{\"finalSipCode\":403,\"trunkFullyQualifiedDomainName\":\"s\",\"callType\":\"dr_out\"},\n"
                + "{\"finalSipCode\":404,\"trunkFullyQualifiedDomainName\":\"s\",\"callType\":\"dr_out\"},\n{\"finalSipCode\": ]");
        assertThat(r.records()).hasSize(2);
        assertThat(r.records().get(1).where().frame()).isEqualTo(3);
        assertThat(problem(r, "records.json.syntax").examples().get(0).where().frame()).isEqualTo(4);
    }

    @Test
    void gzipAndEmptyFiles() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write("SBC FQDN,Final SIP code,Call type,Start time\ns,486,dr_out,2026-11-24T09:00:00Z\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        RecordsReadResult r = TeamsRecordsSource.read("t.csv.gz", new ByteArrayInputStream(b.toByteArray()));
        assertThat(r.records()).hasSize(1);
        RecordsReadResult empty = read("  \n ");
        assertThat(empty.usable()).isFalse();
        assertThat(empty.problems()).extracting(ProblemCount::reason).containsExactly("records.empty");
    }

    @Test
    void fastTimeParserAgreesWithJavaTime() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            long secs = 1_600_000_000L + (long) (random.nextDouble() * 400_000_000L);
            int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
            int offsetMin = (random.nextInt(57) - 28) * 30;
            java.time.OffsetDateTime t = Instant.ofEpochSecond(secs, nanos)
                    .atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMin * 60));
            String text = t.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(RecordFields.fastIso(text)).as(text).isEqualTo(t.toInstant());
        }
        assertThat(RecordFields.fastIso("2026-02-30T09:00:00Z")).isNull();
        assertThat(RecordFields.parseTime("2026-02-30T09:00:00Z")).isNull();
        assertThat(RecordFields.fastIso("2026-11-24T09:00:00.Z")).isNull();
        assertThat(RecordFields.parseTime("11/24/2026 9:00:05 AM")).isEqualTo(Instant.parse("2026-11-24T09:00:05Z"));
    }

    @Test
    void sniffTellsRecordsFromTraces(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path csv = dir.resolve("a.csv");
        java.nio.file.Files.writeString(csv, "\uFEFFCorrelationId,SBC FQDN,Final SIP code\n1,s,200\n");
        assertThat(TeamsRecordsSource.sniff(csv)).contains("pstn-usage-csv");
        java.nio.file.Path json = dir.resolve("a.json");
        java.nio.file.Files.writeString(json, "  {\"value\":[{\"finalSipCode\":200}]}");
        assertThat(TeamsRecordsSource.sniff(json)).contains("graph-json");
        java.nio.file.Path pcap = dir.resolve("a.pcap");
        java.nio.file.Files.write(pcap, new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0});
        assertThat(TeamsRecordsSource.sniff(pcap)).isEmpty();
        java.nio.file.Path other = dir.resolve("notes.txt");
        java.nio.file.Files.writeString(other, "hello, world\n");
        assertThat(TeamsRecordsSource.sniff(other)).isEmpty();
        java.nio.file.Path gz = dir.resolve("a.csv.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
            out.write("SBC FQDN;Final SIP code;Call type\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(TeamsRecordsSource.sniff(gz)).contains("pstn-usage-csv");
        assertThat(TeamsRecordsSource.sniff(java.nio.file.Path.of("src/test/resources/dev/drsip/analyzer/records/reconcile-scenario.pcap")))
                .isEmpty();
    }

    @Test
    void garbageNeverThrows() throws IOException {
        Random random = new Random(7);
        String alphabet = "{}[]\",:;\n\r abc0123456789-_\\";
        String[] prefixes = {"", "{\"value\":[", "SBC FQDN,Final SIP code,Call type,Start time\n", "["};
        for (int i = 0; i < 3000; i++) {
            StringBuilder s = new StringBuilder(prefixes[i % prefixes.length]);
            int n = random.nextInt(200);
            for (int k = 0; k < n; k++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            RecordsReadResult r = read(s.toString());
            assertThat(r.format()).isNotNull();
            RecordsReport.of(r.records());
        }
    }
}
