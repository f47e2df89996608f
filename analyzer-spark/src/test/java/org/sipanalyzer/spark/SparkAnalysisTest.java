package org.sipanalyzer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;

/**
 * Spark in local mode (two threads, the driver on 127.0.0.1) gives the JSON report the command line gives on the same
 * inputs, byte for byte: the command line's jar is run beside it ({@code analyze -f json}). Batches are made small so
 * that many tasks run and their results merge along the tree.
 */
class SparkAnalysisTest {

    private static final Path SAMPLES = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .toAbsolutePath().normalize();
    private static final Path CLI = Path.of(System.getProperty("sipanalyzer.cli.jar",
            "../analyzer-cli/target/sip-analyzer.jar"));
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("sip-analyzer-test")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false").set("spark.serializer.extraDebugInfo", "false"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    /** What {@code sip-analyzer analyze ARGS} prints ({@code -f json} unless ARGS say otherwise). */
    static String cli(List<String> args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(CLI), "the command line's jar is built first (mvn -B verify from the root): "
                + CLI);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", CLI.toString(), "analyze"));
        if (!args.contains("-f")) {
            command.addAll(List.of("-f", "json"));
        }
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command line ends");
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    /** The JSON report of the same inputs analysed on Spark, in batches of about {@code batchBytes}. */
    static String spark(List<String> patterns, long batchBytes) throws IOException {
        SipAnalysis.Result r = new SparkAnalysis(Catalogue.standard(), AnalysisOptions.defaults(),
                CallOptions.defaults()).withBatchBytes(batchBytes).run(sc, patterns);
        StringWriter out = new StringWriter();
        new AnalysisReport(r.analysis(), r.calls()).withFailedCalls(r.failedCalls()).withMetrics(r.metrics())
                .write(OutputFormat.JSON, out, 100);
        return out.toString();
    }

    private static List<String> samples(int n) throws IOException {
        try (Stream<Path> s = Files.walk(SAMPLES)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(pcap|pcapng|gz|log|txt|data)$"))
                    .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/."))
                    .sorted().limit(n).map(Path::toString).toList();
        }
    }

    @Test
    void oneCapture() throws Exception {
        List<String> one = List.of(SAMPLES.resolve("sipp-calls-udp.pcap").toString());
        assertEquals(cli(one), spark(one, 1));
    }

    @Test
    void twoCapturesInTwoTasks() throws Exception {
        List<String> two = List.of(SAMPLES.resolve("sipp-calls-udp.pcap").toString(),
                SAMPLES.resolve("sipp-calls-tcp.pcap").toString());
        assertEquals(cli(two), spark(two, 1));
    }

    /** Fifty files, captures and text logs, one task each: the results merge along three levels of the tree. */
    @Test
    void fiftyFilesOneTaskEach() throws Exception {
        List<String> fifty = samples(50);
        assertEquals(50, fifty.size());
        assertTrue(fifty.stream().anyMatch(f -> f.endsWith(".log")), "text logs among them");
        assertEquals(cli(fifty), spark(fifty, 1));
        assertEquals(cli(fifty), spark(fifty, SparkAnalysis.DEFAULT_BATCH_BYTES), "and all in one task");
    }

    /** An empty file and a cut one are reported, each in its place, and the others analysed. */
    @Test
    void emptyAndDamagedCaptures(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pcap"));
        byte[] whole = Files.readAllBytes(SAMPLES.resolve("sipp-calls-udp.pcap"));
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        List<String> files = List.of(empty.toString(), cut.toString(),
                SAMPLES.resolve("kamailio-fork.pcap").toString());
        String json = spark(files, 1);
        assertEquals(cli(files), json);
        assertTrue(json.contains("\"readable\" : false"), "the empty file is not readable, and said so");
        assertTrue(json.contains("damaged-capture"), "the cut capture's damage is a diagnostic");
    }

    /** A directory stands for its files at any depth, in name order, as on the command line. */
    @Test
    void aDirectoryTree() throws Exception {
        List<String> dir = List.of(SAMPLES.resolve("logs").toString());
        assertEquals(cli(dir), spark(dir, 4 << 20));
    }

    @Test
    void batchesKeepTheOrderAndTheirSize() {
        List<SparkAnalysis.Entry> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            files.add(new SparkAnalysis.Entry("f" + i, "f" + i, 40, 0));
        }
        List<SparkAnalysis.Unit> units = SparkAnalysis.units(files, null);
        List<SparkAnalysis.Batch> b = SparkAnalysis.batches(units, 100);
        assertEquals(List.of(2, 2, 2, 2, 2), b.stream().map(x -> x.units().size()).toList());
        assertEquals(units, b.stream().flatMap(x -> x.units().stream()).toList());
        assertEquals(1, SparkAnalysis.batches(units, 1L << 40).size());
        assertEquals(10, SparkAnalysis.batches(units, 1).size());
    }

    /** Grouped by probe: each group one input, at its first file's place, its files in time order, then name. */
    @Test
    void filesAreGroupedByProbeInTimeOrder() {
        List<SparkAnalysis.Entry> files = List.of(new SparkAnalysis.Entry("u1", "/d/p1-b.pcap", 10, 2000),
                new SparkAnalysis.Entry("u2", "/d/other.pcap", 10, 0), new SparkAnalysis.Entry("u3", "/d/p1-a.pcap", 10,
                        1000), new SparkAnalysis.Entry("u4", "/d/p2-a.pcap", 10, 5));
        List<SparkAnalysis.Unit> units = SparkAnalysis.units(files, java.util.regex.Pattern.compile(".*/(p[0-9])-.*"));
        assertEquals(List.of("p1", "/d/other.pcap", "p2"), units.stream().map(SparkAnalysis.Unit::name).toList());
        assertEquals(List.of("/d/p1-a.pcap", "/d/p1-b.pcap"), units.get(0).files().stream()
                .map(SparkAnalysis.Entry::name).toList());
        assertEquals(List.of(true, false, true), units.stream().map(SparkAnalysis.Unit::sequence).toList());
    }

    /** A group's files read as one capture on Spark give what the core gives for that sequence. */
    @Test
    void aGroupIsOneInputAsTheCoreReadsASequence(@TempDir Path dir) throws Exception {
        Path a = Files.copy(SAMPLES.resolve("sipp-calls-udp.pcap"), dir.resolve("probe1-0001.pcap"));
        Path b = Files.copy(SAMPLES.resolve("kamailio-fork.pcap"), dir.resolve("probe1-0002.pcap"));
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(b, java.nio.file.attribute.FileTime.fromMillis(2_000_000));
        SipAnalysis.Result grouped = new SparkAnalysis(Catalogue.standard(), AnalysisOptions.defaults(),
                CallOptions.defaults()).withBatchBytes(1)
                .withGroups(java.util.regex.Pattern.compile(".*/(probe[0-9]+)-.*"))
                .run(sc, List.of(dir.toString()));
        SipAnalysis.Result core = new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(),
                CallOptions.defaults()).run(List.of(org.sipanalyzer.analysis.AnalysisInput.sequence("probe1", List.of(
                        org.sipanalyzer.analysis.AnalysisInput.file(a),
                        org.sipanalyzer.analysis.AnalysisInput.file(b)))));
        assertEquals(1, grouped.analysis().inputs().size());
        assertEquals(json(core), json(grouped));
    }

    private static String json(SipAnalysis.Result r) throws IOException {
        StringWriter out = new StringWriter();
        new AnalysisReport(r.analysis(), r.calls()).withMetrics(r.metrics()).write(OutputFormat.JSON, out, 100);
        return out.toString();
    }
}
