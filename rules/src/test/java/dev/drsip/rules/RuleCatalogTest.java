package dev.drsip.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule id is in the catalog, in the README's table, and runs in the default engine. */
class RuleCatalogTest {
    static List<String> ids() throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : RuleIds.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                out.add((String) f.get(null));
            }
        }
        return out;
    }

    @Test
    void catalogListsEveryIdOnceWithTextAndAction() throws Exception {
        List<String> ids = ids();
        assertThat(ids).hasSize(27).doesNotHaveDuplicates();
        assertThat(RuleCatalog.ALL).extracting(RuleCatalog.Entry::id).containsExactlyInAnyOrderElementsOf(ids);
        for (RuleCatalog.Entry e : RuleCatalog.ALL) {
            assertThat(e.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(e.detects()).isNotBlank();
            assertThat(e.action()).isNotBlank();
        }
    }

    @Test
    void readmeTableHasEveryId() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String id : ids()) {
            assertThat(readme).contains("| `" + id + "` |");
        }
    }

    @Test
    void issueRuleIdsAreExactlyTheseNames() throws Exception {
        assertThat(ids()).contains("contact-not-fqdn", "contact-fqdn-unknown", "record-route-not-fqdn",
                "record-route-contact-mismatch", "options-to-ip", "cert-name-mismatch", "cert-expired", "cert-expiring",
                "cert-self-signed", "cert-no-server-auth", "cert-chain-incomplete", "tls-version", "tls-cipher",
                "options-gap", "options-rejected", "options-unanswered", "response-spike", "slow-sbc", "no-ack",
                "retry-after-603", "replaces-from-sbc", "delayed-offer", "sdp-null-connection", "hold-sendonly",
                "number-not-e164");
    }
}
