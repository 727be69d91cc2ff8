package dev.drsip.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** An access-ordered map that drops its least recently used entry beyond {@code max}: bounded rule state. */
public final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;
    private final int max;
    private long evicted;

    public BoundedMap(int max) {
        super(16, 0.75f, true);
        this.max = max;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() > max) {
            evicted++;
            return true;
        }
        return false;
    }

    public long evicted() {
        return evicted;
    }

    /**
     * Moves the state kept under {@code from} to {@code to} (an SBC first named by its address, then
     * by its FQDN): renamed in place when {@code to} has none, else folded into {@code to}'s.
     *
     * @param rename gives the moved state its new key
     * @param fold merges the old state (second argument) into the existing one (first)
     */
    public void renameKey(K from, K to, java.util.function.BiConsumer<V, K> rename, java.util.function.BiConsumer<V, V> fold) {
        V old = remove(from);
        if (old == null) {
            return;
        }
        V existing = get(to);
        if (existing == null) {
            rename.accept(old, to);
            put(to, old);
        } else {
            fold.accept(existing, old);
        }
    }
}
