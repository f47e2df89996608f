package org.sipanalyzer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.analysis.StatisticsListener;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.sip.SipMessage;
import org.sipanalyzer.testing.SharedData;

/** Text logs: the corpus's logs against their status-line truth, and the reader's rules on logs made here. */
class LogsTest {

    static Stream<String> logs() throws IOException {
        Path dir = SharedData.root().resolve("corpus/logs");
        if (!Files.isDirectory(dir)) {
            return Stream.of("(corpus absent)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static AnalysisResult analyze(AnalysisInput in, List<SipEvent> events) {
        StatisticsListener collect = new org.sipanalyzer.testing.CollectingListener(events);
        return new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(in), List.of(collect));
    }

    @ParameterizedTest
    @MethodSource("logs")
    void responsesByCodeMatchTheStatusLinesOfEachLog(String name) throws IOException {
        Path corpus = SharedData.require("corpus");
        Map<String, Long> truth = new TreeMap<>();
        List<String> lines = Files.readAllLines(corpus.resolve("truth/" + name + ".statuslines.tsv"));
        for (String l : lines.subList(1, lines.size())) {
            if (!l.isBlank()) {
                String[] f = l.split("\t");
                truth.put(f[0], Long.parseLong(f[1]));
            }
        }
        truth.remove("(none)"); // Zeek rows without a response
        AnalysisResult r = analyze(AnalysisInput.file(corpus.resolve("logs/" + name)), new ArrayList<>());
        assertTrue(r.inputs().get(0).readable(), r.inputs().get(0).error());
        Map<String, Long> ours = new TreeMap<>();
        r.total().byCode().forEach((c, s) -> ours.put(Integer.toString(c), s.counts().count()));
        assertEquals(truth, ours, name);
        assertEquals(0, r.total().malformed(), name);
        if (name.contains("zeek")) {
            // Zeek repeats a request in the record of each of its responses: one request per uid, Call-ID and CSeq.
            List<String> rows = Files.readAllLines(corpus.resolve("logs/" + name),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            List<String> columns = null;
            java.util.Set<String> requests = new java.util.HashSet<>();
            for (String row : rows) {
                if (row.startsWith("#fields\t")) {
                    columns = List.of(row.substring(8).split("\t", -1));
                } else if (row.startsWith("#") || row.isBlank()) {
                    continue;
                } else if (columns == null) {
                    columns = List.of(row.split("\t", -1)); // a plain header row
                } else {
                    String[] f = row.split("\t", -1);
                    int method = columns.indexOf("method");
                    if (method >= 0 && method < f.length && !f[method].equals("-")) {
                        requests.add(field(f, columns, "uid") + "|" + field(f, columns, "call_id") + "|"
                                + field(f, columns, "seq") + "|" + (columns.contains("uid") ? "" : row));
                    }
                }
            }
            assertEquals(requests.size(), r.total().requests().count(), "Zeek requests, once per transaction");
        }
    }

    private static String field(String[] f, List<String> columns, String name) {
        int i = columns.indexOf(name);
        return i >= 0 && i < f.length ? f[i] : "";
    }

    @Test
    void timeEndpointsLineEndsAndContentLengthComeFromTheLog() throws IOException {
        String log = "2024-03-01 10:00:00.250 INFO received from 10.0.0.1:5060 -> 10.0.0.2:5070\n"
                + "INVITE sip:bob@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\n"
                + "From: <sip:alice@example.com>;tag=a\n"
                + "To: <sip:bob@example.com>\n"
                + "Call-ID: log-1\n"
                + "CSeq: 1 INVITE\n"
                + "Content-Type: message/sipfrag\n"
                + "Content-Length: 16\n"
                + "\n"
                + "SIP/2.0 100 Try\n"
                + "2024-03-01 10:00:01.000 INFO sent 10.0.0.1:5060 <- 10.0.0.2:5070\n"
                + "SIP/2.0 486 Busy Here\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\n"
                + "From: <sip:alice@example.com>;tag=a\n"
                + "To: <sip:bob@example.com>;tag=b\n"
                + "Call-ID: log-1\n"
                + "CSeq: 1 INVITE\n"
                + "Content-Length: 0\n";
        List<SipEvent> events = new ArrayList<>();
        AnalysisResult r = analyze(AnalysisInput.stream("log", new ByteArrayInputStream(
                log.getBytes(StandardCharsets.UTF_8))), events);
        assertEquals("text log", r.inputs().get(0).format());
        assertEquals(2, events.size(), "the sipfrag body is body, not a message");
        SipEvent invite = events.get(0);
        assertEquals("10.0.0.1:5060", invite.source().toString());
        assertEquals(java.time.Instant.parse("2024-03-01T10:00:00.250Z").toEpochMilli() * 1_000_000L,
                invite.timestampNanos());
        assertEquals(16, invite.message().bodyLength(), "Content-Length counts CRLF line ends, as sent");
        assertTrue(invite.message().isWellFormed(), invite.message().problems().toString());
        SipEvent busy = events.get(1);
        assertEquals(486, ((SipMessage.Response) busy.message()).statusCode());
        assertEquals("10.0.0.2:5070", busy.source().toString(), "the arrow points back");
        assertEquals(13, busy.frame(), "the line where the message starts");
    }

    @Test
    void ipv6EndpointsInBrackets() {
        String log = "[2024/03/01 10:00:00.000] OUT [2001:db8::1]:5060 --> [2001:db8::2]:5070\n\n"
                + "OPTIONS sip:x@y SIP/2.0\nVia: SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\n"
                + "To: <sip:x@y>\nCall-ID: c6\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n";
        List<SipEvent> events = new ArrayList<>();
        analyze(AnalysisInput.stream("v6.log", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8))), events);
        assertEquals("[2001:db8::1]:5060", events.get(0).source().toString());
        assertEquals("[2001:db8::2]:5070", events.get(0).destination().toString());
    }

    @Test
    void gzipLogsAndOverlongLines() throws IOException {
        String msg = "OPTIONS sip:x@y SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\n"
                + "To: <sip:x@y>\nCall-ID: c\nCSeq: 1 OPTIONS\nX-Long: " + "z".repeat(200_000)
                + "\nContent-Length: 0\n\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(("some banner line\n" + msg).getBytes(StandardCharsets.UTF_8));
        }
        List<SipEvent> events = new ArrayList<>();
        AnalysisResult r = analyze(AnalysisInput.stream("log.gz", new ByteArrayInputStream(gz.toByteArray())), events);
        assertEquals("text log+gzip", r.inputs().get(0).format());
        assertEquals(1, events.size());
        assertEquals("OPTIONS", ((SipMessage.Request) events.get(0).message()).method());
        assertTrue(r.inputs().get(0).warnings().stream()
                .anyMatch(w -> w.contains("longer than 65536 bytes cut (line 8")),
                r.inputs().get(0).warnings().toString());
    }

    @Test
    void textWithoutSipIsRefusedWithOneLine() {
        AnalysisResult r = analyze(AnalysisInput.stream("notes.txt", new ByteArrayInputStream(
                "shopping list\neggs\nmilk\n".getBytes(StandardCharsets.UTF_8))), new ArrayList<>());
        assertTrue(!r.inputs().get(0).readable());
        assertTrue(r.inputs().get(0).error().startsWith("text without SIP messages"), r.inputs().get(0).error());
    }
}
