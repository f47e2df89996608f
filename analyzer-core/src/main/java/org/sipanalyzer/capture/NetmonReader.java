package org.sipanalyzer.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Microsoft Network Monitor 2.x captures. The 128-byte header (magic "GMBU", version, media type, the capture's
 * start as a SYSTEMTIME, then offsets) points at a frame table at the end of the file, a list of 32-bit frame
 * offsets; each frame is a 64-bit microsecond offset from the start, the length on the wire, the bytes captured,
 * then the bytes (and, from version 2.1, a trailer with the frame's own media type). Because the table comes last,
 * the file is read whole, up to {@link #MAX_FILE_BYTES}; a larger one is refused with the conversion to use.
 */
final class NetmonReader extends FormatReader {

    static final int MAX_FILE_BYTES = 64 << 20;
    private static final int HEADER = 128;
    private static final int FRAME_HEADER = 16;
    private static final int MEDIA_ETHERNET = 1;

    private final ByteBuffer file;
    private final int maxFrameBytes;
    private final int major;
    private final int minor;
    private final int media;
    private final long startNanos;
    private final int tableOffset;
    private final int frames;
    private int index;

    NetmonReader(InputStream in, int maxFrameBytes) throws IOException {
        this.maxFrameBytes = maxFrameBytes;
        byte[] all = in.readNBytes(MAX_FILE_BYTES + 1);
        if (all.length > MAX_FILE_BYTES) {
            throw new CaptureFormatException("a Microsoft Network Monitor 2.x capture larger than "
                    + (MAX_FILE_BYTES >> 20) + " MiB, which sip-analyzer would have to hold whole; convert it with"
                    + " 'editcap -F pcapng IN OUT' (from Wireshark) and analyse the result");
        }
        file = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < HEADER) {
            throw new CaptureFormatException("Network Monitor header cut short: " + all.length + " of " + HEADER
                    + " bytes; the file is truncated");
        }
        minor = all[4] & 0xff;
        major = all[5] & 0xff;
        if (major != 2) {
            throw new CaptureFormatException("a Microsoft Network Monitor " + major + "." + minor + " capture, which"
                    + " sip-analyzer does not read; convert it with 'editcap -F pcapng IN OUT' (from Wireshark)");
        }
        media = file.getShort(6) & 0xffff;
        startNanos = systemTime(file, 8);
        long offset = Integer.toUnsignedLong(file.getInt(24));
        long length = Integer.toUnsignedLong(file.getInt(28));
        if (offset < HEADER || offset + length > all.length || length % 4 != 0) {
            warn(0, 24, "the frame table (" + length + " bytes at offset " + offset + ") lies outside the file of "
                    + all.length + " bytes; the file is truncated or corrupt", true);
            tableOffset = 0;
            frames = 0;
        } else {
            tableOffset = (int) offset;
            frames = (int) (length / 4);
        }
    }

    /** A SYSTEMTIME (year, month, day of week, day, hour, minute, second, milliseconds; 16-bit each) in nanoseconds. */
    private static long systemTime(ByteBuffer b, int at) {
        try {
            LocalDateTime t = LocalDateTime.of(b.getShort(at) & 0xffff, b.getShort(at + 2), b.getShort(at + 6),
                    b.getShort(at + 8), b.getShort(at + 10), b.getShort(at + 12),
                    (b.getShort(at + 14) & 0xffff) * 1_000_000);
            return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano();
        } catch (java.time.DateTimeException e) {
            return 0; // a start time out of range: frames keep their offsets from 0
        }
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.NETMON;
    }

    @Override
    public Frame next() {
        while (index < frames) {
            int n = index++;
            long at = Integer.toUnsignedLong(file.getInt(tableOffset + 4 * n));
            if (at < HEADER || at + FRAME_HEADER > tableOffset) {
                warn(n + 1, tableOffset + 4L * n, "frame table entry points at offset " + at
                        + ", outside the frames; frame skipped");
                continue;
            }
            int pos = (int) at;
            long delta = file.getLong(pos);
            long wire = Integer.toUnsignedLong(file.getInt(pos + 8));
            long captured = Integer.toUnsignedLong(file.getInt(pos + 12));
            if (captured > maxFrameBytes || pos + FRAME_HEADER + captured > tableOffset) {
                warn(n + 1, at, "corrupt frame: " + captured + " captured bytes do not fit; frame skipped");
                continue;
            }
            int linkType = media;
            if (minor >= 1 && pos + FRAME_HEADER + captured + 2 <= tableOffset) {
                linkType = file.getShort(pos + FRAME_HEADER + (int) captured) & 0xffff; // the frame's own media
            }
            if (captured < wire) {
                truncated++;
            }
            return new Frame(n + 1, startNanos + delta * 1_000L,
                    linkType == MEDIA_ETHERNET ? 1 : UNDECODED_LINK, 0, file.array(), pos + FRAME_HEADER,
                    (int) captured, (int) Math.min(Integer.MAX_VALUE, Math.max(wire, captured)), at);
        }
        return null;
    }

    private void warn(long frame, long offset, String message) {
        warn(frame, offset, message, false);
    }
}
