package org.sipanalyzer.analysis;

import java.util.List;

/**
 * The outcome of an analysis: one report per input, in the order given, and the figures of all inputs
 * together. Retransmissions are recognised within each input.
 *
 * @param inputs per input
 * @param total every input's statistics added up
 * @param failedListeners listeners that threw and were disabled, with the error
 * @param filterSummary what a filter left out; null when the analysis had none (see {@link #filter()})
 */
public record AnalysisResult(List<InputReport> inputs, MessageStatistics total, List<String> failedListeners,
        FilterSummary filterSummary) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** An analysis without a filter. */
    public AnalysisResult(List<InputReport> inputs, MessageStatistics total, List<String> failedListeners) {
        this(inputs, total, failedListeners, null);
    }

    /**
     * This result and then {@code later}'s: what one analysis of this result's inputs followed by {@code later}'s
     * reports, inputs in that order and the total of both (retransmissions and calls belong to one input, so nothing
     * crosses the seam). How the results of inputs analysed apart (in separate processes, or on a cluster) come
     * together. A run of more than {@link Analyzer#MAX_INPUT_BREAKDOWNS} inputs keeps counts, not breakdowns, per
     * input, as one analysis does. Neither result is changed.
     */
    public AnalysisResult then(AnalysisResult later) {
        List<InputReport> all = new java.util.ArrayList<>(inputs.size() + later.inputs.size());
        all.addAll(inputs);
        all.addAll(later.inputs);
        if (all.size() > Analyzer.MAX_INPUT_BREAKDOWNS) {
            all.replaceAll(r -> r.condensedCopy(Analyzer.CONDENSED_WARNINGS));
        }
        java.util.LinkedHashSet<String> failed = new java.util.LinkedHashSet<>(failedListeners);
        failed.addAll(later.failedListeners);
        FilterSummary f = filterSummary == null ? later.filterSummary : later.filterSummary == null ? filterSummary
                : new FilterSummary(filterSummary.applied(), filterSummary.messagesRemoved()
                        + later.filterSummary.messagesRemoved(), filterSummary.callsRemoved()
                        + later.filterSummary.callsRemoved(), filterSummary.notExamined()
                        + later.filterSummary.notExamined());
        return new AnalysisResult(List.copyOf(all), total.merge(later.total), List.copyOf(failed), f);
    }

    /** What the filter left out, when there was one. */
    public java.util.Optional<FilterSummary> filter() {
        return java.util.Optional.ofNullable(filterSummary);
    }

    /** True when at least one input could be read. */
    public boolean anyReadable() {
        return inputs.stream().anyMatch(InputReport::readable);
    }

    public long packets() {
        return inputs.stream().mapToLong(InputReport::packets).sum();
    }

    public long nonSipPayloads() {
        return inputs.stream().mapToLong(InputReport::nonSipPayloads).sum();
    }

    public long undecodablePackets() {
        return inputs.stream().mapToLong(InputReport::undecodablePackets).sum();
    }

    /**
     * What the figures may lack, one line each: the first {@code perInput} warnings of each input read that say so (a
     * capture cut short, a corrupt record, frames skipped; not a log's notes, such as its lack of times), after the
     * input's name, and how many more it has. Inputs not read are errors of their own. For reports with no room for
     * warnings (a CSV table, the calls, a check).
     */
    public List<String> firstWarnings(int perInput) {
        List<String> out = new java.util.ArrayList<>();
        for (InputReport r : inputs) {
            if (!r.readable()) {
                continue;
            }
            List<String> w = r.lossWarnings();
            int shown = Math.min(w.size(), perInput);
            for (int i = 0; i < shown; i++) {
                out.add(r.name() + ": " + w.get(i));
            }
            long more = r.losses() - shown;
            if (more > 0) {
                out.add(r.name() + ": " + more + " more warning" + (more == 1 ? "" : "s")
                        + " ('sip-analyzer analyze' lists them)");
            }
        }
        return out;
    }

    /**
     * Publishes the figures of the inputs as a whole: the total's message counts ({@link MessageStatistics#publish}),
     * {@code packets}, {@code nonsip} and {@code undecodable} (of all packets), and {@code warnings}, those of the
     * inputs read that say the figures may lack something ({@link InputReport#losses()}).
     */
    public void publish(MetricRegistry r) {
        total.publish(r);
        r.count("packets", packets(), packets());
        r.count("nonsip", nonSipPayloads(), packets());
        r.count("undecodable", undecodablePackets(), packets());
        long warnings = inputs.stream().filter(InputReport::readable).mapToLong(InputReport::losses).sum();
        r.count("warnings", warnings, warnings);
    }
}
