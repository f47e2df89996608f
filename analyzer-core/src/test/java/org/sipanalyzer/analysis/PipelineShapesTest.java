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
import org.sipanalyzer.capture.SmallBatches;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.testing.SharedData;
import org.sipanalyzer.testing.SyntheticCapture;

/**
 * Reading on the analysing thread or ahead on a second one, scanning on the decoding thread or on several of its
 * own, one input at a time or several at once: the same report, to the last warning, whatever the threads.
 */
class PipelineShapesTest {

    private static final List<AnalysisOptions> SHAPES = List.of(
            AnalysisOptions.defaults().withPrefetch(false).withThreads(1),
            AnalysisOptions.defaults().withPrefetch(true).withThreads(1),
            AnalysisOptions.defaults().withPrefetch(true).withThreads(2),
            AnalysisOptions.defaults().withPrefetch(true).withThreads(1).withScanThreads(1),
            AnalysisOptions.defaults().withPrefetch(true).withThreads(1).withScanThreads(3),
            AnalysisOptions.defaults().withPrefetch(true).withThreads(2).withScanThreads(8));

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

    /** Every kind the generator makes (UDP and TCP, dense SIP, a flood of new Call-IDs), cut short at the end. */
    @Test
    void sameReportOnEveryKindOfSyntheticCapture(@TempDir Path dir) throws IOException {
        for (String kind : List.of("tcp", "sip-only", "flood")) {
            Path file = dir.resolve(kind + ".pcap");
            try (OutputStream out = Files.newOutputStream(file)) {
                SyntheticCapture.write(out, 40_000, 11, kind);
            }
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 700)); // the last frame cut short
            String first = json(SHAPES.get(0), List.of(AnalysisInput.file(file)));
            for (AnalysisOptions o : SHAPES.subList(1, SHAPES.size())) {
                assertEquals(first, json(o, List.of(AnalysisInput.file(file))), kind + " " + o);
            }
        }
    }

    /**
     * The corpus read as streams of unknown size, which always take the pipeline (a file under a megabyte is read on
     * the analysing thread): every capture's frames decoded on one thread and scanned on others, in any order, and
     * counted in capture order.
     */
    @Test
    void sameReportOnTheCorpusReadAsStreams() throws IOException {
        List<AnalysisInput> inputs = new ArrayList<>();
        SharedData.corpusCaptures().forEach(p -> inputs.add(AnalysisInput.stored(p.getFileName().toString(),
                () -> Files.newInputStream(p), -1, null)));
        String first = json(AnalysisOptions.defaults().withPrefetch(false), inputs);
        for (int scanThreads : new int[] {1, 2, 5}) {
            AnalysisOptions o = AnalysisOptions.defaults().withPrefetch(true).withScanThreads(scanThreads);
            assertEquals(first, json(o, inputs), o.toString());
        }
    }

    /**
     * The reader fills a batch again once every frame in it was counted. With batches of a few kilobytes, overwritten
     * when released, a stage that still read a frame after that (reassembly keeping a segment, a payload left to
     * scan) would report something else: over UDP, TCP and floods in the synthetic captures, the samples, and (when
     * it is at hand) the corpus with its TCP segments out of order, IP fragments and SCTP; with one scanning thread and
     * with several.
     */
    @Test
    void sameReportWhenReadBatchesAreFilledAgainAsSoonAsCounted(@TempDir Path dir) throws IOException {
        List<AnalysisInput> inputs = new ArrayList<>();
        for (String kind : List.of("tcp", "sip-only", "flood")) {
            Path file = dir.resolve(kind + ".pcap");
            try (OutputStream out = Files.newOutputStream(file)) {
                SyntheticCapture.write(out, 20_000, 13, kind);
            }
            inputs.add(AnalysisInput.stored(kind, () -> Files.newInputStream(file), -1, null));
        }
        // The samples always, the corpus when it is at hand.
        SharedData.samplesAndCorpus().forEach(p -> inputs.add(AnalysisInput.stored(p.getFileName().toString(),
                () -> Files.newInputStream(p), -1, null)));
        String first = json(AnalysisOptions.defaults().withPrefetch(false), inputs);
        // Batches of 8 KB; then of at most 7 frames, so that a batch ends at a chunk's last frame, or one after it, now
        // and then (a release one frame too many would overwrite the next chunk's first frame).
        for (int frames : new int[] {Integer.MAX_VALUE, 7}) {
            try (SmallBatches small = SmallBatches.poisoned(8 * 1024, Math.min(frames, 4096))) {
                for (int scanThreads : new int[] {1, 3}) {
                    AnalysisOptions o = AnalysisOptions.defaults().withPrefetch(true).withScanThreads(scanThreads);
                    assertEquals(first, json(o, inputs), frames + " frames a batch, " + o);
                }
            }
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
