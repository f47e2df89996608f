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

    /** What {@code sip-analyzer analyze -f json ARGS} prints. */
    static String cli(List<String> args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(CLI), "the command line's jar is built first (mvn -B verify from the root): "
                + CLI);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", CLI.toString(), "analyze", "-f", "json"));
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
            return s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(pcap|pcapng|gz|log|txt|data)$"))
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
        List<String> files = List.of(empty.toString(), cut.toString(), SAMPLES.resolve("kamailio-fork.pcap").toString());
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
        List<SparkAnalysis.Batch> b = SparkAnalysis.batches(files, 100);
        assertEquals(List.of(2, 2, 2, 2, 2), b.stream().map(x -> x.files().size()).toList());
        assertEquals(files, b.stream().flatMap(x -> x.files().stream()).toList());
        assertEquals(1, SparkAnalysis.batches(files, 1L << 40).size());
        assertEquals(10, SparkAnalysis.batches(files, 1).size());
    }
}
