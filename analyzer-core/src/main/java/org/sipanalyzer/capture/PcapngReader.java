package org.sipanalyzer.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * pcapng: sections in either byte order, one after another; interfaces with their own link type, snap
 * length, timestamp resolution ({@code if_tsresol}) and offset ({@code if_tsoffset}); enhanced, simple and
 * obsolete packet blocks. Blocks of other types are skipped. A block whose length is impossible, or whose
 * trailing length does not match, ends the file with a warning.
 */
final class PcapngReader extends FormatReader {

    static final int SHB = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 1;
    private static final int OBSOLETE_PB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int MAX_INTERFACES = 4096;

    private record Interface(int linkType, long snaplen, boolean binaryResolution, int resolutionExponent,
            long offsetSeconds) {

        static final Interface DEFAULT = new Interface(1, 0, false, 6, 0);

        long toNanos(long ticks) {
            long nanos;
            if (binaryResolution) {
                int e = resolutionExponent;
                long whole = e >= 63 ? 0 : ticks >>> e;
                long frac = e >= 63 ? ticks : ticks & ((1L << e) - 1);
                nanos = whole * 1_000_000_000L + (long) (frac * (1_000_000_000.0 / Math.pow(2, e)));
            } else if (resolutionExponent <= 9) {
                nanos = ticks * POW10[9 - resolutionExponent];
            } else {
                int d = resolutionExponent - 9;
                nanos = d >= POW10.length ? 0 : ticks / POW10[d];
            }
            return nanos + offsetSeconds * 1_000_000_000L;
        }
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L};

    private final ByteSource src;
    private final int maxFrameBytes;
    private final int maxBlockBytes;
    private final List<Interface> interfaces = new ArrayList<>();
    private final Set<Long> undescribed = new HashSet<>();
    private boolean bigEndian;
    private long frameNumber;
    private boolean done;
    private int sections;

