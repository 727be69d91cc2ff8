package dev.drsip.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteScanTest {
    @Test
    void lineFeedSearchFindsTheFirstLineFeedAtEveryPosition() {
        Random rnd = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // bytes around LF (0x0a), 0x0b/0x09 and high bytes stress the borrow of the SWAR test
                int[] pool = {0x0a, 0x0b, 0x09, 0x0d, 0x8a, 0xff, 0x00, 0x01, 'a', 0x0a ^ 0x80};
                b[i] = (byte) pool[rnd.nextInt(pool.length)];
            }
            int from = rnd.nextInt(b.length);
            int end = from + rnd.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(ByteScan.indexOfLf(b, from, end)).isEqualTo(expected);
        }
    }

    @Test
    void byteSearchFindsTheFirstMatchForEveryByteValue() {
        Random rnd = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            byte c = (byte) rnd.nextInt(256);
            byte[] b = new byte[1 + rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // the target, its neighbours and its high-bit twin stress the SWAR borrow
                int[] pool = {c, c + 1, c - 1, c ^ 0x80, c ^ 0x01, 0x00, 0xff, 'a'};
                b[i] = (byte) pool[rnd.nextInt(pool.length)];
            }
            int from = rnd.nextInt(b.length);
            int end = from + rnd.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (b[i] == c) {
                    expected = i;
                    break;
                }
            }
            assertThat(ByteScan.indexOf(b, c, from, end)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void colonOrLineEndSearchFindsTheFirstOfTheThree() {
        Random rnd = new Random(13);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // the three targets, their neighbours and high-bit twins stress the SWAR borrows
                int[] pool = {':', '\r', '\n', ';', '9', 0x0c, 0x0b, 0x0e, 0x8a, 0x8d, 0xba, 0x00, 0xff, 'a', 'a', 'a'};
                b[i] = (byte) pool[rnd.nextInt(pool.length)];
            }
            int from = rnd.nextInt(b.length);
            int end = from + rnd.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (b[i] == ':' || b[i] == '\r' || b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(ByteScan.indexOfColonOrLineEnd(b, from, end)).as("round %d", round).isEqualTo(expected);
        }
    }
}
