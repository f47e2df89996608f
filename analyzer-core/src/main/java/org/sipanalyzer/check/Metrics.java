package org.sipanalyzer.check;

import java.util.Locale;
import java.util.OptionalDouble;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.CodeStatistics;
import org.sipanalyzer.analysis.Counts;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.calls.Distribution;
import org.sipanalyzer.catalogue.ResponseClass;

/**
 * The values rules can test, by name (case-insensitive):
 * <ul>
 * <li>ratios in percent: {@code asr ner ser seer isa scr ira};</li>
 * <li>call counts: {@code calls answered challenged forked completed reinvites}, {@code outcome.<outcome>}
 *     ({@code outcome.busy}), {@code final.<code>} (calls by last final response; {@code final.none});</li>
 * <li>message counts: {@code messages requests responses retransmissions duplicates malformed nonsip undecodable
 *     registrations}, {@code code.<code>}, {@code class.<n>xx}, {@code method.<METHOD>} (unique counts: retransmissions
 *     left out);</li>
 * <li>delays in nanoseconds (write the threshold with {@code ms} or {@code s}): {@code pdd setup duration sdd srd rrd}
 *     each with {@code .min .mean .median .p50 .p90 .p95 .p99 .max} (quantiles within 0.1%, {@link Distribution}).</li>
 * </ul>
 * A count compared with a {@code %} threshold is taken as a share: of all calls for call counts, of all responses
 * for codes and classes, of all messages for the other message counts.
 */
public final class Metrics {

    private final AnalysisResult result;
    private final CallStatistics calls;

    public Metrics(AnalysisResult result, CallStatistics calls) {
        this.result = result;
        this.calls = calls;
    }

    /** The value of {@code name}, as a share in percent when {@code share}; empty when the name is unknown. */
    public OptionalDouble value(String name, boolean share) {
        String n = name.toLowerCase(Locale.ROOT);
        MessageStatistics t = result.total();
        switch (n) {
            case "asr":
                return ratio(calls.asr());
            case "ner":
                return ratio(calls.ner());
            case "ser":
                return ratio(calls.ser());
            case "seer":
                return ratio(calls.seer());
            case "isa":
                return ratio(calls.isa());
            case "scr":
                return ratio(calls.scr());
            case "ira":
                return ratio(calls.ira());
            case "calls":
                return count(calls.total(), calls.total(), share);
            case "answered":
                return count(calls.answered(), calls.total(), share);
            case "challenged":
                return count(calls.challenged(), calls.total(), share);
            case "forked":
                return count(calls.forked(), calls.total(), share);
            case "completed":
                return count(calls.completed(), calls.total(), share);
            case "reinvites":
                return count(calls.reInvites(), calls.total(), share);
            case "registrations":
                return count(calls.registrations(), calls.registrations(), share);
            case "messages":
                return count(t.messages().count(), t.messages().count(), share);
            case "requests":
                return count(t.requests().unique(), t.messages().unique(), share);
            case "responses":
                return count(t.responses().unique(), t.messages().unique(), share);
            case "retransmissions":
                return count(t.retransmissions(), t.messages().count(), share);
            case "duplicates":
                return count(t.duplicates(), t.messages().count(), share);
            case "malformed":
                return count(t.malformed(), t.messages().count(), share);
            case "nonsip":
                return count(result.nonSipPayloads(), result.packets(), share);
            case "undecodable":
                return count(result.undecodablePackets(), result.packets(), share);
            default:
                break;
        }
        int dot = n.indexOf('.');
        if (dot < 0) {
            return OptionalDouble.empty();
        }
        String head = n.substring(0, dot);
        String tail = n.substring(dot + 1);
        switch (head) {
            case "outcome":
                for (CallOutcome o : CallOutcome.values()) {
                    if (o.word().equalsIgnoreCase(tail)) {
                        return count(calls.byOutcome().get(o), calls.total(), share);
                    }
                }
                return OptionalDouble.empty();
            case "final":
                if (tail.equals("none")) {
                    return count(calls.byFinalCode().getOrDefault(0, 0L), calls.total(), share);
                }
                return number(tail).isPresent()
                        ? count(calls.byFinalCode().getOrDefault((int) number(tail).getAsDouble(), 0L), calls.total(),
                                share)
                        : OptionalDouble.empty();
            case "code": {
                if (number(tail).isEmpty()) {
                    return OptionalDouble.empty();
                }
                CodeStatistics c = t.byCode().get((int) number(tail).getAsDouble());
                return count(c == null ? 0 : c.counts().unique(), t.responses().unique(), share);
            }
            case "class": {
                var cls = ResponseClass.parse(tail);
                if (cls.isEmpty()) {
                    return OptionalDouble.empty();
                }
                Counts c = t.byClass().get(cls.get());
                return count(c == null ? 0 : c.unique(), t.responses().unique(), share);
            }
            case "method": {
                Counts c = t.byMethod().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(tail))
                        .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
                return count(c == null ? 0 : c.unique(), t.requests().unique(), share);
            }
            case "pdd":
                return delay(calls.pdd(), tail);
            case "setup":
                return delay(calls.setupTime(), tail);
            case "duration":
                return delay(calls.duration(), tail);
            case "sdd":
                return delay(calls.sdd(), tail);
            case "srd":
                return delay(calls.srdSuccess(), tail);
            case "rrd":
                return delay(calls.rrd(), tail);
            default:
                return OptionalDouble.empty();
        }
    }

    /**
     * Why a metric that measured nothing cannot be measured from these inputs: a delay when calls (or, for RRD,
     * registrations) came from a log without times. Null when it simply had nothing to measure.
     */
    public String unmeasurable(String name) {
        if (!isDelay(name)) {
            return null;
        }
        boolean rrd = name.toLowerCase(Locale.ROOT).startsWith("rrd");
        long untimed = rrd ? calls.registrationsUntimed() : calls.untimed();
        return untimed > 0 ? "not measurable from this input: the log gives no times (" + untimed
                + (rrd ? " registrations)" : untimed == 1 ? " call)" : " calls)") : null;
    }

    /** The delays rules can test, and what of each. */
    public static final java.util.List<String> DELAYS = java.util.List.of("pdd", "setup", "duration", "sdd", "srd",
            "rrd");
    public static final java.util.List<String> DELAY_STATISTICS = java.util.List.of("min", "mean", "median", "p50",
            "p90", "p95", "p99", "max");

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

    private static OptionalDouble ratio(double v) {
        return Double.isNaN(v) ? OptionalDouble.of(Double.NaN) : OptionalDouble.of(v);
    }

    private static OptionalDouble count(long n, long whole, boolean share) {
        if (!share) {
            return OptionalDouble.of(n);
        }
        return OptionalDouble.of(whole == 0 ? 0 : 100.0 * n / whole);
    }

    private static OptionalDouble delay(Distribution d, String q) {
        long v = switch (q) {
            case "min" -> d.min();
            case "mean" -> d.mean();
            case "median", "p50" -> d.median();
            case "p90" -> d.quantile(0.90);
            case "p95" -> d.p95();
            case "p99" -> d.quantile(0.99);
            case "max" -> d.max();
            default -> Long.MIN_VALUE;
        };
        if (v == Long.MIN_VALUE) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(d.count() == 0 ? Double.NaN : v);
    }

    private static OptionalDouble number(String s) {
        try {
            return OptionalDouble.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
