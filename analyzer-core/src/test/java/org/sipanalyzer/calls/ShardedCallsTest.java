package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.testing.CollectingListener;
import org.sipanalyzer.testing.SharedData;
import org.sipanalyzer.testing.SyntheticCapture;

/**
 * The ground for fanning calls out over threads by a hash of the Call-ID (docs/performance.md): trackers that each see
 * only the messages of their own Call-IDs, their statistics merged, judge every call as one tracker of every message
 * does, wherever the capture's times never go backwards. Checked on synthetic captures of every call outcome and on
 * every corpus capture whose times are in order.
 */
class ShardedCallsTest {

    @Test
    void shardsByCallIdJudgeEveryCallAsOneTrackerDoes(@TempDir Path dir) throws IOException {
        for (boolean tcp : new boolean[] {false, true}) {
            Path file = dir.resolve("calls-" + tcp + ".pcap");
            try (OutputStream out = Files.newOutputStream(file)) {
                SyntheticCapture.write(out, 60_000, 23, tcp);
            }
            List<SipEvent> events = events(file);
            assertTrue(inOrder(events), "the generator writes its packets in time order");
            assertTrue(events.size() > 10_000, events.size() + " messages");
            for (int shards = 2; shards <= 5; shards++) {
                assertSameAsOne(events, shards, file + ", " + shards + " shards");
            }
        }
    }

    @Test
    void soOnEveryCorpusCaptureInTimeOrder() throws IOException {
        int compared = 0;
        for (Path capture : SharedData.corpusCaptures()) {
            List<SipEvent> events = events(capture);
            if (!inOrder(events)) {
                continue; // times that go back: a shard's clock could lag behind one tracker's (see the class)
            }
            assertSameAsOne(events, 3, capture.getFileName().toString());
            compared++;
        }
        assertTrue(compared >= 20, compared + " captures in time order");
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

    private static void assertSameAsOne(List<SipEvent> events, int shards, String what) {
        List<Call> oneCalls = new ArrayList<>();
        CallTracker one = new CallTracker(CallOptions.defaults(), oneCalls::add);
        List<Call> shardCalls = new ArrayList<>();
        List<CallTracker> trackers = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            trackers.add(new CallTracker(CallOptions.defaults(), shardCalls::add));
        }
        for (SipEvent e : events) {
            one.onEvent(e);
            String callId = e.message().callId();
            trackers.get(callId == null ? 0 : Math.floorMod(callId.hashCode(), shards)).onEvent(e);
        }
        one.onInputEnd(0);
        one.finish();
        CallStatistics merged = null;
        for (CallTracker t : trackers) {
            t.onInputEnd(0);
            t.finish();
            merged = merged == null ? t.snapshot() : merged.merge(t.snapshot());
        }
        CallStatistics single = one.snapshot();
        assertEquals(metrics(single), metrics(merged), what);
        assertEquals(single.byFinalCode(), merged.byFinalCode(), what);
        assertEquals(single.failuresByPeer(), merged.failuresByPeer(), what);
        assertEquals(single.topFailingDestinations(20), merged.topFailingDestinations(20), what);
        assertEquals(single.transactionTotals(), merged.transactionTotals(), what);
        assertEquals(single.transactionsByFinalCode(), merged.transactionsByFinalCode(), what);
        assertEquals(single.registrationsByFinalCode(), merged.registrationsByFinalCode(), what);
        assertEquals(timeline(single), timeline(merged), what);
        // The calls themselves, whatever order they ended in across the shards.
        assertEquals(summaries(oneCalls), summaries(shardCalls), what);
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
            out.add(c.callId() + " " + c.start() + " " + c.outcome() + " " + c.rawFinalCode() + " " + c.rawPdd() + " "
                    + c.rawSetupTime() + " " + c.rawDuration() + " " + c.challenged() + " " + c.reInvites());
        }
        out.sort(null);
        return out;
    }
}
