package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI gate on the UDP sample, whose figures are known from the script that made it (samples/README.md). */
class CheckCommandTest {

    static final String UDP = CallsCommandTest.UDP;

    @Test
    void passingRulesExit0AndFailingOnesExit1() {
        CliRun pass = CliRun.of("check", "-r", "calls == 30", "-r", "answered >= 8", "-r", "code.486 == 2",
                "-r", "class.6xx <= 5%", "-r", "final.none == 2", "-r", "malformed == 0",
                "-r", "outcome.cancelled == 4", "-r", "method.invite == 34", "-r", "pdd.max <= 2s", UDP);
        assertEquals(ExitCode.OK, pass.exit(), pass.out() + pass.err());
        assertTrue(pass.out().lines().filter(l -> l.startsWith("PASS")).count() == 9, pass.out());
        CliRun fail = CliRun.of("check", "-r", "asr >= 90", "-r", "code.503 == 0", UDP);
        assertEquals(ExitCode.CHECK_FAILED, fail.exit());
        assertEquals(1, fail.exit().code());
        assertTrue(fail.out().contains("FAIL  asr >= 90"), fail.out());
        assertTrue(fail.out().contains("measured 26.67%"), "8 of 30 calls answered: " + fail.out());
        assertTrue(fail.out().contains("check: 2 rules, 0 passed, 2 failed"), fail.out());
    }

    @Test
    void rulesFileJsonAndJunit(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.txt");
        Files.writeString(rules, "# the release gate\nseer >= 40   # effective\noutcome.failed < 5%\n");
        JsonNode j = new ObjectMapper().readTree(
                CliRun.of("check", "--rules", rules.toString(), "-f", "json", UDP).out());
        assertEquals(false, j.get("passed").asBoolean());
        assertEquals(2, j.get("rules").size());
        assertEquals(50.0, j.get("rules").get(0).get("measured").asDouble(), 1e-9, "SEER: 15 of 30");
        assertTrue(j.get("rules").get(0).get("passed").asBoolean());
        Path xml = dir.resolve("check.xml");
        CliRun junit = CliRun.of("check", "--rules", rules.toString(), "-f", "junit", "-o", xml.toString(), UDP);
        assertEquals(ExitCode.CHECK_FAILED, junit.exit());
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(xml.toFile());
        assertEquals("2", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void eachInputIsCheckedOnItsOwn(@TempDir Path dir) throws Exception {
        // UDP sample: 8 of 30 calls answered (26.7%); HEP sample: 5 of 13 (38.5%); together 13 of 43 (30.2%).
        String hep = CallsCommandTest.HEP;
        String missing = dir.resolve("missing.pcap").toString();
        CliRun together = CliRun.of("check", "-r", "asr >= 30", UDP, hep);
        assertEquals(ExitCode.OK, together.exit(), together.out());
        assertTrue(together.out().contains("measured 30.23%"), together.out());

        CliRun each = CliRun.of("check", "--each-input", "-r", "asr >= 30", "-r", "malformed == 0", UDP, hep, missing);
        assertEquals(ExitCode.CHECK_FAILED, each.exit(), each.out());
        List<String> lines = each.out().lines().toList();
        assertEquals("FAIL  " + UDP, lines.get(0));
        assertTrue(lines.get(1).startsWith("  FAIL  asr >= 30") && lines.get(1).endsWith("measured 26.67%"),
                lines.get(1));
        assertTrue(lines.contains("PASS  " + hep), each.out());
        assertTrue(lines.contains("FAIL  " + missing), each.out());
        assertTrue(each.out().contains("check: 3 inputs, 1 passed, 2 failed (2 rules each)"), each.out());
        assertTrue(each.err().contains("missing.pcap: no such file"), each.err());

        JsonNode j = new ObjectMapper().readTree(CliRun.of("check", "--each-input", "-r", "asr >= 30", "-f", "json",
                UDP, hep).out());
        assertEquals(false, j.get("passed").asBoolean());
        assertEquals(2, j.get("inputs").size());
        assertEquals(38.46, j.get("inputs").get(1).get("rules").get(0).get("measured").asDouble(), 0.01);
        assertTrue(j.get("inputs").get(1).get("passed").asBoolean());

        Path xml = dir.resolve("each.xml");
        CliRun.of("check", "--each-input", "-r", "asr >= 30", "-f", "junit", "-o", xml.toString(), UDP, hep, missing);
        org.w3c.dom.Element root = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(xml.toFile()).getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        org.w3c.dom.NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(3, suites.getLength());
        assertEquals("1", ((org.w3c.dom.Element) suites.item(0)).getAttribute("failures"));
        assertEquals("0", ((org.w3c.dom.Element) suites.item(1)).getAttribute("failures"));
        assertEquals("1", ((org.w3c.dom.Element) suites.item(2)).getAttribute("errors"), "the missing input");

        assertEquals(ExitCode.USAGE, CliRun.of("check", "--each-input", "-r", "asr >= 30", missing).exit(),
                "nothing readable at all");
    }

    /**
     * The message counts a rule tests are those every report prints: the sample's 176 messages are 80 requests and 96
     * responses with its 4 retransmissions, 172 without them; a share of requests is a share of all messages.
     */
    @Test
    void messageCountsAreTheReportsOwn() {
        CliRun text = CliRun.of("analyze", UDP);
        assertTrue(text.out().startsWith("1 of 1 input read: 176 packets, 176 SIP messages (80 requests, 96 responses),"
                + " 4 retransmissions"), text.out());
        CliRun r = CliRun.of("check", "-r", "messages == 176", "-r", "requests == 80", "-r", "responses == 96",
                "-r", "messages.unique == 172", "-r", "requests.unique == 78", "-r", "responses.unique == 94",
                "-r", "retransmissions == 4", "-r", "requests > 45.4%", "-r", "requests < 45.5%", UDP);
        assertEquals(ExitCode.OK, r.exit(), r.out() + r.err());
    }

    /**
     * A capture cut short passes a rule over what was read, but says so in every format, and {@code warnings == 0}
     * fails on it; the whole capture has no warning.
     */
    @Test
    void aDamagedInputIsNamedInEveryFormatAndCanBeGated(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(Path.of(UDP));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2 + 7)); // ends inside a record
        CliRun text = CliRun.of("check", "-r", "asr >= 0", cut.toString());
        assertEquals(ExitCode.OK, text.exit(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("WARN   " + cut + ": ")), text.out());
        assertTrue(text.out().contains("the figures may lack what they name"), text.out());
        JsonNode json = new ObjectMapper().readTree(
                CliRun.of("check", "-f", "json", "-r", "asr >= 0", cut.toString()).out());
        assertTrue(json.get("warnings").size() >= 1 && json.get("warnings").get(0).asText().startsWith(cut + ": "),
                json.toString());
        String junit = CliRun.of("check", "-f", "junit", "-r", "asr >= 0", cut.toString()).out();
        assertTrue(junit.contains("<system-err>" + cut + ": "), junit);
        CliRun gate = CliRun.of("check", "-r", "warnings == 0", cut.toString());
        assertEquals(ExitCode.CHECK_FAILED, gate.exit(), gate.out());
        CliRun wholeCapture = CliRun.of("check", "-r", "warnings == 0", UDP);
        assertEquals(ExitCode.OK, wholeCapture.exit(), wholeCapture.out());
        assertTrue(wholeCapture.out().lines().noneMatch(l -> l.startsWith("WARN")), wholeCapture.out());
        CliRun each = CliRun.of("check", "--each-input", "-r", "asr >= 0", cut.toString(), UDP);
        assertTrue(each.out().lines().anyMatch(l -> l.startsWith("  WARN   " + cut + ": ")), each.out());
    }

