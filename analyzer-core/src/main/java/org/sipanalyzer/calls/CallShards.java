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
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.analysis.Tap;

/**
 * Call tracking spread over threads: the calls of each Call-ID are followed by one of {@code threads}
 * {@link CallTracker}s, chosen by a hash of the Call-ID, each on a thread of its own, while the thread that calls
 * {@link #onEvent} only hands events over. The result is the one tracker's: the same statistics, and the same calls
 * handed to the sink in the same order, on the calling thread.
 *
 * <p>Why it is exact: a call's outcome depends only on its own messages and on the capture clock, which each event
 * carries to its tracker as the whole input's clock (a capture whose times go backwards included); one tracker judges
 * calls in the order of their deadlines, then Call-IDs ({@link CallTracker.Judged}); every figure but the bounded
 * tables of failing hosts comes out the same whatever order calls are counted in, so each shard counts its own calls
 * in those, and its failed calls (all its calls, when there is a sink) are merged back here into that order, for the
 * tables of failing hosts and the sink; and the transactions, which need no call's state, are counted here in capture
 * order. A call is merged once every shard's clock has passed its deadline, so the calls held here are those of the
 * last few batches. One difference: the bound on open calls applies to each shard, as its share
 * ({@link CallOptions#maxOpenCalls()} divided by the threads, rounded up), so a capture that reaches the bound may see
 * other calls closed early than one tracker would close ({@link CallStatistics#callsEvicted()} says how many).
 *
 * <p>Events are handed over in batches; a batch holds the events of one input, and an input's end waits until every
 * shard has judged what was open. A shard that fails, or a sink that throws, makes this tap throw that failure (the
 * analysis then disables it); its snapshot is then what was counted before. The threads end when {@link #finish} is called, or a few seconds after the last batch when it is not
 * (an analysis that failed).
 */
public final class CallShards implements Tap<CallStatistics> {

    /** Events per shard handed over at once. */
    static final int BATCH = 512;
    /** Batches waiting for a shard before the dispatcher waits for it: the events held in memory. */
    static final int QUEUED_BATCHES = 4;
    /** The most threads. */
    public static final int MAX_THREADS = 64;

    private final Consumer<Call> sink;
    private final CallStatistics central;
    private final Shard[] shards;
    private final ThreadPoolExecutor executor;
    /** Each input's capture clock: the latest time of its events so far. */
    private final Map<Integer, Long> clocks = new HashMap<>();
    /** Calls judged by the shards, waiting for every shard's clock to pass their deadline. */
    private final PriorityQueue<Judged> waiting = new PriorityQueue<>();
    private int input = -1;
    private long clock = Long.MIN_VALUE;
    private boolean finished;
    /** Whether a shard or the sink failed: the tap is then disabled, and its statistics are what was counted. */
    private boolean failed;

    /**
     * @param threads how many trackers (and threads) share the calls, 1 to {@link #MAX_THREADS}
     * @param sink handed every call as it is judged, in the order one tracker would hand them, on the thread that
     *     calls this tap; null for none (then only failed calls come back from the shards, for the tables of failing
     *     hosts)
     */
    public CallShards(CallOptions options, int threads, Consumer<Call> sink) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + ", not " + threads);
        }
        this.sink = sink;
        this.central = new CallStatistics(options.kpis());
        CallOptions share = options.withMaxOpenCalls((options.maxOpenCalls() + threads - 1) / threads);
        this.shards = new Shard[threads];
        for (int i = 0; i < threads; i++) {
            shards[i] = new Shard(share);
        }
        this.executor = new ThreadPoolExecutor(threads, threads, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "sip-analyzer-calls");
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
        if (e.input() != input) {
            switchTo(e.input());
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
            handOver(false);
            collect(false);
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
        if (ended != input) {
            switchTo(ended);
        }
        handOver(true);
        collect(true);
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
            for (Integer open : new java.util.TreeSet<>(clocks.keySet())) { // inputs begun and never ended
                onInputEnd(open);
            }
        } finally {
            finished = true;
            executor.shutdown();
        }
    }

    /** The statistics of the calls judged so far, as one tracker would give them (a barrier: the shards catch up). */
    @Override
    public CallStatistics snapshot() {
        if (failed) {
            awaitStopped(10_000); // what the shards were doing when it failed, finished before it is read
        } else if (!finished && input >= 0) {
            handOver(false);
            collect(true);
        }
        CallStatistics s = central.copy();
        for (Shard shard : shards) {
            s.add(shard.tracker.statistics());
        }
        return s;
    }

    @Override
    public void publish(MetricRegistry metrics) {
        snapshot().publish(metrics);
    }

    /** Events of another input: what is held for the current one is handed over and judged first. */
    private void switchTo(int next) {
        if (input >= 0) {
            handOver(false);
            collect(true);
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
    private void collect(boolean all) {
        try {
            merge(all);
        } catch (RuntimeException | Error e) {
            failed = true;
            executor.shutdownNow(); // the tap is disabled: its threads end now
            throw e;
        }
    }

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
        while (!waiting.isEmpty() && (all || waiting.peek().deadline < watermark)) {
            Judged j = waiting.poll();
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

    /** A judged call, ordered as one tracker judges them. */
    private record Judged(Call call, long deadline) implements Comparable<Judged> {
        @Override
        public int compareTo(Judged o) {
            int d = Long.compare(deadline, o.deadline);
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
        List<Judged> judged = List.of();
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
        private List<Judged> judging = new ArrayList<>();
        private boolean failed;
        private Batch filling = new Batch(BATCH);
        long submitted;
        long returned;
        /** The clock of the last batch returned: every call this shard judges later falls due at or after it. */
        long clock = Long.MIN_VALUE;

        Shard(CallOptions options) {
            this.tracker = CallTracker.shard(options, (call, deadline) ->
                    {
                        if (sink != null || call.outcome() != CallOutcome.ANSWERED) {
                            judging.add(new Judged(call, deadline));
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

        void submit(int input, long clock, boolean endInput) {
            Batch b = filling;
            filling = new Batch(BATCH);
            b.input = input;
            b.clock = clock;
            b.endInput = endInput;
            try {
                queue.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("analysis interrupted", e);
            }
            submitted++;
            if (scheduled.compareAndSet(false, true)) {
                executor.execute(this);
            }
        }

        Batch take() {
            try {
                return done.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("analysis interrupted", e);
            }
        }

        /** Runs the batches queued, in order; another run is scheduled for a batch queued as this one ends. */
        @Override
        public void run() {
            do {
                for (Batch b; (b = queue.poll()) != null; ) {
                    run(b);
                    done.add(b);
                }
                scheduled.set(false);
            } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
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
