package dev.drsip.analyzer;

/**
 * An intrusive access-ordered list (the head is the least recently used), the order a
 * LinkedHashMap in access order keeps, without an entry or iterator per message. The head's
 * {@link Node#stamp()} is mirrored in {@link #headTime} so the per-message expiry check reads no
 * cold node; whoever changes the head's stamp updates it.
 */
final class LruList<N extends LruList.Node<N>> {
    /** What a list element carries: its links, its list, and the time it is ordered by. */
    abstract static class Node<N extends Node<N>> {
        N prev;
        N next;
        /** The list this node is in, null when in none. */
        LruList<N> list;

        /** Time of last use (what {@link LruList#headTime} mirrors for the head). */
        abstract long stamp();
    }

    N head;
    N tail;
    int size;
    long headTime;

    void linkLast(N x) {
        x.list = this;
        x.next = null;
        x.prev = tail;
        if (tail == null) {
            head = x;
            headTime = x.stamp();
        } else {
            tail.next = x;
        }
        tail = x;
        size++;
    }

    void unlink(N x) {
        N p = x.prev;
        N n = x.next;
        if (p == null) {
            head = n;
            headTime = n == null ? 0 : n.stamp();
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        x.prev = null;
        x.next = null;
        x.list = null;
        size--;
    }

    void moveToTail(N x) {
        if (tail != x) {
            unlink(x);
            linkLast(x);
        }
    }

    void clear() {
        head = null;
        tail = null;
        size = 0;
    }
}
