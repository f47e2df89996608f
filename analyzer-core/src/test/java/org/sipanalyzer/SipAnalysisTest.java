package org.sipanalyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.CallFilter;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.catalogue.Catalogue;

/**
 * The embedder's entry point on the SIPp sample, whose 30 calls its scenarios make: 8 answered, 4 cancelled, 2 busy,
 * the rest failed in other ways.
 */
class SipAnalysisTest {

    private static final List<AnalysisInput> SAMPLE = List.of(AnalysisInput.file(Path.of(
            System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap")));

    private static SipAnalysis analysis() {
        return new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(), CallOptions.defaults());
    }

    @Test
    void callsOnSeveralThreadsAreHandedOverInOneThreadsOrder() throws Exception {
        List<Call> one = new ArrayList<>();
        SipAnalysis.Result a = analysis().withCallSink(one::add).run(SAMPLE);
        List<Call> three = new ArrayList<>();
        SipAnalysis.Result b = new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults().withCallThreads(3),
                CallOptions.defaults()).withCallSink(three::add).run(SAMPLE);
        assertEquals(30, three.size());
        assertEquals(one.stream().map(Call::callId).toList(), three.stream().map(Call::callId).toList());
        assertEquals(a.metrics().get("asr"), b.metrics().get("asr"));
        assertEquals(a.calls().byFinalCode(), b.calls().byFinalCode());
    }

    @Test
    void callsAreSpreadByDefaultOnlyWhereTheInputsAreLargeEnough() {
        java.util.function.LongFunction<AnalysisInput> sized = n -> AnalysisInput.stored("in", () -> {
            throw new java.io.IOException("not read");
        }, n, java.time.Instant.EPOCH);
        long mb = 1 << 20;
        assertTrue(SipAnalysis.spreadPays(List.of(sized.apply(100 * mb)), 1), "one large file");
        assertTrue(SipAnalysis.spreadPays(List.of(sized.apply(-1)), 1), "a stream, of unknown size");
        assertTrue(!SipAnalysis.spreadPays(List.of(sized.apply(10 * mb)), 1), "one small file");
        assertTrue(!SipAnalysis.spreadPays(java.util.Collections.nCopies(3_000, sized.apply(100_000)), 1),
                "many small files, 300 MB in all: each input's end would wait for the threads");
        assertTrue(SipAnalysis.spreadPays(java.util.Collections.nCopies(100, sized.apply(2 * mb)), 1),
                "many files of a few megabytes");
        assertTrue(!SipAnalysis.spreadPays(java.util.Collections.nCopies(100, sized.apply(2 * mb)), 2),
                "inputs read in parallel use the cores already");
        assertTrue(SipAnalysis.spreadPays(List.of(sized.apply(100 * mb)), 2), "one input, whatever --threads");
    }

    @Test
    void aSinkThatFailsOnSeveralThreadsIsReportedAndTheRestStands() throws Exception {
        int[] taken = new int[1];
        SipAnalysis.Result r = new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults().withCallThreads(3),
                CallOptions.defaults()).withCallSink(c -> {
                    if (++taken[0] == 5) {
                        throw new IllegalStateException("the sink is full");
                    }
                }).run(SAMPLE);
        assertEquals(1, r.analysis().failedListeners().size(), r.analysis().failedListeners().toString());
        assertTrue(r.analysis().failedListeners().get(0).contains("the sink is full"));
        assertTrue(r.calls().total() >= 4 && r.calls().total() <= 30, r.calls().total() + " calls counted");
        assertEquals(analysis().run(SAMPLE).analysis().total().messages().count(),
                r.analysis().total().messages().count(),
                "every message still counted");
    }

    @Test
    void oneCallGivesTheCallsTheirMetricsAndTheFailedCallsToDraw() throws Exception {
        List<Call> seen = new ArrayList<>();
        SipAnalysis.Result r = analysis().withFailedCalls(true).withCallSink(seen::add).run(SAMPLE);
        assertEquals(30, r.calls().total());
        assertEquals(30, seen.size(), "every call handed to the sink as it was judged");
        assertEquals(26.67, r.metrics().get("asr").orElseThrow().value(), 0.01, "8 of 30 answered");
        assertEquals(2, r.metrics().get("outcome.busy").orElseThrow().value());
        assertEquals(30 - 8 - 4, r.failedCalls().size(), "neither answered nor cancelled");
        assertEquals(r.failedCalls().size(), r.ladders().size(), "fewer than 50: each drawn");
        assertTrue(r.ladders().stream().allMatch(l -> l.messages().stream().allMatch(e -> e.text() != null
                && e.text().startsWith(e.message().firstLine()))), "each message with its text, for the hover");
        assertTrue(r.analysis().filter().isEmpty());
    }

    @Test
    void withoutAskingNoFailedCallsAreKeptAndAFilterSaysWhatItLeftOut() throws Exception {
        SipAnalysis.Result r = analysis().withFilter(new CallFilter(List.of(CallFilter.codes("--code 486",
                Set.of(486), Set.of())))).run(SAMPLE);
        assertTrue(r.failedCalls().isEmpty() && r.ladders().isEmpty());
        assertEquals(2, r.calls().byOutcome().get(CallOutcome.BUSY));
        assertEquals(2, r.calls().total(), "only the busy calls, whole");
        assertEquals(28, r.analysis().filter().orElseThrow().callsRemoved());
    }
}
