package org.sipanalyzer.taps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;

/**
 * What a cluster's tasks send back: the results of an analysis, serialised with Java's serialisation (as Spark does)
 * and read back, give the same JSON report and join as the originals do.
 */
class SerializedResultTest {

    private static final Path SAMPLES = Path.of(System.getProperty("sipanalyzer.samples", "../samples"));

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static String json(SipAnalysis.Result r, OutputFormat format) throws IOException {
        StringWriter out = new StringWriter();
        new AnalysisReport(r.analysis(), r.calls()).withFailedCalls(r.failedCalls()).withLadders(r.ladders())
                .withMetrics(r.metrics()).write(format, out, 100);
        return out.toString();
    }

    @Test
    void everySampleResultSurvivesSerialisation() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SAMPLES)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(pcap|pcapng|gz|log|txt|data)$"))
                    .filter(p -> !p.toString().contains("node_modules")).sorted().toList();
        }
        assertTrue(files.size() > 40);
        SipAnalysis.Result r = new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(), CallOptions.defaults())
                .withFailedCalls(true).run(files.stream().map(AnalysisInput::file).toList());
        // A cluster's task sends its result without metrics (a registry holds predicates); they are republished.
        SipAnalysis.Result back = roundTrip(r.withoutMetrics()).republished();
        assertEquals(json(r, OutputFormat.JSON), json(back, OutputFormat.JSON));
        assertEquals(json(r, OutputFormat.HTML), json(back, OutputFormat.HTML), "the ladders too");
        assertTrue(!r.ladders().isEmpty());
        assertEquals(r.failedCalls(), back.failedCalls());
        assertEquals(r.metrics().all(), back.metrics().all());
    }
}
