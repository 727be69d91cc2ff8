package dev.drsip.sip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte searches shared by the SIP parser and the stream framer (their hottest loops). */
public final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LF_X8 = 0x0A0A0A0A0A0A0A0AL;
    private static final long CR_X8 = 0x0D0D0D0D0D0D0D0DL;
    private static final long COLON_X8 = 0x3A3A3A3A3A3A3A3AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {
    }

    /** Index of the first '\n' in {@code b[from, to)}, or -1: eight bytes per step (SWAR zero-byte test). */
    public static int indexOfLf(byte[] b, int from, int to) {
        return indexOf(b, LF_X8, (byte) '\n', from, to);
    }

    /**
     * Index of the first ':', '\r' or '\n' in {@code b[from, to)}, or -1: where a header line's
     * name ends, or the line does (eight bytes per step; the lowest flagged byte of each test is
     * exact, so the lowest of the three is the first of any).
     */
    public static int indexOfColonOrLineEnd(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            long c = w ^ COLON_X8;
            long r = w ^ CR_X8;
            long n = w ^ LF_X8;
            long found = ((c - ONES) & ~c | (r - ONES) & ~r | (n - ONES) & ~n) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte x = b[i];
            if (x == ':' || x == '\r' || x == '\n') {
                return i;
            }
        }
        return -1;
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

    /** A well-mixed hash of {@code b[from, to)}, eight bytes per step (for tables keyed by raw bytes). */
    public static int hash(byte[] b, int from, int to) {
        long h = (to - from) * 0x9E3779B97F4A7C15L;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 31;
        }
        for (; i < to; i++) {
            h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
