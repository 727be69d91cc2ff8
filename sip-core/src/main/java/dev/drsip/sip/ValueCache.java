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
 * <p>Only used for pure functions of the bytes, so a hit returns exactly what a parse would.
 * Thread-safe without locks: an {@link Entry} is immutable (final fields, safely published), a
 * racy read sees either an old entry, a new one, or none; a collision simply replaces the slot.
 * Memory is bounded by {@code slots * (MAX_KEY + value)}.
 */
final class ValueCache<T> {
    /** Longer values are parsed every time (not worth keeping). */
    static final int MAX_KEY = 256;

    private static final class Entry {
        final byte[] key;
        final int hash;
        final Object value;

        Entry(byte[] key, int hash, Object value) {
            this.key = key;
            this.hash = hash;
            this.value = value;
        }
    }

    private final Entry[] slots;
    private final int mask;

    /** @param size number of slots, a power of two */
    ValueCache(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        slots = new Entry[size];
        mask = size - 1;
    }

    /** Hash of {@code b[from, to)} ({@link ByteScan#hash}). */
    static int hash(byte[] b, int from, int to) {
        return ByteScan.hash(b, from, to);
    }

    /** The cached value for exactly these bytes, or null. {@code hash} is {@link #hash} of them. */
    @SuppressWarnings("unchecked")
    T get(byte[] b, int from, int to, int hash) {
        Entry e = slots[hash & mask];
        if (e != null && e.hash == hash && Arrays.equals(e.key, 0, e.key.length, b, from, to)) {
            return (T) e.value;
        }
        return null;
    }

    /** Remembers {@code value} for these bytes (replacing whatever shared the slot). */
    void put(byte[] b, int from, int to, int hash, T value) {
        if (to - from <= MAX_KEY) {
            slots[hash & mask] = new Entry(Arrays.copyOfRange(b, from, to), hash, value);
        }
    }
}
