package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodesCommandTest {

    @Test
    void listsTheWholeCatalogueAsATable() {
        CliRun r = CliRun.of("codes");
        assertEquals(ExitCode.OK, r.exit());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("486   Busy Here")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("608   Rejected")));
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void showsChosenCodesOnly() throws Exception {
        CliRun r = CliRun.of("codes", "486", "603", "--format", "csv");
        assertEquals(ExitCode.OK, r.exit());
        List<CSVRecord> rows = csv(r.out());
        assertEquals(List.of("486", "603"), rows.stream().map(x -> x.get("code")).toList());
        assertEquals("Decline", rows.get(1).get("reason"));
    }

    @Test
    void showsAClass() throws Exception {
        List<CSVRecord> rows = csv(CliRun.of("codes", "6xx", "--format", "csv").out());
        assertEquals(List.of("600", "603", "604", "606", "607", "608"), rows.stream().map(x -> x.get("code")).toList());
    }

    @Test
    void explainsAnUnregisteredCode() throws Exception {
        CliRun text = CliRun.of("codes", "499");
        assertEquals(ExitCode.OK, text.exit());
        assertTrue(text.out().contains("unregistered"), text.out());
        assertTrue(text.out().contains("400 Bad Request"), text.out());
        JsonNode json = new ObjectMapper().readTree(CliRun.of("codes", "184", "--format=json").out());
        assertEquals(183, json.get("codes").get(0).get("treatedAs").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "700", "abc", "4x", "1e2", "99999999999999"})
    void rejectsWhatIsNotACodeWithOneLine(String arg) {
        CliRun r = CliRun.of("codes", "486", arg);
        assertEquals(ExitCode.USAGE, r.exit());
        assertEquals(2, r.exit().code());
        assertTrue(r.out().isEmpty(), "nothing on standard output when the command fails");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("sip-analyzer: codes: '"), r.err());
        assertTrue(r.err().contains("100 to 699"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void writesSqlToAFileThatLoadsIntoSqlite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("codes.sql");
        CliRun r = CliRun.of("codes", "--format", "sql", "--output", file.toString());
        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertTrue(r.out().isEmpty());
        String sql = Files.readString(file, StandardCharsets.UTF_8);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"));
                Statement st = db.createStatement()) {
            for (String statement : sql.split(";\n")) {
                String s = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
                if (!s.isBlank()) {
                    st.execute(s);
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*), sum(code IN (425, 440, 469, 555, 607, 608)), sum(status = 'historic') "
                            + "FROM sip_response_code")) {
                rs.next();
                assertEquals(77, rs.getInt(1));
                assertEquals(6, rs.getInt(2));
                assertEquals(2, rs.getInt(3));
            }
        }
    }

    @Test
    void markdownHasOneRowPerCode() {
        CliRun r = CliRun.of("codes", "4xx", "--format", "markdown");
        assertEquals(ExitCode.OK, r.exit());
        long rows = r.out().lines().filter(l -> l.startsWith("| 4")).count();
        assertEquals(48, rows, "4xx codes: 45 from the seed and 425, 440, 469");
    }

    @Test
    void unknownFormatIsAUsageError() {
        CliRun r = CliRun.of("codes", "--format", "xml");
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().contains("text, csv, json, sql, markdown"), r.err());
    }

    @Test
    void unwritableOutputIsAUsageErrorNamingThePath(@TempDir Path dir) {
        Path target = dir.resolve("no/such/dir/codes.csv");
        CliRun r = CliRun.of("codes", "--output", target.toString());
        assertEquals(ExitCode.USAGE, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(target.toString()), r.err());
    }

    private static List<CSVRecord> csv(String text) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
    }
}
