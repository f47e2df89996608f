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
        FilterSummary filterSummary) {

    /** An analysis without a filter. */
    public AnalysisResult(List<InputReport> inputs, MessageStatistics total, List<String> failedListeners) {
        this(inputs, total, failedListeners, null);
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
     * Publishes the figures of the inputs as a whole: the total's message counts ({@link MessageStatistics#publish}),
     * {@code packets}, and {@code nonsip} and {@code undecodable} (of all packets).
     */
    public void publish(MetricRegistry r) {
        total.publish(r);
        r.count("packets", packets(), packets());
        r.count("nonsip", nonSipPayloads(), packets());
        r.count("undecodable", undecodablePackets(), packets());
    }
}
