package org.sipanalyzer.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Opens a capture by its content, never by its name: pcap, pcapng, Endace ERF or Network Monitor 2.x, plain or
 * gzip-compressed. Anything else is refused with a {@link CaptureFormatException} that names the format when it
 * is recognisable and says how to convert it.
 */
public final class CaptureOpener {

    /** The default limit on one captured frame; larger records are taken as corrupt. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 256 * 1024;

    private static final String CONVERT = "convert it with 'editcap -F pcapng IN OUT' (from Wireshark) and analyse"
            + " the result";

    private CaptureOpener() {
    }

    /**
     * Opens a reader over {@code in}, which the reader then owns: closing the reader closes it.
     *
     * @param maxFrameBytes the largest frame accepted; a record claiming more is reported as corrupt
     */
    public static CaptureReader open(InputStream in, int maxFrameBytes) throws IOException {
        return open(sniff(in), maxFrameBytes);
    }

    /**
     * An input looked at, not yet read: decompressed if it was gzip, with its first bytes at hand to decide
     * what it is (a capture, or a text log for {@code org.sipanalyzer.logs}).
     *
     * @param stream the (decompressed) bytes, from the start
     * @param head up to {@link #HEAD_BYTES} of them
     * @param compressed whether the input was gzip
     */
    public record Sniffed(InputStream stream, byte[] head, boolean compressed, Object gzip) {
        /** True when the head is a pcap or pcapng magic. */
        public boolean isCapture() {
            if (head.length < 4) {
                return false;
            }
            int be = u32be(head);
            int le = Integer.reverseBytes(be);
            return be == PcapngReader.SHB || be == PcapReader.MAGIC_MICRO || be == PcapReader.MAGIC_NANO
                    || be == PcapReader.MAGIC_MODIFIED || le == PcapReader.MAGIC_MICRO || le == PcapReader.MAGIC_NANO
                    || le == PcapReader.MAGIC_MODIFIED;
        }
    }

    /** How much of an input {@link #sniff} looks at. */
    public static final int HEAD_BYTES = 64 * 1024;

    /**
     * How many bytes a gzip input may expand to by default: 64 GiB. DEFLATE expands at most about 1,032 times, so a
     * 64 MiB file can already reach it; past it the input ends with a warning (a gzip bomb costs minutes, not hours).
     */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 64L << 30;

    /** Opens {@code in} for a first look, gzip undone up to {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}. */
    public static Sniffed sniff(InputStream in) throws IOException {
        return sniff(in, DEFAULT_MAX_DECOMPRESSED_BYTES);
    }

