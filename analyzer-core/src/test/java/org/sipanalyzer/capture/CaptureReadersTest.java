package org.sipanalyzer.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipanalyzer.testing.CaptureWriter;

class CaptureReadersTest {

    private static final int MAX = CaptureOpener.DEFAULT_MAX_FRAME_BYTES;
    private static final byte[] A = {1, 2, 3, 4, 5};
    private static final byte[] B = {9, 8, 7};

    record Read(CaptureReader reader, List<Frame> frames) {
    }

    static Read readAll(byte[] capture) throws IOException {
        CaptureReader r = CaptureOpener.open(new ByteArrayInputStream(capture), MAX);
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = r.next()) != null) {
            // The reader may reuse its array: keep a copy, as a consumer must.
            byte[] copy = Arrays.copyOfRange(f.data(), f.offset(), f.offset() + f.length());
            frames.add(new Frame(f.number(), f.timestampNanos(), f.linkType(), f.interfaceId(), copy, 0, copy.length,
                    f.originalLength(), f.fileOffset()));
        }
        return new Read(r, frames);
    }

    static byte[] bytes(Frame f) {
        return Arrays.copyOfRange(f.data(), f.offset(), f.offset() + f.length());
    }

    @ParameterizedTest
    @CsvSource({"BIG_ENDIAN,false", "LITTLE_ENDIAN,false", "BIG_ENDIAN,true", "LITTLE_ENDIAN,true"})
    void pcapInEitherByteOrderAndResolution(String orderName, boolean nanos) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CaptureWriter.Pcap(out, order, nanos, 1, 65535)
                .packet(1_700_000_000_123_456_789L, A)
                .packet(1_700_000_001_000_001_000L, B, 100);
        Read r = readAll(out.toByteArray());
        assertEquals(CaptureFormat.PCAP, r.reader().format());
        assertEquals(2, r.frames().size());
        Frame first = r.frames().get(0);
        assertEquals(1, first.number());
        assertEquals(1, first.linkType());
        assertArrayEquals(A, bytes(first));
        assertEquals(nanos ? 1_700_000_000_123_456_789L : 1_700_000_000_123_456_000L, first.timestampNanos());
        assertEquals(24, first.fileOffset());
        Frame second = r.frames().get(1);
        assertEquals(2, second.number());
        assertArrayEquals(B, bytes(second));
        assertTrue(second.isTruncated());
        assertEquals(100, second.originalLength());
        assertEquals(1, r.reader().truncatedFrames());
        assertTrue(r.reader().warnings().isEmpty());
    }

    @Test
    void pcapngSectionsInBothByteOrdersWithTheirOwnInterfaces() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CaptureWriter.Pcapng(out, ByteOrder.LITTLE_ENDIAN)
                .iface(1, 65535, -1)             // microseconds by default
                .iface(113, 65535, 9)            // nanoseconds, Linux cooked
                .block(0x0BAD, new byte[] {1, 2, 3, 4}) // unknown block type: skipped
                .enhanced(0, 1_700_000_000_000_001L, A)
                .enhanced(1, 1_700_000_000_000_000_002L, B)
                .block(5, new byte[8])          // interface statistics: skipped
                .section(ByteOrder.BIG_ENDIAN)
                .iface(101, 65535, 0x80 | 20)   // 2^-20 seconds, raw IP
                .enhanced(0, (5L << 20) | (1L << 19), A)  // 5.5 s
                .simple(B)
                .obsolete(0, 3L << 20, A);
        Read r = readAll(out.toByteArray());
        assertEquals(CaptureFormat.PCAPNG, r.reader().format());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.frames().stream().map(Frame::number).toList());
        assertEquals(List.of(1, 113, 101, 101, 101), r.frames().stream().map(Frame::linkType).toList());
        assertEquals(1_700_000_000_000_001_000L, r.frames().get(0).timestampNanos());
        assertEquals(1_700_000_000_000_000_002L, r.frames().get(1).timestampNanos());
        assertEquals(5_500_000_000L, r.frames().get(2).timestampNanos());
        assertEquals(3_000_000_000L, r.frames().get(4).timestampNanos());
        assertArrayEquals(B, bytes(r.frames().get(3)));
        assertArrayEquals(A, bytes(r.frames().get(4)));
        assertTrue(r.reader().warnings().isEmpty(), r.reader().warnings().toString());
    }

    @Test
    void gzipIsRecognisedByMagicNotName() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        new CaptureWriter.Pcap(raw, ByteOrder.LITTLE_ENDIAN, false, 1, 65535).packet(0, A).packet(1000, B);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(raw.toByteArray());
        }
        Read r = readAll(gz.toByteArray());
        assertTrue(r.reader().isCompressed());
        assertEquals(2, r.frames().size());
        assertArrayEquals(B, bytes(r.frames().get(1)));
    }

    @Test
    void captureCutOffMidRecordKeepsEarlierFramesAndWarnsWithOffset() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 65535).packet(0, A).packet(0, B);
        byte[] all = out.toByteArray();
        byte[] cut = Arrays.copyOf(all, all.length - 2); // inside the second frame's data
        Read r = readAll(cut);
        assertEquals(1, r.frames().size());
        CaptureWarning w = r.reader().warnings().get(0);
        assertTrue(w.fatal());
        assertEquals(2, w.frame());
        assertEquals(24 + 16 + A.length, w.byteOffset());
        assertTrue(w.message().contains("cut off"), w.message());
    }

    @Test
    void cutInsideARecordHeaderIsAlsoReported() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 65535).packet(0, A);
        out.write(new byte[7]);
        Read r = readAll(out.toByteArray());
        assertEquals(1, r.frames().size());
        assertTrue(r.reader().warnings().get(0).message().contains("record header"));
    }

    @Test
    void corruptRecordLengthStopsTheFileWithoutAllocatingIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter.Pcap w = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 65535);
        w.packet(0, A);
        // A record header claiming 2 GB, in both fields.
        out.write(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80, 0, 0, 0, (byte) 0x80});
        out.write(new byte[64]);
        Read r = readAll(out.toByteArray());
        assertEquals(1, r.frames().size());
        CaptureWarning warning = r.reader().warnings().get(r.reader().warnings().size() - 1);
        assertTrue(warning.fatal());
        assertTrue(warning.message().contains("corrupt record"), warning.message());
        assertEquals(24 + 16 + A.length, warning.byteOffset());
    }

    @Test
    void pcapngBlockWithMismatchedTrailerStopsWithWarning() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CaptureWriter.Pcapng(out, ByteOrder.LITTLE_ENDIAN).iface(1, 65535, -1).enhanced(0, 0, A);
        byte[] good = out.toByteArray();
        ByteArrayOutputStream more = new ByteArrayOutputStream();
        new CaptureWriter.Pcapng(more, ByteOrder.LITTLE_ENDIAN).enhanced(0, 0, B);
        byte[] tail = more.toByteArray();
        byte[] second = Arrays.copyOfRange(tail, 28, tail.length); // skip that writer's own section header
        second[second.length - 1] ^= 0x7f; // break the trailing length
        byte[] all = new byte[good.length + second.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(second, 0, all, good.length, second.length);
        Read r = readAll(all);
        assertEquals(1, r.frames().size());
        assertTrue(r.reader().warnings().get(0).message().contains("trailing length"));
        assertEquals(good.length, r.reader().warnings().get(0).byteOffset());
    }

    @Test
    void hugePcapngPacketBlockIsCorruptNotAllocated() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CaptureWriter.Pcapng(out, ByteOrder.LITTLE_ENDIAN).iface(1, 65535, -1);
        out.write(new byte[] {6, 0, 0, 0, 0, 0, 0, 0x70}); // EPB of 1.8 GB
        out.write(new byte[64]);
        Read r = readAll(out.toByteArray());
        assertEquals(0, r.frames().size());
        assertTrue(r.reader().warnings().get(0).fatal());
    }

    @Test
    void aFaultInEveryRecordIsCountedNotListedWithoutEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter.Pcapng w = new CaptureWriter.Pcapng(out, ByteOrder.LITTLE_ENDIAN).iface(1, 65535, -1);
        int bad = 5_000;
        java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(0).putInt(0).putInt(0).putInt(1_000).putInt(1_000); // claims 1,000 bytes, holds none
        for (int i = 0; i < bad; i++) {
            w.block(6, body.array());
        }
        for (int i = 0; i < 3; i++) {
            w.enhanced(7, i, A); // an interface never described, three times
        }
        w.enhanced(0, 9, B);
        Read r = readAll(out.toByteArray());
        assertEquals(4, r.frames().size(), "every good frame after the damage is read");
        List<CaptureWarning> listed = r.reader().warnings();
        assertEquals(Warnings.MAX_LISTED, listed.size(), "the list is bounded");
        assertEquals(bad + 1 - Warnings.MAX_LISTED, r.reader().warningsNotListed(), "the rest are counted");
        assertTrue(listed.get(0).message().contains("claims 1000 captured bytes"), listed.get(0).toString());

        // Through the whole analysis, the input's report accounts for every warning, listed or counted.
        var report = new org.sipanalyzer.analysis.Analyzer(org.sipanalyzer.catalogue.Catalogue.standard(),
                org.sipanalyzer.analysis.AnalysisOptions.defaults()).analyze(List.of(
                        org.sipanalyzer.analysis.AnalysisInput.stream("damaged", new ByteArrayInputStream(
                                out.toByteArray())))).inputs().get(0);
        assertEquals(4, report.packets());
        assertTrue(report.warnings().size() + report.warningsNotListed() >= bad + 1, "the reader's, and the"
                + " decoder's for the nonsense frames");
    }

    @Test
    void anUndescribedInterfaceIsWarnedOnceNotPerPacket() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter.Pcapng w = new CaptureWriter.Pcapng(out, ByteOrder.LITTLE_ENDIAN).iface(1, 65535, -1);
        for (int i = 0; i < 100; i++) {
            w.enhanced(3 + i % 2, i, A);
        }
        Read r = readAll(out.toByteArray());
        assertEquals(100, r.frames().size());
        assertEquals(2, r.reader().warnings().size(), r.reader().warnings().toString());
        assertEquals(0, r.reader().warningsNotListed());
    }

    /** One ERF record, written from the format's description: header, extension headers, payload, padding. */
    private static void erf(ByteArrayOutputStream out, long seconds, long fraction, int type, int[] extensions,
            byte[] payload, int wireLength) {
        int body = extensions.length * 8 + payload.length;
        int rlen = 16 + (body + 7) / 8 * 8; // padded to 8 bytes, as DAG cards write
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(rlen);
        b.order(ByteOrder.LITTLE_ENDIAN).putLong((seconds << 32) | fraction);
        b.order(ByteOrder.BIG_ENDIAN).put((byte) (type | (extensions.length > 0 ? 0x80 : 0))).put((byte) 4)
                .putShort((short) rlen).putShort((short) 0).putShort((short) wireLength);
        for (int i = 0; i < extensions.length; i++) {
            b.put((byte) (extensions[i] | (i < extensions.length - 1 ? 0x80 : 0))).put(new byte[7]);
        }
        b.put(payload);
        out.writeBytes(b.array());
    }

    @Test
    void erfRecordsOfEthernetAndIpWithExtensionsAndPadding() throws IOException {
        byte[] ethernet = new byte[2 + 14 + A.length]; // 2 bytes of ERF padding, then the frame
        ethernet[2 + 12] = 0x08; // EtherType IPv4
        System.arraycopy(A, 0, ethernet, 16, A.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        erf(out, 1_700_000_000L, 1L << 31, 2, new int[0], ethernet, 14 + A.length);        // 0.5 s
        erf(out, 1_700_000_001L, 0, 48, new int[0], new byte[24], 0);                       // padding record
        erf(out, 1_700_000_002L, 1L << 30, 22, new int[] {5, 9}, B, B.length);             // 0.25 s, 2 extensions
        erf(out, 1_700_000_003L, 0, 2, new int[0], ethernet, 200);                          // cut short of 200
        Read r = readAll(out.toByteArray());
        assertEquals(CaptureFormat.ERF, r.reader().format());
        assertEquals(3, r.frames().size(), "the padding record is no frame");
        Frame eth = r.frames().get(0);
        assertEquals(1, eth.linkType());
        assertEquals(1_700_000_000_500_000_000L, eth.timestampNanos());
        assertEquals(14 + A.length, eth.length(), "the record's trailing padding is not frame");
        assertArrayEquals(A, Arrays.copyOfRange(bytes(eth), 14, 14 + A.length));
        Frame ip = r.frames().get(1);
        assertEquals(228, ip.linkType(), "IPv4 record: raw IPv4");
        assertEquals(1_700_000_002_250_000_000L, ip.timestampNanos());
        assertArrayEquals(B, bytes(ip), "after both extension headers");
        assertEquals(200, r.frames().get(2).originalLength());
        assertEquals(1, r.reader().truncatedFrames());
        assertTrue(r.reader().warnings().isEmpty(), r.reader().warnings().toString());

        byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 5);
        Read partial = readAll(cut);
        assertEquals(2, partial.frames().size(), "every whole record before the cut");
        assertTrue(partial.reader().warnings().get(0).fatal());
        assertTrue(partial.reader().warnings().get(0).message().contains("cut off"));
    }

    /** A Network Monitor 2.x file written from the format's description: header, frames, table at the end. */
    private static byte[] netmon(int minor, byte[]... frames) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'G', 'M', 'B', 'U'}).put((byte) minor).put((byte) 2).putShort((short) 1);
        b.putShort((short) 2020).putShort((short) 1).putShort((short) 4).putShort((short) 2).putShort((short) 3)
                .putShort((short) 4).putShort((short) 5).putShort((short) 6); // 2020-01-02 03:04:05.006
        b.position(128);
        List<Integer> offsets = new ArrayList<>();
        long delta = 0;
        for (byte[] f : frames) {
            offsets.add(b.position());
            b.putLong(delta).putInt(f.length + 10).putInt(f.length).put(f); // 10 bytes more on the wire
            if (minor >= 1) {
                b.putShort((short) 1); // the frame's own media type: Ethernet
            }
            delta += 1_500_000; // 1.5 s apart, in microseconds
        }
        int table = b.position();
        offsets.forEach(b::putInt);
        b.putInt(24, table).putInt(28, 4 * frames.length);
        return Arrays.copyOf(b.array(), b.position());
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "3"})
    void networkMonitorTwoFramesByTheirTable(int minor) throws IOException {
        Read r = readAll(netmon(minor, A, B));
        assertEquals(CaptureFormat.NETMON, r.reader().format());
        assertEquals(2, r.frames().size());
        long start = java.time.LocalDateTime.of(2020, 1, 2, 3, 4, 5, 6_000_000).toEpochSecond(java.time.ZoneOffset.UTC)
                * 1_000_000_000L + 6_000_000L;
        assertEquals(start, r.frames().get(0).timestampNanos());
        assertEquals(start + 1_500_000_000L, r.frames().get(1).timestampNanos());
        assertArrayEquals(A, bytes(r.frames().get(0)));
        assertArrayEquals(B, bytes(r.frames().get(1)));
        assertEquals(1, r.frames().get(1).linkType(), "Ethernet");
        assertEquals(B.length + 10, r.frames().get(1).originalLength());
        assertEquals(2, r.reader().truncatedFrames());
        assertTrue(r.reader().warnings().isEmpty(), r.reader().warnings().toString());
    }

    @Test
    void networkMonitorCutBeforeItsFrameTableSaysSo() throws IOException {
        byte[] whole = netmon(1, A, B);
        Read r = readAll(Arrays.copyOf(whole, whole.length - 3));
        assertEquals(0, r.frames().size());
        assertTrue(r.reader().warnings().get(0).fatal());
        assertTrue(r.reader().warnings().get(0).message().contains("frame table"), r.reader().warnings().toString());
    }

    @Test
    void erfRecordsOfOtherMediaAreCountedAsAnUndecodedLink() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        erf(out, 1_700_000_000L, 0, 1, new int[0], A, A.length); // HDLC/PoS: not decoded here
        erf(out, 1_700_000_001L, 0, 22, new int[0], B, B.length);
        Read r = readAll(out.toByteArray());
        assertEquals(List.of(FormatReader.UNDECODED_LINK, 228), r.frames().stream().map(Frame::linkType).toList());
        var report = new org.sipanalyzer.analysis.Analyzer(org.sipanalyzer.catalogue.Catalogue.standard(),
                org.sipanalyzer.analysis.AnalysisOptions.defaults()).analyze(List.of(
                        org.sipanalyzer.analysis.AnalysisInput.stream("erf", new ByteArrayInputStream(
                                out.toByteArray())))).inputs().get(0);
        assertEquals(2, report.packets());
        assertEquals(1, report.unsupportedLink(), "the HDLC record is counted, not lost");
    }

    @Test
    void emptyInputIsNotACapture() {
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureOpener.open(new ByteArrayInputStream(new byte[0]), MAX));
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void textIsNotACapture() {
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureOpener.open(
                new ByteArrayInputStream("INVITE sip:bob@example.com SIP/2.0\r\n".getBytes()), MAX));
        assertTrue(e.getMessage().startsWith("text without SIP messages, not a capture"), e.getMessage());
    }

    @Test
    void otherFormatsAreNamedWithTheConversionToUse() {
        byte[] snoop = {'s', 'n', 'o', 'o', 'p', 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 4};
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureOpener.open(new ByteArrayInputStream(snoop), MAX));
        assertTrue(e.getMessage().contains("snoop"));
        assertTrue(e.getMessage().contains("editcap -F pcapng IN OUT"));
        byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0, 0};
        e = assertThrows(CaptureFormatException.class, () -> CaptureOpener.open(new ByteArrayInputStream(zstd), MAX));
        assertTrue(e.getMessage().startsWith("zstd-compressed"), e.getMessage());
    }

    /** A log saved by Windows PowerShell's {@code >}: UTF-16 with a byte-order mark, or without one. */
    @Test
    void utf16TextIsNamedWithTheConversionToUse() {
        String log = "----------------------------------------------- 2026-12-03\nINVITE sip:b@x SIP/2.0\n";
        for (byte[] bytes : List.of(("\ufeff" + log).getBytes(StandardCharsets.UTF_16LE),
                log.getBytes(StandardCharsets.UTF_16LE), ("\ufeff" + log).getBytes(StandardCharsets.UTF_16BE),
                log.getBytes(StandardCharsets.UTF_16BE))) {
            CaptureFormatException e = assertThrows(CaptureFormatException.class,
                    () -> CaptureOpener.open(new ByteArrayInputStream(bytes), MAX));
            assertTrue(e.getMessage().startsWith("UTF-16 text"), e.getMessage());
            assertTrue(e.getMessage().contains("iconv -f UTF-16 -t UTF-8 IN > OUT"), e.getMessage());
        }
    }

    @Test
    void truncatedPcapHeaderIsAFormatError() {
        byte[] half = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0};
        CaptureFormatException e = assertThrows(CaptureFormatException.class,
                () -> CaptureOpener.open(new ByteArrayInputStream(half), MAX));
        assertTrue(e.getMessage().contains("truncated"));
    }

    @Test
    void noFramesAtAllIsFine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 65535);
        Read r = readAll(out.toByteArray());
        assertTrue(r.frames().isEmpty());
        assertTrue(r.reader().warnings().isEmpty());
        assertNull(r.reader().next());
        assertFalse(r.reader().isCompressed());
    }
}
