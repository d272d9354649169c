package dev.redraw.core.limits;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded maps that keep the entries used most recently and drop the least recently used. */
public final class RecentlyUsed {

    private RecentlyUsed() {}

    /** A thread-safe map of at most {@code max} entries; putting one more drops the least recently used. */
    public static <K, V> Map<K, V> map(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a map of at least one entry: " + max);
        }
        return Collections.synchronizedMap(new LinkedHashMap<>(Math.min(max, 256), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }
}
