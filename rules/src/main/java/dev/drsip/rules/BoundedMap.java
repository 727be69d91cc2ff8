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
}
