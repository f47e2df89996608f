package org.sipanalyzer.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The taps added to every analysis the command line runs, by name, beside the built-in ones (messages and calls):
 * registered here by an embedder, or found on the class path as {@link Factory} services
 * ({@code META-INF/services/org.sipanalyzer.analysis.Taps$Factory}). Each analysis gets fresh instances; what
 * they {@linkplain Tap#publish publish} appears in the JSON report's {@code metrics} and can be tested by
 * {@code check}.
 */
public final class Taps {

    /** Makes a tap: the service a jar on the class path provides. */
    public interface Factory {
        /** The tap's name: letters, digits and dashes; its metrics should start with it. */
        String name();

        /** A fresh tap, for one analysis. */
        Tap<?> create();
    }

    private static final Map<String, Supplier<? extends Tap<?>>> REGISTERED = new LinkedHashMap<>();
    private static boolean servicesLoaded;

    private Taps() {
    }

    /** Adds a tap to every later analysis; a name already taken is an IllegalArgumentException. */
    public static synchronized void register(String name, Supplier<? extends Tap<?>> factory) {
        if (!name.matches("[A-Za-z][A-Za-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("a tap's name is a letter, then letters, digits or dashes: '" + name
                    + "'");
        }
        loadServices();
        if (REGISTERED.containsKey(name)) {
            throw new IllegalArgumentException("a tap named '" + name + "' is already registered");
        }
        REGISTERED.put(name, factory);
    }

    /** Removes a tap registered by {@link #register}; nothing when none has that name. */
    public static synchronized void unregister(String name) {
        REGISTERED.remove(name);
    }

    /** The names registered, in the order they were. */
    public static synchronized List<String> names() {
        loadServices();
        return List.copyOf(REGISTERED.keySet());
    }

    /** A fresh instance of every registered tap, in the order registered. */
    public static synchronized List<Tap<?>> create() {
        loadServices();
        List<Tap<?>> out = new ArrayList<>();
        for (Supplier<? extends Tap<?>> f : REGISTERED.values()) {
            out.add(f.get());
        }
        return out;
    }

    private static void loadServices() {
        if (servicesLoaded) {
            return;
        }
        servicesLoaded = true;
        for (Factory f : ServiceLoader.load(Factory.class)) {
            REGISTERED.putIfAbsent(f.name(), f::create);
        }
    }
}
