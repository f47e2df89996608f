package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sipanalyzer.capture.CaptureFormatException;
import org.sipanalyzer.catalogue.Catalogue;

/**
 * Analyses captures: every input is read, decoded and scanned for SIP, and every SIP message becomes a
 * {@link SipEvent} for the statistics. Inputs are analysed in parallel up to {@link AnalysisOptions#threads()},
 * each in capture order. Damage in one input never stops the others.
 */
public final class Analyzer {

    /**
     * Runs of more inputs than this keep, per input, only its counts and its first {@link #CONDENSED_WARNINGS}
     * warnings ({@link InputReport#condense}); the breakdowns by method, code and sender are in the total alone.
     * A breakdown takes a few kilobytes, so 100,000 small captures (a directory's maximum) would otherwise need
     * more memory than the whole analysis of a large one.
     */
    public static final int MAX_INPUT_BREAKDOWNS = 1_000;
    /** Warnings listed per input in a condensed run; the rest are counted. */
    public static final int CONDENSED_WARNINGS = 3;

    private final Catalogue catalogue;
    private final AnalysisOptions options;
    private final int maxInputBreakdowns;
    private CallFilter.Gate gate;
    private StopSignal stop = new StopSignal();
    private Progress progress = Progress.NONE;
    /** The listeners of the analysis running now, whose lock {@link #inspect} takes. */
    private volatile ListenerGroup running;

    public Analyzer(Catalogue catalogue, AnalysisOptions options) {
        this(catalogue, options, MAX_INPUT_BREAKDOWNS);
    }

    Analyzer(Catalogue catalogue, AnalysisOptions options, int maxInputBreakdowns) {
        this.catalogue = catalogue;
        this.options = options;
        this.maxInputBreakdowns = maxInputBreakdowns;
    }

    /**
     * Keeps only what {@code gate} keeps: the second reading of a filtered analysis ({@link CallFilter}). The first
     * reading is an ordinary analysis with the filter's {@link CallFilter.Selection} as a listener.
     */
    public Analyzer withGate(CallFilter.Gate gate) {
        this.gate = gate;
        return this;
    }

    /** Tells {@code p} how far the reading of each file has got (a progress bar). */
    public Analyzer withProgress(Progress p) {
        this.progress = p;
        return this;
    }

    /**
     * Runs {@code look} while no listener is being called: what it reads of the listeners (their snapshots) is
     * consistent, between two events. For rolling reports while an analysis runs, from any thread.
     */
    public void inspect(Runnable look) {
        ListenerGroup g = running;
        if (g == null) {
            look.run();
            return;
        }
        synchronized (g) {
            look.run();
        }
    }

    /**
     * Ends the analysis early when {@code signal} is requested: the inputs being read end where they are, those not
     * begun are reported as not read, and everything read is analysed and reported in full.
     */
    public Analyzer withStop(StopSignal signal) {
        this.stop = signal;
        return this;
    }

    /**
     * Analyses {@code inputs} through {@code filter} (none when it is empty): a first reading chooses the Call-IDs
     * that meet every criterion, the second analyses those calls, whole, handing their events to {@code listeners}.
     * Each input is read twice, so standard input and pipes are first copied to temporary files
     * ({@link AnalysisInput#rereadable()}); a criterion that reads message text has it kept in both readings. The
     * result says what the filter left out ({@link AnalysisResult#filter()}).
     *
     * @throws IOException when a stream cannot be copied to be read twice
     */
    public AnalysisResult analyze(List<AnalysisInput> inputs, List<StatisticsListener> listeners, CallFilter filter)
            throws IOException {
        if (filter.isEmpty()) {
            return analyze(inputs, listeners);
        }
        List<AnalysisInput> twice = new ArrayList<>();
        for (AnalysisInput in : inputs) {
            twice.add(in.rereadable());
        }
        AnalysisOptions o = filter.needsText() ? options.withKeepText(true) : options;
        CallFilter.Selection selection = new CallFilter.Selection(filter);
        new Analyzer(catalogue, o, maxInputBreakdowns).withStop(stop).analyze(twice, List.of(selection));
        CallFilter.Gate g = selection.gate();
        AnalysisResult r = new Analyzer(catalogue, o, maxInputBreakdowns).withGate(g).withStop(stop)
                .analyze(twice, listeners);
        return new AnalysisResult(r.inputs(), r.total(), r.failedListeners(), new FilterSummary(filter.describe(),
                g.messagesRemoved(), g.callsRemoved(), selection.notExamined()));
    }

