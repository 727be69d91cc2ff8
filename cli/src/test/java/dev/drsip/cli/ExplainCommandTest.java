package dev.drsip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExplainCommandTest {
    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ExplainCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Every code named on the public Teams error-code page, plus the 560 example it gives. */
    static final List<String> PAGE_CODES = List.of("0xCAA82EE2", "0xCAA82EE7", "1001", "4c7", "2147942402",
            "0xCAA30194", "max_reload_exceeded", "0xCAA7000A", "0xCAA70007", "0xCAA70004", "0xCAA20002", "0xCAA20003",
            "0xCAA20004", "0xCAA50021", "0xCAA50024", "0xCAA5001C", "0xCAA90014", "0xCAA90018", "0xCAA90056",
            "0xCAA90057", "AADSTS50055", "AADSTS50076", "AADSTS50079", "AADSTS50126", "AADSTS53003", "500", "501",
            "502", "503", "504", "505", "600", "603", "560403");

    @Test
    void explains560403AsText() {
        Run r = run("560403");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).startsWith("560403 Forbidden; Call rejected")
                .contains("Microsoft response code (documented)")
                .containsPattern("side: +sbc")
                .contains("check first:")
                .containsPattern("catalog key: +ms:560403");
    }

    @Test
    void explainsEveryPageCodeInJson() throws Exception {
        String[] args = new String[PAGE_CODES.size() + 2];
        args[0] = "--format";
        args[1] = "json";
        for (int i = 0; i < PAGE_CODES.size(); i++) {
            args[i + 2] = PAGE_CODES.get(i);
        }
        Run r = run(args);
        assertThat(r.exit()).isEqualTo(0);
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode codes = root.get("codes");
        assertThat(codes).hasSize(PAGE_CODES.size());
        for (int i = 0; i < PAGE_CODES.size(); i++) {
            JsonNode c = codes.get(i);
            assertThat(c.get("input").asText()).isEqualTo(PAGE_CODES.get(i));
            assertThat(c.get("documented").asBoolean()).as(PAGE_CODES.get(i)).isTrue();
            assertThat(c.get("kind").asText()).isNotEqualTo("unknown");
            assertThat(c.get("meaning").asText()).isNotBlank();
            assertThat(c.get("firstCheck").asText()).isNotBlank();
        }
    }

    @Test
    void undocumentedCodeIsDecodedAndSaysSo() {
        Run r = run("560499", "569077");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("560499 (not documented: decoded by structure)")
                .containsPattern("answered with\\s+SIP 499")
                .contains("569077 (not documented: decoded by structure)");
    }

    @Test
    void explainsAReasonHeaderKeepingTheGuid() {
        Run r = run("Q.850;cause=63;text=\"9810e5a9-1b2c-4d5e-8f90-0a0b0c0d0e01;Current call site state prevents fork to this entity.\"");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).startsWith("10500 Current call site state prevents fork to this entity")
                .contains("9810e5a9-1b2c-4d5e-8f90-0a0b0c0d0e01 (quote it to Microsoft support)")
                .contains("also readable as:").contains("Q.850 cause 63");
    }

    @Test
    void listsFamiliesAndAFamily() throws Exception {
        Run families = run("--list");
        assertThat(families.exit()).isEqualTo(0);
        assertThat(families.out()).contains("ms-560").contains("policy-join-broker").contains("q850");
        Run ms569 = run("--list", "ms-569");
        assertThat(ms569.exit()).isEqualTo(0);
        assertThat(ms569.out()).contains("569008").contains("569015");
        Run json = run("--list", "teams-rooms", "--format", "json");
        JsonNode entries = new ObjectMapper().readTree(json.out()).get("entries");
        assertThat(entries).hasSize(5);
        Run bad = run("--list", "nope");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("unknown family 'nope'");
    }

    @Test
    void unrecognisedOrMissingInputIsAUsageError() {
        Run r = run("hello");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).contains("not recognised");
        Run none = run();
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--help").out()).contains("drsip explain 560403");
    }
}
