package org.sipanalyzer.check;

import java.util.Locale;
import java.util.OptionalDouble;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.calls.Distribution;

/**
 * The values rules can test: what the analysis's taps published to a {@link MetricRegistry}, by name (any case).
 * The built-in names:
 * <ul>
 * <li>ratios in percent: {@code asr ner ser seer isa scr ira};</li>
 * <li>call counts: {@code calls answered challenged forked completed reinvites}, {@code outcome.<outcome>}
 *     ({@code outcome.busy}), {@code final.<code>} (calls by last final response; {@code final.none});</li>
 * <li>message counts: {@code messages requests responses retransmissions duplicates malformed packets nonsip
 *     undecodable registrations} (as the reports count them: retransmissions included), {@code warnings} (of the
 *     inputs read), {@code messages.unique
 *     requests.unique responses.unique}, {@code code.<code>}, {@code class.<n>xx}, {@code method.<METHOD>} (unique
 *     counts: retransmissions left out);</li>
 * <li>delays in nanoseconds (write the threshold with {@code ms} or {@code s}): {@code pdd setup duration sdd srd rrd}
 *     each with {@code .min .mean .median .p50 .p90 .p95 .p99 .max} (quantiles within 0.1%, {@link Distribution}).</li>
 * </ul>
 * A count compared with a {@code %} threshold is taken as a share: of all calls for call counts; of the responses
 * for codes and classes and of the requests for methods, retransmissions left out as in the counts; of all messages
 * for the other message counts (of the unique messages for the unique counts). A registered tap adds its own names.
 */
public final class Metrics {

    private final MetricRegistry registry;

    public Metrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** The built-in metrics of an analysis and its calls. */
    public Metrics(AnalysisResult result, CallStatistics calls) {
        this(builtIn(result, calls));
    }

    private static MetricRegistry builtIn(AnalysisResult result, CallStatistics calls) {
        MetricRegistry r = new MetricRegistry();
        result.publish(r);
        calls.publish(r);
        return r;
    }

    public MetricRegistry registry() {
        return registry;
    }

    /** The value of {@code name}, as a share in percent when {@code share}; empty when the name is unknown. */
    public OptionalDouble value(String name, boolean share) {
        return registry.get(name).map(m -> OptionalDouble.of(share ? m.share() : m.value()))
                .orElse(OptionalDouble.empty());
    }

    /**
     * Why a metric that measured nothing cannot be measured from these inputs: a delay when calls (or, for RRD,
     * registrations) came from a log without times. Null when it simply had nothing to measure.
     */
    public String unmeasurable(String name) {
        return registry.get(name).map(MetricRegistry.Metric::unmeasurable).orElse(null);
    }

    /** The delays rules can test, and what of each. */
    public static final java.util.List<String> DELAYS = java.util.List.of("pdd", "setup", "duration", "sdd", "srd",
            "rrd");
    public static final java.util.List<String> DELAY_STATISTICS = MetricRegistry.DELAY_STATISTICS;

    /** Whether {@code name} is a delay (its threshold is written with ms or s). */
    public static boolean isDelay(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.indexOf('.');
        return dot > 0 && DELAYS.contains(n.substring(0, dot)) && DELAY_STATISTICS.contains(n.substring(dot + 1));
    }

    /** Whether {@code name} is a ratio (already in percent). */
    public static boolean isRatio(String name) {
        return name.toLowerCase(Locale.ROOT).matches("asr|ner|ser|seer|isa|scr|ira");
    }
}
