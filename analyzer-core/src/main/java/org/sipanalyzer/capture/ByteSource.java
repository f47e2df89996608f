package org.sipanalyzer.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A refillable window over a stream, so that records can be read in place without copying. Tracks the
 * absolute offset of every byte, for warnings. The window grows only up to {@code maxWindow}.
 */
final class ByteSource {

    private final InputStream in;
    private final int maxWindow;
    private byte[] buf;
    private int pos;
    private int limit;
    private long base;
    private boolean eof;

    ByteSource(InputStream in, int initialWindow, int maxWindow) {
        this.in = in;
        this.maxWindow = maxWindow;
        this.buf = new byte[Math.min(initialWindow, maxWindow)];
    }

    /** Ensures {@code n} bytes are readable at the position; false when the stream ends first. */
    boolean require(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (n > maxWindow) {
            throw new IllegalArgumentException("record of " + n + " bytes exceeds the window of " + maxWindow);
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.min(maxWindow, Math.max(n, buf.length * 2))];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        while (limit < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit - pos >= n;
    }

    /** Bytes readable now without blocking on the stream, after a failed {@link #require}. */
    int available() {
        return limit - pos;
    }

    byte[] array() {
        return buf;
    }

    int position() {
        return pos;
    }

    /** The absolute offset of the current position. */
    long offset() {
        return base + pos;
    }

    void skip(int n) {
        pos += n;
    }

    /** Skips {@code n} bytes that may lie beyond the window; false when the stream ends first. */
    boolean skipLong(long n) throws IOException {
        long remaining = n;
        while (remaining > 0) {
            int avail = limit - pos;
            if (avail == 0) {
                if (!require(1)) {
                    return false;
                }
                avail = limit - pos;
            }
            int step = (int) Math.min(avail, remaining);
            pos += step;
            remaining -= step;
        }
        return true;
    }

    /** True when no byte is left at all. */
    boolean atEnd() throws IOException {
        return !require(1);
    }

    int u8(int at) {
        return buf[pos + at] & 0xff;
    }

    int u16(int at, boolean bigEndian) {
        int i = pos + at;
        return bigEndian ? ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff) : (buf[i] & 0xff) | ((buf[i + 1] & 0xff) << 8);
    }

    long u32(int at, boolean bigEndian) {
        int i = pos + at;
        long v = bigEndian
                ? ((buf[i] & 0xffL) << 24) | ((buf[i + 1] & 0xffL) << 16) | ((buf[i + 2] & 0xffL) << 8)
                        | (buf[i + 3] & 0xffL)
                : (buf[i] & 0xffL) | ((buf[i + 1] & 0xffL) << 8) | ((buf[i + 2] & 0xffL) << 16)
                        | ((buf[i + 3] & 0xffL) << 24);
        return v;
    }
}