    /** Analyses {@code inputs} and returns one report per input and their total. */
    public AnalysisResult analyze(List<AnalysisInput> inputs) {
        return analyze(inputs, List.of());
    }

    /**
     * Analyses {@code inputs}, also handing every event to {@code listeners}. Events of one input arrive in
     * capture order; when inputs run in parallel, calls for different inputs are serialised, never concurrent. Each
     * listener hears of each input's end; each {@link Tap} is {@linkplain Tap#finish() finished} after the last.
     */
    public AnalysisResult analyze(List<AnalysisInput> inputs, List<StatisticsListener> listeners) {
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        ListenerGroup shared = new ListenerGroup(listeners, failed);
        running = shared;
        List<InputReport> reports = new ArrayList<>();
        Totals totals = new Totals(new MessageStatistics(catalogue), inputs.size() > maxInputBreakdowns);
        int threads = Math.min(options.threads(), inputs.size());
        if (threads <= 1) {
            for (int i = 0; i < inputs.size(); i++) {
                InputReport r = analyzeOne(i, inputs.get(i), shared);
                totals.ended(i, r);
                reports.add(r);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "sip-analyzer-input");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<InputReport>> futures = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    int index = i;
                    futures.add(pool.submit(() -> {
                        InputReport r = analyzeOne(index, inputs.get(index), shared);
                        totals.ended(index, r);
                        return r;
                    }));
                }
                for (Future<InputReport> f : futures) {
                    reports.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("analysis interrupted", e);
            } catch (ExecutionException e) {
                throw asOnOneThread(e);
            } finally {
                pool.shutdownNow();
            }
        }
        shared.finish();
        return new AnalysisResult(List.copyOf(reports), totals.total, List.copyOf(failed));
    }

    /**
     * A task's failure as it would be on one thread: an Error stays an Error (out of memory, say), a RuntimeException
     * is thrown as it was; anything else is wrapped. Thrown here; the return type lets callers write {@code throw}.
     */
    static RuntimeException asOnOneThread(ExecutionException e) {
        if (e.getCause() instanceof Error err) {
            throw err;
        }
        if (e.getCause() instanceof RuntimeException re) {
            throw re;
        }
        throw new IllegalStateException("analysis failed", e.getCause());
    }

    /**
     * The total, added up as inputs end, in input order whatever order they end in: the bounded tables of the total
     * (methods, codes, senders) keep the same entries on every run. Inputs that end ahead of an earlier one wait.
     */
    private static final class Totals {
        final MessageStatistics total;
        private final boolean condense;
        private final java.util.TreeMap<Integer, InputReport> waiting = new java.util.TreeMap<>();
        private int next;

        Totals(MessageStatistics total, boolean condense) {
            this.total = total;
            this.condense = condense;
        }

        synchronized void ended(int index, InputReport r) {
            waiting.put(index, r);
            for (InputReport w; (w = waiting.remove(next)) != null; next++) {
                total.add(w.statistics());
                if (condense) {
                    w.condense(CONDENSED_WARNINGS);
                }
            }
        }
    }

    private InputReport analyzeOne(int index, AnalysisInput input, ListenerGroup shared) {
        try {
            return readOne(index, input, shared);
        } finally {
            shared.onInputEnd(index);
        }
    }

    private InputReport readOne(int index, AnalysisInput input, ListenerGroup shared) {
        InputReport report = new InputReport(input.name(), new MessageStatistics(catalogue),
                options.maxWarningsPerInput());
        if (stop.requested()) {
            report.failed("not read: the analysis was stopped by " + stop.reason() + " before this input");
            return report;
        }
        if (input.parts() != null) {
            readSequence(index, input, shared, report);
            return report;
        }
        InputStream in;
        try {
            in = input.open(stop);
        } catch (IOException | RuntimeException e) {
            report.failed(describeOpenError(input.name(), e));
            return report;
        }
        long size = input.size();
        CountingInputStream counted = null;
        if (size < 0 && !input.isLive()) {
            // A pipe may be quiet: a stop must still end it. A live source ends its own stream at the stop, after
            // what it had received: all of that is analysed.
            in = new StoppableInputStream(in, stop);
        } else if (progress != Progress.NONE) {
            in = counted = new CountingInputStream(in, progress, index, input.name(), size);
        }
        try {
            try (InputStream owned = in) {
                InputAnalysis analysis = inputAnalysis(index, report, shared);
                analysis.live = input.isLive();
                analysis.run(owned, input.modifiedDate(), input.size());
            } catch (IOException e) {
                readFailed(report, input.name(), e);
            }
        } finally {
            if (counted != null) {
                counted.ended();
            }
        }
        String losses = input.lossesAtEnd();
        if (losses != null) {
            report.warn(Diagnostic.of(Diagnostic.Kind.SOURCE_LOSSES, losses));
        }
        return report;
    }

    /** Captures read one after another as one input ({@link AnalysisInput#sequence}). */
    private void readSequence(int index, AnalysisInput input, ListenerGroup shared, InputReport report) {
        try (SequenceReader reader = new SequenceReader(input.parts(), options)) {
            inputAnalysis(index, report, shared).runCapture(reader, input.size());
        } catch (IOException e) {
            readFailed(report, input.name(), e);
        }
    }

    private InputAnalysis inputAnalysis(int index, InputReport report, ListenerGroup shared) {
        InputAnalysis analysis = new InputAnalysis(index, catalogue, options, report, shared);
        analysis.gate = gate;
        analysis.stop = stop;
        return analysis;
    }

    /** Reading failed: an input that is not a capture, or cannot be read, is not read; one cut short, a warning. */
    private static void readFailed(InputReport report, String name, IOException e) {
        if (e instanceof CaptureFormatException) {
            report.failed(e.getMessage());
        } else if (report.readable()) {
            report.warn(Diagnostic.of(Diagnostic.Kind.READ_ERROR, "read error after " + report.packets()
                    + " frames: " + e.getMessage() + "; the frames before it were analysed"));
        } else {
            report.failed(describeOpenError(name, e));
        }
    }

    static String describeOpenError(String name, Exception e) {
        if (e instanceof AnalysisInput.StoppedWaiting) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file; check the path";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied; make the file readable";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e instanceof IOException && e.getMessage() != null && e.getMessage().contains("Is a directory")) {
            return "is a directory; give capture files";
        }
        if (e instanceof java.io.EOFException) {
            return "the file ends early, inside a header: it is incomplete";
        }
        if (e instanceof java.util.zip.ZipException) {
            return "corrupt gzip data" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + ": the file is damaged";
        }
        return "cannot read" + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Listeners shared by all inputs: calls are serialised, and a listener that throws is disabled. */
    static final class ListenerGroup {
        private final List<StatisticsListener> listeners;
        private final boolean[] disabled;
        private final List<String> failed;

        ListenerGroup(List<StatisticsListener> listeners, List<String> failed) {
            this.listeners = List.copyOf(listeners);
            this.disabled = new boolean[listeners.size()];
            this.failed = failed;
        }

        boolean isEmpty() {
            return listeners.isEmpty();
        }

        synchronized void onEvent(SipEvent e) {
            for (int i = 0; i < listeners.size(); i++) {
                if (disabled[i]) {
                    continue;
                }
                try {
                    listeners.get(i).onEvent(e);
                } catch (RuntimeException ex) {
                    disabled[i] = true;
                    failed.add(listeners.get(i).name() + ": " + ex + " (disabled from input " + e.input()
                            + ", frame " + e.frame() + ")");
                }
            }
        }

        synchronized void onInputEnd(int input) {
            for (int i = 0; i < listeners.size(); i++) {
                if (disabled[i]) {
                    continue;
                }
                try {
                    listeners.get(i).onInputEnd(input);
                } catch (RuntimeException ex) {
                    disabled[i] = true;
                    failed.add(listeners.get(i).name() + ": " + ex + " (disabled at the end of input " + input + ")");
                }
            }
        }

        /** After the last input: every tap settles what is still open. */
        synchronized void finish() {
            for (int i = 0; i < listeners.size(); i++) {
                if (disabled[i] || !(listeners.get(i) instanceof Tap<?> tap)) {
                    continue;
                }
                try {
                    tap.finish();
                } catch (RuntimeException ex) {
                    disabled[i] = true;
                    failed.add(tap.name() + ": " + ex + " (disabled at the end of the analysis)");
                }
            }
        }
    }
}
