package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.analysis.Tap;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.testing.CollectingListener;
import org.sipanalyzer.testing.SharedData;
import org.sipanalyzer.testing.SyntheticCapture;

/**
 * Calls fanned out over threads by a hash of the Call-ID ({@link CallShards}) give what one {@link CallTracker} of
 * every message gives: the same statistics and tables, and the same calls handed to the sink in the same order. Checked
 * on synthetic captures of every call outcome, on every corpus capture (those whose times go backwards included), on
 * messages reordered at random, and on inputs whose events interleave.
 */
class ShardedCallsTest {

    @Test
    void shardsJudgeEveryCallAsOneTrackerDoesAndInItsOrder(@TempDir Path dir) throws IOException {
        for (boolean tcp : new boolean[] {false, true}) {
            List<SipEvent> events = events(synthetic(dir, tcp, 60_000));
            assertTrue(inOrder(events), "the generator writes its packets in time order");
            assertTrue(events.size() > 10_000, events.size() + " messages");
            for (int threads = 1; threads <= 4; threads++) {
                assertTrue(assertSameAsOne(List.of(events), threads, "tcp " + tcp + ", " + threads + " threads")
                        > 1_000);
            }
        }
    }

    @Test
    void withoutASinkTheTablesPastTheirBoundsKeepTheSameHosts(@TempDir Path dir) throws IOException {
        List<SipEvent> events = flood(dir, 60_000, 5);
        for (int threads = 2; threads <= 3; threads++) {
            CallTracker one = new CallTracker(CallOptions.defaults());
            CallShards shards = new CallShards(CallOptions.defaults(), threads, null);
            feed(List.of(events), one);
            feed(List.of(events), shards);
            CallStatistics single = one.snapshot();
            assertTrue(single.topFailingSources(Integer.MAX_VALUE).stream()
                    .anyMatch(r -> r.getKey().equals(CallStatistics.OTHER)), "past the bound: "
                    + single.topFailingSources(Integer.MAX_VALUE).size() + " sources, "
                    + single.topFailingDestinations(Integer.MAX_VALUE).size() + " destinations, "
                    + single.failuresByPeer().size() + " peers, " + single.total() + " calls");
            assertSameStatistics(single, shards.snapshot(), threads + " threads, no sink");
        }
    }

    @Test
    void pastTheOpenCallBoundTheCallsClosedEarlyAreNotHeldUntilTheirDeadline(@TempDir Path dir) throws IOException {
        List<SipEvent> events = flood(dir, 40_000, 9);
        CallOptions bounded = CallOptions.defaults().withMaxOpenCalls(200);
        CallTracker one = new CallTracker(bounded);
        CallShards shards = new CallShards(bounded, 2, null);
        int held = 0;
        for (SipEvent e : events) {
            one.onEvent(e);
            shards.onEvent(e);
            held = Math.max(held, shards.held());
        }
        one.onInputEnd(0);
        shards.onInputEnd(0);
        shards.finish();
        CallStatistics single = one.snapshot();
        CallStatistics merged = shards.snapshot();
        assertTrue(single.callsEvicted() > 1_000, single.callsEvicted() + " closed early by the bound");
        assertTrue(merged.callsEvicted() > 1_000, merged.callsEvicted() + " closed early by the shards' bounds");
        // Closed early, a call falls due at once: what waits to be merged is the last batches' calls, not every call
        // the bound closed before its deadline (up to 180 s of them).
        assertTrue(held <= 2 * CallShards.BATCH, held + " calls held at most (a round of two shards' batches)");
        assertEquals(single.total(), merged.total(), "every call judged once");
    }

    @Test
    void snapshotsInTheMiddleOfAnInputChangeNothing(@TempDir Path dir) throws IOException {
        List<SipEvent> events = events(synthetic(dir, false, 30_000));
        List<Call> oneCalls = new ArrayList<>();
        CallTracker one = new CallTracker(CallOptions.defaults(), oneCalls::add);
        List<Call> shardCalls = new ArrayList<>();
        CallShards shards = new CallShards(CallOptions.defaults(), 3, shardCalls::add);
        for (int i = 0; i < events.size(); i++) {
            one.onEvent(events.get(i));
            shards.onEvent(events.get(i));
            if (i % 997 == 0) {
                CallStatistics a = one.snapshot();
                CallStatistics b = shards.snapshot();
                assertEquals(metrics(a), metrics(b), "after event " + i);
                assertEquals(summaries(oneCalls), summaries(shardCalls), "the calls judged by event " + i);
            }
        }
        one.onInputEnd(0);
        shards.onInputEnd(0);
        shards.finish();
        assertSameStatistics(one.snapshot(), shards.snapshot(), "after the snapshots");
        assertEquals(summaries(oneCalls), summaries(shardCalls));
    }

