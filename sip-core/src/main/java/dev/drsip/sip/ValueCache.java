package dev.drsip.sip;

import java.util.Arrays;

/**
 * A bounded, direct-mapped cache from the exact bytes of a header value to the immutable value
 * made from them. Used for the Call-ID, User-Agent and Server Strings: the messages of a dialog
 * repeat the Call-ID and an SBC repeats its banner, so most lookups (83% on the bench trace) find
 * the String already made: no allocation, and the analysis gets the same instance (its hash code
 * already computed). Not used for Via/From/To/Contact records: their hit rate (about 60%) did not
 * pay for the young-GC copying of the larger live entries (measured: GC pauses doubled).
 *
 * <p>Flat arrays instead of an entry object per slot: a lookup reads the slot's hash and length
 * from small arrays and its key from one stretch of a shared array, where an entry object and its
 * key array lay anywhere in the old generation (that load missed the caches on most messages: 8%
 * of the capture thread). Keys longer than {@link #MAX_KEY} are not cached.
 *
 * <p>Only used for pure functions of the bytes, so a hit returns exactly what a parse would. Not
 * thread-safe (a reader could see a key half overwritten): each thread has its own (see
 * {@link SipHeaders#decodeCached}). Memory: {@code slots * (MAX_KEY + 9)} bytes plus the values.
 */
final class ValueCache<T> {
    /** Longer values are parsed every time. Call-IDs and SBC banners are mostly 30-50 bytes. */
    static final int MAX_KEY = 64;

    private final int[] hashes;
    private final byte[] lengths;
    private final byte[] keys;
    private final Object[] values;
    private final int mask;

    /** @param size number of slots, a power of two */
    ValueCache(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        hashes = new int[size];
        lengths = new byte[size];
        keys = new byte[size * MAX_KEY];
        values = new Object[size];
        mask = size - 1;
    }

    /** Hash of {@code b[from, to)} ({@link ByteScan#hash}). */
    static int hash(byte[] b, int from, int to) {
        return ByteScan.hash(b, from, to);
    }

    /** The cached value for exactly these bytes, or null. {@code hash} is {@link #hash} of them. */
    @SuppressWarnings("unchecked")
    T get(byte[] b, int from, int to, int hash) {
        int s = hash & mask;
        int n = to - from;
        if (hashes[s] != hash || lengths[s] != n || n > MAX_KEY) {
            return null;
        }
        int k = s * MAX_KEY;
        return Arrays.equals(keys, k, k + n, b, from, to) ? (T) values[s] : null;
    }

    /** Remembers {@code value} for these bytes (replacing whatever shared the slot). */
    void put(byte[] b, int from, int to, int hash, T value) {
        int n = to - from;
        if (n > MAX_KEY || n < 0) {
            return;
        }
        int s = hash & mask;
        System.arraycopy(b, from, keys, s * MAX_KEY, n);
        hashes[s] = hash;
        lengths[s] = (byte) n;
        values[s] = value;
    }
}
