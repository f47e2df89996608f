package org.sipanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;

/** The charts' figures are the analysis's: on the SIPp sample, whose calls are known from its script. */
class ChartsTest {

    private static CallStatistics sample() {
        CallTracker t = new CallTracker(CallOptions.defaults());
        new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(AnalysisInput.file(Path.of(
                System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap"))), List.of(t));
        t.finish();
        return t.statistics();
    }

    private static long sum(CategoryDataset d) {
        long n = 0;
        for (int r = 0; r < d.getRowCount(); r++) {
            for (int c = 0; c < d.getColumnCount(); c++) {
                n += d.getValue(r, c).longValue();
            }
        }
        return n;
    }

    @Test
    void postDialDelaysPutTheSlowCalleesTwoCallsBetweenOneAndTwoSeconds() {
        CategoryDataset d = Charts.pddDistribution(sample()).getCategoryPlot().getDataset();
        assertEquals(30, sum(d), "every call with a PDD once");
        assertEquals(2, d.getValue("calls", "1 s to 2 s").longValue(), "the callee that waits 1.2 s before ringing");
        assertEquals(28, d.getValue("calls", "up to 100 ms").longValue(), "the others ring at once on loopback");
    }

    @Test
    void callsOverTimeHoldEveryCallOnceByOutcome() {
        CallStatistics s = sample();
        CategoryDataset d = Charts.callsOverTime(s, 1, Charts.MAX_TIME_BARS).getCategoryPlot().getDataset();
        assertEquals(s.total(), sum(d));
        long answered = 0;
        for (int c = 0; c < d.getColumnCount(); c++) {
            answered += d.getValue("answered", d.getColumnKey(c)).longValue();
        }
        assertEquals(s.answered(), answered);
        CategoryDataset wide = Charts.callsOverTime(s, 1, 3).getCategoryPlot().getDataset();
        assertEquals(s.total(), sum(wide), "a wider interval when the bars would be too many");
        assertEquals(true, wide.getColumnCount() <= 3, wide.getColumnCount() + " bars");
    }
}
