package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipanalyzer.catalogue.Catalogue;

/**
 * An Error on a pipeline thread (out of memory, a JVM fault) must end the analysis with that Error, on every
 * shape of the pipeline; it once ended the input as if it had been read to its end, and the run "succeeded"
 * with a part of the report.
 */
class FailingInputTest {

    /** The UDP sample, failing with an Error after its first 8 KiB. */
    static InputStream failingAfter8k() throws IOException {
        Path sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap");
        return new FilterInputStream(Files.newInputStream(sample)) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 8192) {
                    throw new InternalError("the disk controller failed");
                }
                int n = super.read(b, off, (int) Math.min(len, 8192 - read));
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "prefetching", "parallel inputs"})
    void anErrorWhileReadingFailsTheRun(String shape) throws IOException {
        AnalysisOptions o = AnalysisOptions.defaults();
        o = switch (shape) {
            case "sequential" -> o.withPrefetch(false);
            case "prefetching" -> o.withPrefetch(true);
            default -> o.withThreads(2);
        };
        List<AnalysisInput> inputs = shape.equals("parallel inputs")
                ? List.of(AnalysisInput.stream("a", failingAfter8k()), AnalysisInput.stream("b", failingAfter8k()))
                : List.of(AnalysisInput.stream("a", failingAfter8k()));
        Analyzer analyzer = new Analyzer(Catalogue.standard(), o);
        InternalError e = assertThrows(InternalError.class, () -> analyzer.analyze(inputs, List.of()));
        assertEquals("the disk controller failed", e.getMessage());
    }
}
