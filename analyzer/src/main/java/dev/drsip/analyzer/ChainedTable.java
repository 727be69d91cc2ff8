package dev.drsip.analyzer;

/**
 * A chained hash table over intrusive entries: the elements carry their hash and bucket link, so
 * a table of calls or transactions costs no map entry per element and one hop less per lookup
 * than a HashMap. Lookups walk {@link #bucket} themselves (each key type compares its own way).
 */
final class ChainedTable<N extends ChainedTable.Entry<N>> {
    /** An element of a table that is also in one {@link LruList}. */
    abstract static class Entry<N extends Entry<N>> extends LruList.Node<N> {
        final int hash;
        N bucketNext;

        Entry(int hash) {
            this.hash = hash;
        }
    }

    @SuppressWarnings("unchecked") // an array of the entry class holds only Ns: only Ns are inserted
    private N[] table = (N[]) new Entry<?>[1024];
    private int size;

    int size() {
        return size;
    }

    /** First entry of the bucket of {@code hash} (follow {@link Entry#bucketNext}). */
    N bucket(int hash) {
        return table[hash & (table.length - 1)];
    }

    /** Adds an entry that is in no table (grown at 3/4 load). */
    @SuppressWarnings("unchecked") // as for table
    void insert(N e) {
        if (size + 1 > table.length - (table.length >>> 2)) {
            N[] old = table;
            table = (N[]) new Entry<?>[old.length * 2];
            for (N x : old) {
                while (x != null) {
                    N next = x.bucketNext;
                    link(x);
                    x = next;
                }
            }
        }
        link(e);
        size++;
    }

    private void link(N x) {
        int i = x.hash & (table.length - 1);
        x.bucketNext = table[i];
        table[i] = x;
    }

    /** Removes an entry (one that is not in this table is left alone). */
    void remove(N e) {
        int i = e.hash & (table.length - 1);
        N x = table[i];
        if (x == e) {
            table[i] = e.bucketNext;
        } else {
            while (x != null && x.bucketNext != e) {
                x = x.bucketNext;
            }
            if (x == null) {
                return;
            }
            x.bucketNext = e.bucketNext;
        }
        e.bucketNext = null;
        size--;
    }

    void clear() {
        java.util.Arrays.fill(table, null);
        size = 0;
    }

    /** Test aid: entries reachable through the buckets, and whether {@code e} is one of them. */
    int chained() {
        int n = 0;
        for (N x : table) {
            for (; x != null; x = x.bucketNext) {
                n++;
            }
        }
        return n;
    }

    boolean contains(N e) {
        N x = table[e.hash & (table.length - 1)];
        while (x != null && x != e) {
            x = x.bucketNext;
        }
        return x == e;
    }
}
