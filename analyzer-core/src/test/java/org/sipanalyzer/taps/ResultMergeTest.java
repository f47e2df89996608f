package org.sipanalyzer.taps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.Mergeable;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.testing.SharedData;

/**
 * Whole results merge: the inputs of one analysis cut into consecutive parts, each part analysed apart, and the
 * parts' results joined in order ({@link SipAnalysis.Result#then}) give the JSON report of the one analysis byte for
 * byte (every input, the totals, the calls, every metric), and its Markdown (which lists the failed calls). How
 * inputs analysed on other machines come together.
 */
class ResultMergeTest {

    private static final Path SAMPLES = Path.of(System.getProperty("sipanalyzer.samples", "../samples"));
    private static final List<Path> POOL = SharedData.samplesAndCorpus();

    private static SipAnalysis.Result analyse(List<Path> files) {
        try {
            return new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(), CallOptions.defaults())
                    .withFailedCalls(true).run(files.stream().map(AnalysisInput::file).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String report(SipAnalysis.Result r, OutputFormat format) {
        StringWriter out = new StringWriter();
        try {
            new AnalysisReport(r.analysis(), r.calls()).withFailedCalls(r.failedCalls()).withLadders(r.ladders())
                    .withMetrics(r.metrics()).write(format, out, 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Provide
    Arbitrary<Tuple.Tuple2<List<Path>, List<Integer>>> cuts() {
        return Arbitraries.of(POOL).list().ofMinSize(2).ofMaxSize(10).uniqueElements().flatMap(files ->
                Arbitraries.integers().between(1, files.size() - 1).set().ofMinSize(1).ofMaxSize(3)
                        .map(cuts -> Tuple.of(files, cuts.stream().sorted().toList())));
    }

    @Property(tries = 12, shrinking = ShrinkingMode.OFF)
    void theReportOfOneRunIsTheReportOfItsPartsJoinedInOrder(
            @ForAll("cuts") Tuple.Tuple2<List<Path>, List<Integer>> cut) {
        List<Path> files = cut.get1();
        SipAnalysis.Result whole = analyse(files);
        SipAnalysis.Result joined = null;
        int from = 0;
        List<Integer> ends = new ArrayList<>(cut.get2());
        ends.add(files.size());
        for (int to : ends) {
            SipAnalysis.Result part = analyse(files.subList(from, to));
            joined = joined == null ? part : joined.then(part);
            from = to;
        }
        assertEquals(report(whole, OutputFormat.JSON), report(joined, OutputFormat.JSON), "JSON, cut at "
                + cut.get2() + " of " + files);
        assertEquals(report(whole, OutputFormat.MARKDOWN), report(joined, OutputFormat.MARKDOWN), "Markdown");
        assertEquals(whole.failedCalls(), joined.failedCalls());
    }

    /** Past 1,000 inputs an analysis keeps counts, not breakdowns, per input: so does a join that gets there. */
    @Test
    void aJoinPastTheInputsKeptInFullCondensesAsOneRunDoes() {
        List<Path> many = new ArrayList<>(Collections.nCopies(Analyzer.MAX_INPUT_BREAKDOWNS + 1,
                SAMPLES.resolve("sipp-calls-udp.pcap")));
        SipAnalysis.Result whole = analyse(many);
        assertTrue(whole.analysis().inputs().get(0).condensed());
        SipAnalysis.Result joined = analyse(many.subList(0, 600)).then(analyse(many.subList(600, many.size())));
        assertEquals(report(whole, OutputFormat.JSON), report(joined, OutputFormat.JSON));
    }

    @Test
    void resultsOfAnalysesWithOtherTapsDoNotJoin() {
        SipAnalysis.Result a = analyse(List.of(SAMPLES.resolve("sipp-calls-udp.pcap")));
        SipAnalysis.Result withTap = new SipAnalysis.Result(a.analysis(), a.calls(), a.failedCalls(), a.ladders(),
                a.metrics(), List.<Mergeable<?>>of(a.calls()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.then(withTap));
        assertTrue(e.getMessage().contains("different taps"), e.getMessage());
    }
}
