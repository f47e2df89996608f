package org.sipanalyzer.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

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
     */
    public record Verdict(Rule rule, double measured, boolean passed, String unmeasurable) {

        public Verdict(Rule rule, double measured, boolean passed) {
            this(rule, measured, passed, null);
        }

        /** The measured value as the rule writes it ("66.7%", "1.2 s", "3"). */
        public String measuredText() {
            if (Double.isNaN(measured)) {
                return unmeasurable != null ? unmeasurable : "nothing to measure";
            }
            if (Metrics.isDelay(rule.metric())) {
                return measured >= 1e9 ? String.format(Locale.ROOT, "%.3f s", measured / 1e9)
                        : String.format(Locale.ROOT, "%.1f ms", measured / 1e6);
            }
            if (rule.share() || Metrics.isRatio(rule.metric())) {
                return String.format(Locale.ROOT, "%.2f%%", measured);
            }
            return measured == Math.rint(measured) ? Long.toString((long) measured) : Double.toString(measured);
        }
    }

    private Check() {
    }

    /** Checks every rule; an unknown metric is an {@link IllegalArgumentException} naming it. */
    public static List<Verdict> run(List<Rule> rules, Metrics metrics) {
        List<Verdict> out = new ArrayList<>();
        for (Rule r : rules) {
            OptionalDouble v = metrics.value(r.metric(), r.share());
            if (v.isEmpty()) {
                throw new IllegalArgumentException("unknown metric '" + r.metric() + "' in '" + r.text() + "'; see"
                        + " docs/check.md for the names");
            }
            double m = v.getAsDouble();
            out.add(new Verdict(r, m, !Double.isNaN(m) && r.holds(m), Double.isNaN(m) ? metrics.unmeasurable(r.metric())
                    : null));
        }
        return out;
    }

    /** Validates the names of rules before any analysis, so a typo fails fast. */
    public static void validate(List<Rule> rules) {
        for (Rule r : rules) {
            boolean delay = Metrics.isDelay(r.metric());
            String n = r.metric();
            boolean known = delay || Metrics.isRatio(n)
                    || n.matches("calls|answered|challenged|forked|completed|reinvites|registrations|messages|requests"
                            + "|responses|retransmissions|duplicates|malformed|nonsip|undecodable")
                    || n.matches("outcome\\.(answered|busy|declined|forbidden|notfound|unavailable|cancelled|redirected"
                            + "|timeout|failed)")
                    || n.matches("final\\.(none|\\d{1,3})") || n.matches("code\\.\\d{1,3}")
                    || n.matches("class\\.[1-6]xx") || n.matches("method\\.[\\w.!%*+`'~-]+");
            if (!known) {
                throw new IllegalArgumentException("unknown metric '" + n + "' in '" + r.text() + "'; see docs/check.md"
                        + " for the names");
            }
            if (delay != r.timed()) {
                throw new IllegalArgumentException("'" + r.text() + "': " + (delay
                        ? "a delay's threshold needs a unit, ms or s (e.g. 'pdd.p95 <= 2s')"
                        : "only delays take ms or s"));
            }
        }
    }
}
