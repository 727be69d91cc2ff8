package dev.drsip.rules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostnameMatcherTest {
    @Test
    void exactNamesCaseAndTrailingDot() {
        assertThat(HostnameMatcher.matches("sbc1.contoso.com", "SBC1.Contoso.com.")).isTrue();
        assertThat(HostnameMatcher.matches("sbc1.contoso.com", "sbc2.contoso.com")).isFalse();
    }

    @Test
    void wildcardCoversExactlyOneLabel() {
        assertThat(HostnameMatcher.matches("*.contoso.com", "sbc1.contoso.com")).isTrue();
        assertThat(HostnameMatcher.matches("*.contoso.com", "sbc1.eu.contoso.com")).isFalse();
        assertThat(HostnameMatcher.matches("*.contoso.com", "contoso.com")).isFalse();
        assertThat(HostnameMatcher.matches("*.com", "contoso.com")).isFalse();
        assertThat(HostnameMatcher.matches("sbc*.contoso.com", "sbc1.contoso.com")).isFalse();
        assertThat(HostnameMatcher.matches("*.*.contoso.com", "a.b.contoso.com")).isFalse();
        assertThat(HostnameMatcher.matches(null, "a")).isFalse();
    }

    @Test
    void coversLooksAtSanThenCn() {
        CertificateFacts f = new CertificateFacts("CN=x", "CN=y", "legacy.contoso.com", List.of("*.contoso.com"),
                0, 1, false, true, true, false, "RSA", 2048, "00");
        assertThat(HostnameMatcher.covers(f, "sbc1.contoso.com")).isTrue();
        assertThat(HostnameMatcher.covers(f, "legacy.contoso.com")).isTrue();
        assertThat(HostnameMatcher.covers(f, "sbc1.fabrikam.com")).isFalse();
    }
}
