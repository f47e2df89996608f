package org.sipanalyzer.analysis;

/**
 * A statistic over the SIP events of an analysis, as Wireshark's taps are: registered with the analysis, it sees
 * every event and nothing else, and gives its result at any moment. Its life:
 * <ol>
 * <li>{@link #onEvent} for every message, each input's in capture order (inputs read in parallel are serialised:
 *     never two calls at once);</li>
 * <li>{@link #onInputEnd} when an input has no more events, so that what was open for it (calls, say) is settled;</li>
 * <li>{@link #finish} once, by the analysis, after the last input: whatever is still open is settled;</li>
 * <li>{@link #snapshot} at any moment, before, during or after: a copy of what the tap has found so far, which
 *     later events leave as it is (a live view rolls these);</li>
 * <li>{@link #publish} its figures, by name, to the {@link MetricRegistry} that {@code check}, JSON and the other
 *     reports read, so that a name means one thing everywhere.</li>
 * </ol>
 * The snapshots of taps that saw separate inputs {@link Mergeable#merge merge} into the snapshot one tap of every
 * input would have given: how partial results of a distributed run, or of files read apart, come together.
 *
 * @param <R> the result: a value that merges with another of its kind
 */
public interface Tap<R extends Mergeable<R>> extends StatisticsListener {

    /** Called once by the analysis when every input has ended; further calls change nothing. */
    default void finish() {
    }

    /** What the tap has found so far, as a copy that later events leave unchanged. */
    R snapshot();

    /**
     * Publishes this tap's figures (of {@link #snapshot()}) under their names; by default, those of the snapshot when
     * it is {@link Published}, else none.
     */
    default void publish(MetricRegistry metrics) {
        if (snapshot() instanceof Published p) {
            p.publish(metrics);
        }
    }
}
