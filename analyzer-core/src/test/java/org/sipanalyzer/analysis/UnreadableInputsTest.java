package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.testing.SharedData;

/** An input that cannot be read says what is wrong in words, never with a Java exception's name. */
class UnreadableInputsTest {

    static InputReport analyze(String name, byte[] bytes) {
        return new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                .analyze(List.of(AnalysisInput.stream(name, new ByteArrayInputStream(bytes))), List.of())
                .inputs().get(0);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    /**
     * A gzip input expands at most to the decompression limit (a gzip bomb of a gigabyte would otherwise expand to a
     * terabyte); what came before the limit is analysed, and a warning says where reading stopped and how to go on.
     */
    @Test
    void aGzipInputStopsAtTheDecompressionLimitWithAWarning() throws IOException {
        Path samples = Path.of(System.getProperty("sipanalyzer.samples", "../samples"));
        for (Path p : List.of(samples.resolve("sipp-calls-udp.pcap"),
                samples.resolve("logs/sipp/sipp-uac-udp_messages.log"))) {
            byte[] plain = Files.readAllBytes(p);
            AnalysisOptions whole = AnalysisOptions.defaults();
            AnalysisOptions half = whole.withMaxDecompressedBytes(plain.length / 2);
            InputReport all = new Analyzer(Catalogue.standard(), whole).analyze(List.of(AnalysisInput.stream("x.gz",
                    new ByteArrayInputStream(gzip(plain))))).inputs().get(0);
            InputReport cut = new Analyzer(Catalogue.standard(), half).analyze(List.of(AnalysisInput.stream("x.gz",
                    new ByteArrayInputStream(gzip(plain))))).inputs().get(0);
            assertTrue(all.warnings().stream().noneMatch(w -> w.contains("decompressed")), all.warnings().toString());
            assertTrue(cut.readable());
            assertTrue(cut.sipMessages() > all.sipMessages() / 4 && cut.sipMessages() < all.sipMessages(),
                    p + ": " + cut.sipMessages() + " of " + all.sipMessages() + " messages before the limit");
            assertTrue(cut.warnings().stream().anyMatch(w -> w.contains("reading stopped after " + plain.length / 2
                    + " bytes decompressed") && w.contains("--max-decompressed-bytes")), cut.warnings().toString());
        }
    }

    /** A gzip cut right after its header, or one that holds nothing, is not an "empty input": it says which. */
    @Test
    void aGzipCutBeforeItsDataOrHoldingNothingSaysSo() throws IOException {
        byte[] sample = Files.readAllBytes(Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
                .resolve("sipp-calls-udp.pcap"));
        InputReport cut = analyze("cut.pcap.gz", Arrays.copyOf(gzip(sample), 12));
        assertFalse(cut.readable());
        assertEquals("gzip cut short before its first decompressed byte: the file is incomplete, with nothing to"
                + " analyse", cut.error());
        InputReport nothing = analyze("nothing.gz", gzip(new byte[0]));
        assertEquals("the gzip holds no data (it decompresses to 0 bytes)", nothing.error());
        assertEquals("empty input (0 bytes): no capture header", analyze("empty.pcap", new byte[0]).error());
    }

    /** A pcapng cut inside its first block says so, with the bytes it has, instead of "not a pcapng file". */
    @Test
    void aPcapngCutInsideItsSectionHeaderSaysWhere() throws IOException {
        // The section header block of a pcapng as Wireshark's tools write it: 0x0A0D0D0A, length, byte order magic.
        byte[] shb = {0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, -1, -1, -1, -1, -1, -1,
            -1, -1, 28, 0, 0, 0};
        InputReport seven = analyze("cut.pcapng", Arrays.copyOf(shb, 7));
        assertEquals("pcapng cut short inside its section header block: 7 bytes in all, of at least 28; the file is"
                + " incomplete, with nothing to analyse", seven.error());
        InputReport twenty = analyze("cut.pcapng", Arrays.copyOf(shb, 20));
        assertTrue(twenty.warnings().stream().anyMatch(w -> w.contains("cut off inside a section header block (20"
                + " of 28 bytes)")), twenty.warnings().toString());
    }

    @Test
    void aGzipCutInsideItsHeaderSaysSo() throws IOException {
        byte[] gz = gzip("some text".getBytes(StandardCharsets.UTF_8));
        InputReport r = analyze("cut.gz", Arrays.copyOf(gz, 6));
        assertFalse(r.readable());
        assertTrue(r.error().startsWith("gzip cut short inside its own header"), r.error());
        assertFalse(r.error().contains("Exception"), r.error());
    }

    @Test
    void aCorruptGzipHeaderSaysSo() throws IOException {
        byte[] gz = gzip("some text".getBytes(StandardCharsets.UTF_8));
        gz[2] = 7; // compression method: only 8 (deflate) exists
        InputReport r = analyze("bad.gz", gz);
        assertFalse(r.readable());
        assertTrue(r.error().startsWith("corrupt gzip"), r.error());
        assertFalse(r.error().contains("Exception"), r.error());
    }

    @Test
    void damagedZeekRowsAreSkippedWithTheirLines() throws IOException {
        // The corpus's Zeek sip.log with a port that is not a number, one too large, and hosts that are not addresses.
        Path log = SharedData.require("corpus/logs/zeek__sip.wireshark.sip.log");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log, StandardCharsets.ISO_8859_1));
        int first = 0;
        while (lines.get(first).startsWith("#")) {
            first++;
        }
        String[][] damage = {{"3", "50x60"}, {"5", "99999999999"}, {"2", "abc"}, {"4", "1.2.3"}};
        for (int i = 0; i < damage.length; i++) {
            String[] f = lines.get(first + i).split("\t", -1);
            f[Integer.parseInt(damage[i][0])] = damage[i][1];
            lines.set(first + i, String.join("\t", f));
        }
        InputReport damaged = analyze("sip.log", String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1));
        InputReport whole = analyze("sip.log", Files.readAllBytes(log));
        assertTrue(damaged.readable(), damaged.error());
        assertEquals(whole.sipMessages(), damaged.sipMessages(), "a damaged address is unknown, the row still counts");
        assertEquals(0, damaged.statistics().malformed());
    }

    /** A FIFO made at {@code path} with mkfifo; the test is skipped where there is none. */
    private static Path fifo(Path path) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", path.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)
                && mk.exitValue() == 0, "mkfifo is not available here");
        return path;
    }

    @Test
    void aFifoIsReadAsAStream(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // What a shell's process substitution, analyze <(zcat x.pcap.gz), hands over: a pipe that cannot seek.
        Path fifo = fifo(dir.resolve("capture.fifo"));
        Path sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap");
        Thread writer = new Thread(() -> {
            try (var out = new java.io.FileOutputStream(fifo.toFile())) {
                out.write(Files.readAllBytes(sample));
            } catch (IOException e) {
                // the reader failed first; its assertion says why
            }
        });
        writer.setDaemon(true);
        writer.start();
        InputReport r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                        .analyze(List.of(AnalysisInput.file(fifo)), List.of()).inputs().get(0));
        assertTrue(r.readable(), r.error());
        assertEquals(176, r.sipMessages(), "samples/README.md: 176 messages");
        writer.join(10_000);
    }

    /** A FIFO nothing ever writes to: a stop (SIGTERM, Ctrl-C) still ends its analysis, which says it was stopped. */
    @Test
    void aFifoThatNothingWritesToStillStops(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path fifo = fifo(dir.resolve("silent.fifo"));
        StopSignal stop = new StopSignal();
        Thread signal = new Thread(() -> {
            try {
                Thread.sleep(300); // the analysis is waiting in the FIFO's open by then
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.request("SIGTERM");
        });
        signal.setDaemon(true);
        signal.start();
        AnalysisResult r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                        .withStop(stop).analyze(List.of(AnalysisInput.file(fifo)), List.of()));
        InputReport in = r.inputs().get(0);
        assertEquals(0, in.sipMessages());
        assertEquals("not read: stopped by SIGTERM while waiting for something to write to this FIFO", in.error());
    }
}
