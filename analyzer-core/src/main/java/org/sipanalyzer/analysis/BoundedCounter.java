package org.sipanalyzer.analysis;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A sorted map of counts whose number of keys is bounded: keys come from untrusted captures (methods, codes),
 * so past the bound new keys are folded into one overflow key.
 */
final class BoundedCounter<K extends Comparable<K>, V> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    // Hashed for the per-message updates; sorted only when read.
    private final HashMap<K, V> map = new HashMap<>();
    private final int maxKeys;
    private final K overflowKey;
    private final Factory<K, V> factory;

    /** Makes the value of a new key; serialisable, as the counter is (a cluster's tasks send it back). */
    interface Factory<K, V> extends Function<K, V>, java.io.Serializable {
    }

    BoundedCounter(int maxKeys, K overflowKey, Factory<K, V> factory) {
        this.maxKeys = maxKeys;
        this.overflowKey = overflowKey;
        this.factory = factory;
    }

    V get(K key) {
        V v = map.get(key);
        if (v != null) {
            return v;
        }
        K k = map.size() >= maxKeys ? overflowKey : key;
        return map.computeIfAbsent(k, factory);
    }

    /** The counts in key order (a sorted copy: read rarely, at report time). */
    Map<K, V> view() {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
