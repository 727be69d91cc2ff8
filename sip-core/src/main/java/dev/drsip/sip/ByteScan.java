package dev.drsip.sip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte searches shared by the SIP parser and the stream framer (their hottest loops). */
public final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LF_X8 = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {
    }

    /** Index of the first '\n' in {@code b[from, to)}, or -1: eight bytes per step (SWAR zero-byte test). */
    public static int indexOfLf(byte[] b, int from, int to) {
        return indexOf(b, LF_X8, (byte) '\n', from, to);
    }

    /** Index of the first {@code c} in {@code b[from, to)}, or -1 (eight bytes per step). */
    public static int indexOf(byte[] b, byte c, int from, int to) {
        return indexOf(b, (c & 0xffL) * ONES, c, from, to);
    }

    private static int indexOf(byte[] b, long pattern, byte c, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS; // lowest set bit marks the first zero byte exactly
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
