package org.sipanalyzer.analysis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallShards;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.testing.SyntheticCapture;

/**
 * The stages a SIP message goes through after it is scanned, each on the events of a synthetic capture of SIP alone
 * or of a flood (every message a new Call-ID), and the whole analysis of the same capture in memory (about
 * {@link #MESSAGES} messages each, within 1%). Run with
 * {@code scripts/jmh.sh MessageStageBenchmarks}; figures in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xmn384m", "-XX:+UseParallelGC"})
public class MessageStageBenchmarks {

    static final int MESSAGES = 200_000;

    @Param({"sip-only", "flood"})
    public String kind;

    private byte[] capture;
    private SipEvent[] events;
    private long[] keyA;
    private long[] keyB;
    private Analyzer analyzer;

    @Setup
    public void setUp() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // sip-only leaves out the RTP of the mix it is cut from (70% of its packets): ask for enough to keep MESSAGES.
        SyntheticCapture.write(out, kind.equals("sip-only") ? MESSAGES * 336L / 100 : MESSAGES, 1, kind);
        capture = out.toByteArray();
        analyzer = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults());
        List<SipEvent> seen = new ArrayList<>();
        analyzer.analyze(List.of(AnalysisInput.stream("bench", new ByteArrayInputStream(capture))),
                List.of(new org.sipanalyzer.testing.CollectingListener(seen)));
        if (seen.size() < MESSAGES * 99L / 100) {
            throw new IllegalStateException(kind + ": " + seen.size() + " messages, fewer than the " + MESSAGES
                    + " each operation is counted as");
        }
        events = seen.subList(0, Math.min(MESSAGES, seen.size())).toArray(new SipEvent[0]);
        keyA = new long[events.length];
        keyB = new long[events.length];
        for (int i = 0; i < events.length; i++) {
            RetransmissionDetector.KeyHasher h = RetransmissionDetector.hash(hasher, events[i].message(),
                    events[i].source(), events[i].destination());
            keyA[i] = h.first();
            keyB[i] = h.finishedB();
        }
    }

    /** One hasher, reset for each key, as a scanning stage keeps. */
    private final RetransmissionDetector.KeyHasher hasher = new RetransmissionDetector.KeyHasher();

    /** Hashing each message's transaction key (on the scanning thread, in the analysis). */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void retransmissionKey(Blackhole bh) {
        for (SipEvent e : events) {
            bh.consume(RetransmissionDetector.hash(hasher, e.message(), e.source(), e.destination()).finishedB());
        }
    }

    /** The retransmission table: one look-up and record per message, with the default window and bound. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void retransmissionTable(Blackhole bh) {
        AnalysisOptions o = AnalysisOptions.defaults();
        RetransmissionDetector d = new RetransmissionDetector(o.retransmissionWindow().toNanos(),
                o.duplicateWindow().toNanos(), o.maxTrackedMessages());
        for (int i = 0; i < events.length; i++) {
            bh.consume(d.check(keyA[i], keyB[i], events[i].timestampNanos()));
        }
    }

    /**
     * The table the retransmission detector had before ({@link AccessOrderedTable}), on the same keys: the figure to
     * compare {@link #retransmissionTable} with.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void retransmissionLinkedHashMap(Blackhole bh) {
        AnalysisOptions o = AnalysisOptions.defaults();
        AccessOrderedTable t = new AccessOrderedTable(o.retransmissionWindow().toNanos(), o.duplicateWindow().toNanos(),
                o.maxTrackedMessages());
        for (int i = 0; i < events.length; i++) {
            bh.consume(t.check(keyA[i], keyB[i], events[i].timestampNanos()));
        }
    }

    /** Message statistics: codes, methods, senders. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public MessageStatistics messageStatistics() {
        MessageStatistics s = new MessageStatistics(Catalogue.standard());
        for (SipEvent e : events) {
            s.onEvent(e);
        }
        return s;
    }

    /** Calls, registrations and transactions followed, and their outcomes judged. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public Object callTracker() {
        CallTracker t = new CallTracker(CallOptions.defaults());
        for (SipEvent e : events) {
            t.onEvent(e);
        }
        t.onInputEnd(0);
        t.finish();
        return t.snapshot();
    }

    /**
     * The same calls followed by {@link CallShards} on two threads, handed over from this one, merged back into one
     * tracker's statistics and order (ShardedCallsTest checks they are the same): how the call tracking stage scales
     * over cores, its dispatching and merging included.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public Object callShardsTwoThreads() {
        return shards(2);
    }

    /**
     * The same on one thread besides this one: what handing events over and merging calls back costs this thread, with
     * all the tracking on the other.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public Object callShardsOneThread() {
        return shards(1);
    }

    private Object shards(int threads) {
        CallShards t = new CallShards(CallOptions.defaults(), threads, null);
        for (SipEvent e : events) {
            t.onEvent(e);
        }
        t.onInputEnd(0);
        t.finish();
        return t.snapshot();
    }

    /** The whole analysis of the capture, from its bytes, with calls on as the command line has them. */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public Object wholeAnalysis() {
        CallTracker t = new CallTracker(CallOptions.defaults());
        AnalysisResult r = analyzer.analyze(List.of(AnalysisInput.stream("bench", new ByteArrayInputStream(capture))),
                List.of(t));
        t.finish();
        return r;
    }
}
