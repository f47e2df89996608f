package org.sipanalyzer.calls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.analysis.Tap;

/**
 * Call tracking spread over threads: the calls of each Call-ID are followed by one of {@code threads}
 * {@link CallTracker}s, chosen by a hash of the Call-ID, each run on a pool of as many threads, while the thread that
 * calls {@link #onEvent} hands events over, counts transactions and merges the judged calls back. The result is the one
 * tracker's: the same statistics, and the same calls handed to the sink in the same order, on the calling thread.
 *
 * <p>Why it is exact: a call's outcome depends only on its own messages and on the capture clock, which each event
 * carries to its tracker as the whole input's clock (a capture whose times go backwards included); one tracker judges
 * calls in the order they fall due, then of their Call-IDs ({@link CallTracker.Judged}); every figure but the bounded
 * tables of failing hosts comes out the same whatever order calls are counted in, so each shard counts its own calls
 * in those, and its failed calls (all its calls, when there is a sink) are merged back here into that order, for the
 * tables of failing hosts and the sink; and the transactions, which need no call's state, are counted here in capture
 * order. A call is merged once every shard's clock has passed the time it fell due (a call closed early by the bound
 * falls due then), so the calls held here are those of the last few batches. One difference: the bounds on open calls
 * and open registrations apply to each shard, as its share ({@link CallOptions#maxOpenCalls()} divided by the threads,
 * rounded up), so a capture that reaches a shard's share may see other calls closed early than one tracker would close
 * ({@link CallStatistics#callsEvicted()} says how many); Call-IDs chosen to hash to one shard (a hostile flood) reach
 * it at the share rather than at the whole bound.
 *
 * <p>Events are handed over in batches; a batch holds the events of one input, an input's end waits until every shard
 * has judged what was open, and so does a switch to another input's events: inputs read in parallel, their events
 * interleaved, would make that wait constant, so they should not share one {@code CallShards}. Like every tap, it must
 * not be called from two threads at once, {@link #snapshot} included (which hands calls judged so far to the sink):
 * the analysis serialises them ({@code Analyzer.inspect}). A shard that fails, or a sink that throws, makes this tap
 * throw that failure, and every later call throw too (the analysis disables a tap that throws a RuntimeException; an
 * Error ends the analysis, as it would with one tracker); its snapshot then holds what the shards had counted, which
 * may include calls that never reached the sink. The threads end when {@link #finish} is called, or a few seconds
 * after the last batch when it is not (an analysis that failed).
 */
public final class CallShards implements Tap<CallStatistics> {

    /** Events per shard handed over at once. */
    static final int BATCH = 512;
    /** Batches waiting for a shard before the dispatcher waits for it: the events held in memory. */
    static final int QUEUED_BATCHES = 4;

    private final Consumer<Call> sink;
    private final CallStatistics central;
    private final Shard[] shards;
    private final ThreadPoolExecutor executor;
    /** Each input's capture clock: the latest time of its events so far. */
    private final Map<Integer, Long> clocks = new HashMap<>();
    /** Calls judged by the shards, waiting for every shard's clock to pass the time they fell due. */
    private final PriorityQueue<Pending> waiting = new PriorityQueue<>();
    private int input = -1;
    private long clock = Long.MIN_VALUE;
    private boolean finished;
    /** What made a shard or the sink fail, or null: the tap then takes nothing more. */
    private Throwable failure;

