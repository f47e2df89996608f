package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The calls command on the project's SIPp samples, whose calls are known from the script that made them. */
class CallsCommandTest {

    static final String UDP = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .resolve("sipp-calls-udp.pcap").toString();
    static final String TCP = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .resolve("sipp-calls-tcp.pcap").toString();
    static final String HEP = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .resolve("kamailio-hep.pcap").toString();

    private static List<CSVRecord> csv(String text) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))
                .getRecords();
    }

    @Test
    void oneRowPerCallWithItsOutcome() throws Exception {
        CliRun r = CliRun.of("calls", "--format", "csv", UDP);
        assertEquals(ExitCode.OK, r.exit(), r.err());
        List<CSVRecord> rows = csv(r.out());
        assertEquals(30, rows.size());
        Map<String, Long> outcomes = new TreeMap<>();
        rows.forEach(x -> outcomes.merge(x.get("outcome"), 1L, Long::sum));
        assertEquals(Map.of("answered", 8L, "busy", 2L, "declined", 2L, "forbidden", 2L, "notFound", 2L,
                "unavailable", 4L, "cancelled", 4L, "redirected", 2L, "failed", 4L), outcomes,
                "the 2 calls to the silent callee are given up with a CANCEL whose 487 never comes: cancelled");
        CSVRecord busy = rows.stream().filter(x -> x.get("final_code").equals("486")).findFirst().orElseThrow();
        assertEquals("17", busy.get("q850_cause"));
        assertEquals("127.0.0.1:5062", busy.get("answered_by"));
        assertTrue(busy.get("meaning").startsWith("The callee was reached but is busy"));
        CSVRecord answered = rows.stream().filter(x -> x.get("outcome").equals("answered")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(answered.get("duration_s")) > 0.04, "SIPp pauses 50 ms before BYE");
    }

    /** The calls of a capture cut short: standard error says what they may lack, whatever the format. */
    @Test
    void aCaptureCutShortIsWarnedOnStandardError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        byte[] whole = java.nio.file.Files.readAllBytes(Path.of(UDP));
        Path cut = dir.resolve("cut.pcap");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2 + 7));
        for (String format : List.of("text", "csv", "json", "sql")) {
            CliRun r = CliRun.of("calls", "-f", format, cut.toString());
            assertEquals(ExitCode.OK, r.exit(), r.err());
            assertTrue(r.err().startsWith("sip-analyzer: warning: " + cut + ": "), format + ": " + r.err());
            String warning = r.err().lines().findFirst().orElseThrow().substring("sip-analyzer: warning: ".length());
            assertFalse(r.out().contains(warning), "standard output keeps only the calls");
        }
        assertEquals("", CliRun.of("calls", "-f", "csv", UDP).err(), "the whole capture: nothing to say");
    }

    @Test
    void filtersByOutcomeAndPdd() throws Exception {
        List<CSVRecord> rows = csv(CliRun.of("calls", "-f", "csv", "--outcome", "busy", "--outcome",
                "declined,notFound", TCP).out());
        assertEquals(6, rows.size());
        assertTrue(rows.stream().allMatch(x -> List.of("busy", "declined", "notFound").contains(x.get("outcome"))));
        CliRun slow = CliRun.of("calls", "-f", "csv", "--min-pdd", "10s", UDP);
        assertEquals(ExitCode.OK, slow.exit());
        assertEquals(0, csv(slow.out()).size(), "no sample call waits 10 s for its first response");
        assertEquals(30, csv(CliRun.of("calls", "-f", "csv", "--min-pdd", "0ms", UDP).out()).size(),
                "every call has a PDD");
        assertEquals(2, csv(CliRun.of("calls", "-f", "csv", "--min-pdd", "1s", UDP).out()).size(),
                "the two calls to the callee that waits 1.2 s before ringing");
        CliRun bad = CliRun.of("calls", "--min-pdd", "1h", UDP);
        assertEquals(ExitCode.USAGE, bad.exit(), "hours are not a unit: ms and s are");
        CliRun bare = CliRun.of("calls", "--min-pdd", "2", UDP);
        assertEquals(ExitCode.USAGE, bare.exit(), "a bare number could be ms or s");
        assertTrue(bare.err().contains("needs a unit, ms or s"), bare.err());
        assertEquals(ExitCode.USAGE, CliRun.of("calls", "--outcome", "lost", UDP).exit());
    }

    @Test
    void jsonRowsAndTheLadderOfOneCall() throws Exception {
        JsonNode calls = new ObjectMapper()
                .readTree(CliRun.of("calls", "-f", "json", "--outcome", "redirected", UDP).out()).get("calls");
        assertEquals(2, calls.size());
        String callId = calls.get(0).get("callId").asText();
        assertEquals(302, calls.get(0).get("finalCode").asInt());
        CliRun ladder = CliRun.of("calls", "--call-id", callId, UDP);
        assertEquals(ExitCode.OK, ladder.exit(), ladder.err());
        List<String> lines = ladder.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Call-ID: " + callId + " (5 messages)"), lines.get(0));
        assertTrue(lines.get(2).contains("INVITE") && lines.get(2).contains("->|"), lines.get(2));
        assertTrue(lines.get(5).contains("302 Moved Temporarily") && lines.get(5).contains("|<-"), lines.get(5));
        assertEquals(ExitCode.USAGE, CliRun.of("calls", "--call-id", "no-such-call", UDP).exit());
    }

    @Test
    void theLadderFollowsACallThroughTheProxyAndMarksDuplicates() throws Exception {
        List<CSVRecord> busy = csv(CliRun.of("calls", "-f", "csv", "--outcome", "busy", HEP).out());
        assertEquals(2, busy.size());
        List<String> lines = CliRun.of("calls", "--call-id", busy.get(0).get("call_id"), HEP).out().lines().toList();
        // Caller, proxy and callee: three columns, the INVITE crossing both legs.
        assertEquals(3, lines.get(1).trim().split("\\s+").length, lines.get(1));
        assertEquals(2, lines.stream().filter(l -> l.contains("INVITE sip:")).count(), String.join("\n", lines));
        assertEquals(2, lines.stream().filter(l -> l.contains("486 Busy Here")).count(), String.join("\n", lines));

        List<CSVRecord> notFound = csv(CliRun.of("calls", "-f", "csv", "--outcome", "notFound", HEP).out());
        assertEquals(2, notFound.size());
        String ladder = CliRun.of("calls", "--call-id", notFound.get(0).get("call_id"), HEP).out();
        assertTrue(ladder.contains("(duplicate) ACK"), "Kamailio mirrors the ACK of its own 404 twice: " + ladder);
        assertFalse(ladder.contains("(retransmission)"), ladder);
    }

    @Test
    void delaysFromTheFirstInviteIncludeTheChallengeRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode last = json.readTree(CliRun.of("calls", "-f", "json", UDP).out()).get("calls");
        JsonNode first = json.readTree(CliRun.of("calls", "-f", "json", "--delays-from", "first", UDP).out())
                .get("calls");
        assertEquals(30, last.size());
        int challengedAnswered = 0;
        for (int i = 0; i < last.size(); i++) {
            JsonNode a = last.get(i);
            JsonNode b = first.get(i);
            assertEquals(a.get("callId").asText(), b.get("callId").asText());
            if (a.get("pddMs").isNull()) {
                continue;
            }
            double pddShift = b.get("pddMs").asDouble() - a.get("pddMs").asDouble();
            if (a.get("invites").asInt() == 1) {
                assertEquals(0.0, pddShift, 1e-9, "one INVITE: the first is the last");
            } else if (a.get("outcome").asText().equals("answered")) {
                challengedAnswered++;
                assertTrue(pddShift > 0, "the 407 round trip comes first");
                assertEquals(pddShift, b.get("setupMs").asDouble() - a.get("setupMs").asDouble(), 1e-6,
                        "PDD and set-up time move by the same span: first INVITE to last");
            }
        }
        assertEquals(2, challengedAnswered, "the sample's two calls answered after a challenge");
        assertEquals(ExitCode.USAGE, CliRun.of("calls", "--delays-from", "middle", UDP).exit());
    }

    @Test
    void analyzeJsonHasTheCallsSection() throws Exception {
        JsonNode j = new ObjectMapper().readTree(CliRun.of("analyze", "-f", "json", UDP).out());
        JsonNode calls = j.get("calls");
        assertEquals(30, calls.get("total").asInt());
        assertEquals(8, calls.get("byOutcome").get("answered").asInt());
        assertEquals(2, calls.get("byFinalCode").get("486").asInt());
        assertEquals(2, calls.get("byFinalCode").get("none").asInt());
        assertEquals(Math.round(800.0 / 30 * 100) / 100.0, calls.get("kpis").get("asr").asDouble(), 1e-9);
        // SER: answered / (calls - redirected) = 8 / 28
        assertEquals(Math.round(800.0 / 28 * 100) / 100.0, calls.get("kpis").get("ser").asDouble(), 1e-9);
        assertEquals(30, calls.get("kpis").get("pdd").get("count").asInt());
        assertEquals(4, calls.get("challenged").asInt());
        assertEquals(0, j.get("registrations").get("total").asInt());
    }

    @Test
    void aLogWithoutAddressesNamesNoAnsweringPeer() throws Exception {
        // SIPp's message log gives no addresses: who answered is unknown, null in JSON as it is empty in CSV (it
        // was once the placeholder address 0.0.0.0:0).
        String log = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
                .resolve("logs/sipp/sipp-uac-udp_messages.log").toString();
        JsonNode calls = new ObjectMapper().readTree(CliRun.of("calls", "-f", "json", log).out()).get("calls");
        assertTrue(calls.size() > 0);
        for (JsonNode c : calls) {
            assertTrue(c.get("answeredBy").isNull(), c.toString());
            assertEquals("", c.get("caller").asText(), c.toString());
        }
        for (CSVRecord r : csv(CliRun.of("calls", "-f", "csv", log).out())) {
            assertEquals("", r.get("answered_by"));
        }
        JsonNode udp = new ObjectMapper().readTree(CliRun.of("calls", "-f", "json", UDP).out()).get("calls");
        assertEquals("127.0.0.1:5061", udp.get(0).get("answeredBy").asText());
    }
}
