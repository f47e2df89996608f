package org.sipanalyzer.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every figure of an analysis by name, as the taps publish them ({@link Tap#publish}): the one place {@code check}
 * rules, the JSON report's {@code metrics} and any other reader look a name up, so that a name means one thing
 * everywhere. Names are looked up in any case. A family ({@code code.*}) answers 0 for a member nobody published
 * ({@code code.503} when no 503 came), so that a rule on a code that never came holds or fails on 0.
 */
public final class MetricRegistry implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** What a value is. */
    public enum Kind {
        /** A number of things; with a whole, it can be read as a share of it. */
        COUNT,
        /** A ratio, already in percent. */
        RATIO,
        /** A delay, in nanoseconds. */
        DELAY
    }

    /**
     * One figure.
     *
     * @param name as published ({@code method.INVITE}, {@code pdd.p95})
     * @param kind what it is
     * @param value the count, the percentage or the nanoseconds; NaN when there was nothing to measure
     * @param whole for a count, what a share of it is a share of (all calls, all responses); 0 when not a count
     * @param unmeasurable when the input cannot give the value (a delay from a log without times): why; else null
     */
    public record Metric(String name, Kind kind, double value, long whole, String unmeasurable)
            implements java.io.Serializable {

        private static final long serialVersionUID = 1L;


        /**
         * The value as reports give it, in {@link #unit()}: a count as it is, a ratio in percent and a delay in
         * milliseconds, both to three decimals; NaN when there was nothing to measure.
         */
        public double reported() {
            if (kind == Kind.COUNT || Double.isNaN(value)) {
                return value;
            }
            double v = kind == Kind.DELAY ? value / 1e6 : value;
            return Math.round(v * 1000) / 1000.0;
        }

        /** The unit of {@link #reported()}: "" for a count, "%" for a ratio, "ms" for a delay. */
        public String unit() {
            return switch (kind) {
                case COUNT -> "";
                case RATIO -> "%";
                case DELAY -> "ms";
            };
        }

        /** The value as a share of {@link #whole} in percent (0 when the whole is 0); a non-count as it is. */
        public double share() {
            if (kind != Kind.COUNT) {
                return value;
            }
            return whole == 0 ? 0 : 100.0 * value / whole;
        }
    }

    /** An empty registry, for taps to publish into. */
    public MetricRegistry() {
    }

    private record Family(String prefix, long whole, Predicate<String> member) {
    }

    /** The statistics of a delay distribution each delay publishes, as {@code NAME.STATISTIC}. */
    public static final List<String> DELAY_STATISTICS = List.of("min", "mean", "median", "p50", "p90", "p95", "p99",
            "max");

    private final Map<String, Metric> byName = new LinkedHashMap<>();
    private final List<Family> families = new ArrayList<>();

    /** A count, and what it is a share of. */
    public void count(String name, long n, long whole) {
        put(new Metric(name, Kind.COUNT, n, whole, null));
    }

    /** A ratio in percent; NaN when its denominator was 0. */
    public void ratio(String name, double percent) {
        put(new Metric(name, Kind.RATIO, percent, 0, null));
    }

    /** A delay in nanoseconds; NaN when none was measured, with why when the input cannot give one (else null). */
    public void delay(String name, double nanos, String unmeasurable) {
        put(new Metric(name, Kind.DELAY, nanos, 0, Double.isNaN(nanos) ? unmeasurable : null));
    }

    /**
     * A family of counts named {@code prefix.MEMBER}: a member nobody published, among those {@code member}
     * accepts, counts 0 of {@code whole}.
     */
    public void family(String prefix, long whole, Predicate<String> member) {
        families.add(new Family(prefix.toLowerCase(Locale.ROOT), whole, member));
    }

    private void put(Metric m) {
        byName.put(m.name().toLowerCase(Locale.ROOT), m);
    }

    /** The metric called {@code name} (any case), or a family's 0; empty when no tap publishes that name. */
    public Optional<Metric> get(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        Metric m = byName.get(n);
        if (m != null) {
            return Optional.of(m);
        }
        int dot = n.indexOf('.');
        if (dot > 0) {
            String prefix = n.substring(0, dot);
            String member = name.substring(dot + 1);
            for (Family f : families) {
                if (f.prefix().equals(prefix) && f.member().test(member)) {
                    return Optional.of(new Metric(name, Kind.COUNT, 0, f.whole(), null));
                }
            }
        }
        return Optional.empty();
    }

    /** Every metric published, in the order published. */
    public List<Metric> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }
}
