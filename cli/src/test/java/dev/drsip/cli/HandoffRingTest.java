package dev.drsip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class HandoffRingTest {
    /** A reusable slot, as the pipeline's batches are. */
    private static final class Slot {
        long value;
    }

    private static HandoffRing<Slot> ring(int n) {
        Slot[] slots = new Slot[n];
        for (int i = 0; i < n; i++) {
            slots[i] = new Slot();
        }
        return new HandoffRing<>(slots);
    }

    /**
     * Every value arrives once and in order, whichever side is slower: random pauses make both the
     * producer wait on a full ring and the consumer wait on an empty one, many times over. A lost
     * wake-up would hang, which the timeout turns into a failure.
     */
    @Test
    void deliversEverySlotInOrderWhileBothSidesWait() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int n : new int[] {2, 4, 8}) {
                HandoffRing<Slot> ring = ring(n);
                long count = 50_000;
                AtomicReference<Throwable> failure = new AtomicReference<>();
                long[] received = new long[1];
                Thread consumer = new Thread(() -> {
                    Random r = new Random(2);
                    long expect = 0;
                    Slot s;
                    while ((s = ring.take()) != null) {
                        if (s.value != expect) {
                            failure.compareAndSet(null, new AssertionError("got " + s.value + ", expected " + expect));
                        }
                        s.value = -1; // a producer reusing the slot too early would be seen as -1
                        expect++;
                        ring.release();
                        if (r.nextInt(1000) == 0) {
                            LockSupport.parkNanos(200_000); // consumer slow: the producer fills the ring
                        }
                    }
                    received[0] = expect;
                });
                consumer.start();
                Random r = new Random(1);
                for (long i = 0; i < count; i++) {
                    Slot s = ring.claim();
                    s.value = i;
                    ring.publish();
                    if (r.nextInt(1000) == 0) {
                        LockSupport.parkNanos(200_000); // producer slow: the consumer empties the ring
                    }
                }
                ring.close();
                consumer.join();
                if (failure.get() != null) {
                    throw failure.get();
                }
                assertEquals(count, received[0], "slots received with " + n + " slots");
            }
        });
    }

    /** Closing wakes a consumer parked on an empty ring even when fewer slots than the wake mark wait. */
    @Test
    void closeWakesTheConsumerToDrainTheRest() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            HandoffRing<Slot> ring = ring(8);
            List<Long> got = new ArrayList<>();
            Thread consumer = new Thread(() -> {
                Slot s;
                while ((s = ring.take()) != null) {
                    got.add(s.value);
                    ring.release();
                }
            });
            consumer.start();
            while (consumer.getState() != Thread.State.WAITING) { // parked on the empty ring
                Thread.sleep(1);
            }
            Slot s = ring.claim();
            s.value = 42;
            ring.publish(); // 1 ready: below the wake mark (4 of 8), so no wake-up yet
            ring.close();
            consumer.join();
            assertEquals(List.of(42L), got);
        });
    }

    @Test
    void closedEmptyRingGivesNull() {
        HandoffRing<Slot> ring = ring(4);
        ring.close();
        assertNull(ring.take());
    }

    @Test
    void slotCountMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new HandoffRing<>(new Slot[] {new Slot(), new Slot(), new Slot()}));
        assertThrows(IllegalArgumentException.class, () -> new HandoffRing<>(new Slot[] {new Slot()}));
    }
}
