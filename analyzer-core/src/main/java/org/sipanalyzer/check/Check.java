package org.sipanalyzer.check;

import java.util.ArrayList;
import java.util.List;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.analysis.Taps;
import org.sipanalyzer.report.Words;

/** Rules checked against an analysis: each verdict with the value measured. */
public final class Check {

    /**
     * One rule's verdict.
     *
     * @param rule the rule
     * @param measured the value, in the rule's unit; NaN when there was nothing to measure (no calls, say)
     * @param passed whether it holds; a rule over nothing to measure fails, so that silence never passes
     * @param unmeasurable when nothing was measured because the input cannot give it (a delay from a log without
     *     times): why; else null
     * @param kind what the metric is: a count, a ratio or a delay
     */
    public record Verdict(Rule rule, double measured, boolean passed, String unmeasurable, MetricRegistry.Kind kind) {

        public Verdict(Rule rule, double measured, boolean passed) {
            this(rule, measured, passed, null, Metrics.isDelay(rule.metric()) ? MetricRegistry.Kind.DELAY
                    : Metrics.isRatio(rule.metric()) ? MetricRegistry.Kind.RATIO : MetricRegistry.Kind.COUNT);
        }

        /**
         * The unit of {@link #inRuleUnit()}: the one the rule's threshold was written in ("ms" or "s" for a delay,
         * "%" for a share or a ratio), or "" for a count.
         */
        public String unit() {
            if (kind == MetricRegistry.Kind.DELAY) {
                return rule.unit();
            }
            return rule.share() || kind == MetricRegistry.Kind.RATIO ? "%" : "";
        }

        /** The measured value in {@link #unit()} (a PDD of 1.2 s is 1200 for a rule written in ms); NaN when none. */
        public double inRuleUnit() {
            if (Double.isNaN(measured) || kind != MetricRegistry.Kind.DELAY) {
                return measured;
            }
            return measured / (rule.unit().equals("s") ? 1e9 : 1e6);
        }

        /** The measured value as the rule writes it ("66.7%", "1.2 s", "3"). */
        public String measuredText() {
            if (Double.isNaN(measured)) {
                return unmeasurable != null ? unmeasurable : "nothing to measure";
            }
            if (kind == MetricRegistry.Kind.DELAY) {
                return measured >= 1e9 ? String.format(Words.NUMBERS, "%.3f s", measured / 1e9)
                        : String.format(Words.NUMBERS, "%.1f ms", measured / 1e6);
            }
            if (rule.share() || kind == MetricRegistry.Kind.RATIO) {
                return String.format(Words.NUMBERS, "%.2f%%", measured);
            }
            return measured == Math.rint(measured) ? Long.toString((long) measured) : Double.toString(measured);
        }
    }

    private Check() {
    }

    /**
     * Checks every rule; an unknown metric, or a delay's rule without its unit (or a unit on what is not a delay), is
     * an {@link IllegalArgumentException} naming it.
     */
    public static List<Verdict> run(List<Rule> rules, Metrics metrics) {
        List<Verdict> out = new ArrayList<>();
        for (Rule r : rules) {
            MetricRegistry.Metric metric = metrics.registry().get(r.metric()).orElseThrow(() ->
                    new IllegalArgumentException("unknown metric '" + quote(r.metric()) + "' in '" + quote(r.text())
                            + "'; the metrics are " + NAMES + (Taps.names().isEmpty() ? ""
                                    : "; and those of the taps " + String.join(", ", Taps.names()))));
            boolean delay = metric.kind() == MetricRegistry.Kind.DELAY;
            if (delay != r.timed()) {
                throw new IllegalArgumentException(unitMismatch(r, delay));
            }
            double m = r.share() ? metric.share() : metric.value();
            out.add(new Verdict(r, m, !Double.isNaN(m) && r.holds(m), Double.isNaN(m) ? metric.unmeasurable() : null,
                    metric.kind()));
        }
        return out;
    }

    private static String unitMismatch(Rule r, boolean delay) {
        return "'" + quote(r.text()) + "': "
                + (delay ? "a delay's threshold needs a unit, ms or s (e.g. 'pdd.p95 <= 2s')"
                        : "only delays take ms or s");
    }

    /** Every metric name a rule may use, as written in docs/check.md: the list an unknown name is answered with. */
    public static final String NAMES =
            "asr ner ser seer isa scr ira; calls answered challenged forked completed reinvites"
            + " registrations; outcome.OUTCOME (answered busy declined forbidden notFound unavailable cancelled"
            + " redirected timeout failed); final.CODE final.none code.CODE (CODE 100-699) class.1xx-6xx method.METHOD;"
            + " messages requests responses (each also .unique) retransmissions duplicates malformed nonsip"
            + " undecodable warnings; pdd setup"
            + " duration sdd srd rrd, each .min .mean .median .p50 .p90 .p95 .p99 .max";

    /**
     * Validates the names of rules before any analysis, so a typo fails fast: an unknown metric, a status code that
     * cannot exist (SIP's run from 100 to 699), or a delay without its unit is an IllegalArgumentException that
     * lists the valid names.
     */
    public static void validate(List<Rule> rules) {
        for (Rule r : rules) {
            validate(r);
        }
    }

    /** A rule's text for a message: cut at 100 characters (a rule may come from anywhere). */
    private static String quote(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    /** Validates one rule (see {@link #validate(List)}). */
    public static void validate(Rule r) {
        boolean delay = Metrics.isDelay(r.metric());
        String n = r.metric();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("(code|final)\\.(\\d+)").matcher(n);
        if (code.matches()) {
            int c = Integer.parseInt(code.group(2).length() > 4 ? "9999" : code.group(2));
            if (c < 100 || c > 699 || code.group(2).length() != 3) {
                throw new IllegalArgumentException("'" + quote(r.text()) + "': " + code.group(2) + " is not a SIP"
                        + " status code; codes run from 100 to 699 (" + code.group(1) + ".486, say)");
            }
        }
        boolean known = delay || Metrics.isRatio(n)
                || n.matches("calls|answered|challenged|forked|completed|reinvites|registrations|retransmissions"
                        + "|duplicates|malformed|nonsip|undecodable|warnings|(messages|requests|responses)(\\.unique)?")
                || n.matches("outcome\\.(answered|busy|declined|forbidden|notfound|unavailable|cancelled|redirected"
                        + "|timeout|failed)")
                || n.matches("final\\.(none|\\d{3})") || n.matches("code\\.\\d{3}")
                || n.matches("class\\.[1-6]xx") || n.matches("method\\.[\\w.!%*+`'~-]+");
        if (!known) {
            if (!Taps.names().isEmpty()) {
                return; // a registered tap may publish it: known after the analysis (Check.run)
            }
            throw new IllegalArgumentException("unknown metric '" + quote(n) + "' in '" + quote(r.text())
                    + "'; the metrics are " + NAMES);
        }
        if (delay != r.timed()) {
            throw new IllegalArgumentException(unitMismatch(r, delay));
        }
    }
}
