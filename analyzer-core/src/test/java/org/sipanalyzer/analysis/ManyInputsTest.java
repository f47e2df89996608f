package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;

/**
 * A run of many inputs (a directory of 100,000 small captures is allowed) holds per input only what it lists:
 * past {@link Analyzer#MAX_INPUT_BREAKDOWNS} inputs, each keeps its counts, not its breakdowns, and open calls are
 * settled when their input ends. The totals are the same as when everything is kept.
 */
class ManyInputsTest {

    private static final Path SAMPLES = Path.of(System.getProperty("sipanalyzer.samples", "../samples"));

    /** Every capture and log among the samples, and one damaged capture with many warnings. */
    private static List<AnalysisInput> inputs(Path dir) throws IOException {
        List<AnalysisInput> in = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SAMPLES)) {
            s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".log")).sorted()
                    .forEach(p -> in.add(AnalysisInput.file(p)));
        }
        // Ten packets whose UDP header is cut short: a warning each, more than a condensed input lists.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        var pcap = new org.sipanalyzer.testing.CaptureWriter.Pcap(out, java.nio.ByteOrder.LITTLE_ENDIAN, false, 101,
                65535);
        for (int i = 0; i < 10; i++) {
            pcap.packet(1_000_000_000L * (i + 1), org.sipanalyzer.testing.Packets.ipv4Packet(
                    org.sipanalyzer.testing.Packets.ipv4(192, 0, 2, 1),
                    org.sipanalyzer.testing.Packets.ipv4(192, 0, 2, 2), 17, new byte[] {0x13, (byte) 0xc4}));
        }
        Path damaged = dir.resolve("damaged.pcap");
        Files.write(damaged, out.toByteArray());
        in.add(AnalysisInput.file(damaged));
        in.add(AnalysisInput.file(SAMPLES.resolve("sipp-calls-udp.pcap.gz")));
        return in;
    }

    private static JsonNode json(AnalysisResult r) throws IOException {
        StringWriter w = new StringWriter();
        new AnalysisReport(r).write(OutputFormat.JSON, w, 100);
        return new ObjectMapper().readTree(w.toString());
    }

    @Test
    void pastTheLimitEachInputKeepsItsCountsAndTheTotalsAreUnchanged(@TempDir Path dir) throws IOException {
        List<AnalysisInput> in = inputs(dir);
        assertTrue(in.size() > 10, "the samples hold " + in.size() + " inputs");
        AnalysisOptions o = AnalysisOptions.defaults();
        CallTracker keptCalls = new CallTracker(CallOptions.defaults());
        AnalysisResult kept = new Analyzer(Catalogue.standard(), o).analyze(in, List.of(keptCalls));
        keptCalls.finish();
        CallTracker condensedCalls = new CallTracker(CallOptions.defaults());
        AnalysisResult condensed = new Analyzer(Catalogue.standard(), o.withThreads(2), 4).analyze(in,
                List.of(condensedCalls));
        condensedCalls.finish();

        int trimmed = 0;
        for (int i = 0; i < in.size(); i++) {
            InputReport k = kept.inputs().get(i);
            InputReport c = condensed.inputs().get(i);
            assertFalse(k.condensed());
            assertTrue(c.condensed(), c.name());
            assertNull(c.statistics());
            assertEquals(MessageCounts.of(k.statistics()), c.counts(), c.name());
            assertEquals(k.sipMessages(), c.sipMessages());
            assertEquals(k.warnings().subList(0, Math.min(3, k.warnings().size())), c.warnings());
            assertEquals(k.warnings().size() + k.warningsNotListed(), c.warnings().size() + c.warningsNotListed(),
                    "no warning is lost: the ones not listed are counted");
            trimmed += k.warnings().size() > Analyzer.CONDENSED_WARNINGS ? 1 : 0;
        }
        assertTrue(trimmed > 0, "some input has more warnings than a condensed input lists");

        JsonNode a = json(kept);
        JsonNode b = json(condensed);
        for (JsonNode input : b.get("inputs")) {
            assertEquals(List.of("messages"), names(input.get("statistics").fieldNames()),
                    "a condensed input's statistics hold its message counts only");
        }
        ((ObjectNode) a).remove("inputs");
        ((ObjectNode) b).remove("inputs");
        assertEquals(a, b, "the totals, calls included, do not depend on what is kept per input");
        assertEquals(keptCalls.statistics().total(), condensedCalls.statistics().total());
        assertTrue(keptCalls.statistics().total() > 50, "the samples hold calls");
    }

    @Test
    void openCallsAreSettledWhenTheirInputEnds(@TempDir Path dir) throws IOException {
        CallTracker calls = new CallTracker(CallOptions.defaults());
        List<Integer> openAtEnd = new ArrayList<>();
        StatisticsListener watch = new StatisticsListener() {
            @Override
            public String name() {
                return "watch";
            }

            @Override
            public void onEvent(SipEvent event) {
            }

            @Override
            public void onInputEnd(int input) {
                openAtEnd.add(calls.openCalls()); // called after the tracker's own onInputEnd
            }
        };
        List<AnalysisInput> in = inputs(dir);
        new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(in, List.of(calls, watch));
        assertEquals(in.size(), openAtEnd.size(), "every input ends once");
        assertTrue(openAtEnd.stream().allMatch(n -> n == 0), openAtEnd.toString());
        assertTrue(calls.statistics().total() > 50);
    }

    private static <T> List<T> names(java.util.Iterator<T> it) {
        List<T> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