    @Test
    void forkedCallsCanBeGated() {
        // samples/kamailio-fork.pcap: 5 calls, every one forked to two callees; 3 answered.
        String fork = java.nio.file.Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
                .resolve("kamailio-fork.pcap").toString();
        CliRun r = CliRun.of("check", "-r", "forked == 5", "-r", "forked == 100%", "-r", "answered == 3",
                "-r", "outcome.cancelled == 0", fork);
        assertEquals(ExitCode.OK, r.exit(), r.out() + r.err());
    }

    @Test
    void delaysFromALogWithoutTimesAreNotMeasurableAndFail() {
        // samples/logs/agents/baresip-trace.log: baresip prints no times; its 5 calls are known
        // (baresip-trace.log.truth).
        String log = java.nio.file.Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
                .resolve("logs/agents/baresip-trace.log").toString();
        CliRun r = CliRun.of("check", "-r", "calls == 5", "-r", "pdd.p95 <= 2s", "-r", "setup.max <= 10s", log);
        assertEquals(ExitCode.CHECK_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS  calls == 5"), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("FAIL") && l.contains("not measurable from this input"))
                .count() == 2, r.out());
        // With times (SIPp's log of the same kind of calls) the same rule measures.
        String timed = java.nio.file.Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
                .resolve("logs/sipp/sipp-uac-udp_messages.log").toString();
        CliRun t = CliRun.of("check", "-r", "pdd.p95 <= 5s", timed);
        assertEquals(ExitCode.OK, t.exit(), t.out() + t.err());
    }

