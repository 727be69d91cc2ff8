package dev.drsip.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class ByteScanTest {
    /** A SWAR search under test: {@code b[from, to)} -> index or -1. */
    private interface Search {
        int find(byte[] b, int from, int to);
    }

    /**
     * Random arrays of bytes drawn from {@code pool} (targets, their neighbours and high-bit twins
     * stress the SWAR borrow), random ranges: the search must give the first byte that
     * {@code target} accepts, as a plain loop does.
     */
    private static void checkFirstMatch(long seed, int rounds, int[] pool, IntPredicate target, Search search) {
        Random rnd = new Random(seed);
        for (int round = 0; round < rounds; round++) {
            byte[] b = new byte[1 + rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) pool[rnd.nextInt(pool.length)];
            }
            int from = rnd.nextInt(b.length);
            int end = from + rnd.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (target.test(b[i])) {
                    expected = i;
                    break;
                }
            }
            assertThat(search.find(b, from, end)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void lineFeedSearchFindsTheFirstLineFeedAtEveryPosition() {
        checkFirstMatch(7, 2000, new int[] {0x0a, 0x0b, 0x09, 0x0d, 0x8a, 0xff, 0x00, 0x01, 'a', 0x0a ^ 0x80},
                c -> c == '\n', ByteScan::indexOfLf);
    }

    @Test
    void byteSearchFindsTheFirstMatchForEveryByteValue() {
        Random rnd = new Random(11);
        for (int k = 0; k < 2000; k++) {
            byte c = (byte) rnd.nextInt(256);
            checkFirstMatch(k, 10, new int[] {c, c + 1, c - 1, c ^ 0x80, c ^ 0x01, 0x00, 0xff, 'a'},
                    x -> x == c, (b, from, to) -> ByteScan.indexOf(b, c, from, to));
        }
    }

    @Test
    void colonOrLineEndSearchFindsTheFirstOfTheThree() {
        checkFirstMatch(13, 20_000,
                new int[] {':', '\r', '\n', ';', '9', 0x0c, 0x0b, 0x0e, 0x8a, 0x8d, 0xba, 0x00, 0xff, 'a', 'a', 'a'},
                c -> c == ':' || c == '\r' || c == '\n', ByteScan::indexOfColonOrLineEnd);
    }
}
