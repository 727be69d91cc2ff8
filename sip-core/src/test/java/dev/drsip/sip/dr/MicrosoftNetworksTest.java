package dev.drsip.sip.dr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drsip.sip.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicrosoftNetworksTest {

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    @Test
    void publishedRangesAndTheirEdges() {
        MicrosoftNetworks m = MicrosoftNetworks.defaults();
        assertThat(m.contains(ip("52.112.0.0"))).isTrue();
        assertThat(m.contains(ip("52.114.148.0"))).isTrue();
        assertThat(m.contains(ip("52.115.255.255"))).isTrue();
        assertThat(m.contains(ip("52.116.0.0"))).isFalse();
        assertThat(m.contains(ip("52.120.0.1"))).isTrue();
        assertThat(m.contains(ip("52.123.255.255"))).isTrue();
        assertThat(m.contains(ip("52.124.0.0"))).isFalse();
        assertThat(m.contains(ip("52.127.64.1"))).isTrue();
        assertThat(m.contains(ip("52.127.71.255"))).isTrue();
        assertThat(m.contains(ip("52.127.72.0"))).isFalse();
        assertThat(m.contains(ip("52.127.88.10"))).isTrue();
        assertThat(m.contains(ip("52.127.96.0"))).isFalse();
        assertThat(m.contains(ip("52.111.255.255"))).isFalse();
        assertThat(m.contains(ip("203.0.113.10"))).isFalse();
        assertThat(m.contains(ip("::1"))).isFalse();
        assertThat(m.contains(null)).isFalse();
    }

    @Test
    void anIpv4AddressIsOneBigEndianIntForTheNetworkTest() {
        assertThat(ip("10.0.0.1").v4Int()).isEqualTo(0x0A000001);
        assertThat(ip("52.112.0.0").v4Int()).isEqualTo(0x34700000);
        assertThat(ip("255.255.255.255").v4Int()).isEqualTo(-1);
        assertThat(ip("128.0.0.0").v4Int()).isEqualTo(Integer.MIN_VALUE);
        assertThat(ip("2001:db8::1").v4Int()).isZero();
        // the top bit set: a sign-extended byte would put every such address in 0.0.0.0/1-style masks
        MicrosoftNetworks m = MicrosoftNetworks.withUserNetworks(List.of("200.1.2.0/24"));
        assertThat(m.contains(ip("200.1.2.255"))).isTrue();
        assertThat(m.contains(ip("200.1.3.0"))).isFalse();
        assertThat(m.contains(ip("72.1.2.3"))).isFalse();
    }

    @Test
    void userNetworksV4AndV6AndBareAddresses() {
        MicrosoftNetworks m = MicrosoftNetworks.withUserNetworks(List.of("127.0.0.3/32", "2001:db8:1::/48", "10.1.2.3"));
        assertThat(m.contains(ip("127.0.0.3"))).isTrue();
        assertThat(m.contains(ip("127.0.0.4"))).isFalse();
        assertThat(m.contains(ip("2001:db8:1:ffff::5"))).isTrue();
        assertThat(m.contains(ip("2001:db8:2::5"))).isFalse();
        assertThat(m.contains(ip("10.1.2.3"))).isTrue();
        assertThat(m.contains(ip("52.113.1.1"))).isTrue();
        assertThat(m.userNetworks()).extracting(Object::toString)
                .containsExactly("127.0.0.3/32", "2001:db8:1::/48", "10.1.2.3/32");
        // host bits are masked off
        assertThat(MicrosoftNetworks.parseCidr("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
        assertThat(MicrosoftNetworks.parseCidr("0.0.0.0/0").contains(ip("1.2.3.4"))).isTrue();
    }

    @Test
    void parseErrorsAreClear() {
        assertThatThrownBy(() -> MicrosoftNetworks.parseCidr("127.0.0.3/33"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.3/33")
                .hasMessageContaining("out of range 0-32");
        assertThatThrownBy(() -> MicrosoftNetworks.parseCidr("sbc.example/24"))
                .hasMessageContaining("not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> MicrosoftNetworks.parseCidr("10.0.0.0/x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> MicrosoftNetworks.parseCidr(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> MicrosoftNetworks.parseCidr("::1/129")).hasMessageContaining("0-128");
    }

    @Test
    void fqdnsAndBanner() {
        assertThat(MicrosoftNetworks.isMicrosoftFqdn("sip.pstnhub.microsoft.com")).isTrue();
        assertThat(MicrosoftNetworks.isMicrosoftFqdn("SIP2.PSTNHUB.MICROSOFT.COM.")).isTrue();
        assertThat(MicrosoftNetworks.isMicrosoftFqdn("sip-all.pstnhub.microsoft.com")).isTrue();
        assertThat(MicrosoftNetworks.isMicrosoftFqdn("sip.pstnhub.gov.teams.microsoft.us")).isTrue();
        assertThat(MicrosoftNetworks.isMicrosoftFqdn("sip.pstnhub.dod.teams.microsoft.us")).isTrue();
        assertThat(MicrosoftNetworks.isMicrosoftFqdn("pstnhub.microsoft.com")).isFalse();
        assertThat(MicrosoftNetworks.isMicrosoftFqdn("evilpstnhub.microsoft.com")).isFalse();
        assertThat(MicrosoftNetworks.isMicrosoftFqdn("sbc1.contoso.com")).isFalse();
        assertThat(MicrosoftNetworks.isMicrosoftFqdn(null)).isFalse();
        assertThat(MicrosoftNetworks.isMicrosoftBanner("Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3")).isTrue();
        assertThat(MicrosoftNetworks.isMicrosoftBanner("  microsoft.pstnhub.sipproxy")).isTrue();
        assertThat(MicrosoftNetworks.isMicrosoftBanner("Ribbon SBC")).isFalse();
        assertThat(MicrosoftNetworks.bannerInstance("Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3"))
                .isEqualTo("USWE2.3");
    }
}
