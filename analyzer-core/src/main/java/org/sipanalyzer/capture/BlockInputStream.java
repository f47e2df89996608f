package org.sipanalyzer.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream read from blocks of bytes that arrive one after another (from a queue fed by another thread): the reading
 * is here, where the next block comes from is the subclass's.
 */
public abstract class BlockInputStream extends InputStream {

    private byte[] current = new byte[0];
    private int at;
    private int length;
    private boolean ended;

    /**
     * Brings the next block into view with {@link #block}; false at the end of the stream (asked no more after).
     * May wait for it.
     */
    protected abstract boolean nextBlock() throws IOException;

    /** The next {@code length} bytes to read are {@code data}'s first. */
    protected final void block(byte[] data, int length) {
        this.current = data;
        this.at = 0;
        this.length = length;
    }

    private boolean fill() throws IOException {
        while (at >= length) {
            if (ended) {
                return false;
            }
            if (!nextBlock()) {
                ended = true;
                return false;
            }
        }
        return true;
    }

    @Override
    public final int read() throws IOException {
        return fill() ? current[at++] & 0xff : -1;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
    }

    @Override
    public int available() {
        return Math.max(0, length - at);
    }
}