    /**
     * @param threads how many trackers (and threads) share the calls, 1 to {@link AnalysisOptions#MAX_CALL_THREADS}
     * @param sink handed every call as it is judged, in the order one tracker would hand them, on the thread that
     *     calls this tap; null for none (then only failed calls come back from the shards, for the tables of failing
     *     hosts)
     */
    public CallShards(CallOptions options, int threads, Consumer<Call> sink) {
        if (threads < 1 || threads > AnalysisOptions.MAX_CALL_THREADS) {
            throw new IllegalArgumentException("threads must be 1 to " + AnalysisOptions.MAX_CALL_THREADS + ", not "
                    + threads);
        }
        this.sink = sink;
        this.central = new CallStatistics(options.kpis());
        CallOptions share = options.withMaxOpenCalls((options.maxOpenCalls() + threads - 1) / threads);
        this.shards = new Shard[threads];
        for (int i = 0; i < threads; i++) {
            shards[i] = new Shard(share);
        }
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "sip-analyzer-calls-" + made.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public String name() {
        return "calls";
    }

    @Override
    public void onEvent(SipEvent e) {
        if (finished) {
            throw new IllegalStateException("an event after the calls were finished");
        }
        failedBefore();
        if (e.input() != input) {
            guarded(() -> switchTo(e.input()));
        }
        if (e.timestampNanos() > clock) {
            clock = e.timestampNanos();
        }
        CallTracker.countTransaction(e, central);
        String callId = e.message().callId();
        if (callId == null || e.message().cseqMethod() == null) {
            return; // no call's: the clock it moved goes with the next event handed over
        }
        Shard s = shards[Math.floorMod(spread(callId.hashCode()), shards.length)];
        if (s.add(e, clock)) {
            guarded(() -> {
                handOver(false);
                merge(false);
            });
        }
    }

    /** Throws when an earlier call failed: the tap takes nothing more. */
    private void failedBefore() {
        if (failure != null) {
            throw new IllegalStateException("call tracking failed earlier: " + failure, failure);
        }
    }

    /** Runs {@code step}; if it fails, the tap is disabled and its threads end now. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            executor.shutdownNow();
            throw e;
        }
    }

    /** The hash's bits mixed, so that Call-IDs that differ only at the end spread over the shards. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @Override
    public void onInputEnd(int ended) {
        if (finished) {
            return; // finish ended every input
        }
        failedBefore();
        guarded(() -> {
            if (ended != input) {
                switchTo(ended);
            }
            handOver(true);
            merge(true);
        });
        clocks.remove(ended);
        input = -1;
        clock = Long.MIN_VALUE;
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        try {
            if (failure == null) {
                for (Integer open : new java.util.TreeSet<>(clocks.keySet())) { // inputs begun and never ended
                    onInputEnd(open);
                }
            }
        } finally {
            finished = true;
            executor.shutdown();
        }
    }

    /**
     * The statistics of the calls judged so far, as one tracker would give them: a barrier, where the shards catch up
     * and the calls they judged are merged (and handed to the sink). Not concurrently with events (see the class).
     */
    @Override
    public CallStatistics snapshot() {
        if (failure == null && !finished && input >= 0) {
            guarded(() -> {
                handOver(false);
                merge(true);
            });
        }
        CallStatistics s = central.copy();
        // After a failure the shards are read only once they have stopped, or not at all.
        if (failure == null || awaitStopped(10_000)) {
            for (Shard shard : shards) {
                s.add(shard.tracker.statistics());
            }
        }
        return s;
    }

    /** Calls judged and waiting to be merged: bounded by the batches in flight. */
    int held() {
        return waiting.size();
    }

    @Override
    public void publish(MetricRegistry metrics) {
        snapshot().publish(metrics);
    }

    /** Events of another input: what is held for the current one is handed over and judged first. */
    private void switchTo(int next) {
        if (input >= 0) {
            handOver(false);
            merge(true);
            clocks.put(input, clock);
        }
        input = next;
        clock = clocks.getOrDefault(next, Long.MIN_VALUE);
        clocks.put(next, clock);
    }

    /** Every shard gets its batch (maybe empty) with the input's clock: each judges what fell due before it. */
    private void handOver(boolean endInput) {
        for (Shard s : shards) {
            s.submit(input, clock, endInput);
        }
    }

    /**
     * Takes the calls the shards have judged, and counts, in order, those no shard can precede any more: with
     * {@code all}, after waiting for every batch handed over, all of them.
     */
    private void merge(boolean all) {
        long watermark = Long.MAX_VALUE;
        for (Shard s : shards) {
            Batch b;
            while ((b = all && s.returned < s.submitted ? s.take() : s.done.poll()) != null) {
                s.returned++;
                if (b.failure != null) {
                    rethrow(b.failure);
                }
                waiting.addAll(b.judged);
                s.clock = b.clock;
            }
            watermark = Math.min(watermark, s.clock);
        }
        while (!waiting.isEmpty() && (all || waiting.peek().due < watermark)) {
            Pending j = waiting.poll();
            central.addHosts(j.call);
            if (sink != null) {
                sink.accept(j.call);
            }
        }
        if (all) {
            for (Shard s : shards) {
                s.clock = Long.MIN_VALUE; // nothing is held: the next input's clocks start afresh
            }
        }
    }

    /** Waits up to {@code millis} for the threads to end (after {@link #finish}, or a failure); true when they have. */
    boolean awaitStopped(long millis) {
        try {
            return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("call tracking failed", t);
    }

    /** A judged call waiting to be merged, ordered as one tracker judges them. */
    private record Pending(Call call, long due) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int d = Long.compare(due, o.due);
            return d != 0 ? d : call.callId().compareTo(o.call.callId());
        }
    }

