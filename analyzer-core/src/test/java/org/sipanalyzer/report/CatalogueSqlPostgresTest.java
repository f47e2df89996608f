package org.sipanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.catalogue.Catalogue;

/**
 * Loads the SQL export into a throw-away PostgreSQL cluster with {@code psql}, where Debian's PostgreSQL
 * server is installed and the test may act as the {@code postgres} user; skipped elsewhere.
 */
class CatalogueSqlPostgresTest {

    @Test
    void sqlLoadsUnchangedIntoPostgres() throws Exception {
        Optional<Path> bin = postgresBin();
        assumeTrue(bin.isPresent(), "PostgreSQL server binaries not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run PostgreSQL as postgres");
        assumeTrue(run("id", "postgres").exit == 0, "no postgres user");

        Path dir = Files.createTempDirectory("sipanalyzer-pg", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxrwx")));
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path sql = dir.resolve("codes.sql");
            StringWriter w = new StringWriter();
            CatalogueReport.ofEntries(Catalogue.standard().entries()).write(OutputFormat.SQL, w, 100);
            Files.writeString(sql, w.toString(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(sql, PosixFilePermissions.fromString("rw-r--r--"));
            // An analysis of a sample and its calls too, each loaded twice: re-loading replaces, never duplicates.
            java.util.List<org.sipanalyzer.calls.Call> calls = new java.util.ArrayList<>();
            var tracker = new org.sipanalyzer.calls.CallTracker(org.sipanalyzer.calls.CallOptions.defaults(),
                    calls::add);
            var input = org.sipanalyzer.analysis.AnalysisInput.file(Path.of(System.getProperty("sipanalyzer.samples",
                    "../samples")).resolve("sipp-calls-udp.pcap"));
            var result = new org.sipanalyzer.analysis.Analyzer(Catalogue.standard(),
                    org.sipanalyzer.analysis.AnalysisOptions.defaults()).analyze(java.util.List.of(input),
                    java.util.List.of(tracker));
            tracker.finish();
            Path analysis = dir.resolve("analysis.sql");
            StringWriter aw = new StringWriter();
            new AnalysisReport(result, tracker.statistics()).withAnalysisId("pg").write(OutputFormat.SQL, aw, 100);
            new CallsReport(calls, java.util.List.of(input.name()), Catalogue.standard()).withAnalysisId("pg")
                    .write(OutputFormat.SQL, aw, 100);
            Files.writeString(analysis, aw.toString(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(analysis, PosixFilePermissions.fromString("rw-r--r--"));

            String b = bin.get().toString();
            String data = dir.resolve("data").toString();
            int port = 20000 + (int) (ProcessHandle.current().pid() % 20000);
            String script = String.join(" && ",
                    b + "/initdb -D " + data + " -A trust >/dev/null",
                    b + "/pg_ctl -D " + data + " -w -t 30 -o '-k " + dir + " -p " + port
                            + " -c listen_addresses=' -l " + dir + "/log start >/dev/null",
                    "psql -h " + dir + " -p " + port + " -d postgres -v ON_ERROR_STOP=1 -q -f " + sql,
                    // the codes twice: the second load replaces the rows of the first
                    "psql -h " + dir + " -p " + port + " -d postgres -v ON_ERROR_STOP=1 -q -f " + sql,
                    "psql -h " + dir + " -p " + port + " -d postgres -v ON_ERROR_STOP=1 -q -f " + analysis,
                    "psql -h " + dir + " -p " + port + " -d postgres -v ON_ERROR_STOP=1 -q -f " + analysis,
                    "psql -h " + dir + " -p " + port
                            + " -d postgres -At -c \"SELECT (SELECT count(*) FROM sip_call) || ' '"
                            + " || (SELECT calls FROM sip_analysis) || ' ' || (SELECT count FROM sip_analysis_code"
                            + " WHERE code = '486')\"",
                    "psql -h " + dir + " -p " + port + " -d postgres -At -c \"SELECT count(*) || ' ' || "
                            + "sum(CASE WHEN status = 'historic' THEN 1 ELSE 0 END) || ' ' || "
                            + "(SELECT reason FROM sip_response_code WHERE code = 437) FROM sip_response_code\"");
            Result r;
            try {
                r = run("su", "postgres", "-s", "/bin/sh", "-c", script);
            } finally {
                run("su", "postgres", "-s", "/bin/sh", "-c", b + "/pg_ctl -D " + data + " -m immediate stop");
            }
            assertEquals(0, r.exit, r.output);
            assertTrue(r.output.strip().endsWith("77 2 Unsupported Credential"), r.output);
            assertTrue(r.output.contains(calls.size() + " " + calls.size() + " 2\n"),
                    "the sample's calls once each, and"
                            + " its two 486s: " + r.output);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Optional<Path> postgresBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                    .max(Comparator.naturalOrder());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(timed out)");
        }
        return new Result(p.exitValue(), out);
    }
}
