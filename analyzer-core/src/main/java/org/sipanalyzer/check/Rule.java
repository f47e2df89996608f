package org.sipanalyzer.check;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One requirement: {@code METRIC OP VALUE}, where OP is one of {@code < <= > >= == !=} and VALUE a number with
 * an optional unit: {@code %} (for counts: a share of their whole; for ratios: the ratio itself), {@code ms},
 * {@code s}. Examples: {@code asr >= 50}, {@code code.503 == 0}, {@code class.5xx <= 1%},
 * {@code outcome.failed < 5%}, {@code pdd.p95 <= 2s}, {@code malformed == 0}.
 *
 * @param text the rule as written
 * @param metric the metric's name (see {@link Metrics})
 * @param op the comparison
 * @param value the threshold, in the metric's unit (counts, percent, or nanoseconds for delays)
 * @param share whether the threshold is a share ({@code %}) of a count's whole
 * @param unit the threshold's unit as written: {@code %}, {@code ms}, {@code s}, or empty
 */
public record Rule(String text, String metric, String op, double value, boolean share, String unit) {

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([A-Za-z][\\w.-]*)\\s*(<=|>=|==|!=|<|>)\\s*(-?\\d+(?:\\.\\d+)?)\\s*(%|ms|s)?\\s*");

    /** Parses a rule; the message of the exception says what is wrong and shows the form. */
    public static Rule parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + (text.length() > 100 ? text.substring(0, 100) + "..." : text)
                    + "' is not a rule; write METRIC OP VALUE, e.g. 'asr >= 50',"
                    + " 'code.503 == 0', 'class.5xx <= 1%' or 'pdd.p95 <= 2s'");
        }
        String metric = m.group(1).toLowerCase(Locale.ROOT);
        double v = Double.parseDouble(m.group(3));
        String unit = m.group(4);
        boolean share = "%".equals(unit);
        if ("ms".equals(unit)) {
            v *= 1e6;
        } else if ("s".equals(unit)) {
            v *= 1e9;
        }
        return new Rule(text.strip(), metric, m.group(2), v, share, unit == null ? "" : unit);
    }

    /** Whether the threshold was written with {@code ms} or {@code s}. */
    public boolean timed() {
        return unit.equals("ms") || unit.equals("s");
    }

    /** Whether {@code measured} meets the rule. */
    public boolean holds(double measured) {
        return switch (op) {
            case "<" -> measured < value;
            case "<=" -> measured <= value;
            case ">" -> measured > value;
            case ">=" -> measured >= value;
            case "==" -> measured == value;
            default -> measured != value;
        };
    }
}
