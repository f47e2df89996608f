package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;

/**
 * A capture cut in two where a probe would rotate its file (mid-call, mid-TCP-stream) and read back as a sequence
 * gives the report of the whole capture, byte for byte; read as two inputs, the calls at the cut are split.
 */
class SequenceInputTest {

    private static final Path SAMPLES = Path.of(System.getProperty("sipanalyzer.samples", "../samples"));

    /** The capture's bytes cut after {@code records} records: two pcap files, each with the file header. */
    private static Path[] cut(Path capture, int records, Path dir) throws IOException {
        byte[] b = Files.readAllBytes(capture);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, bb.getInt(0), "a little-endian pcap");
        int at = 24;
        for (int i = 0; i < records; i++) {
            at += 16 + bb.getInt(at + 8);
        }
        byte[] second = new byte[24 + b.length - at];
        System.arraycopy(b, 0, second, 0, 24);
        System.arraycopy(b, at, second, 24, b.length - at);
        return new Path[] {Files.write(dir.resolve("a.pcap"), Arrays.copyOf(b, at)),
            Files.write(dir.resolve("b.pcap"), second)};
    }

    private static String json(List<AnalysisInput> inputs) throws IOException {
        SipAnalysis.Result r = new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(), CallOptions.defaults())
                .run(inputs);
        StringWriter out = new StringWriter();
        new AnalysisReport(r.analysis(), r.calls()).withMetrics(r.metrics()).write(OutputFormat.JSON, out, 100);
        return out.toString();
    }

    @Test
    void aCaptureCutMidCallReadAsASequenceIsTheWholeCapture(@TempDir Path dir) throws IOException {
        for (String sample : List.of("sipp-calls-udp.pcap", "sipp-calls-tcp.pcap")) {
            Path whole = SAMPLES.resolve(sample);
            Path[] parts = cut(whole, 77, dir);
            String expected = json(List.of(AnalysisInput.file(whole)));
            String sequence = json(List.of(AnalysisInput.sequence(whole.toString(),
                    List.of(AnalysisInput.file(parts[0]), AnalysisInput.file(parts[1])))));
            assertEquals(expected, sequence, sample);
            String apart = json(List.of(AnalysisInput.file(parts[0]), AnalysisInput.file(parts[1])));
            assertNotEquals(expected.substring(expected.indexOf("\"calls\"")),
                    apart.substring(apart.indexOf("\"calls\"")), sample + ": read apart, the calls at the cut split");
        }
    }

    @Test
    void aFileThatIsNotACaptureIsAWarningAndTheOthersAreRead(@TempDir Path dir) throws IOException {
        Path whole = SAMPLES.resolve("sipp-calls-udp.pcap");
        Path[] parts = cut(whole, 60, dir);
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a capture\n");
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(
                AnalysisInput.sequence("probe", List.of(AnalysisInput.file(parts[0]), AnalysisInput.file(text),
                        AnalysisInput.file(parts[1])))));
        InputReport in = r.inputs().get(0);
        assertTrue(in.readable());
        assertEquals(176, in.packets(), "every frame of both captures");
        assertEquals(1, in.warnings().size(), in.warnings().toString());
        assertTrue(in.warnings().get(0).contains(text.toString()) && in.warnings().get(0).contains("not read"),
                in.warnings().get(0));
        AnalysisResult none = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(
                AnalysisInput.sequence("probe", List.of(AnalysisInput.file(text)))));
        assertFalse(none.inputs().get(0).readable());
        assertTrue(none.inputs().get(0).error().contains("none of its 1 files"), none.inputs().get(0).error());
    }
}