    @Test
    void aPooledCheckWithAnInputNotReadFails(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("missing.pcap").toString();
        CliRun r = CliRun.of("check", "-r", "calls == 30", UDP, missing);
        assertEquals(ExitCode.CHECK_FAILED, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS  calls == 30"), r.out());
        assertTrue(r.out().contains("ERROR  not read: " + missing), r.out());
        Path xml = dir.resolve("check.xml");
        CliRun j = CliRun.of("check", "-r", "calls == 30", "-f", "junit", "-o", xml.toString(), UDP, missing);
        assertEquals(ExitCode.CHECK_FAILED, j.exit());
        String junit = Files.readString(xml);
        assertTrue(junit.contains("errors=\"1\"") && junit.contains("read " + missing), junit);
        JsonNode json = new ObjectMapper().readTree(
                CliRun.of("check", "-r", "calls == 30", "-f", "json", UDP, missing).out());
        assertEquals(false, json.get("passed").asBoolean());
        assertEquals(missing, json.get("unreadable").get(0).get("input").asText());
    }

    @Test
    void badRulesAreUsageErrorsBeforeAnyAnalysis() {
        List<List<String>> cases = List.of(List.of("-r", "asr >> 5"), List.of("-r", "nonsense > 1"),
                List.of("-r", "pdd.p95 <= 2000"), List.of("-r", "asr >= 50ms"), List.<String>of());
        for (List<String> args : cases) {
            List<String> all = new java.util.ArrayList<>();
            all.add("check");
            all.addAll(args);
            all.add(UDP);
            String[] a = all.toArray(String[]::new);
            CliRun r = CliRun.of(a);
            assertEquals(ExitCode.USAGE, r.exit(), String.join(" ", a) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void codesThatCannotExistAndUnknownMetricsAreRefusedWithTheValidNames(@TempDir Path dir) throws Exception {
        for (String rule : List.of("code.999 == 0", "code.50 == 0", "final.1000 == 0", "code.0486 == 0")) {
            CliRun r = CliRun.of("check", "-r", rule, UDP);
            assertEquals(ExitCode.USAGE, r.exit(), rule);
            assertTrue(r.err().contains("is not a SIP status code; codes run from 100 to 699"), r.err());
        }
        CliRun unknown = CliRun.of("check", "-r", "latency.p95 <= 2s", UDP);
        assertEquals(ExitCode.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("unknown metric 'latency.p95'")
                && unknown.err().contains("pdd setup duration")
                && unknown.err().contains(".p99"), unknown.err());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        Path rules = dir.resolve("gate.rules");
        Files.writeString(rules, "# gate\nasr >= 10\n\nasr >> 10\n");
        CliRun bad = CliRun.of("check", "--rules", rules.toString(), UDP);
        assertEquals(ExitCode.USAGE, bad.exit());
        assertTrue(bad.err().contains(rules + " line 4: 'asr >> 10' is not a rule"), bad.err());
    }

    /**
     * JSON gives each value in the unit its rule was written in, with the unit beside it: the sample's slow callee
     * waits 1.2 s before ringing, so the PDD's 99th percentile is about 1200 ms, or 1.2 s.
     */
    @Test
    void jsonMeasuresInTheRulesOwnUnit() throws Exception {
        JsonNode j = new ObjectMapper().readTree(CliRun.of("check", "-f", "json", "-r", "pdd.p99 <= 2000ms", "-r",
                "pdd.p99 <= 2s", "-r", "pdd.mean < 1s", "-r", "pdd.p50 <= 1s",
                "-r", "class.4xx <= 50%", "-r", "asr >= 10", "-r", "code.486 >= 1", "-r", "pdd.max <= 2s", UDP).out());
        assertEquals(2, j.get("schemaVersion").asInt());
        JsonNode r = j.get("rules");
        assertEquals("ms", r.get(0).get("unit").asText());
        double max = r.get(7).get("measured").asDouble() * 1000;
        assertTrue(max >= 1200 && max < 1250, "SIPp's 1.2 s pause, and the milliseconds of a loaded machine: " + max);
        assertEquals(max, r.get(0).get("measured").asDouble(), max * 0.001, "p99 of 30: the slowest, within 0.1%");
        assertEquals("s", r.get(1).get("unit").asText());
        assertEquals(r.get(0).get("measured").asDouble() / 1000, r.get(1).get("measured").asDouble(), 1e-9);
        assertTrue(r.get(2).get("measured").asDouble() < r.get(0).get("measured").asDouble() / 1000,
                "most calls ring at once: the mean is far below the 99th percentile");
        assertTrue(r.get(3).get("measured").asDouble() < 0.1, "the median call rings within 100 ms");
        assertEquals("%", r.get(4).get("unit").asText());
        assertEquals("%", r.get(5).get("unit").asText());
        assertEquals(26.67, r.get(5).get("measured").asDouble(), 0.01, "ASR: 8 of 30");
        assertEquals("", r.get(6).get("unit").asText());
        assertEquals(2, r.get(6).get("measured").asInt());
    }

    @Test
    void silenceNeverPasses(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("registers-only.pcap");
        Files.write(f, AnalyzeCommandTest.pcap(AnalyzeCommandTest.response(200, "OK", "REGISTER")));
        CliRun r = CliRun.of("check", "-r", "asr >= 0", f.toString());
        assertEquals(ExitCode.CHECK_FAILED, r.exit(), "no call: an ASR cannot pass");
        assertTrue(r.out().contains("nothing to measure"), r.out());
    }
}
