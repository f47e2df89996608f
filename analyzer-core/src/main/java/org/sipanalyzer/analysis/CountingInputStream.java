package org.sipanalyzer.analysis;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read from a file and tells a {@link Progress} of them, at most every quarter of a second. */
final class CountingInputStream extends FilterInputStream {

    private static final long EVERY_NANOS = 250_000_000L;

    private final Progress progress;
    private final int input;
    private final String name;
    private final long size;
    private long read;
    private final long began = System.nanoTime();
    private long last = began;

    CountingInputStream(InputStream in, Progress progress, int input, String name, long size) {
        super(in);
        this.progress = progress;
        this.input = input;
        this.name = name;
        this.size = size;
    }

    private void counted(long n) {
        if (n > 0) {
            read += n;
            long now = System.nanoTime();
            if (now - last >= EVERY_NANOS) {
                last = now;
                progress.progress(input, name, read, size, now - began, false);
            }
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        counted(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        counted(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        counted(s);
        return s;
    }

    /** The input has ended (read to its end, cut short, or failed). */
    void ended() {
        progress.progress(input, name, read, size, System.nanoTime() - began, true);
    }
}
