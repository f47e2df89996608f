package org.sipanalyzer.taps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.testing.SharedData;

/**
 * The merge laws every tap's result keeps: analysing inputs A and B in one run gives what merging the results of
 * analysing A and B apart gives, in either order and grouping. Checked on random sets of the samples and the
 * corpus captures, split at random; the results are compared through everything the report shows of them (the
 * statistics and calls sections of the JSON, and every published metric).
 */
class MergeLawsTest {

    private static final List<Path> POOL = SharedData.samplesAndCorpus();

    /** What one run found: the total of its messages, and its calls. */
    private record Found(MessageStatistics messages, CallStatistics calls) {

        Found merge(Found o) {
            return new Found(messages.merge(o.messages), calls.merge(o.calls));
        }
    }

    private static Found analyse(List<Path> inputs) {
        CallTracker tracker = new CallTracker(CallOptions.defaults());
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                .analyze(inputs.stream().map(AnalysisInput::file).toList(), List.of(tracker));
        return new Found(r.total().snapshot(), tracker.snapshot());
    }

    /** Everything the report shows of a result: JSON without the per-input list, then every metric. */
    private static String shown(Found f) {
        StringWriter out = new StringWriter();
        try {
            new AnalysisReport(new AnalysisResult(List.of(), f.messages(), List.of()), f.calls())
                    .write(OutputFormat.JSON, out, 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MetricRegistry m = new MetricRegistry();
        f.messages().publish(m);
        f.calls().publish(m);
        m.all().forEach(x -> out.append(x.toString()).append('\n'));
        return out.toString();
    }

    @Provide
    Arbitrary<Tuple.Tuple2<List<Path>, List<Integer>>> splits() {
        return Arbitraries.of(POOL).list().ofMinSize(2).ofMaxSize(8).uniqueElements().flatMap(files ->
                Arbitraries.integers().between(0, 2).list().ofSize(files.size()).map(parts -> Tuple.of(files, parts)));
    }

    @Property(tries = 15, shrinking = ShrinkingMode.OFF)
    void oneRunEqualsTheMergeOfItsParts(@ForAll("splits") Tuple.Tuple2<List<Path>, List<Integer>> split) {
        List<Path> files = split.get1();
        List<List<Path>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < files.size(); i++) {
            parts.get(split.get2().get(i)).add(files.get(i));
        }
        Found whole = analyse(files);
        Found a = analyse(parts.get(0));
        Found b = analyse(parts.get(1));
        Found c = analyse(parts.get(2));
        String expected = shown(whole);
        same(expected, shown(a.merge(b).merge(c)), "(A+B)+C, of " + files);
        same(expected, shown(c.merge(b.merge(a))), "C+(B+A): commutative and associative, of " + files);
        same(expected, shown(whole.merge(analyse(List.of()))), "an empty run is the identity");
    }

    /** Equal, or a failure that shows the first line that differs. */
    private static void same(String expected, String actual, String what) {
        String[] x = expected.split("\n");
        String[] y = actual.split("\n");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            assertEquals(x[i], y[i], what + ", line " + (i + 1));
        }
        assertEquals(x.length, y.length, what + ": lines");
    }
}
