package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.testing.SharedData;
import org.sipanalyzer.testing.SyntheticCapture;

/**
 * Reading on the analysing thread or ahead on a second one, one input at a time or several at once: the same
 * report, to the last warning, whatever the threads.
 */
class PipelineShapesTest {

    private static final List<AnalysisOptions> SHAPES = List.of(
            AnalysisOptions.defaults().withPrefetch(false).withThreads(1),
            AnalysisOptions.defaults().withPrefetch(true).withThreads(1),
            AnalysisOptions.defaults().withPrefetch(true).withThreads(2));

    private static String json(AnalysisOptions o, List<AnalysisInput> in) throws IOException {
        StringWriter w = new StringWriter();
        new AnalysisReport(new Analyzer(Catalogue.standard(), o).analyze(in)).write(OutputFormat.JSON, w, 100);
        return w.toString();
    }

    @Test
    void sameReportOnASyntheticCapture(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.pcap");
        try (OutputStream out = Files.newOutputStream(file)) {
            SyntheticCapture.write(out, 30_000, 5);
        }
        String first = json(SHAPES.get(0), List.of(AnalysisInput.file(file)));
        for (AnalysisOptions o : SHAPES.subList(1, SHAPES.size())) {
            assertEquals(first, json(o, List.of(AnalysisInput.file(file))), o.toString());
        }
    }

    @Test
    void sameReportOnTheWholeCorpus() throws IOException {
        List<AnalysisInput> inputs = new ArrayList<>();
        SharedData.corpusCaptures().forEach(p -> inputs.add(AnalysisInput.file(p)));
        String first = json(SHAPES.get(0), inputs);
        for (AnalysisOptions o : SHAPES.subList(1, SHAPES.size())) {
            assertEquals(first, json(o, inputs), o.toString());
        }
    }
}
