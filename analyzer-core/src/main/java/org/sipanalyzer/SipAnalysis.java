package org.sipanalyzer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.CallFilter;
import org.sipanalyzer.analysis.Mergeable;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.analysis.Progress;
import org.sipanalyzer.analysis.Published;
import org.sipanalyzer.analysis.StatisticsListener;
import org.sipanalyzer.analysis.StopSignal;
import org.sipanalyzer.analysis.Tap;
import org.sipanalyzer.analysis.Taps;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallShards;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.FailedCalls;

/**
 * The whole analysis the command line runs, for an embedder in a few lines: inputs read and scanned, calls followed,
 * every registered tap fed, metrics published, and, when asked, the failed calls kept for the HTML and Markdown
 * reports.
 *
 * <pre>{@code
 * SipAnalysis.Result r = new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(), CallOptions.defaults())
 *         .run(List.of(AnalysisInput.file(Path.of("capture.pcap"))));
 * r.metrics().get("asr");
 * }</pre>
 */
public final class SipAnalysis {

    /**
     * What an analysis found.
     *
     * @param analysis per input and in total, with what a filter left out
     * @param calls the calls' statistics and KPIs
     * @param failedCalls the earliest failed calls, when kept ({@link #withFailedCalls}); else empty
     * @param ladders the first failed calls' messages, to draw, when kept; else empty
     * @param metrics every figure by name, of the built-in taps and of the registered ones
     * @param taps the results of the registered taps ({@link Taps}), in the order registered
     *
     * <p>A result serialises (a cluster's tasks send theirs back) once its metrics are left behind
     * ({@link #withoutMetrics}), when its taps' results are serialisable.
     */
    public record Result(AnalysisResult analysis, CallStatistics calls, List<Call> failedCalls,
            List<FailedCalls.Ladder> ladders, MetricRegistry metrics, List<Mergeable<?>> taps)
            implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        public Result {
            failedCalls = List.copyOf(failedCalls);
            ladders = List.copyOf(ladders);
            taps = List.copyOf(taps);
        }

        /**
         * This result and then {@code later}'s, as one analysis of this result's inputs followed by {@code later}'s
         * gives them (for the JSON report, byte for byte): inputs in that order, totals and call statistics merged,
         * the earliest failed calls and the first ladders of both (with {@code later}'s input numbers moved past
         * this result's), every metric published again from the merged figures. How inputs analysed apart, on other
         * threads, processes or machines, come together. Both results must come from analyses with the same
         * options, catalogue and registered taps, and each registered tap's result must be {@link Published} (its
         * figures are published again from the merged result). Neither result is changed.
         *
         * @throws IllegalArgumentException when the two have different registered taps, or a tap's result does not
         *     publish its figures
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Result then(Result later) {
            if (taps.size() != later.taps.size()) {
                throw new IllegalArgumentException("the results come from analyses with different taps: " + taps.size()
                        + " and " + later.taps.size());
            }
            int offset = analysis.inputs().size();
            AnalysisResult merged = analysis.then(later.analysis);
            CallStatistics mergedCalls = calls.merge(later.calls);
            List<Call> failed = new ArrayList<>(failedCalls);
            for (Call c : later.failedCalls) {
                if (failed.size() >= FailedCalls.MAX_LISTED) {
                    break;
                }
                failed.add(c.withInput(c.input() + offset));
            }
            List<FailedCalls.Ladder> drawn = new ArrayList<>(ladders);
            for (FailedCalls.Ladder l : later.ladders) {
                if (drawn.size() >= FailedCalls.MAX_LADDERS) {
                    break;
                }
                drawn.add(new FailedCalls.Ladder(l.call().withInput(l.call().input() + offset), l.messages().stream()
                        .map(e -> e.withInput(e.input() + offset)).toList()));
            }
            List<Mergeable<?>> mergedTaps = new ArrayList<>();
            for (int i = 0; i < taps.size(); i++) {
                Mergeable a = taps.get(i);
                Mergeable b = later.taps.get(i);
                if (a.getClass() != b.getClass()) {
                    throw new IllegalArgumentException("the results come from analyses with different taps: "
                            + a.getClass().getName() + " and " + b.getClass().getName());
                }
                mergedTaps.add((Mergeable<?>) a.merge(b));
            }
            return new Result(merged, mergedCalls, failed, drawn, published(merged, mergedCalls, mergedTaps),
                    mergedTaps);
        }

        /**
         * This result with its metrics published again from its figures: for a result whose metrics were left
         * behind (a cluster's tasks send results without them; a registry holds predicates, which do not serialise).
         *
         * @throws IllegalArgumentException when a registered tap's result does not publish its figures
         */
        public Result republished() {
            return new Result(analysis, calls, failedCalls, ladders, published(analysis, calls, taps), taps);
        }

