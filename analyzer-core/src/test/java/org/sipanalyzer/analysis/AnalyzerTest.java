package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipanalyzer.testing.Packets.ascii;
import static org.sipanalyzer.testing.Packets.ipv4;
import static org.sipanalyzer.testing.Packets.udpFrame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.ResponseClass;
import org.sipanalyzer.testing.CaptureWriter;
import org.sipanalyzer.testing.Packets;
import org.sipanalyzer.testing.SyntheticCapture;

class AnalyzerTest {

    private static final byte[] A = ipv4(192, 0, 2, 1);
    private static final byte[] B = ipv4(192, 0, 2, 2);

    static String response(int code, String phrase, String toTag) {
        return "SIP/2.0 " + code + " " + phrase + "\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKa\r\n"
                + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@x>;tag=" + toTag + "\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static final String INVITE = "INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKa\r\n"
            + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@x>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";

    private final Analyzer analyzer = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults());

    private static byte[] pcap(byte[]... frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter.Pcap w = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 262144);
        long t = 1_000_000_000L;
        for (byte[] f : frames) {
            w.packet(t += 600_000_000L, f); // 0.6 s apart: a repeat is a retransmission, not a duplicate capture
        }
        return out.toByteArray();
    }

    private AnalysisResult analyze(byte[]... captures) {
        List<AnalysisInput> in = new ArrayList<>();
        for (int i = 0; i < captures.length; i++) {
            in.add(AnalysisInput.stream("input" + i, new ByteArrayInputStream(captures[i])));
        }
        return analyzer.analyze(in);
    }

    private static byte[] sip(String s, int srcPort, int dstPort) {
        return udpFrame(A, srcPort, B, dstPort, ascii(s));
    }

    @Test
    void countsAndRetransmissions() throws IOException {
        AnalysisResult r = analyze(pcap(
                sip(INVITE, 5060, 5060),
                sip(INVITE, 5060, 5060),                           // retransmission
                sip(response(486, "Busy Here", "t1"), 5060, 5060),
                sip(response(486, "Busy Here", "t1"), 5060, 5060), // retransmission
                sip(response(486, "Busy here", "t2"), 5060, 5060), // another To tag: another fork, not a repeat
                sip(response(486, "Busy Here", "t1"), 5060, 5999))); // other direction (port): not a repeat
        MessageStatistics t = r.total();
        assertEquals(6, t.messages().count());
        assertEquals(4, t.messages().unique());
        assertEquals(2, t.retransmissions());
        assertEquals(2, t.byMethod().get("INVITE").count());
        assertEquals(1, t.byMethod().get("INVITE").unique());
        CodeStatistics busy = t.byCode().get(486);
        assertEquals(4, busy.counts().count());
        assertEquals(3, busy.counts().unique());
        assertEquals(Map.of("Busy Here", 3L, "Busy here", 1L), busy.phrases());
        assertTrue(busy.unexpectedPhrases().isEmpty(), "case differences are not unexpected");
        assertEquals(4, t.byClass().get(ResponseClass.CLIENT_FAILURE).count());
        assertEquals(4, t.byMethodAndCode().get("INVITE").get(486).count());
    }

    /**
     * A message 10 s before an earlier one (a clock set back) is named, with its frame; the few milliseconds back of a
     * capture merged from two interfaces are not.
     */
    @Test
    void timeGoingBackIsWarnedWithItsFrame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter.Pcap w = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 262144);
        w.packet(20_000_000_000L, sip(INVITE, 5060, 5060));
        w.packet(19_995_000_000L, sip(response(100, "Trying", null), 5060, 5060)); // 5 ms back: merged interfaces
        w.packet(30_000_000_000L, sip(response(180, "Ringing", "t"), 5060, 5060));
        w.packet(20_000_000_000L, sip(response(486, "Busy Here", "t"), 5060, 5060)); // 10 s back
        w.packet(21_000_000_000L, sip(response(486, "Busy Here", "t"), 5060, 5060)); // 9 s back
        InputReport in = analyze(out.toByteArray()).inputs().get(0);
        List<Diagnostic> back = in.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.TIME_BACKWARDS)
                .toList();
        assertEquals(1, back.size(), in.warnings().toString());
        assertEquals(4, back.get(0).frame().orElseThrow());
        assertTrue(back.get(0).text().startsWith("2 frames have a time more than a second before an earlier one's"
                + " (the first: frame 4, 10.000 s back)"), back.get(0).text());
        ByteArrayOutputStream merged = new ByteArrayOutputStream();
        CaptureWriter.Pcap m = new CaptureWriter.Pcap(merged, ByteOrder.LITTLE_ENDIAN, false, 1, 262144);
        m.packet(20_000_000_000L, sip(INVITE, 5060, 5060));
        m.packet(19_995_000_000L, sip(response(100, "Trying", null), 5060, 5060));
        assertTrue(analyze(merged.toByteArray()).inputs().get(0).diagnostics().isEmpty());
        // A log may list its messages out of order (Zeek's sip.log stamps a response's row with its request's time):
        // the check is of a capture's clock, and a log has none.
        byte[] zeek = ("#fields\tts\tuid\tcall_id\tseq\tmethod\tstatus_code\n"
                + "1600000010.0\tC1\ta\t1 OPTIONS\tOPTIONS\t200\n1600000000.0\tC2\tb\t1 INVITE\tINVITE\t486\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        InputReport log = analyze(zeek).inputs().get(0);
        assertEquals(4, log.sipMessages(), log.warnings().toString());
        assertTrue(log.diagnostics().stream().noneMatch(d -> d.kind() == Diagnostic.Kind.TIME_BACKWARDS));
    }

    @Test
    void theSamePacketCapturedTwiceIsADuplicateNotARetransmission() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter.Pcap w = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 262144);
        byte[] ok = sip(response(200, "OK", "t"), 5060, 5060);
        w.packet(1_000_000_000L, ok);
        w.packet(1_000_040_000L, ok);   // 40 µs later: the same packet seen on a second interface
        w.packet(1_500_000_000L, ok);   // 500 ms later: Timer G, a retransmission
        AnalysisResult r = analyze(out.toByteArray());
        MessageStatistics t = r.total();
        assertEquals(3, t.messages().count());
        assertEquals(1, t.messages().unique());
        assertEquals(1, t.duplicates());
        assertEquals(1, t.retransmissions());
    }

    @Test
    void sipIsFoundOnAnyPortAndUnregisteredCodesAreKept() throws IOException {
        AnalysisResult r = analyze(pcap(
                sip(response(499, "Odd", "t"), 40000, 41000),
                sip(response(42, "Tiny", "t"), 12345, 80),
                sip(response(200, "OK", "t"), 5060, 5060)));
        MessageStatistics t = r.total();
        assertEquals(3, t.responses().count());
        assertEquals("unregistered", t.byCode().get(499).lookup().status().word());
        assertEquals(400, t.byCode().get(499).lookup().treatedAs().orElseThrow());
        assertEquals(1, t.byCode().get(42).counts().count());
        assertEquals(1, t.invalidCodes().count());
        assertEquals(Map.of("Odd", 1L), t.byCode().get(499).unexpectedPhrases());
    }

    @Test
    void emptyFileAndNonCaptureAreUnreadableWhileOthersGoOn() throws IOException {
        AnalysisResult r = analyze(new byte[0], ascii("hello, not a capture\n"),
                pcap(sip(response(200, "OK", "t"), 5060, 5060)));
        assertFalse(r.inputs().get(0).readable());
        assertTrue(r.inputs().get(0).error().contains("empty"), r.inputs().get(0).error());
        assertFalse(r.inputs().get(1).readable());
        assertTrue(r.inputs().get(2).readable());
        assertTrue(r.anyReadable());
        assertEquals(1, r.total().responses().count());
    }

    @Test
    void captureCutOffMidRecordIsAnalysedUpToTheCut() throws IOException {
        byte[] first = sip(response(180, "Ringing", "t"), 5060, 5060);
        byte[] full = pcap(first, sip(response(200, "OK", "t"), 5060, 5060));
        byte[] cut = Arrays.copyOf(full, full.length - 30);
        AnalysisResult r = analyze(cut);
        InputReport in = r.inputs().get(0);
        assertTrue(in.readable());
        assertEquals(1, in.packets());
        assertEquals(1, r.total().responses().count());
        assertTrue(in.warnings().stream().anyMatch(w -> w.contains("byte offset") && w.contains("cut off")),
                in.warnings().toString());
        // Typed: the second record, whose header starts after the file header (24) and the first record (16 + frame).
        Diagnostic d = in.diagnostics().get(0);
        assertEquals(Diagnostic.Kind.DAMAGED_CAPTURE, d.kind());
        assertEquals(2, d.frame().getAsLong());
        assertEquals(24 + 16 + first.length, d.byteOffset().getAsLong());
        assertEquals(in.warnings().get(0), d.text());
        assertTrue(d.flow().isEmpty());
    }

    @Test
    void truncatedGzipKeepsWhatWasDecompressed() throws IOException {
        byte[][] frames = new byte[200][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = sip(response(200, "OK", "t" + i), 5060, 5060);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(pcap(frames));
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() * 2 / 3);
        for (AnalysisOptions o : List.of(AnalysisOptions.defaults().withPrefetch(false),
                AnalysisOptions.defaults().withPrefetch(true))) {
            AnalysisResult r = new Analyzer(Catalogue.standard(), o)
                    .analyze(List.of(AnalysisInput.stream("cut.pcap.gz", new ByteArrayInputStream(cut))));
            InputReport in = r.inputs().get(0);
            assertTrue(in.readable());
            assertEquals("pcap+gzip", in.format());
            assertTrue(in.packets() > 50 && in.packets() < 200, "packets " + in.packets());
            assertEquals(in.packets(), r.total().responses().count());
            assertTrue(in.warnings().stream().anyMatch(w -> w.contains("gzip stream ends early")),
                    in.warnings().toString());
            assertEquals(1, in.warnings().stream().filter(w -> w.contains("gzip stream ends early")).count());
        }
    }

    @Test
    void corruptRecordLengthStopsOnlyThatFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(pcap(sip(response(180, "Ringing", "t"), 5060, 5060)));
        out.write(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0, 0, 0, 1});
        AnalysisResult r = analyze(out.toByteArray(), pcap(sip(response(200, "OK", "t"), 5060, 5060)));
        assertEquals(1, r.inputs().get(0).packets());
        assertTrue(r.inputs().get(0).warnings().stream().anyMatch(w -> w.contains("corrupt record")));
        assertEquals(2, r.total().responses().count());
    }

    @Test
    void emptyUdpGarbageOn5060AndHugeHeaderLines() throws IOException {
        byte[] garbage = new byte[300];
        new java.util.Random(3).nextBytes(garbage);
        garbage[0] = 0x00;
        String big = response(503, "Service Unavailable", "t").replace("Content-Length: 0",
                "X-Huge: " + "h".repeat(70_000) + "\r\nContent-Length: 0");
        // A 70 KB datagram: IP and UDP lengths of 0, as offloading NICs capture them.
        byte[] ip = Packets.ipv4Packet(A, B, 17, Packets.udp(5060, 5060, ascii(big)));
        ip[2] = 0;
        ip[3] = 0;
        ip[20 + 4] = 0;
        ip[20 + 5] = 0;
        AnalysisResult r = analyze(pcap(
                udpFrame(A, 5060, B, 5060, new byte[0]),
                udpFrame(A, 5060, B, 5060, garbage),
                Packets.ethernet(0x0800, ip)));
        InputReport in = r.inputs().get(0);
        assertEquals(3, in.packets());
        assertEquals(1, in.emptyPayloads());
        assertEquals(1, in.nonSipPayloads());
        assertEquals(1, r.total().byCode().get(503).counts().count());
    }

    @Test
    void aListenerThatThrowsIsDisabledAndReported() throws IOException {
        List<SipEvent> seen = new ArrayList<>();
        StatisticsListener bad = new StatisticsListener() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void onEvent(SipEvent event) {
                throw new IllegalStateException("boom");
            }
        };
        StatisticsListener good = new StatisticsListener() {
            @Override
            public String name() {
                return "good";
            }

            @Override
            public void onEvent(SipEvent event) {
                seen.add(event);
            }
        };
        byte[] cap = pcap(sip(INVITE, 5060, 5060), sip(response(200, "OK", "t"), 5060, 5060));
        AnalysisResult r = analyzer.analyze(List.of(AnalysisInput.stream("x", new ByteArrayInputStream(cap))),
                List.of(bad, good));
        assertEquals(2, seen.size());
        assertEquals(1, r.failedListeners().size());
        assertTrue(r.failedListeners().get(0).startsWith("broken"));
        assertEquals(2, r.total().messages().count(), "the built-in statistics went on");
        assertEquals(2, seen.get(1).frame());
        assertTrue(seen.get(1).isResponse());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void syntheticCaptureGivesExactlyTheCountsItWasWrittenWith(boolean tcp, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("synthetic.pcap");
        SyntheticCapture.Expected expected;
        try (var out = Files.newOutputStream(file)) {
            expected = SyntheticCapture.write(out, 20_000, 11, tcp);
        }
        AnalysisResult r = analyzer.analyze(List.of(AnalysisInput.file(file)));
        MessageStatistics t = r.total();
        InputReport in = r.inputs().get(0);
        assertEquals(expected.count("packets"), in.packets());
        assertEquals(expected.count("sip"), t.messages().count());
        assertEquals(expected.count("nonSip"), in.nonSipPayloads());
        assertEquals(expected.count("keepAlive"), in.keepAlives());
        if (tcp) {
            assertEquals(0, in.reassembly().tcpGapBytes() + in.reassembly().tcpSkippedBytes()
                    + in.reassembly().tcpUnfinishedMessages());
        }
        assertEquals(0, t.malformed());
        int codes = 0;
        for (Map.Entry<String, long[]> e : expected.all().entrySet()) {
            String[] k = e.getKey().split(" ");
            Counts c = switch (k[0]) {
                case "code" -> t.byCode().get(Integer.parseInt(k[1])).counts();
                case "method" -> t.byMethod().get(k[1]);
                case "class" -> t.byClass().get(ResponseClass.parse(k[1]).orElseThrow());
                case "method-code" -> t.byMethodAndCode().get(k[1]).get(Integer.parseInt(k[2]));
                default -> null;
            };
            if (c != null) {
                assertEquals(e.getValue()[0], c.count(), e.getKey() + " count");
                assertEquals(e.getValue()[1], c.unique(), e.getKey() + " unique");
                codes++;
            }
        }
        assertTrue(codes > 20, "compared " + codes + " figures");
        assertEquals(expected.all().keySet().stream().filter(k -> k.startsWith("code ")).count(), t.byCode().size());
    }
}