    /** Events for one shard, and what it made of them. */
    private static final class Batch {
        final SipEvent[] events;
        final long[] clocks;
        int size;
        int input;
        long clock;
        boolean endInput;
        List<Pending> judged = List.of();
        Throwable failure;

        Batch(int capacity) {
            events = new SipEvent[capacity];
            clocks = new long[capacity];
        }
    }

    /** One tracker, its queue of batches, and the batches it has done. */
    private final class Shard implements Runnable {
        final CallTracker tracker;
        final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        final BlockingQueue<Batch> done = new LinkedBlockingQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        /** What the tracker judges while it runs a batch. */
        private List<Pending> judging = new ArrayList<>();
        private boolean failed;
        /** What stopped this shard's thread before it could return a batch (out of memory), or null. */
        private volatile Throwable lost;
        private Batch filling = new Batch(BATCH);
        long submitted;
        long returned;
        /** The clock of the last batch returned: every call this shard judges later falls due at or after it. */
        long clock = Long.MIN_VALUE;

        Shard(CallOptions options) {
            this.tracker = CallTracker.shard(options, (call, due) -> {
                if (sink != null || call.outcome() != CallOutcome.ANSWERED) {
                    judging.add(new Pending(call, due));
                }
            });
        }

        /** Adds an event to the batch being filled; true when it is full. */
        boolean add(SipEvent e, long clock) {
            Batch b = filling;
            b.events[b.size] = e;
            b.clocks[b.size] = clock;
            return ++b.size == BATCH;
        }

        /**
         * Queues the batch being filled, then starts a new one. The wait for room is not cut short by an interrupt (the
         * flag is kept): the shard's thread never blocks, so room comes, and one tracker would not stop either.
         */
        void submit(int input, long clock, boolean endInput) {
            Batch b = filling;
            b.input = input;
            b.clock = clock;
            b.endInput = endInput;
            boolean interrupted = false;
            while (true) {
                try {
                    queue.put(b);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            filling = new Batch(BATCH);
            submitted++;
            if (scheduled.compareAndSet(false, true)) {
                try {
                    executor.execute(this);
                } catch (RuntimeException e) { // rejected: the pool was shut down
                    scheduled.set(false);
                    throw e;
                }
            }
        }

        /** The next batch done, waited for as {@link #submit} waits; a thread lost on the way is a failure. */
        Batch take() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        Batch b = done.poll(100, TimeUnit.MILLISECONDS);
                        if (b != null) {
                            return b;
                        }
                        if (lost != null) {
                            throw new IllegalStateException("a call-tracking thread failed: " + lost, lost);
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Runs the batches queued, in order; another run is scheduled for a batch queued as this one ends. */
        @Override
        public void run() {
            do {
                try {
                    for (Batch b; (b = queue.poll()) != null; ) {
                        run(b);
                        done.add(b);
                    }
                } catch (Throwable t) { // out of memory returning a batch: the dispatcher must not wait for it
                    lost = t;
                } finally {
                    scheduled.set(false);
                }
            } while (lost == null && !queue.isEmpty() && scheduled.compareAndSet(false, true));
        }

        private void run(Batch b) {
            if (failed) {
                b.failure = new IllegalStateException("call tracking stopped after an earlier failure");
                return;
            }
            try {
                for (int i = 0; i < b.size; i++) {
                    tracker.onEvent(b.events[i], b.clocks[i]);
                    b.events[i] = null;
                }
                tracker.advance(b.input, b.clock);
                if (b.endInput) {
                    tracker.onInputEnd(b.input);
                }
            } catch (RuntimeException | Error e) {
                failed = true;
                b.failure = e;
            }
            b.judged = judging;
            judging = new ArrayList<>();
        }
    }
}
