package org.sipanalyzer.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * Endace ERF (Extensible Record Format), as DAG cards and some traffic generators write it: no file header, a
 * run of records, each a 16-byte header (a little-endian 32.32 fixed-point timestamp, then type, flags, record
 * length, loss counter and wire length, big-endian) with optional 8-byte extension headers, then the payload.
 * Ethernet records (types 2, 11, 16, 20) carry two bytes of padding before the frame; IPv4 and IPv6 records
 * (22, 23) carry the packet itself; padding and meta records (48, 27) are skipped; other types are delivered as
 * {@link #UNDECODED_LINK}, so they are counted, not lost.
 */
final class ErfReader extends FormatReader {

    static final int HEADER = 16;
    private static final int TYPE_ETH = 2;
    private static final int TYPE_COLOR_ETH = 11;
    private static final int TYPE_DSM_COLOR_ETH = 16;
    private static final int TYPE_COLOR_HASH_ETH = 20;
    private static final int TYPE_IPV4 = 22;
    private static final int TYPE_IPV6 = 23;
    private static final int TYPE_META = 27;
    private static final int TYPE_PAD = 48;
    private static final int MAX_TYPE = 48;
    private static final int MAX_EXTENSIONS = 64;

    private final ByteSource src;
    private final int maxFrameBytes;
    private long frameNumber;
    private boolean done;

    ErfReader(InputStream in, int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
        this.src = new ByteSource(in, 1 << 20, maxFrameBytes + HEADER + 8 * MAX_EXTENSIONS + 64);
    }

    /**
     * True when {@code head} starts with ERF records: there is no magic number, so the first records must chain,
     * each with a known type, a record length that holds its header and a plausible wire length, up to the end
     * of the head or three records, whichever comes first.
     */
    static boolean looksLikeErf(byte[] head) {
        int at = 0;
        int records = 0;
        while (records < 3 && at + HEADER <= head.length) {
            int type = head[at + 8] & 0x7f;
            int rlen = ((head[at + 10] & 0xff) << 8) | (head[at + 11] & 0xff);
            int wlen = ((head[at + 14] & 0xff) << 8) | (head[at + 15] & 0xff);
            if (type < 1 || type > MAX_TYPE || rlen < HEADER || (type != TYPE_PAD && wlen == 0)) {
                return false;
            }
            at += rlen;
            records++;
        }
        // Three records that chain, or every record of a short input (its last may be cut off).
        return records == 3 || records > 0 && at == head.length || records > 1 && at + HEADER > head.length;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.ERF;
    }

    @Override
    public Frame next() throws IOException {
        while (!done) {
            long offset = src.offset();
            if (!src.require(HEADER)) {
                if (src.available() > 0) {
                    fatal(offset, "capture cut off inside a record header (" + src.available() + " of " + HEADER
                            + " bytes); the frames before it were analysed");
                }
                done = true;
                return null;
            }
            int typeByte = src.u8(8);
            int type = typeByte & 0x7f;
            int rlen = src.u16(10, true);
            int wlen = src.u16(14, true);
            if (rlen < HEADER || type < 1 || type > MAX_TYPE) {
                fatal(offset, "corrupt ERF record (type " + type + ", record length " + rlen
                        + "); reading of this file stops here");
                done = true;
                return null;
            }
            if (rlen > maxFrameBytes + HEADER + 8 * MAX_EXTENSIONS) {
                fatal(offset, "corrupt record: record length " + rlen + " exceeds the limit of " + maxFrameBytes
                        + " bytes; reading of this file stops here");
                done = true;
                return null;
            }
            if (!src.require(rlen)) {
                fatal(offset, "capture cut off inside frame " + (frameNumber + 1) + " (" + src.available() + " of "
                        + rlen + " bytes); the frames before it were analysed");
                done = true;
                return null;
            }
            int at = HEADER;
            boolean more = (typeByte & 0x80) != 0;
            for (int n = 0; more; n++) { // extension headers: the top bit of each says another follows
                if (n == MAX_EXTENSIONS || at + 8 > rlen) {
                    warn(offset, "ERF extension headers overrun their record; record skipped");
                    at = -1;
                    break;
                }
                more = (src.u8(at) & 0x80) != 0;
                at += 8;
            }
            if (at < 0 || type == TYPE_PAD || type == TYPE_META) {
                src.skip(rlen);
                continue;
            }
            int linkType;
            switch (type) {
                case TYPE_ETH, TYPE_COLOR_ETH, TYPE_DSM_COLOR_ETH, TYPE_COLOR_HASH_ETH -> {
                    at += 2; // offset and padding bytes before the Ethernet header
                    linkType = 1;
                }
                case TYPE_IPV4 -> linkType = 228;
                case TYPE_IPV6 -> linkType = 229;
                default -> linkType = UNDECODED_LINK;
            }
            int captured = Math.max(0, rlen - at);
            if (linkType != UNDECODED_LINK && wlen > 0) {
                // Records are padded to 8 bytes: what lies beyond the wire length is padding, not frame.
                captured = Math.min(captured, wlen);
            }
            if (captured > maxFrameBytes) {
                // The record length allows for extension headers; a record without them has that room as frame.
                fatal(offset, "corrupt record: " + captured + " captured bytes exceed the limit of " + maxFrameBytes
                        + " bytes; reading of this file stops here");
                done = true;
                return null;
            }
            frameNumber++;
            if (captured < wlen) {
                truncated++;
            }
            long ts = src.u32(0, false) | (src.u32(4, false) << 32);
            long seconds = ts >>> 32;
            long nanos = ((ts & 0xffffffffL) * 1_000_000_000L) >>> 32;
            Frame f = new Frame(frameNumber, seconds * 1_000_000_000L + nanos, linkType, 0, src.array(),
                    src.position() + at, captured, Math.max(wlen, captured), offset);
            src.skip(rlen);
            return f;
        }
        return null;
    }

    private void warn(long offset, String message) {
        warn(frameNumber + 1, offset, message, false);
    }

    private void fatal(long offset, String message) {
        warn(frameNumber + 1, offset, message, true);
    }
}
