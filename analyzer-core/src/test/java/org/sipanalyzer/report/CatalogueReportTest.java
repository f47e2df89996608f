package org.sipanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.CodeStatus;
import org.sipanalyzer.catalogue.ResponseCode;

class CatalogueReportTest {

    private final Catalogue catalogue = Catalogue.standard();

    /** An entry whose text holds everything each format must escape. */
    private static final ResponseCode HOSTILE = new ResponseCode(499, "It's \"odd\" | <b>", List.of("a,b", "c|d"),
            CodeStatus.REGISTERED, "RFC9999", "Line one\nline two; DROP TABLE x; -- 'quoted' \\ back\rslash, comma");

    private String render(CatalogueReport report, OutputFormat format) throws IOException {
        StringWriter w = new StringWriter();
        report.write(format, w, 100);
        return w.toString();
    }

    private CatalogueReport everything() {
        return CatalogueReport.ofEntries(catalogue.entries());
    }

    @Test
    void csvParsesBackToTheCatalogue() throws IOException {
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(render(everything(), OutputFormat.CSV))).getRecords();
        assertEquals(catalogue.entries().size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            ResponseCode e = catalogue.entries().get(i);
            CSVRecord r = records.get(i);
            assertEquals(Integer.toString(e.code()), r.get("code"));
            assertEquals(e.responseClass().shortName(), r.get("class"));
            assertEquals(e.reason(), r.get("reason"));
            assertEquals(String.join("|", e.aliases()), r.get("aliases"));
            assertEquals(e.status().word(), r.get("status"));
            assertEquals(e.rfc(), r.get("rfc"));
            assertEquals(e.meaning(), r.get("meaning"));
        }
    }

    @Test
    void csvKeepsHostileTextIntact() throws IOException {
        String csv = render(CatalogueReport.ofEntries(List.of(HOSTILE)), OutputFormat.CSV);
        assertTrue(csv.contains("\r\n"), "RFC 4180 line ends");
        CSVRecord r = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords().get(0);
        assertEquals(HOSTILE.reason(), r.get("reason"));
        assertEquals(HOSTILE.meaning(), r.get("meaning"));
        assertEquals("a,b|c|d", r.get("aliases"));
    }

    @Test
    void jsonParsesBackWithSchemaVersion() throws IOException {
        JsonNode root = new ObjectMapper().readTree(render(everything(), OutputFormat.JSON));
        assertEquals(1, root.get("schemaVersion").asInt());
        JsonNode codes = root.get("codes");
        assertEquals(catalogue.entries().size(), codes.size());
        for (int i = 0; i < codes.size(); i++) {
            ResponseCode e = catalogue.entries().get(i);
            JsonNode c = codes.get(i);
            assertEquals(e.code(), c.get("code").asInt());
            assertEquals(e.reason(), c.get("reason").asText());
            assertEquals(e.meaning(), c.get("meaning").asText());
            assertEquals(e.code(), c.get("treatedAs").asInt());
            assertEquals(e.aliases().size(), c.get("aliases").size());
        }
        JsonNode historic = codes.findParents("code").stream().filter(n -> n.get("code").asInt() == 409)
                .findFirst().orElseThrow();
        assertEquals("historic", historic.get("status").asText());
        assertFalse(historic.get("registered").asBoolean());
    }

    @Test
    void jsonDescribesAnUnregisteredCodeByItsFallback() throws IOException {
        JsonNode c = new ObjectMapper().readTree(render(CatalogueReport.of(List.of(catalogue.lookup(499))),
                OutputFormat.JSON)).get("codes").get(0);
        assertEquals(499, c.get("code").asInt());
        assertEquals("unregistered", c.get("status").asText());
        assertFalse(c.get("registered").asBoolean());
        assertTrue(c.get("reason").isNull());
        assertEquals(400, c.get("treatedAs").asInt());
        assertTrue(c.get("meaning").asText().contains("400 Bad Request"));
    }

    @Test
    void sqlLoadsIntoSqliteWithEveryCode(@TempDir Path dir) throws Exception {
        String sql = render(everything(), OutputFormat.SQL);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("codes.db"))) {
            runScript(db, sql);
            try (Statement st = db.createStatement()) {
                assertEquals(77, count(st, "SELECT count(*) FROM sip_response_code"));
                assertEquals(75, count(st, "SELECT count(*) FROM sip_response_code WHERE status <> 'historic'"));
                assertEquals(2, count(st, "SELECT count(*) FROM sip_response_code WHERE status = 'historic'"));
                Set<Integer> codes = new HashSet<>();
                try (ResultSet rs = st.executeQuery("SELECT code, reason, meaning FROM sip_response_code")) {
                    while (rs.next()) {
                        ResponseCode e = catalogue.entry(rs.getInt(1)).orElseThrow();
                        assertEquals(e.reason(), rs.getString(2));
                        assertEquals(e.meaning(), rs.getString(3));
                        codes.add(rs.getInt(1));
                    }
                }
                assertTrue(codes.containsAll(org.sipanalyzer.catalogue.CatalogueTestCodes.ALL));
            }
        }
    }

    @Test
    void sqlEscapesQuotesSoInjectedTextStaysData(@TempDir Path dir) throws Exception {
        String sql = render(CatalogueReport.ofEntries(List.of(HOSTILE)), OutputFormat.SQL);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("h.db"));
                Statement st = db.createStatement()) {
            runScript(db, sql);
            try (ResultSet rs = st.executeQuery("SELECT reason, meaning, aliases FROM sip_response_code")) {
                assertTrue(rs.next());
                assertEquals(HOSTILE.reason(), rs.getString(1));
                assertEquals(HOSTILE.meaning().replace('\r', '\uFFFD'), rs.getString(2),
                        "line feeds kept, a carriage return (it writes over a line on a terminal) replaced");
                assertEquals("a,b|c|d", rs.getString(3));
            }
        }
    }

    /** Loads the script with Debian's sqlite3 shell as a user would, where installed; twice, as it replaces itself. */
    @Test
    void sqlLoadsUnchangedThroughTheSqlite3ShellAndAgain(@TempDir Path dir) throws Exception {
        Path shell = Path.of("/usr/bin/sqlite3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(shell), "sqlite3 shell not installed");
        Path script = dir.resolve("codes.sql");
        Files.writeString(script, render(everything(), OutputFormat.SQL), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(shell.toString(), "-bail", dir.resolve("shell.db").toString(),
                ".read " + script, ".read " + script, "SELECT count(*) FROM sip_response_code;")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("77", out);
    }

    @Test
    void markdownEscapesCellText() throws IOException {
        String md = render(CatalogueReport.ofEntries(List.of(HOSTILE)), OutputFormat.MARKDOWN);
        List<String> lines = md.lines().toList();
        assertEquals(3, lines.size(), "header, rule and one row: line breaks in text must not split the row");
        String row = lines.get(2);
        assertEquals(7, countUnescapedPipes(row), "six cells, so seven unescaped pipes: " + row);
        assertFalse(row.contains("<b>"), "HTML is escaped");
    }

    @Test
    void textFitsTheWidthAndGroupsByClass() throws IOException {
        StringWriter w = new StringWriter();
        everything().write(OutputFormat.TEXT, w, 90);
        String text = w.toString();
        for (String line : text.lines().toList()) {
            assertTrue(line.length() <= 90, () -> "too wide (" + line.length() + "): " + line);
        }
        for (String heading : List.of("1xx Provisional", "2xx Success", "3xx Redirection", "4xx Client Failure",
                "5xx Server Failure", "6xx Global Failure")) {
            assertTrue(text.lines().anyMatch(heading::equals), heading);
        }
        assertTrue(text.contains("486   Busy Here"));
    }

    @Test
    void textNeutralisesControlCharacters() throws IOException {
        ResponseCode evil = new ResponseCode(499, "Evil\u001b[31m", List.of(), CodeStatus.REGISTERED, "RFC1",
                "Bell\u0007 and escape\u001b]0;title\u0007");
        String text = render(CatalogueReport.ofEntries(List.of(evil)), OutputFormat.TEXT);
        assertFalse(text.chars().anyMatch(c -> c == 0x1b || c == 0x07), text);
    }

    private static int countUnescapedPipes(String row) {
        int n = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
                n++;
            }
        }
        return n;
    }

    private static long count(Statement st, String query) throws SQLException {
        try (ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a script statement by statement: each of ours ends with ';' at the end of a line. */
    private static void runScript(Connection db, String sql) throws SQLException {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            if (line.startsWith("--") && current.length() == 0) {
                continue;
            }
            current.append(line).append('\n');
            if (line.endsWith(";")) {
                statements.add(current.toString());
                current.setLength(0);
            }
        }
        assertTrue(current.toString().isBlank(), "script ends with a complete statement");
        db.setAutoCommit(true);
        try (Statement st = db.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }
}
