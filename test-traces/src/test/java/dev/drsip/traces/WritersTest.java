package dev.drsip.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritersTest {
    @Test
    void pcapMicroAndNanoRecords() throws IOException {
        for (boolean nanos : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                ByteArrayOutputStream bo = new ByteArrayOutputStream();
                try (PcapWriter w = new PcapWriter(bo, LinkType.LINUX_SLL2, nanos, 65535, order)) {
                    w.write(new Frame(1_793_664_000_123_456_789L, new byte[] {1, 2, 3}));
                    w.write(new Frame(1_793_664_001_000_000_001L, 0, new byte[] {4}, 1500));
                }
                ByteBuffer b = ByteBuffer.wrap(bo.toByteArray()).order(order);
                assertThat(b.getInt(0)).isEqualTo(nanos ? PcapWriter.MAGIC_NANOS : PcapWriter.MAGIC_MICROS);
                assertThat(b.getInt(20)).isEqualTo(276);
                assertThat(b.getInt(24)).isEqualTo(1_793_664_000);
                assertThat(b.getInt(28)).isEqualTo(nanos ? 123_456_789 : 123_456);
                assertThat(b.getInt(32)).isEqualTo(3);
                assertThat(b.getInt(36)).isEqualTo(3);
                assertThat(b.getInt(24 + 16 + 3 + 8)).isEqualTo(1);
                assertThat(b.getInt(24 + 16 + 3 + 12)).isEqualTo(1500);
                assertThat(bo.size()).isEqualTo(24 + 16 + 3 + 16 + 1);
            }
        }
    }

    @Test
    void pcapngBlocksWalkCleanlyWithSeveralInterfaces() throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(bo)) {
            assertThat(w.addInterface(LinkType.ETHERNET, "eth0")).isZero();
            assertThat(w.addInterface(LinkType.LINUX_SLL2, "any")).isEqualTo(1);
            assertThat(w.addInterface(LinkType.RAW, "tun0-long-name")).isEqualTo(2);
            for (int i = 0; i < 9; i++) {
                w.write(new Frame(1_793_664_000_000_000_000L + i * 1_000_000_007L, i % 3, new byte[i + 1]));
            }
        }
        ByteBuffer b = ByteBuffer.wrap(bo.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> types = new ArrayList<>();
        List<Integer> links = new ArrayList<>();
        int pos = 0;
        int packets = 0;
        while (pos < b.limit()) {
            int type = b.getInt(pos);
            int len = b.getInt(pos + 4);
            assertThat(len % 4).isZero();
            assertThat(b.getInt(pos + len - 4)).isEqualTo(len);
            types.add(type);
            if (type == 1) {
                links.add((int) b.getShort(pos + 8));
            } else if (type == 6) {
                int iface = b.getInt(pos + 8);
                long ts = ((long) b.getInt(pos + 12) << 32) | (b.getInt(pos + 16) & 0xffffffffL);
                assertThat(iface).isEqualTo(packets % 3);
                assertThat(ts).isEqualTo(1_793_664_000_000_000_000L + packets * 1_000_000_007L);
                assertThat(b.getInt(pos + 20)).isEqualTo(packets + 1);
                packets++;
            }
            pos += len;
        }
        assertThat(pos).isEqualTo(b.limit());
        assertThat(types.subList(0, 4)).containsExactly(0x0A0D0D0A, 1, 1, 1);
        assertThat(links).containsExactly(1, 276, 101);
        assertThat(packets).isEqualTo(9);
    }
}