        /** This result without its metrics (an empty registry), to send where {@link #republished} restores them. */
        public Result withoutMetrics() {
            return new Result(analysis, calls, failedCalls, ladders, new MetricRegistry(), taps);
        }

        private static MetricRegistry published(AnalysisResult analysis, CallStatistics calls,
                List<Mergeable<?>> taps) {
            MetricRegistry m = new MetricRegistry();
            analysis.publish(m);
            calls.publish(m);
            for (Mergeable<?> t : taps) {
                if (!(t instanceof Published p)) {
                    throw new IllegalArgumentException("the result of a registered tap (" + t.getClass().getName()
                            + ") does not publish its own figures (Published), so they would be lost in a merge");
                }
                p.publish(m);
            }
            return m;
        }
    }

    /**
     * The figures of a running analysis at one moment ({@link #withSnapshots}): every metric of the messages seen so
     * far and of the calls judged so far.
     *
     * @param at when it was taken
     * @param elapsed since the analysis began
     * @param metrics the figures, by the names check and the JSON report use
     * @param calls the statistics of the calls judged so far (their delay distributions, for histograms)
     */
    public record Snapshot(java.time.Instant at, java.time.Duration elapsed, MetricRegistry metrics,
            CallStatistics calls) {
    }

    private final Catalogue catalogue;
    private final AnalysisOptions options;
    private final CallOptions callOptions;
    private CallFilter filter = new CallFilter(List.of());
    private boolean failedCalls;
    /** Handed every call as it ends; null for none. */
    private Consumer<Call> callSink;
    private StopSignal stop = new StopSignal();
    private Progress progress = Progress.NONE;
    private java.time.Duration snapshotEvery;
    private Consumer<Snapshot> snapshots;

    public SipAnalysis(Catalogue catalogue, AnalysisOptions options, CallOptions callOptions) {
        this.catalogue = catalogue;
        this.options = options;
        this.callOptions = callOptions;
    }

    /** Analyses only the calls {@code filter} keeps (each input is then read twice). */
    public SipAnalysis withFilter(CallFilter filter) {
        this.filter = filter;
        return this;
    }

    /**
     * Keeps the failed calls and the messages of the first ones, with their text, as the HTML and Markdown reports
     * show them; holding the messages of open calls is work other reports need not do.
     */
    public SipAnalysis withFailedCalls(boolean keep) {
        this.failedCalls = keep;
        return this;
    }

    /** Ends the analysis early, with everything read reported, when {@code signal} is requested (Ctrl-C). */
    public SipAnalysis withStop(StopSignal signal) {
        this.stop = signal;
        return this;
    }

    /**
     * Hands {@code sink} a {@link Snapshot} every {@code every} while the analysis runs (on a thread of its own), and
     * a last one at the end: rolling figures for live input.
     */
    public SipAnalysis withSnapshots(java.time.Duration every, Consumer<Snapshot> sink) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("snapshots need a positive interval");
        }
        this.snapshotEvery = every;
        this.snapshots = sink;
        return this;
    }

    /** Tells {@code p} how far the reading of each file has got (a progress bar). */
    public SipAnalysis withProgress(Progress p) {
        this.progress = p;
        return this;
    }

    /** Hands every call to {@code sink} as it is judged (in the order calls end). */
    public SipAnalysis withCallSink(Consumer<Call> sink) {
        this.callSink = sink;
        return this;
    }

    /**
     * Runs the analysis; inputs that cannot be read are in the result, marked so.
     *
     * @throws IOException when a stream cannot be copied to be read twice under a filter
     */
    public Result run(List<AnalysisInput> inputs) throws IOException {
        FailedCalls failed = failedCalls ? new FailedCalls() : null;
        // Calls spread over threads as asked, or as chosen when it pays; never while the failed calls are kept (they
        // take each call's end beside its messages, as they come), on live input (a call is reported as it ends, not a
        // batch later), or when inputs are read in parallel (they use the cores, and their events, interleaved, would
        // make every switch from one input to another wait for the call threads).
        int callThreads = failed != null || inputs.stream().anyMatch(AnalysisInput::isLive)
                || readInParallel(inputs, options.threads()) ? 1
                : options.callThreads() > 0 ? options.callThreads()
                : spreadPays(inputs, options.threads())
                        ? AnalysisOptions.defaultCallThreads(Runtime.getRuntime().availableProcessors()) : 1;
        Consumer<Call> sink = callSink == null ? c -> { } : callSink;
        Tap<CallStatistics> calls = callThreads > 1 ? new CallShards(callOptions, callThreads, callSink)
                : new CallTracker(callOptions, failed == null ? sink : c -> {
                    failed.finished(c);
                    sink.accept(c);
                });
        // The failed calls after the tracker: they still hold an input's messages when it judges its last calls.
        List<StatisticsListener> listeners = new ArrayList<>(List.of(calls));
        if (failed != null) {
            listeners.add(failed);
        }
        List<Tap<?>> registered = Taps.create();
        listeners.addAll(registered);
        // Rolling snapshots count the messages as they come (the analysis's own totals add an input at its end).
        MessageStatistics live = snapshots == null ? null : new MessageStatistics(catalogue);
        if (live != null) {
            listeners.add(live);
        }
        // The ladders show each message's text on hover.
        Analyzer analyzer = new Analyzer(catalogue, options.withKeepText(options.keepText() || failedCalls))
                .withStop(stop).withProgress(progress);
        java.util.concurrent.ScheduledExecutorService timer = null;
        long began = System.nanoTime();
        if (live != null) {
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sip-analyzer-snapshots");
                t.setDaemon(true);
                return t;
            });
            long every = snapshotEvery.toNanos();
            timer.scheduleAtFixedRate(() -> snapshots.accept(snapshot(analyzer, live, calls, registered, began)),
                    every, every, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        AnalysisResult result;
        try {
            result = analyzer.analyze(inputs, listeners, filter);
        } finally {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        if (live != null) {
            snapshots.accept(snapshot(analyzer, live, calls, registered, began));
        }
        CallStatistics judged = calls.snapshot();
        MetricRegistry metrics = new MetricRegistry();
        result.publish(metrics);
        judged.publish(metrics);
        for (Tap<?> t : registered) {
            t.publish(metrics);
        }
        List<Mergeable<?>> tapResults = new ArrayList<>();
        for (Tap<?> t : registered) {
            tapResults.add(t.snapshot());
        }
        return new Result(result, judged, failed == null ? List.of() : failed.listed(),
                failed == null ? List.of() : failed.ladders(), metrics, tapResults);
    }

    /** Calls are spread over threads for inputs of at least this many bytes in all ... */
    static final long SPREAD_FROM_BYTES = 64L << 20;
    /** ... and this many on average: each input's end waits for every call thread (about 70 microseconds). */
    static final long SPREAD_FROM_AVERAGE_BYTES = 1L << 20;

    /**
     * Whether spreading calls over threads pays for these inputs, when the options leave it to the analysis: not for
     * inputs read in parallel (they use the cores already), nor for small inputs (a directory of 100,000 small captures
     * would spend its time waiting at their ends); a stream of unknown size may be large.
     */
    static boolean spreadPays(List<AnalysisInput> inputs, int inputThreads) {
        if (inputs.isEmpty() || readInParallel(inputs, inputThreads)) {
            return false;
        }
        long needed = Math.max(SPREAD_FROM_BYTES, SPREAD_FROM_AVERAGE_BYTES * inputs.size());
        long total = 0;
        for (AnalysisInput in : inputs) {
            long size = in.size();
            if (size < 0) {
                return true;
            }
            total += size;
            if (total >= needed) {
                return true;
            }
        }
        return false;
    }

    /** Whether several inputs are read at once ({@code --threads}). */
    private static boolean readInParallel(List<AnalysisInput> inputs, int inputThreads) {
        return inputThreads > 1 && inputs.size() > 1;
    }

    /** The figures at this moment, read between two events. */
    private static Snapshot snapshot(Analyzer analyzer, MessageStatistics live, Tap<CallStatistics> calls,
            List<Tap<?>> registered, long began) {
        MetricRegistry m = new MetricRegistry();
        CallStatistics[] judged = new CallStatistics[1];
        analyzer.inspect(() -> {
            live.publish(m);
            judged[0] = calls.snapshot();
            for (Tap<?> t : registered) {
                t.publish(m);
            }
        });
        judged[0].publish(m);
        return new Snapshot(java.time.Instant.now(), java.time.Duration.ofNanos(System.nanoTime() - began), m,
                judged[0]);
    }
}
