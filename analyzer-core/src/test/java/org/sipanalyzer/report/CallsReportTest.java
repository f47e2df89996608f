package org.sipanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.net.Endpoint;

/** The calls listing as CSV, where every cell may hold what a capture or whoever named its file chose. */
class CallsReportTest {

    @Test
    void everyTextCellOfTheCsvIsGuarded() throws Exception {
        String formula = "=HYPERLINK(\"http://evil.example\",\"x\")\u001b]0;t\u0007\u202e";
        String guarded = "'=HYPERLINK(\"http://evil.example\",\"x\")\uFFFD]0;t\uFFFD\uFFFD";
        Endpoint a = new Endpoint(new byte[] {10, 0, 0, 1}, 5060);
        String address = "<=1+2\u202e>"; // From and To show the address between angle brackets
        Call call = new Call(0, formula, 1_000_000_000L, address, address, a, a, CallOutcome.FAILED, 500, formula, -1,
                null, null, null, a, formula, false, 5_000_000L, -1, -1, 1, 0, 1);
        StringWriter w = new StringWriter();
        new CallsReport(List.of(call), List.of(formula + ".pcap"), Catalogue.standard())
                .write(OutputFormat.CSV, w, 100);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(w.toString())).getRecords();
        assertEquals(1, rows.size());
        CSVRecord r = rows.get(0);
        for (String column : List.of("call_id", "final_reason", "answering_agent")) {
            assertEquals(guarded, r.get(column), column);
        }
        assertEquals("'=1+2\uFFFD", r.get("from"));
        assertEquals("'=1+2\uFFFD", r.get("to"));
        assertEquals(guarded + ".pcap", r.get("input"), "the input's name, which whoever named the file chose");
        for (String cell : r.values()) {
            assertFalse(cell.matches("^[=+\\-@\t\r].*"), cell);
        }
    }
}
