package dev.drsip.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TsharkSipStatTest {
    static final String REPORT = """

            ===================================================================
            SIP Statistics

            Number of SIP messages: 81
            Number of resent SIP messages: 4

            * SIP Status Codes in reply packets
              SIP 407 Proxy Authentication Required :     3 Packets
              SIP 200 OK              :     3 Packets
              SIP 408 Request Timeout :     2 Packets
              SIP 100 Trying          :     7 Packets
              SIP 401 Unauthorized    :    14 Packets
              SIP 560 Some: odd phrase :     1 Packets

            * List of SIP Request methods
              INVITE          :    11 Packets
              ACK             :     7 Packets
              REGISTER        :    18 Packets
              CANCEL          :    16 Packets

            * Average setup time 590 ms
             Min 158 ms
             Max 1727 ms
            ===================================================================
            """;

    @Test
    void parsesCountsPerCodeAndMethod() {
        TsharkSipStat.Counts c = TsharkSipStat.parse(REPORT);
        assertThat(c.sipMessages()).isEqualTo(81);
        assertThat(c.resent()).isEqualTo(4);
        assertThat(c.codes()).isEqualTo(Map.of(407, 3, 200, 3, 408, 2, 100, 7, 401, 14, 560, 1));
        assertThat(c.methods()).isEqualTo(Map.of("INVITE", 11, "ACK", 7, "REGISTER", 18, "CANCEL", 16));
        assertThat(c.requests() + c.responses()).isEqualTo(82);
    }

    @Test
    void emptyReport() {
        TsharkSipStat.Counts c = TsharkSipStat.parse("SIP Statistics\nNumber of SIP messages: 0\n"
                + "Number of resent SIP messages: 0\n* SIP Status Codes in reply packets\n\n"
                + "* List of SIP Request methods\n\n* Average setup time 0 ms\n");
        assertThat(c.sipMessages()).isZero();
        assertThat(c.codes()).isEmpty();
        assertThat(c.methods()).isEmpty();
    }

    @Test
    void rejectsOtherText() {
        assertThatThrownBy(() -> TsharkSipStat.parse("hello")).isInstanceOf(IllegalArgumentException.class);
    }
}