    /**
     * Opens {@code in} for a first look: gzip is undone (a truncated gzip reads as an early end), and its output
     * ends after {@code maxDecompressedBytes} (see {@link #stoppedAtLimit}).
     */
    public static Sniffed sniff(InputStream in, long maxDecompressedBytes) throws IOException {
        InputStream s = new BufferedInputStream(in, 1 << 16);
        byte[] head = peek(s, HEAD_BYTES);
        LenientGzip gzip = null;
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            try {
                gzip = new LenientGzip(new GZIPInputStream(s, 1 << 16), maxDecompressedBytes);
            } catch (java.io.EOFException e) {
                throw new CaptureFormatException("gzip cut short inside its own header (" + head.length
                        + " bytes in all): the file is incomplete, with nothing to analyse");
            } catch (java.util.zip.ZipException e) {
                throw new CaptureFormatException("corrupt gzip header (" + e.getMessage() + "): the file is damaged");
            }
            s = new BufferedInputStream(gzip, 1 << 16);
            head = peek(s, HEAD_BYTES);
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                throw new CaptureFormatException("gzip inside gzip: decompress the outer layer first (gunzip)");
            }
        }
        return new Sniffed(s, head, gzip != null, gzip);
    }

    /** Opens a sniffed input as a capture, or refuses it with a message that names what it is. */
    public static CaptureReader open(Sniffed sniffed, int maxFrameBytes) throws IOException {
        byte[] head = sniffed.head();
        InputStream s = sniffed.stream();
        LenientGzip gzip = (LenientGzip) sniffed.gzip();
        if (head.length == 0) {
            if (gzip != null && gzip.endedEarly) {
                throw new CaptureFormatException("gzip cut short before its first decompressed byte: the file is"
                        + " incomplete, with nothing to analyse");
            }
            throw new CaptureFormatException(gzip != null ? "the gzip holds no data (it decompresses to 0 bytes)"
                    : "empty input (0 bytes): no capture header");
        }
        String other = otherCompression(head);
        if (other != null) {
            throw new CaptureFormatException(other + "-compressed input: decompress it first, or recompress with gzip,"
                    + " which sip-analyzer reads directly");
        }
        int be = head.length >= 4 ? u32be(head) : 0;
        if (be == PcapngReader.SHB) {
            return new Owning(new PcapngReader(s, maxFrameBytes), s, gzip);
        }
        int le = Integer.reverseBytes(be);
        for (int magic : new int[] {PcapReader.MAGIC_MICRO, PcapReader.MAGIC_NANO, PcapReader.MAGIC_MODIFIED}) {
            if (be == magic || le == magic) {
                return new Owning(new PcapReader(s, maxFrameBytes), s, gzip);
            }
        }
        if (startsWith(head, 'G', 'M', 'B', 'U')) {
            return new Owning(new NetmonReader(s, maxFrameBytes), s, gzip);
        }
        if (!looksLikeText(head) && ErfReader.looksLikeErf(head)) {
            return new Owning(new ErfReader(s, maxFrameBytes), s, gzip);
        }
        throw new CaptureFormatException(describeUnknown(head));
    }

    /**
     * For a gzip input that expanded past the limit and was stopped there, the limit (a warning should say so); -1
     * otherwise. Known once the input has been read.
     */
    public static long stoppedAtLimit(Sniffed sniffed) {
        return sniffed.gzip() instanceof LenientGzip g && g.stopped ? g.limit : -1;
    }

    /** Whether the input was gzip whose data ended early (the file was cut short); known once it has been read. */
    public static boolean endedEarly(Sniffed sniffed) {
        return sniffed.gzip() instanceof LenientGzip g && g.endedEarly;
    }

    private static String otherCompression(byte[] h) {
        if (startsWith(h, 0x28, 0xb5, 0x2f, 0xfd)) {
            return "zstd";
        }
        if (startsWith(h, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return "xz";
        }
        if (startsWith(h, 'B', 'Z', 'h')) {
            return "bzip2";
        }
        if (startsWith(h, 0x04, 0x22, 0x4d, 0x18)) {
            return "lz4";
        }
        return null;
    }

    static String describeUnknown(byte[] h) {
        if (startsWith(h, 'R', 'T', 'S', 'S')) {
            return "a Microsoft Network Monitor 1.x capture, which sip-analyzer does not read; " + CONVERT;
        }
        if (startsWith(h, 's', 'n', 'o', 'o', 'p', 0, 0, 0)) {
            return "a Sun snoop capture, which sip-analyzer does not read; " + CONVERT;
        }
        if (startsWith(h, 'X', 'C', 'P', 0)) {
            return "a NetXRay / Sniffer capture, which sip-analyzer does not read; " + CONVERT;
        }
        if (utf16(h)) {
            return "UTF-16 text (as Windows PowerShell's > writes it), which sip-analyzer reads only as UTF-8 or ASCII;"
                    + " convert it with 'iconv -f UTF-16 -t UTF-8 IN > OUT' and analyse the result";
        }
        if (looksLikeText(h)) {
            return "text without SIP messages, not a capture; sip-analyzer reads pcap, pcapng, ERF and NetMon"
                    + " captures and text logs that hold SIP (plain or gzip)";
        }

        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, h.length); i++) {
            hex.append(String.format("%s%02x", i == 0 ? "" : " ", h[i] & 0xff));
        }
        return "not a pcap or pcapng capture (it starts with bytes " + hex + "); if it is another capture format, "
                + CONVERT;
    }

    /**
     * UTF-16 text: a byte-order mark (FF FE or FE FF), or printable ASCII with a NUL beside every character in the
     * first 64 bytes.
     */
    static boolean utf16(byte[] h) {
        if (startsWith(h, 0xff, 0xfe) || startsWith(h, 0xfe, 0xff)) {
            return true;
        }
        int n = Math.min(h.length, 64) & ~1;
        if (n < 8) {
            return false;
        }
        boolean little = h[1] == 0;
        for (int i = 0; i < n; i += 2) {
            byte zero = little ? h[i + 1] : h[i];
            int c = (little ? h[i] : h[i + 1]) & 0xff;
            if (zero != 0 || c < 0x09 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeText(byte[] h) {
        for (int i = 0; i < Math.min(h.length, 16); i++) {
            byte b = h[i];
            int c = b & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] h, int... prefix) {
        if (h.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((h[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u32be(byte[] h) {
        return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    }

    /**
     * Up to {@code n} bytes from the start, without consuming them: at least 16 (or to the end), then only what
     * is there without waiting, so that a live capture on standard input starts at once.
     */
    private static byte[] peek(InputStream s, int n) throws IOException {
        s.mark(n);
        byte[] b = new byte[n];
        int got = s.readNBytes(b, 0, Math.min(16, n));
        if (got == Math.min(16, n)) {
            while (got < n) {
                int avail = s.available();
                if (avail <= 0) {
                    break;
                }
                int r = s.read(b, got, Math.min(avail, n - got));
                if (r < 0) {
                    break;
                }
                got += r;
            }
        }
        s.reset();
        return java.util.Arrays.copyOf(b, got);
    }

    /**
     * A gzip stream that ends early reads as a plain end of data, so the capture reader reports the cut with
     * its byte offset and everything before it is analysed; the early end is remembered for a warning.
     */
    private static final class LenientGzip extends java.io.FilterInputStream {
        private boolean endedEarly;
        private long produced;
        private final long limit;
        private boolean stopped;

        LenientGzip(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (endedEarly || stopped) {
                return -1;
            }
            if (produced >= limit) {
                stopped = true;
                return -1;
            }
            try {
                int n = in.read(b, off, (int) Math.min(len, limit - produced));
                if (n > 0) {
                    produced += n;
                }
                return n;
            } catch (java.io.EOFException e) {
                endedEarly = true;
                return -1;
            } catch (java.util.zip.ZipException e) {
                throw new IOException("corrupt gzip data after " + produced + " bytes of capture: "
                        + e.getMessage(), e);
            }
        }
    }

    /** The warning of an input stopped at the decompression limit. */
    public static String decompressionLimitWarning(long limit) {
        return "reading stopped after " + limit + " bytes decompressed, the limit for a gzip input (a gzip bomb,"
                + " or a very large capture): raise it with --max-decompressed-bytes to read on";
    }

    /** A reader that closes the stream it was opened on, and reports a gzip stream that ended early. */
    private static final class Owning implements CaptureReader {
        private final CaptureReader reader;
        private final InputStream stream;
        private final LenientGzip gzip;
        private final Warnings warnings = new Warnings();
        private int copied;
        private boolean gzipReported;

        Owning(CaptureReader reader, InputStream stream, LenientGzip gzip) {
            this.reader = reader;
            this.stream = stream;
            this.gzip = gzip;
        }

        @Override
        public boolean isCompressed() {
            return gzip != null;
        }

        @Override
        public CaptureFormat format() {
            return reader.format();
        }

        @Override
        public Frame next() throws IOException {
            return reader.next();
        }

        @Override
        public java.util.List<CaptureWarning> warnings() {
            java.util.List<CaptureWarning> own = reader.warnings();
            while (copied < own.size()) {
                warnings.add(own.get(copied++));
            }
            if (gzip != null && gzip.endedEarly && !gzipReported) {
                gzipReported = true;
                warnings.add(new CaptureWarning(0, gzip.produced, "the gzip stream ends early (truncated file): "
                        + gzip.produced + " bytes of capture were recovered and analysed", true));
            }
            if (gzip != null && gzip.stopped && !gzipReported) {
                gzipReported = true;
                warnings.add(new CaptureWarning(0, gzip.produced, decompressionLimitWarning(gzip.limit), true));
            }
            return warnings.list();
        }

        @Override
        public long warningsNotListed() {
            return reader.warningsNotListed() + warnings.notListed();
        }

        @Override
        public long truncatedFrames() {
            return reader.truncatedFrames();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
