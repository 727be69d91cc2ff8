package dev.drsip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code drsip cert check} on the certificates the rules module's record.sh created. */
class CertCheckCommandTest {
    static final Path CERTS = Path.of("../rules/src/test/resources/tls/certs");
    static final String AT = "2026-12-01T00:00:00Z"; // inside every test leaf's validity but the expired one

    record Out(int code, String out, String err) {
    }

    static Out run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Drsip.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Out(code, o.toString(), e.toString());
    }

    static String cert(String name) {
        return CERTS.resolve(name).toString();
    }

    @Test
    void goodChainExitsZero() {
        Out r = run("cert", "check", cert("sbc1-chain.pem"), "--fqdn", "sbc1.contoso.com", "--at", AT);
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("2 certificates").contains("No findings");
    }

    @Test
    void errorFindingsExitOne() {
        Out r = run("cert", "check", cert("sbc1.pem"), "--fqdn", "sbc2.contoso.com", "--at", AT);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("cert-name-mismatch").contains("cert-chain-incomplete").contains("what to do:");
    }

    @Test
    void jsonFormat() throws Exception {
        Out r = run("cert", "check", cert("expired.pem"), "--format", "json", "--at", AT);
        assertThat(r.code()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("certificates")).hasSize(1);
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("findings").findValuesAsText("ruleId")).contains("cert-expired", "cert-chain-incomplete");
    }

    @Test
    void missingOrNonPemFileIsAUsageError() {
        Out missing = run("cert", "check", cert("missing.pem"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        Out notPem = run("cert", "check", cert("not-pem.txt"));
        assertThat(notPem.code()).isEqualTo(2);
        assertThat(notPem.err()).contains("not a PEM certificate file");
        assertThat(run("cert", "check").code()).isEqualTo(2);
        assertThat(run("cert", "check", cert("sbc1.pem"), "--at", "tomorrow").code()).isEqualTo(2);
    }
}
