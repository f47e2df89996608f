package org.sipanalyzer.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * Classic libpcap format: microsecond and nanosecond magics in either byte order, and the "modified" format
 * (Kuznetzov) with its 8 extra bytes a record. Record lengths are checked against the configured limit, so a
 * corrupt length ends the file with a warning instead of a huge allocation.
 */
final class PcapReader extends FormatReader {

    static final int MAGIC_MICRO = 0xa1b2c3d4;
    static final int MAGIC_NANO = 0xa1b23c4d;
    static final int MAGIC_MODIFIED = 0xa1b2cd34;
    private static final int FILE_HEADER = 24;

    private final ByteSource src;
    private final int maxFrameBytes;
    private boolean bigEndian;
    private final boolean nanos;
    private final int recordHeader;
    private final int linkType;
    private final long snaplen;
    private long frameNumber;
    private boolean done;
    private boolean orderChecked;

    PcapReader(InputStream in, int maxFrameBytes) throws IOException {
        this.maxFrameBytes = maxFrameBytes;
        this.src = new ByteSource(in, 1 << 20, maxFrameBytes + 64);
        if (!src.require(FILE_HEADER)) {
            throw new CaptureFormatException("pcap file header cut short: " + src.available() + " of "
                    + FILE_HEADER + " bytes; the file is truncated");
        }
        int magicBe = (int) src.u32(0, true);
        int magicLe = (int) src.u32(0, false);
        int magic;
        if (magicBe == MAGIC_MICRO || magicBe == MAGIC_NANO || magicBe == MAGIC_MODIFIED) {
            bigEndian = true;
            magic = magicBe;
        } else if (magicLe == MAGIC_MICRO || magicLe == MAGIC_NANO || magicLe == MAGIC_MODIFIED) {
            bigEndian = false;
            magic = magicLe;
        } else {
            throw new CaptureFormatException("not a pcap file");
        }
        nanos = magic == MAGIC_NANO;
        recordHeader = magic == MAGIC_MODIFIED ? 24 : 16;
        snaplen = src.u32(16, bigEndian);
        // The upper bits carry the FCS length (pcap-savefile(5)); the link type is the low 28 bits.
        linkType = (int) (src.u32(20, bigEndian) & 0x0fffffffL);
        src.skip(FILE_HEADER);
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    @Override
    public Frame next() throws IOException {
        if (done) {
            return null;
        }
        long offset = src.offset();
        if (!src.require(recordHeader)) {
            if (src.available() > 0) {
                warn(frameNumber + 1, offset, "capture cut off inside a record header (" + src.available()
                        + " of " + recordHeader + " bytes); the frames before it were analysed", true);
            }
            done = true;
            return null;
        }
        long incl = src.u32(8, bigEndian);
        long orig = src.u32(12, bigEndian);
        if (!orderChecked) {
            orderChecked = true;
            fixRecordByteOrder(incl, orig, offset);
            incl = src.u32(8, bigEndian);
            orig = src.u32(12, bigEndian);
        }
        if (incl > maxFrameBytes) {
            warn(frameNumber + 1, offset, "corrupt record: captured length " + incl + " exceeds the limit of "
                    + maxFrameBytes + " bytes; reading of this file stops here", true);
            done = true;
            return null;
        }
        long sec = src.u32(0, bigEndian);
        long frac = src.u32(4, bigEndian);
        int need = recordHeader + (int) incl;
        if (!src.require(need)) {
            warn(frameNumber + 1, offset, "capture cut off inside frame " + (frameNumber + 1) + " ("
                    + (src.available() - recordHeader) + " of " + incl + " bytes); the frames before it were analysed",
                    true);
            done = true;
            return null;
        }
        frameNumber++;
        if (incl < orig) {
            truncated++;
        }
        long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
        // The original length is an unsigned 32-bit field: above 2^31 - 1 it is held at the largest int, never
        // wrapped to a negative length shorter than what was captured.
        Frame f = new Frame(frameNumber, ts, linkType, 0, src.array(), src.position() + recordHeader, (int) incl,
                (int) Math.min(Integer.MAX_VALUE, Math.max(orig, incl)), offset);
        src.skip(need);
        return f;
    }

    /**
     * Some writers put the file header in one byte order and the records in the other. When the first
     * record's lengths are impossible as read but plausible the other way round, read records that way.
     */
    private void fixRecordByteOrder(long incl, long orig, long offset) {
        if (plausible(incl, orig)) {
            return;
        }
        long sIncl = Integer.toUnsignedLong(Integer.reverseBytes((int) incl));
        long sOrig = Integer.toUnsignedLong(Integer.reverseBytes((int) orig));
        if (plausible(sIncl, sOrig)) {
            bigEndian = !bigEndian;
            warn(1, offset, "record headers are in the opposite byte order to the file header; read them that way",
                    false);
        }
    }

    private boolean plausible(long incl, long orig) {
        return incl <= maxFrameBytes && incl <= Math.max(snaplen, 65535) && orig >= incl && orig <= 0x40000;
    }
}
