package org.sipanalyzer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command spark-submit runs: the report written where asked, and usage errors as one line with exit code 2. */
class SparkMainTest {

    private static final Path SAMPLES = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .toAbsolutePath().normalize();

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "local[2]");
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theJsonReportIsWrittenToTheOutputUriAsTheCommandLineWritesIt(@TempDir Path dir) throws Exception {
        String udp = SAMPLES.resolve("sipp-calls-udp.pcap").toString();
        String log = SAMPLES.resolve("logs/sipp/sipp-uac-udp_messages.log").toString();
        Path report = dir.resolve("report.json");
        Run r = run(udp, log, "-f", "json", "-o", report.toUri().toString(), "--batch-mb", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(SparkAnalysisTest.cli(List.of(udp, log)), Files.readString(report));
    }

    /** Every format and CSV table the command line writes, the same from Spark (SQL with its derived id too). */
    @Test
    void everyFormatIsTheCommandLinesOwn(@TempDir Path dir) throws Exception {
        String udp = SAMPLES.resolve("sipp-calls-udp.pcap").toString();
        for (List<String> f : List.of(List.of("-f", "text"), List.of("-f", "csv", "--table", "outcomes"),
                List.of("-f", "csv", "--table", "senders"), List.of("-f", "markdown"), List.of("-f", "html"),
                List.of("-f", "sql"))) {
            Path report = dir.resolve("r");
            List<String> args = new java.util.ArrayList<>(List.of(udp, "-o", report.toUri().toString()));
            args.addAll(f);
            Run r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            List<String> cli = new java.util.ArrayList<>(f);
            cli.add(udp);
            assertEquals(SparkAnalysisTest.cli(cli), Files.readString(report), f.toString());
        }
    }

    @Test
    void theTextReportGoesToStandardOutput() {
        Run r = run(SAMPLES.resolve("sipp-calls-udp.pcap").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("1 of 1 input read: 176 packets, 176 SIP messages"), r.out());
    }

    @Test
    void usageErrorsAreOneLineAndExitCodeTwo() {
        Run none = run();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("INPUT"), none.err());
        Run format = run("-f", "yaml", "x.pcap");
        assertEquals(2, format.code());
        assertEquals("sip-analyzer-spark: unknown format 'yaml'; use text, json, csv, markdown, html or sql\n",
                format.err());
        Run missing = run(SAMPLES.resolve("no-such.pcap").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("sip-analyzer-spark: ") && missing.err().contains("no such file")
                && missing.err().strip().lines().count() == 1, missing.err());
    }
}
