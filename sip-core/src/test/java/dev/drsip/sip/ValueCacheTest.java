package dev.drsip.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ValueCacheTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aHitNeedsTheSameBytesWhereverTheyLie() {
        ValueCache<String> c = new ValueCache<>(16);
        byte[] a = bytes("xxabc@host");
        int h = ValueCache.hash(a, 2, a.length);
        c.put(a, 2, a.length, h, "V");
        byte[] b = bytes("abc@hostyy");
        assertSame("V", c.get(b, 0, 8, ValueCache.hash(b, 0, 8)));
        assertNull(c.get(b, 0, 7, ValueCache.hash(b, 0, 7)), "a prefix is another key");
        assertNull(c.get(bytes("abd@host"), 0, 8, ValueCache.hash(bytes("abd@host"), 0, 8)));
    }

    @Test
    void keysSharingASlotAndAHashAreStillCompared() {
        // One slot and the same (forged) hash for every key: only the bytes tell them apart.
        ValueCache<String> c = new ValueCache<>(1);
        byte[] k1 = bytes("call-1@sbc");
        byte[] k2 = bytes("call-2@sbc");
        c.put(k1, 0, k1.length, 7, "one");
        assertSame("one", c.get(k1, 0, k1.length, 7));
        assertNull(c.get(k2, 0, k2.length, 7));
        c.put(k2, 0, k2.length, 7, "two");
        assertSame("two", c.get(k2, 0, k2.length, 7));
        assertNull(c.get(k1, 0, k1.length, 7), "the slot now holds the other key");
        byte[] shorter = bytes("call-2@sb");
        assertNull(c.get(shorter, 0, shorter.length, 7), "same bytes but shorter");
    }

    @Test
    void keysLongerThanTheLimitAreNotKept() {
        ValueCache<String> c = new ValueCache<>(8);
        byte[] max = bytes("m".repeat(ValueCache.MAX_KEY));
        byte[] over = bytes("o".repeat(ValueCache.MAX_KEY + 1));
        c.put(max, 0, max.length, ValueCache.hash(max, 0, max.length), "max");
        c.put(over, 0, over.length, ValueCache.hash(over, 0, over.length), "over");
        assertSame("max", c.get(max, 0, max.length, ValueCache.hash(max, 0, max.length)));
        assertNull(c.get(over, 0, over.length, ValueCache.hash(over, 0, over.length)));
        byte[] empty = new byte[0];
        c.put(empty, 0, 0, ValueCache.hash(empty, 0, 0), "empty");
        assertSame("empty", c.get(empty, 0, 0, ValueCache.hash(empty, 0, 0)));
    }

    @Test
    void sizeMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new ValueCache<String>(6));
    }

    @Test
    void decodedValuesAreSharedWithinAThreadAndEqualEverywhere() throws Exception {
        byte[] m = bytes("Call-ID: 5f1c0a44-0e1b-4c4e-9d2e-3a1f0b7c9e11\r\n");
        int from = 9;
        int to = m.length - 2;
        String first = SipHeaders.decodeCached(m, from, to);
        assertEquals("5f1c0a44-0e1b-4c4e-9d2e-3a1f0b7c9e11", first);
        assertSame(first, SipHeaders.decodeCached(m.clone(), from, to), "same bytes, same String");
        // Another thread has a cache of its own: an equal String, never a half-written one.
        AtomicReference<String> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(SipHeaders.decodeCached(m, from, to)));
        t.start();
        t.join();
        assertEquals(first, other.get());
        assertNotSame(first, other.get());
        String long1 = "L".repeat(ValueCache.MAX_KEY + 10);
        byte[] lb = bytes(long1);
        assertEquals(long1, SipHeaders.decodeCached(lb, 0, lb.length));
        assertNotSame(SipHeaders.decodeCached(lb, 0, lb.length), SipHeaders.decodeCached(lb, 0, lb.length));
    }
}