    @Test
    void soWhenTimesGoBackwards(@TempDir Path dir) throws IOException {
        List<SipEvent> events = new ArrayList<>(events(synthetic(dir, false, 40_000)));
        // Neighbours swapped at random, and some messages moved back by up to ten seconds: the clock a shard keeps must
        // be the whole input's, or deadlines and time-outs move.
        Random random = new Random(7);
        for (int i = 1; i < events.size(); i++) {
            if (random.nextInt(4) == 0) {
                events.set(i - 1, events.set(i, events.get(i - 1)));
            }
        }
        for (int i = 0; i < events.size(); i++) {
            if (random.nextInt(50) == 0) {
                SipEvent e = events.get(i);
                events.set(i, new SipEvent(e.input(), e.frame(),
                        e.timestampNanos() - random.nextInt(10_000) * 1_000_000L,
                        e.source(), e.destination(), e.transport(), e.message(), e.code(), e.retransmission(),
                        e.duplicate()));
            }
        }
        assertTrue(!inOrder(events));
        for (int threads = 2; threads <= 3; threads++) {
            assertSameAsOne(List.of(events), threads, threads + " threads");
        }
    }

    @Test
    void soOnEverySampleAndCorpusInput() throws IOException {
        List<Path> inputs = new ArrayList<>(SharedData.samplesAndCorpus());
        Path logs = SharedData.root().resolve("corpus/logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                files.filter(Files::isRegularFile).sorted().forEach(inputs::add);
            }
        }
        int withCalls = 0;
        for (Path input : inputs) {
            List<SipEvent> events = events(input);
            withCalls += assertSameAsOne(List.of(events), 3, input.getFileName().toString()) > 0 ? 1 : 0;
        }
        assertTrue(withCalls >= 2, withCalls + " inputs with calls, of " + inputs.size());
    }

    @Test
    void soForSeveralInputsWhoseEventsInterleave(@TempDir Path dir) throws IOException {
        List<SipEvent> a = events(synthetic(dir, false, 20_000));
        List<SipEvent> b = events(synthetic(dir, true, 20_000));
        // As inputs read in parallel reach the listeners: runs of each input's events, one input then the other.
        List<List<SipEvent>> runs = new ArrayList<>();
        for (int i = 0, j = 0; i < a.size() || j < b.size(); i += 3_000, j += 2_000) {
            runs.add(a.subList(Math.min(i, a.size()), Math.min(i + 3_000, a.size())));
            runs.add(b.subList(Math.min(j, b.size()), Math.min(j + 2_000, b.size())).stream().map(e -> e.withInput(1))
                    .toList());
        }
        assertSameAsOne(runs, 3, "interleaved inputs");
    }

    @Test
    void aSinkThatFailsStopsTheShardsAndSaysWhy(@TempDir Path dir) throws IOException {
        List<SipEvent> events = events(synthetic(dir, false, 20_000));
        IllegalStateException failure = new IllegalStateException("the sink is full");
        int[] taken = new int[1];
        CallShards shards = new CallShards(CallOptions.defaults(), 3, c -> {
            if (++taken[0] == 100) {
                throw failure;
            }
        });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            for (SipEvent e : events) {
                shards.onEvent(e);
            }
            shards.onInputEnd(0);
        });
        assertSame(failure, thrown);
        assertTrue(shards.awaitStopped(5_000), "the threads end");
        IllegalStateException later = assertThrows(IllegalStateException.class, () -> shards.onEvent(events.get(0)),
                "a tap that failed takes nothing more");
        assertSame(failure, later.getCause());
        assertTrue(shards.snapshot().total() >= 99, "what was counted stays readable");
        shards.finish(); // and ends quietly
    }

    @Test
    void theThreadsEndWithTheAnalysis(@TempDir Path dir) throws IOException {
        CallShards shards = new CallShards(CallOptions.defaults(), 4, c -> { });
        for (SipEvent e : events(synthetic(dir, false, 5_000))) {
            shards.onEvent(e);
        }
        shards.finish(); // the input was never ended: finish ends it
        assertTrue(shards.awaitStopped(5_000));
        assertTrue(shards.snapshot().total() > 100, "the statistics stay readable");
        shards.onInputEnd(0); // nothing is left open
        shards.finish();
        assertThrows(IllegalStateException.class, () -> shards.onEvent(events(synthetic(dir, false, 100)).get(0)),
                "no event after the end");
    }

    /** The events of a flood: every message a new Call-ID, from many sources. */
    private static List<SipEvent> flood(Path dir, int packets, long seed) throws IOException {
        Path file = dir.resolve("flood-" + packets + "-" + seed + ".pcap");
        try (OutputStream out = Files.newOutputStream(file)) {
            SyntheticCapture.write(out, packets, seed, "flood");
        }
        return events(file);
    }

    private static Path synthetic(Path dir, boolean tcp, int packets) throws IOException {
        Path file = dir.resolve("calls-" + tcp + "-" + packets + ".pcap");
        try (OutputStream out = Files.newOutputStream(file)) {
            SyntheticCapture.write(out, packets, 23, tcp);
        }
        return file;
    }

    private static List<SipEvent> events(Path file) {
        List<SipEvent> events = new ArrayList<>();
        new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(AnalysisInput.file(file)),
                List.of(new CollectingListener(events)));
        return events;
    }

    private static boolean inOrder(List<SipEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestampNanos() < events.get(i - 1).timestampNanos()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Feeds the runs of events, in order, to one tracker and to {@code threads} shards, compares, and returns how many
     * calls there were.
     */
    private static long assertSameAsOne(List<List<SipEvent>> runs, int threads, String what) {
        List<Call> oneCalls = new ArrayList<>();
        CallTracker one = new CallTracker(CallOptions.defaults(), oneCalls::add);
        List<Call> shardCalls = new ArrayList<>();
        CallShards shards = new CallShards(CallOptions.defaults(), threads, shardCalls::add);
        feed(runs, one);
        feed(runs, shards);
        CallStatistics single = one.snapshot();
        assertSameStatistics(single, shards.snapshot(), what);
        List<String> expected = summaries(oneCalls);
        List<String> actual = summaries(shardCalls);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": call " + i + " handed over");
        }
        assertEquals(expected.size(), actual.size(), what + ": calls handed over");
        return single.total();
    }

    private static void feed(List<List<SipEvent>> runs, Tap<CallStatistics> tap) {
        java.util.Set<Integer> inputs = new java.util.TreeSet<>();
        for (List<SipEvent> run : runs) {
            for (SipEvent e : run) {
                tap.onEvent(e);
                inputs.add(e.input());
            }
        }
        for (int input : inputs) {
            tap.onInputEnd(input);
        }
        tap.finish();
    }

    private static void assertSameStatistics(CallStatistics single, CallStatistics merged, String what) {
        assertEquals(metrics(single), metrics(merged), what);
        assertEquals(single.byFinalCode(), merged.byFinalCode(), what);
        assertEquals(single.failuresByPeer(), merged.failuresByPeer(), what);
        assertEquals(single.topFailingDestinations(2_000), merged.topFailingDestinations(2_000), what);
        assertEquals(single.topFailingSources(2_000), merged.topFailingSources(2_000), what);
        assertEquals(single.byQ850Cause(), merged.byQ850Cause(), what);
        assertEquals(single.transactionTotals(), merged.transactionTotals(), what);
        assertEquals(single.transactionsByFinalCode(), merged.transactionsByFinalCode(), what);
        assertEquals(single.registrationsByFinalCode(), merged.registrationsByFinalCode(), what);
        assertEquals(timeline(single), timeline(merged), what);
    }

    private static Map<String, String> metrics(CallStatistics s) {
        MetricRegistry r = new MetricRegistry();
        s.publish(r);
        Map<String, String> out = new TreeMap<>();
        for (MetricRegistry.Metric m : r.all()) {
            out.put(m.name(), m.value() + "/" + m.whole() + "/" + m.unmeasurable());
        }
        return out;
    }

    private static Map<Long, String> timeline(CallStatistics s) {
        Map<Long, String> out = new TreeMap<>();
        s.byTime().forEach((t, c) -> out.put(t, java.util.Arrays.toString(c)));
        return out;
    }

    private static List<String> summaries(List<Call> calls) {
        List<String> out = new ArrayList<>();
        for (Call c : calls) {
            out.add(c.input() + " " + c.callId() + " " + c.start() + " " + c.outcome() + " " + c.rawFinalCode() + " "
                    + c.rawPdd() + " " + c.rawSetupTime() + " " + c.rawDuration() + " " + c.challenged() + " "
                    + c.reInvites());
        }
        return out;
    }
}
