package dev.zos.grid.registry.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One map of the registry state that can be forked: a fork reads through to its parent and keeps its own
 * writes until {@link #mergeIntoParent()}. The root is a sorted concurrent map, so queries iterate by key.
 */
final class Layer<K extends Comparable<K>, V> {
    private static final Object REMOVED = new Object();
    private final Layer<K, V> parent;
    private final Map<K, Object> map;

    private Layer(Layer<K, V> parent, Map<K, Object> map) {
        this.parent = parent;
        this.map = map;
    }

    static <K extends Comparable<K>, V> Layer<K, V> root() {
        return new Layer<K, V>(null, new ConcurrentSkipListMap<K, Object>());
    }

    Layer<K, V> fork() {
        return new Layer<>(this, new HashMap<>());
    }

    @SuppressWarnings("unchecked")
    V get(K key) {
        Object v = map.get(key);
        if (v != null) {
            return v == REMOVED ? null : (V) v;
        }
        return parent == null ? null : parent.get(key);
    }

    void put(K key, V value) {
        map.put(key, value);
    }

    void remove(K key) {
        if (parent == null) {
            map.remove(key);
        } else {
            map.put(key, REMOVED);
        }
    }

    @SuppressWarnings("unchecked")
    void mergeIntoParent() {
        map.forEach((k, v) -> {
            if (v == REMOVED) {
                parent.remove(k);
            } else {
                parent.put(k, (V) v);
            }
        });
    }

    /** This fork's own writes (value null for a removal). */
    @SuppressWarnings("unchecked")
    Map<K, V> changes() {
        var out = new LinkedHashMap<K, V>();
        map.forEach((k, v) -> out.put(k, v == REMOVED ? null : (V) v));
        return out;
    }

    /** The root's values in key order (a live, weakly consistent view). */
    @SuppressWarnings("unchecked")
    Collection<V> values() {
        if (parent != null) {
            throw new IllegalStateException("values() is for the root state only");
        }
        return (Collection<V>) (Collection<?>) map.values();
    }

    int size() {
        return map.size();
    }
}