    PcapngReader(InputStream in, int maxFrameBytes) throws IOException {
        this.maxFrameBytes = maxFrameBytes;
        this.maxBlockBytes = maxFrameBytes + 64;
        this.src = new ByteSource(in, 1 << 20, maxBlockBytes + 64);
        boolean whole = src.require(12);
        if (src.available() >= 4 && (int) src.u32(0, true) == SHB && !whole) {
            throw new CaptureFormatException("pcapng cut short inside its section header block: " + src.available()
                    + " bytes in all, of at least 28; the file is incomplete, with nothing to analyse");
        }
        if (!whole || (int) src.u32(0, true) != SHB) {
            throw new CaptureFormatException("not a pcapng file");
        }
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    @Override
    public Frame next() throws IOException {
        while (!done) {
            long offset = src.offset();
            if (!src.require(8)) {
                if (src.available() > 0) {
                    fatal(offset, "capture cut off inside a block header (" + src.available()
                            + " bytes); the frames before it were analysed");
                }
                done = true;
                return null;
            }
            if ((int) src.u32(0, true) == SHB) {
                if (!readSectionHeader(offset)) {
                    done = true;
                    return null;
                }
                continue;
            }
            if (sections == 0) {
                fatal(offset, "pcapng data does not start with a section header block");
                done = true;
                return null;
            }
            int type = (int) src.u32(0, bigEndian);
            long total = src.u32(4, bigEndian);
            if (total < 12 || total % 4 != 0) {
                fatal(offset, "corrupt block: length " + total + " is not a multiple of 4 of at least 12;"
                        + " reading of this file stops here");
                done = true;
                return null;
            }
            boolean packet = type == EPB || type == SPB || type == OBSOLETE_PB;
            if (total > maxBlockBytes) {
                if (packet) {
                    fatal(offset, "corrupt block: a packet block of " + total + " bytes exceeds the limit of "
                            + maxBlockBytes + "; reading of this file stops here");
                    done = true;
                    return null;
                }
                // A large non-packet block (a big name resolution or custom block) is skipped unread.
                if (!src.skipLong(total)) {
                    fatal(offset, "capture cut off inside a block of type " + type);
                    done = true;
                }
                continue;
            }
            int len = (int) total;
            if (!src.require(len)) {
                fatal(offset, "capture cut off inside a block (" + src.available() + " of " + len
                        + " bytes); the frames before it were analysed");
                done = true;
                return null;
            }
            if (src.u32(len - 4, bigEndian) != total) {
                fatal(offset, "corrupt block: trailing length " + src.u32(len - 4, bigEndian)
                        + " does not match the leading " + total + "; reading of this file stops here");
                done = true;
                return null;
            }
            Frame f = switch (type) {
                case IDB -> {
                    readInterface(len, offset);
                    yield null;
                }
                case EPB -> enhanced(len, offset);
                case SPB -> simple(len, offset);
                case OBSOLETE_PB -> obsolete(len, offset);
                default -> null;
            };
            if (f != null) {
                return f;
            }
            src.skip(len);
        }
        return null;
    }

    private boolean readSectionHeader(long offset) throws IOException {
        if (!src.require(12)) {
            fatal(offset, "capture cut off inside a section header block");
            return false;
        }
        int magicBe = (int) src.u32(8, true);
        if (magicBe == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (Integer.reverseBytes(magicBe) == BYTE_ORDER_MAGIC) {
            bigEndian = false;
        } else {
            fatal(offset, "section header block with an unknown byte-order magic; reading of this file stops here");
            return false;
        }
        long total = src.u32(4, bigEndian);
        if (total < 28 || total % 4 != 0 || total > maxBlockBytes) {
            fatal(offset, "corrupt section header block: length " + total + "; reading of this file stops here");
            return false;
        }
        if (!src.require((int) total)) {
            fatal(offset, "capture cut off inside a section header block (" + src.available() + " of " + total
                    + " bytes); nothing after it could be read");
            return false;
        }
        sections++;
        interfaces.clear();
        undescribed.clear();
        src.skip((int) total);
        return true;
    }

    private void readInterface(int len, long offset) {
        if (len < 20) {
            warn(offset, "interface description block too short (" + len + " bytes); ignored");
            return;
        }
        int linkType = src.u16(8, bigEndian);
        long snaplen = src.u32(12, bigEndian);
        boolean binary = false;
        int exponent = 6;
        long tsOffset = 0;
        int at = 16;
        int end = len - 4;
        while (at + 4 <= end) {
            int code = src.u16(at, bigEndian);
            int olen = src.u16(at + 2, bigEndian);
            if (code == 0) {
                break;
            }
            if (at + 4 + olen > end) {
                warn(offset, "interface option " + code + " overruns its block; options ignored from there");
                break;
            }
            if (code == 9 && olen >= 1) {
                int v = src.u8(at + 4);
                binary = (v & 0x80) != 0;
                exponent = v & 0x7f;
            } else if (code == 14 && olen >= 8) {
                long hi = src.u32(at + 4, bigEndian);
                long lo = src.u32(at + 8, bigEndian);
                tsOffset = bigEndian ? (hi << 32) | lo : (lo << 32) | hi;
            }
            at += 4 + ((olen + 3) & ~3);
        }
        if (interfaces.size() >= MAX_INTERFACES) {
            warn(offset, "more than " + MAX_INTERFACES + " interfaces in one section; further ones ignored");
            return;
        }
        interfaces.add(new Interface(linkType, snaplen, binary, exponent, tsOffset));
    }

    private Interface iface(long id, long offset) {
        if (id < interfaces.size()) {
            return interfaces.get((int) id);
        }
        if (undescribed.size() < MAX_INTERFACES && undescribed.add(id)) { // once per interface, not per packet
            warn(offset, "packet refers to interface " + id + ", which was not described; assuming Ethernet");
        }
        return Interface.DEFAULT;
    }

    private Frame enhanced(int len, long offset) {
        if (len < 32) {
            warn(offset, "enhanced packet block too short (" + len + " bytes); skipped");
            return null;
        }
        long id = src.u32(8, bigEndian);
        long ts = (src.u32(12, bigEndian) << 32) | src.u32(16, bigEndian);
        long captured = src.u32(20, bigEndian);
        long original = src.u32(24, bigEndian);
        if (captured > len - 32) {
            warn(offset, "enhanced packet block claims " + captured + " captured bytes in a block of " + len
                    + "; frame skipped");
            frameNumber++;
            return null;
        }
        return frame(iface(id, offset), id, ts, 28, (int) captured, original, offset, len);
    }

    private Frame simple(int len, long offset) {
        if (len < 16) {
            warn(offset, "simple packet block too short; skipped");
            return null;
        }
        Interface i = iface(0, offset);
        long original = src.u32(8, bigEndian);
        long captured = Math.min(original, len - 16L);
        if (i.snaplen() > 0) {
            captured = Math.min(captured, i.snaplen());
        }
        return frame(i, 0, 0, 12, (int) captured, original, offset, len);
    }

    private Frame obsolete(int len, long offset) {
        if (len < 32) {
            warn(offset, "packet block too short; skipped");
            return null;
        }
        int id = src.u16(8, bigEndian);
        long ts = (src.u32(12, bigEndian) << 32) | src.u32(16, bigEndian);
        long captured = src.u32(20, bigEndian);
        long original = src.u32(24, bigEndian);
        if (captured > len - 32) {
            warn(offset, "packet block claims more captured bytes than it holds; frame skipped");
            frameNumber++;
            return null;
        }
        return frame(iface(id, offset), id, ts, 28, (int) captured, original, offset, len);
    }

    private Frame frame(Interface i, long id, long ticks, int dataAt, int captured, long original, long offset,
            int blockLen) {
        if (captured > maxFrameBytes) {
            // The block limit allows for the block's own fields; a packet may not use that room as frame.
            fatal(offset, "corrupt block: a packet of " + captured + " captured bytes exceeds the limit of "
                    + maxFrameBytes + " bytes; reading of this file stops here");
            done = true;
            return null;
        }
        frameNumber++;
        if (captured < original) {
            truncated++;
        }
        Frame f = new Frame(frameNumber, i.toNanos(ticks), i.linkType(), (int) id, src.array(),
                src.position() + dataAt, captured, (int) Math.min(Integer.MAX_VALUE, Math.max(original, captured)),
                offset);
        // Consume the block now; the bytes stay in place until the next call refills the window.
        src.skip(blockLen);
        return f;
    }

    private void warn(long offset, String message) {
        warn(frameNumber + 1, offset, message, false);
    }

    private void fatal(long offset, String message) {
        warn(frameNumber + 1, offset, message, true);
    }
}
