package org.sipanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.net.Endpoint;

/**
 * The SQL of an analysis and of its calls, loaded with Debian's sqlite3 shell as a user would, twice (it must load
 * again without error or duplicate rows), then read back and compared with the JSON report of the same analysis.
 */
class SqlReportTest {

    private static final Path SAMPLES = Path.of(System.getProperty("sipanalyzer.samples", "../samples"));

    private static void load(Path db, Path script) throws Exception {
        Path shell = Path.of("/usr/bin/sqlite3");
        Assumptions.assumeTrue(Files.isExecutable(shell), "sqlite3 shell not installed");
        Process p = new ProcessBuilder(shell.toString(), "-bail", db.toString(), ".read " + script)
                .redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
        } finally {
            p.destroyForcibly();
        }
    }

    private static long one(Statement st, String query) throws Exception {
        try (ResultSet rs = st.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getLong(1);
        }
    }

    @Test
    void anAnalysisAndItsCallsLoadTwiceAndSayWhatTheJsonSays(@TempDir Path dir) throws Exception {
        List<AnalysisInput> in = List.of(AnalysisInput.file(SAMPLES.resolve("sipp-calls-udp.pcap")),
                AnalysisInput.file(SAMPLES.resolve("kamailio-hep.pcap")));
        List<Call> calls = new ArrayList<>();
        CallTracker tracker = new CallTracker(CallOptions.defaults(), calls::add);
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(in, List.of(tracker));
        tracker.finish();
        StringWriter sql = new StringWriter();
        new AnalysisReport(r, tracker.statistics()).withAnalysisId("run-1").write(OutputFormat.SQL, sql, 100);
        StringWriter json = new StringWriter();
        new AnalysisReport(r, tracker.statistics()).write(OutputFormat.JSON, json, 100);
        StringWriter callsSql = new StringWriter();
        new CallsReport(calls, in.stream().map(AnalysisInput::name).toList(), Catalogue.standard())
                .withAnalysisId("run-1").write(OutputFormat.SQL, callsSql, 100);
        Path a = dir.resolve("analysis.sql");
        Path c = dir.resolve("calls.sql");
        Files.writeString(a, sql.toString());
        Files.writeString(c, callsSql.toString());
        Path db = dir.resolve("results.db");
        for (int i = 0; i < 2; i++) {
            load(db, a);
            load(db, c);
        }
        JsonNode j = new ObjectMapper().readTree(json.toString());
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = conn.createStatement()) {
            assertEquals(1, one(st, "SELECT count(*) FROM sip_analysis"));
            assertEquals(j.get("messages").get("total").asLong(), one(st, "SELECT messages FROM sip_analysis"));
            assertEquals(j.get("calls").get("total").asLong(), one(st, "SELECT calls FROM sip_analysis"));
            assertEquals(2, one(st, "SELECT count(*) FROM sip_analysis_input"));
            assertEquals(j.get("responses").get("byCode").size(), one(st, "SELECT count(*) FROM sip_analysis_code"));
            assertEquals(j.get("responses").get("byCode").get("486").get("count").asLong(),
                    one(st, "SELECT count FROM sip_analysis_code WHERE code = '486'"));
            assertEquals(j.get("calls").get("byOutcome").get("busy").asLong(),
                    one(st, "SELECT calls FROM sip_analysis_outcome WHERE outcome = 'busy'"));
            assertEquals(calls.size(), one(st, "SELECT count(*) FROM sip_call"), "no call twice after two loads");
            assertEquals(calls.stream().filter(x -> x.outcome() == CallOutcome.CANCELLED).count(),
                    one(st, "SELECT count(*) FROM sip_call WHERE outcome = 'cancelled'"));
            try (ResultSet rs = st.executeQuery("SELECT asr FROM sip_analysis")) {
                assertTrue(rs.next());
                assertEquals(j.get("calls").get("kpis").get("asr").asDouble(), rs.getDouble(1), 0.01, "ASR in percent");
            }
        }
    }

    /**
     * Text from a capture is data, whatever quotes, semicolons or NUL bytes it holds; the load stays one script, and
     * the script, shown on a terminal, carries no escape sequence and no bidirectional override.
     */
    @Test
    void hostileTextFromACaptureStaysData(@TempDir Path dir) throws Exception {
        String nasty = "x'); DROP TABLE sip_call; --\u0000\"\\\u001b[2J\u202eevil";
        Endpoint a = new Endpoint(new byte[] {10, 0, 0, 1}, 5060);
        Call call = new Call(0, nasty, 1_000_000_000L, "<sip:" + nasty + "@h>", "<sip:b@h>", a, a, CallOutcome.FAILED,
                500, nasty, -1, null, null, null, a, nasty, false, 5_000_000L, -1, -1, 1, 0, 1);
        StringWriter w = new StringWriter();
        new CallsReport(List.of(call), List.of("in'put.pcap"), Catalogue.standard()).withAnalysisId(nasty)
                .write(OutputFormat.SQL, w, 100);
        for (char c : w.toString().toCharArray()) {
            boolean control = c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f;
            assertTrue(!control && c != '\u202e', "hidden character " + Integer.toHexString(c));
        }
        Path script = dir.resolve("c.sql");
        Files.writeString(script, w.toString());
        Path db = dir.resolve("h.db");
        load(db, script);
        load(db, script);
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT call_id, final_reason, answering_agent, input, analysis_id,"
                        + " pdd_ms FROM sip_call")) {
            assertTrue(rs.next());
            String stored = "x'); DROP TABLE sip_call; --\uFFFD\"\\\uFFFD[2J\uFFFDevil";
            assertEquals(stored, rs.getString(1));
            assertEquals(stored, rs.getString(2));
            assertEquals(stored, rs.getString(3));
            assertEquals("in'put.pcap", rs.getString(4));
            assertEquals(stored, rs.getString(5));
            assertEquals(5.0, rs.getDouble(6), 1e-9);
            assertTrue(!rs.next(), "one row after two loads");
        }
    }
}
