package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    @TempDir
    Path dir;

    /** A pcap with raw-IP frames, written here from the format document, independent of the project's writer. */
    static byte[] pcap(String... udpPayloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
        out.writeBytes(h.array());
        int t = 1;
        for (String p : udpPayloads) {
            byte[] payload = p.getBytes(StandardCharsets.UTF_8);
            ByteBuffer ip = ByteBuffer.allocate(28 + payload.length);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putInt(0).put((byte) 64)
                    .put((byte) 17).putShort((short) 0).putInt(0xc0000201).putInt(0xc0000202);
            ip.putShort((short) 5060).putShort((short) 5060).putShort((short) (8 + payload.length)).putShort((short) 0);
            ip.put(payload);
            ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            rec.putInt(t++).putInt(0).putInt(ip.capacity()).putInt(ip.capacity());
            out.writeBytes(rec.array());
            out.writeBytes(ip.array());
        }
        return out.toByteArray();
    }

    static String response(int code, String phrase, String cseqMethod) {
        return "SIP/2.0 " + code + " " + phrase + "\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK" + code + "\r\n"
                + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@x>;tag=t\r\nCall-ID: c" + code + "\r\nCSeq: 1 " + cseqMethod
                + "\r\nContent-Length: 0\r\n\r\n";
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void textReportShowsCodesMeaningsAndInputs() throws Exception {
        Path f = write("busy.pcap", pcap(response(486, "Busy Here", "INVITE"), response(486, "Busy Here", "INVITE"),
                response(200, "OK", "REGISTER")));
        CliRun r = CliRun.of("analyze", f.toString());
        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("1 of 1 input read: 3 packets, 3 SIP messages"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+486\\s+Busy Here\\s+The callee.*\\s2\\s+1\\s+66\\.7%")),
                r.out());
        assertTrue(r.out().contains(f.toString()));
    }

    @Test
    void jsonFollowsTheSchema() throws Exception {
        Path f = write("a.pcap", pcap(response(486, "Busy Here", "INVITE"), response(499, "Whatever", "INVITE")));
        CliRun r = CliRun.of("analyze", "--format", "json", f.toString());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1, j.get("schemaVersion").asInt());
        assertEquals("pcap", j.get("inputs").get(0).get("format").asText());
        assertEquals(2, j.get("inputs").get(0).get("packets").asInt());
        assertEquals(2, j.get("messages").get("total").asInt());
        assertEquals(2, j.get("responses").get("byClass").get("4xx").get("count").asInt());
        JsonNode busy = j.get("responses").get("byCode").get("486");
        assertEquals("Busy Here", busy.get("reason").asText());
        assertTrue(busy.get("registered").asBoolean());
        JsonNode odd = j.get("responses").get("byCode").get("499");
        assertFalse(odd.get("registered").asBoolean());
        assertEquals(400, odd.get("treatedAs").asInt());
        assertEquals(1, odd.get("phrasesSeen").get("Whatever").asInt());
        assertEquals(1, j.get("responses").get("byMethodAndCode").get("INVITE").get("486").get("count").asInt());
    }

    @Test
    void csvHasOneRowPerCode() throws Exception {
        Path f = write("a.pcap", pcap(response(486, "Busy Here", "INVITE"), response(200, "OK", "INVITE")));
        CliRun r = CliRun.of("analyze", "-f", "csv", f.toString());
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(r.out())).getRecords();
        assertEquals(List.of("200", "486"), rows.stream().map(x -> x.get("code")).toList());
        assertEquals("1", rows.get(1).get("count"));
        assertEquals("0.5000", rows.get(1).get("share"));
    }

    @Test
    void severalInputsMakeOneReportAndAnUnreadableOneIsReported() throws Exception {
        Path a = write("a.pcap", pcap(response(486, "Busy Here", "INVITE")));
        Path b = write("b.pcap", pcap(response(503, "Service Unavailable", "INVITE")));
        Path bad = write("bad.pcap", "not a capture at all".getBytes(StandardCharsets.UTF_8));
        CliRun r = CliRun.of("analyze", "--format", "json", a.toString(), b.toString(), bad.toString(), "missing.pcap");
        assertEquals(ExitCode.OK, r.exit(), "some inputs were read");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(4, j.get("inputs").size());
        assertEquals(2, j.get("responses").get("total").asInt());
        assertFalse(j.get("inputs").get(2).get("readable").asBoolean());
        assertEquals(2, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("bad.pcap: text without SIP messages, not a capture"), r.err());
        assertTrue(r.err().contains("missing.pcap: no such file"), r.err());
    }

    @Test
    void nothingReadableExits2WithOneLinePerInput() throws Exception {
        Path empty = write("empty.pcap", new byte[0]);
        CliRun r = CliRun.of("analyze", empty.toString());
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.out().isEmpty());
        assertTrue(r.err().contains("empty.pcap: empty input"), r.err());
        assertTrue(r.err().contains("no input could be read"), r.err());
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void readsStandardInput() throws Exception {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(pcap(response(603, "Decline", "INVITE"))));
            CliRun r = CliRun.of("analyze", "--format", "json", "-");
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals("-", j.get("inputs").get(0).get("path").asText());
            assertEquals(1, j.get("responses").get("byCode").get("603").get("count").asInt());
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void strictReportsWhatJainSipRejects() throws Exception {
        String broken = response(200, "OK", "INVITE").replace("CSeq: 1 INVITE", "CSeq: one INVITE");
        Path f = write("s.pcap", pcap(broken, response(200, "OK", "INVITE")));
        JsonNode j = new ObjectMapper().readTree(
                CliRun.of("analyze", "--strict", "--format", "json", f.toString()).out());
        JsonNode in = j.get("inputs").get(0);
        assertEquals(1, in.get("packetsByKind").get("strictRejected").asInt());
        assertTrue(in.get("warnings").get(0).asText().contains("JAIN-SIP rejects"), in.toString());
        assertEquals(1, j.get("messages").get("malformed").asInt());
    }

    @Test
    void reassemblyLimitsAreSettableAndReportedInJson() throws Exception {
        Path f = write("a.pcap", pcap(response(486, "Busy Here", "INVITE")));
        CliRun r = CliRun.of("analyze", "--format", "json", "--max-message-bytes", "4096", "--max-flow-bytes", "8192",
                "--max-reassembly-bytes", "65536", "--max-flows", "10", "--flow-idle-timeout", "5",
                "--fragment-timeout", "2", f.toString());
        assertEquals(ExitCode.OK, r.exit(), r.err());
        JsonNode re = new ObjectMapper().readTree(r.out()).get("inputs").get(0).get("reassembly");
        assertEquals(0, re.get("droppedForLimits").get("bytes").asInt());
        assertEquals(ExitCode.USAGE, CliRun.of("analyze", "--max-flows", "0", f.toString()).exit());
        assertEquals(ExitCode.USAGE, CliRun.of("analyze", "--fragment-timeout", "soon", f.toString()).exit());
        assertEquals(ExitCode.OK, CliRun.of("analyze", "--max-decompressed-bytes", "64G", f.toString()).exit());
        assertEquals(ExitCode.OK, CliRun.of("analyze", "--max-decompressed-bytes", "2097152", f.toString()).exit());
        CliRun tiny = CliRun.of("analyze", "--max-decompressed-bytes", "1K", f.toString());
        assertEquals(ExitCode.USAGE, tiny.exit());
        assertTrue(tiny.err().contains("--max-decompressed-bytes takes a size from 1M"), tiny.err());
        assertEquals(ExitCode.USAGE, CliRun.of("analyze", "--max-decompressed-bytes", "lots", f.toString()).exit());
    }

    @Test
    void markdownAndHtmlReportsEscapeWhatCapturesSay() throws Exception {
        String hostile = response(200, "OK", "INVITE").replace("CSeq: 1 INVITE",
                "CSeq: <script>alert(1)</script> INVITE");
        Path f = write("x<b>.pcap", pcap(hostile, response(486, "Busy Here", "INVITE")));
        CliRun html = CliRun.of("analyze", "--strict", "-f", "html", f.toString());
        assertEquals(ExitCode.OK, html.exit(), html.err());
        assertTrue(html.out().startsWith("<!DOCTYPE html>"));
        assertFalse(html.out().contains("<script>"), "capture text is escaped");
        assertFalse(html.out().contains("x<b>"), "input names are escaped");
        assertTrue(html.out().contains("&lt;script&gt;"), "the rejected header is shown, escaped");
        assertTrue(html.out().contains("<td>Busy Here</td>"));
        CliRun md = CliRun.of("analyze", "-f", "markdown", f.toString());
        assertTrue(md.out().startsWith("# SIP analysis"));
        assertTrue(md.out().lines().anyMatch(l -> l.startsWith("| 486 | Busy Here |")), md.out());
        assertTrue(md.out().contains("x\\<b\\>.pcap"), "Markdown escapes the name too");
    }

    /**
     * Escape sequences (a screen clear, a window-title write, a colour) and a right-to-left override in a Call-ID,
     * a display name, a User-Agent and a reason phrase: no report a person reads, on a terminal or in a viewer,
     * carries one (JSON, which is data, keeps them escaped).
     */
    @Test
    void noReportCarriesControlsOrBidirectionalOverridesFromACapture() throws Exception {
        String id = "c\u001b[2J\u202eid";
        String invite = "INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKi\r\n"
                + "From: \"\u202eevil\" <sip:a@x>;tag=f\r\nTo: <sip:b@x>\r\nCall-ID: " + id + "\r\nCSeq: 1 INVITE\r\n"
                + "User-Agent: ua\u001b]0;owned\u0007\r\nContent-Length: 0\r\n\r\n";
        String busy = "SIP/2.0 486 Busy\u202eereH\u001b[31m\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKi\r\n"
                + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@x>;tag=t\r\nCall-ID: " + id + "\r\nCSeq: 1 INVITE\r\n"
                + "Server: s\u202e\r\nContent-Length: 0\r\n\r\n";
        Path f = write("h.pcap", pcap(invite, busy));
        List<List<String>> commands = List.of(List.of("analyze"), List.of("analyze", "-f", "markdown"),
                List.of("analyze", "-f", "html"), List.of("analyze", "-f", "csv"),
                List.of("analyze", "-f", "csv", "--table", "senders"), List.of("analyze", "-f", "sql"),
                List.of("calls"), List.of("calls", "-f", "csv"), List.of("calls", "-f", "sql"),
                List.of("calls", "--call-id", id), List.of("check", "-r", "asr >= 0"),
                List.of("check", "-f", "junit", "-r", "asr >= 0"));
        for (List<String> command : commands) {
            List<String> args = new java.util.ArrayList<>(command);
            args.add(f.toString());
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCode.OK, r.exit(), command + ": " + r.err());
            String all = r.out() + r.err();
            for (int i = 0; i < all.length(); i++) {
                char c = all.charAt(i);
                boolean lineEnd = c == '\n' || c == '\r' && i + 1 < all.length() && all.charAt(i + 1) == '\n';
                boolean control = c < 0x20 || c >= 0x7f && c <= 0x9f;
                boolean bidi = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                        .indexOf(c) >= 0;
                assertTrue(lineEnd || c == '\t' || !control && !bidi,
                        command + ": U+" + Integer.toHexString(c) + " at " + i + " in " + all);
            }
        }
        CliRun ladder = CliRun.of("calls", "--call-id", id, f.toString());
        assertTrue(ladder.out().contains("486"), "the call was found and drawn: " + ladder.out());
        CliRun json = CliRun.of("calls", "-f", "json", f.toString());
        assertEquals(id, new ObjectMapper().readTree(json.out()).get("calls").get(0).get("callId").asText(),
                "JSON keeps the Call-ID as the capture has it");
    }

    @Test
    void textAndMarkdownTablesTreatUnregisteredAndInvalidCodesAlike() throws Exception {
        Path f = write("odd.pcap", pcap(response(499, "Client Closed", "INVITE"), response(486, "Busy Here", "INVITE"),
                response(999, "Way Out", "INVITE")));
        CliRun text = CliRun.of("analyze", f.toString());
        assertEquals(ExitCode.OK, text.exit(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.matches(
                "\\s+499\\s+Client Closed\\s+Unregistered; treated as 400 Bad Request\\..*")), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches(
                "\\s*invalid\\s+Invalid status codes\\s+1\\s+1\\s+33\\.3%")), text.out());
        CliRun md = CliRun.of("analyze", "-f", "markdown", f.toString());
        assertEquals(ExitCode.OK, md.exit(), md.err());
        List<String> lines = md.out().lines().toList();
        assertTrue(lines.contains("| 4xx | Client Failure |  | 2 | 2 | 66.7% |"), md.out());
        assertTrue(lines.contains(
                "| 499 | Client Closed | Unregistered; treated as 400 Bad Request. | 1 | 1 | 33.3% |"), md.out());
        assertTrue(lines.contains("| invalid | Invalid status codes |  | 1 | 1 | 33.3% |"), md.out());
        assertTrue(lines.contains("| 999 | Way Out | Not a SIP status code (100-699). | 1 | 1 | 33.3% |"), md.out());
    }

    @Test
    void invalidCodesAboveAndBelowTheClassesStandTogetherUnderTheirOwnHeading() throws Exception {
        Path f = write("invalid.pcap", pcap(response(700, "Seven", "INVITE"), response(486, "Busy Here", "INVITE"),
                response(1000, "Thousand", "INVITE"), response(603, "Decline", "INVITE"),
                response(99, "Low", "INVITE")));
        CliRun text = CliRun.of("analyze", f.toString());
        assertEquals(ExitCode.OK, text.exit(), text.err());
        List<String> lines = text.out().lines().toList();
        int heading = indexOf(lines, "\\s*invalid\\s+Invalid status codes\\s+3\\s+3.*");
        int sixxx = indexOf(lines, "\\s*6xx\\s.*");
        assertTrue(sixxx >= 0 && heading > indexOf(lines, "\\s+603\\s.*"), text.out());
        for (String code : List.of("99", "700", "1000")) {
            assertTrue(indexOf(lines, "\\s+" + code + "\\s.*") > heading,
                    code + " under the invalid heading: " + text.out());
        }
    }

    @Test
    void aHugeReasonPhraseStillDecidesTheCall() throws Exception {
        String invite = "INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK486\r\n"
                + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@x>\r\nCall-ID: c486\r\nCSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
        Path f = write("reason.pcap", pcap(invite, response(486, "Busy " + "x".repeat(60_000), "INVITE")));
        CliRun calls = CliRun.of("calls", "-f", "csv", f.toString());
        assertEquals(ExitCode.OK, calls.exit(), calls.err());
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(calls.out())).getRecords();
        assertEquals(1, rows.size());
        assertEquals("busy", rows.get(0).get("outcome"));
        assertTrue(rows.get(0).get("final_reason").length() <= 4096, "the phrase kept is bounded");
    }

    @Test
    void aChartOnAFullDiskIsOneLineAndExit2(@TempDir Path tmp) throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
        Path png = tmp.resolve("chart.png");
        Files.createSymbolicLink(png, full);
        CliRun r = CliRun.of("analyze", "--chart", png.toString(), CallsCommandTest.UDP);
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().contains("No space left on device"), r.err());
        assertFalse(javax.imageio.ImageIO.getUseCache(), "no file cache left for a shutdown hook to trip over");
    }

    private static int indexOf(List<String> lines, String regex) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(regex)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void htmlReportCarriesItsChartsInlineAndMarkdownDoesNot() throws Exception {
        String sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap")
                .toString();
        CliRun html = CliRun.of("analyze", "-f", "html", sample);
        assertEquals(ExitCode.OK, html.exit(), html.err());
        List<String> svgs = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<svg .*?</svg>", java.util.regex.Pattern.DOTALL)
                .matcher(html.out());
        while (m.find()) {
            svgs.add(m.group());
        }
        assertEquals(4, svgs.stream().filter(x -> !x.contains("class=\"ladder\"")).count(),
                "calls by outcome, over time, post-dial delay, and responses by code");
        assertEquals(18, svgs.stream().filter(x -> x.contains("class=\"ladder\"")).count(),
                "a ladder per failed call: 30 less 8 answered and 4 cancelled");
        List<String> ladders = svgs.stream().filter(x -> x.contains("class=\"ladder\"")).toList();
        svgs.removeAll(ladders);
        for (String ladder : ladders) { // well-formed XML, so every text in it was escaped
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new org.xml.sax.InputSource(new StringReader(ladder)));
        }
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String svg : svgs) {
            var root = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(svg)))
                    .getDocumentElement();
            assertEquals("svg", root.getLocalName());
            assertEquals(java.util.List.of(0.0, 0.0, 1000.0, 560.0), java.util.Arrays.stream(
                    root.getAttribute("viewBox").trim().split("[\\s,]+")).map(Double::valueOf).toList(),
                    "scales with the page");
            assertEquals("100%", root.getAttribute("width"), "as wide as the page");
            assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
            var all = root.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                String id = ((org.w3c.dom.Element) all.item(i)).getAttribute("id");
                if (!id.isEmpty()) {
                    assertTrue(ids.add(id), "ids are unique across the page's charts: " + id);
                }
            }
        }
        assertTrue(svgs.get(0).contains("Calls by outcome (30 calls)"), "the sample's 30 calls");
        assertTrue(html.out().contains("<figcaption>Responses by code, coloured by class</figcaption>"));
        assertFalse(CliRun.of("analyze", "-f", "markdown", sample).out().contains("<svg"));
    }

    @Test
    void markdownReportSaysWhatTheTerminalReportSaysOfCalls() throws Exception {
        // samples/make-samples.sh: 30 calls; the failing callees send Reason: Q.850 with causes 17 (486), 41 (503),
        // 21 (603, 403), 1 (404), 23 (302), 38 (500), 18 (480); every answered call ends with BYE.
        String sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap")
                .toString();
        CliRun md = CliRun.of("analyze", "-f", "markdown", sample);
        assertEquals(ExitCode.OK, md.exit(), md.err());
        List<String> lines = md.out().lines().toList();
        assertTrue(lines.contains("| 486 | Busy Here | 2 | 6.7% |"), "calls by final response");
        assertTrue(lines.contains("| none | no final response | 2 | 6.7% |"), "the two calls never answered");
        assertTrue(lines.contains("| 17 | User busy | 2 |"), "Q.850 causes with their names");
        assertTrue(lines.contains("| 21 | Call rejected | 4 |"), "603 and 403 both carry cause 21");
        assertTrue(lines.contains("| BYE | 8 | 200×8 |"), "other transactions");
        int header = lines.indexOf("| From | Calls | Failed | Failed share |");
        assertTrue(header > 0, md.out());
        long calls = 0;
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("| "); i++) {
            calls += Long.parseLong(lines.get(i).split("\\|")[2].trim().replace(",", ""));
        }
        assertEquals(30, calls, "the intervals hold every call once");
        CliRun text = CliRun.of("analyze", sample);
        assertTrue(text.out().contains(
                "Q.850 causes (Reason header): 1 Unallocated (unassigned) number ×2, 17 User busy ×2"), text.out());
    }

    private static List<CSVRecord> csvTable(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertEquals(ExitCode.OK, r.exit(), r.err());
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(r.out()))
                .getRecords();
    }

    @Test
    void csvTablesForSpreadsheets() throws Exception {
        // The UDP sample (samples/README.md): 176 packets, all SIP, 4 retransmissions; 30 calls, 8 answered.
        String sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap")
                .toString();
        List<CSVRecord> outcomes = csvTable("analyze", "-f", "csv", "--table", "outcomes", sample);
        assertEquals(30, outcomes.stream().mapToLong(r -> Long.parseLong(r.get("calls"))).sum());
        assertEquals("8", outcomes.stream().filter(r -> r.get("outcome").equals("answered")).findFirst().orElseThrow()
                .get("calls"));
        List<CSVRecord> finals = csvTable("analyze", "-f", "csv", "--table", "finals", sample);
        assertTrue(finals.stream().anyMatch(r -> r.get("final_code").equals("486") && r.get("calls").equals("2")
                && r.get("reason").equals("Busy Here")));
        assertTrue(finals.stream().anyMatch(r -> r.get("final_code").isEmpty() && r.get("calls").equals("2")),
                "two calls never got a final response");
        List<CSVRecord> time = csvTable("analyze", "-f", "csv", "--table", "time", "--interval", "1", sample);
        assertEquals(30, time.stream().mapToLong(r -> Long.parseLong(r.get("calls"))).sum());
        assertEquals(22, time.stream().mapToLong(r -> Long.parseLong(r.get("failed"))).sum(), "30 calls, 8 answered");
        assertTrue(time.stream().allMatch(r -> r.get("interval_s").equals("1")));
        List<CSVRecord> peers = csvTable("analyze", "-f", "csv", "--table", "peers", sample);
        assertEquals(22, peers.stream().mapToLong(r -> Long.parseLong(r.get("calls"))).sum());
        List<CSVRecord> methodCodes = csvTable("analyze", "-f", "csv", "--table", "method-codes", sample);
        // 22 unique 200s: 10 to INVITEs (8 answered, 2 re-INVITEs), 8 to BYEs, 4 to CANCELs.
        assertEquals(List.of("BYE 200 8", "CANCEL 200 4", "INVITE 200 10"), methodCodes.stream()
                .filter(r -> r.get("code").equals("200"))
                .map(r -> r.get("method") + " 200 " + r.get("unique")).toList());
        assertTrue(methodCodes.stream().filter(r -> !r.get("method").equals("INVITE")).allMatch(r -> r.get("code")
                .equals("200")), "only INVITEs met failures");
        CliRun text = CliRun.of("analyze", sample);
        assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s+BYE\\s+200×8")), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("\\s+INVITE\\s+100×20, 180×30, 200×12\\(10\\), .*")),
                "two 200s retransmitted until a late ACK: " + text.out());
        List<CSVRecord> senders = csvTable("analyze", "-f", "csv", "--table", "senders", sample);
        // Unique failures in the sample: 403, 404, 480, 486, 487, 500, 503, 603 twice each, 407 four times.
        assertEquals(20, senders.stream().mapToLong(r -> Long.parseLong(r.get("unique"))).sum());
        assertTrue(senders.stream().allMatch(r -> r.get("sender").equals("127.0.0.1")));
        List<CSVRecord> methods = csvTable("analyze", "-f", "csv", "--table", "methods", sample);
        assertTrue(methods.stream().anyMatch(r -> r.get("method").equals("INVITE") && r.get("unique").equals("34")));

        Path missing = dir.resolve("missing.pcap");
        CliRun in = CliRun.of("analyze", "-f", "csv", "--table", "inputs", sample, missing.toString());
        List<CSVRecord> inputs = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(in.out())).getRecords();
        assertEquals(2, inputs.size());
        assertEquals(List.of("true", "176", "176", "4", "0", "0", "0"), List.of(inputs.get(0).get("readable"),
                inputs.get(0).get("packets"), inputs.get(0).get("sip_messages"), inputs.get(0).get("retransmissions"),
                inputs.get(0).get("malformed"), inputs.get(0).get("non_sip_payloads"),
                inputs.get(0).get("undecodable")));
        assertEquals("false", inputs.get(1).get("readable"));
        assertTrue(inputs.get(1).get("error").contains("no such file"));

        CliRun codes = CliRun.of("analyze", "-f", "csv", sample);
        assertTrue(codes.err().contains("1 of 1 input read: 176 packets, 176 SIP messages"),
                "what a CSV table cannot hold is said on standard error: " + codes.err());
        assertEquals(ExitCode.USAGE, CliRun.of("analyze", "--table", "time", sample).exit(), "--table needs -f csv");
        assertEquals(ExitCode.USAGE, CliRun.of("analyze", "-f", "csv", "--table", "nope", sample).exit());
    }

    @Test
    void aDirectoryStandsForTheFilesInIt() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs/night"));
        write("runs/a.pcap", pcap(response(486, "Busy Here", "INVITE")));
        write("runs/night/b.pcap", pcap(response(503, "Service Unavailable", "INVITE")));
        write("runs/.hidden.pcap", pcap(response(200, "OK", "INVITE")));
        CliRun r = CliRun.of("analyze", "-f", "json", dir.resolve("runs").toString());
        assertEquals(ExitCode.OK, r.exit(), r.err());
        JsonNode inputs = new ObjectMapper().readTree(r.out()).get("inputs");
        assertEquals(2, inputs.size(), "every file at any depth, hidden ones left out: " + inputs);
        assertTrue(inputs.get(0).get("path").asText().endsWith("a.pcap"), "in name order");
        assertTrue(inputs.get(1).get("path").asText().endsWith("b.pcap"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = CliRun.of("analyze", empty.toString());
        assertEquals(ExitCode.USAGE, none.exit());
        assertTrue(none.err().contains("is a directory with no files in it"), none.err());
        assertTrue(Files.isDirectory(runs));
    }

    @Test
    void chartsArePngAndSvgImages() throws Exception {
        Path f = write("c.pcap", pcap(response(486, "Busy Here", "INVITE"), response(200, "OK", "REGISTER")));
        Path png = dir.resolve("codes.png");
        Path svg = dir.resolve("calls.SVG");
        CliRun r = CliRun.of("analyze", "--chart", png.toString(), "--calls-chart", svg.toString(), f.toString());
        assertEquals(ExitCode.OK, r.exit(), r.err());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        assertEquals(560, image.getHeight());
        String xml = Files.readString(svg);
        javax.xml.parsers.DocumentBuilderFactory dbf = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document doc = dbf.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(xml.contains("Calls by outcome"), "the title is drawn as text");
        CliRun bad = CliRun.of("analyze", "--chart", dir.resolve("codes.gif").toString(), f.toString());
        assertEquals(ExitCode.USAGE, bad.exit());
        assertTrue(bad.err().contains(".png or .svg"), bad.err());
    }

    @Test
    void usageErrors() {
        assertEquals(ExitCode.USAGE, CliRun.of("analyze").exit());
        assertEquals(ExitCode.USAGE, CliRun.of("analyze", "--format", "sql", "x.pcap").exit());
        assertEquals(ExitCode.USAGE, CliRun.of("analyze", "--threads", "zero", "x.pcap").exit());
        assertEquals(ExitCode.USAGE, CliRun.of("analyze", "-", "-").exit());
        CliRun help = CliRun.of("analyze", "--help");
        assertEquals(ExitCode.OK, help.exit());
        assertTrue(help.out().contains("--strict"));
    }

    @Test
    void anOutputThatIsAnInputIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("calls.pcap");
        Files.copy(Path.of(CallsCommandTest.UDP), capture);
        byte[] before = Files.readAllBytes(capture);
        Path link = dir.resolve("link.pcap");
        Files.createSymbolicLink(link, capture);
        String other = dir.resolve(".").resolve("calls.pcap").toString(); // the same file by another path
        Path svg = dir.resolve("chart.svg");
        Files.createSymbolicLink(svg, capture); // a chart's name must end in .svg or .png
        List<String[]> runs = List.of(
                new String[] {"analyze", "-o", capture.toString(), capture.toString()},
                new String[] {"analyze", "-o", link.toString(), capture.toString()},
                new String[] {"analyze", "--chart", svg.toString(), capture.toString()},
                new String[] {"analyze", "-o", capture.toString(), dir.toString()},
                new String[] {"calls", "-f", "csv", "-o", link.toString(), capture.toString()},
                new String[] {"check", "-r", "calls > 0", "-f", "junit", "-o", other, capture.toString()});
        for (String[] args : runs) {
            CliRun r = CliRun.of(args);
            assertEquals(ExitCode.USAGE, r.exit(), String.join(" ", args) + ": " + r.out() + r.err());
            assertTrue(r.err().contains("is the input") && r.err().contains("choose another path"), r.err());
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(capture)), "the capture is untouched");
        }
    }

    /**
     * Inputs made days apart (the SIPp samples and a baresip log of a later day), listed by the second: a long run
     * of empty intervals is one row that counts them, not pages of zeros, and every call is still in a row.
     */
    @Test
    void callsByTimeOverInputsFarApartListAGapAsOneRow() throws Exception {
        Path samples = Path.of(System.getProperty("sipanalyzer.samples", "../samples"));
        CliRun r = CliRun.of("analyze", "-f", "markdown", "--interval", "1", samples.resolve("sipp-calls-udp.pcap")
                .toString(), samples.resolve("logs/agents/baresip-trace.pcap").toString());
        assertEquals(ExitCode.OK, r.exit(), r.err());
        String table = r.out().substring(r.out().indexOf("### Calls by time"));
        table = table.substring(0, table.indexOf("\n\n", table.indexOf("|---")));
        java.util.List<String> rows = table.lines().filter(l -> l.startsWith("| 20")).toList();
        assertTrue(rows.size() < 40, rows.size() + " rows");
        assertTrue(rows.stream().anyMatch(l -> l.matches("\\| \\S+Z \\([\\d,]+ empty intervals\\) \\| 0 \\| 0 \\|.*")),
                table);
        long calls = rows.stream().mapToLong(l -> Long.parseLong(l.split("\\|")[2].trim().replace(",", ""))).sum();
        JsonNode j = new ObjectMapper().readTree(CliRun.of("analyze", "-f", "json", samples.resolve(
                "sipp-calls-udp.pcap").toString(), samples.resolve("logs/agents/baresip-trace.pcap").toString()).out());
        assertEquals(j.get("calls").get("total").asLong(), calls, "every call is in a row");
        String text = CliRun.of("analyze", "--interval", "1", samples.resolve("sipp-calls-udp.pcap").toString(),
                samples.resolve("logs/agents/baresip-trace.pcap").toString()).out();
        assertTrue(text.matches("(?s).*\\n  Calls by time \\(1 s intervals, UTC\\): from \\S+Z, calls \\(failed\\):"
                + "[^\\[]*\\[[\\d,]+ empty\\].*"), text);
    }

    /**
     * Charts that show failures: every colour in a legend, failures told from cancellations and redirects, one 503
     * beside 4,000 200s still visible (a logarithmic axis), and calls over time and post-dial delays drawn too.
     */
    @Test
    void chartsHaveLegendsALogAxisWhenNeededAndShowTimeAndDelays() throws Exception {
        String[] many = new String[4001];
        java.util.Arrays.fill(many, 0, 4000, response(200, "OK", "OPTIONS"));
        many[4000] = response(503, "Service Unavailable", "OPTIONS");
        Path lopsided = write("lopsided.pcap", pcap(many));
        Path codes = dir.resolve("codes.svg");
        assertEquals(ExitCode.OK, CliRun.of("analyze", "--chart", codes.toString(), lopsided.toString()).exit());
        String svg = Files.readString(codes);
        assertTrue(svg.contains(">2xx Success<") && svg.contains(">5xx Server Failure<"), "a legend entry per class");
        // The axis itself is drawn as shapes in SVG; the chart's make-up says which axis it has.
        assertTrue(org.sipanalyzer.report.Charts.responsesByCode(new org.sipanalyzer.analysis.Analyzer(
                org.sipanalyzer.catalogue.Catalogue.standard(), org.sipanalyzer.analysis.AnalysisOptions.defaults())
                .analyze(List.of(org.sipanalyzer.analysis.AnalysisInput.file(lopsided))).total()).getCategoryPlot()
                .getRangeAxis() instanceof org.jfree.chart.axis.LogAxis, "a logarithmic axis");

        Path sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap");
        Path calls = dir.resolve("calls.svg");
        Path time = dir.resolve("time.svg");
        Path pdd = dir.resolve("pdd.svg");
        Path plainCodes = dir.resolve("plain.svg");
        CliRun r = CliRun.of("analyze", "--chart", plainCodes.toString(), "--calls-chart", calls.toString(),
                "--time-chart", time.toString(), "--pdd-chart", pdd.toString(), "--interval", "1", sample.toString());
        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertTrue(org.sipanalyzer.report.Charts.responsesByCode(new org.sipanalyzer.analysis.Analyzer(
                org.sipanalyzer.catalogue.Catalogue.standard(), org.sipanalyzer.analysis.AnalysisOptions.defaults())
                .analyze(List.of(org.sipanalyzer.analysis.AnalysisInput.file(sample))).total()).getCategoryPlot()
                .getRangeAxis() instanceof org.jfree.chart.axis.NumberAxis, "30 against 2: a linear axis");
        String outcomes = Files.readString(calls);
        for (String legend : List.of("answered", "refused by the callee", "failed (unavailable, other errors)",
                "cancelled by the caller", "redirected")) {
            assertTrue(outcomes.contains(legend), legend);
        }
        assertFalse(outcomes.contains("no final response (timeout)"), "no legend for a colour not drawn");
        String t = Files.readString(time);
        assertTrue(t.contains(">Calls over time, by outcome<") && t.contains(">cancelled by the caller<"), t);
        String d = Files.readString(pdd);
        assertTrue(d.contains(">Post-dial delay (30 calls)<") && d.contains(">1 s to 3 s<"), "the slow callee's 1.2 s");
        for (Path p : List.of(calls, time, pdd)) {
            var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
            assertEquals("svg", doc.getDocumentElement().getTagName(), p.toString());
        }
        String html = CliRun.of("analyze", "-f", "html", sample.toString()).out();
        assertTrue(html.contains("<figcaption>Calls over time, stacked by outcome</figcaption>")
                && html.contains("<figcaption>Post-dial delay</figcaption>"), "the HTML report draws them too");
    }

    /** Filters keep calls whole, and every report says what they left out; standard input cannot be read twice. */
    @Test
    void filtersSayWhatTheyLeftOut() throws Exception {
        String sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap")
                .toString();
        CliRun text = CliRun.of("analyze", "--code", "486", sample);
        assertEquals(ExitCode.OK, text.exit(), text.err());
        assertTrue(text.out().contains("filter --code 486: 166 messages and 28 calls left out"), text.out());
        JsonNode j = new ObjectMapper().readTree(CliRun.of("analyze", "-f", "json", "--code", "486", "--src",
                "127.0.0.1", sample).out());
        assertEquals("--src 127.0.0.1, --code 486", j.get("filter").get("applied").asText());
        assertEquals(28, j.get("filter").get("callsRemoved").asInt());
        assertEquals(2, j.get("calls").get("byOutcome").get("busy").asInt());
        assertEquals(2, j.get("calls").get("total").asInt());
        assertFalse(new ObjectMapper().readTree(CliRun.of("analyze", "-f", "json", sample).out()).has("filter"));
        assertTrue(CliRun.of("analyze", "-f", "html", "--code", "486", sample).out().contains(
                "The filter --code 486: 166 messages and 28 calls left out: calls are kept or left out whole."));
        CliRun calls = CliRun.of("calls", "-f", "csv", "--method", "CANCEL", sample);
        assertTrue(calls.err().contains("filter --method CANCEL:"), calls.err());
        assertEquals(4 + 1, calls.out().lines().count(), "the four calls with a CANCEL, and the heading");
        for (List<String> bad : List.of(List.of("--host", "sip.example.com"), List.of("--code", "99x"),
                List.of("--from", "yesterday"), List.of("--from", "+1m", "--to", "2026-01-01T00:00:00Z"),
                List.of("--match", "Con tact~=x"), List.of("--match", "User-Agent~=(x"), List.of("--port", "70000"),
                List.of("--transport", "carrier-pigeon"))) {
            List<String> args = new java.util.ArrayList<>(List.of("analyze"));
            args.addAll(bad);
            args.add(sample);
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, r.exit(), bad.toString());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        // Standard input is copied to a temporary file first, since a filter reads each input twice.
        java.io.InputStream saved = System.in;
        try {
            System.setIn(Files.newInputStream(Path.of(sample)));
            CliRun stdin = CliRun.of("analyze", "--code", "486", "-");
            assertEquals(ExitCode.OK, stdin.exit(), stdin.err());
            assertTrue(stdin.out().contains("filter --code 486: 166 messages and 28 calls left out"), stdin.out());
        } finally {
            System.setIn(saved);
        }
    }
}
