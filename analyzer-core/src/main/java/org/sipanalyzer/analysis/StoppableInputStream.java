package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stream (standard input, a pipe, a FIFO) that ends when a {@link StopSignal} is requested, even while its source
 * is quiet: a thread of its own reads the source into a short queue, and reading from here waits on the queue, a
 * tenth of a second at a time, so a stop is an end of input within that. Bytes already read are all delivered first.
 * The reading thread, blocked on a quiet source, is left to end with the JVM.
 */
final class StoppableInputStream extends InputStream {

    private static final int CHUNK = 64 * 1024;
    private static final int QUEUED = 16;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final StopSignal stop;
    private final Thread pump;
    private byte[] current = new byte[0];
    private int at;
    private int length;
    private boolean ended;

    StoppableInputStream(InputStream source, StopSignal stop) {
        this.stop = stop;
        this.pump = new Thread(() -> pump(source), "sip-analyzer-input");
        pump.setDaemon(true);
        pump.start();
    }

    private void pump(InputStream source) {
        Object last = END;
        try {
            while (!stop.requested()) {
                byte[] b = new byte[CHUNK];
                int n = source.read(b);
                if (n < 0) {
                    break;
                }
                if (n > 0 && !offer(b, n)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            last = e; // handed to the reader, who throws it: the run fails with its real cause
        }
        offer(last, 0);
    }

    /** Queues {@code o} (a chunk of {@code n} bytes, or the end); false when the stream was stopped meanwhile. */
    private boolean offer(Object o, int n) {
        Object item = o instanceof byte[] b && b != END ? new Chunk(b, n) : o;
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (stop.requested()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Chunk(byte[] data, int length) {
    }

    /** Moves to the next chunk; false at the end (the source's, or a stop's). */
    private boolean fill() throws IOException {
        while (at >= length) {
            if (ended) {
                return false;
            }
            Object o;
            try {
                o = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading");
            }
            if (o == null) {
                if (stop.requested()) {
                    ended = true; // a quiet source: what was read is all there will be
                }
                continue;
            }
            if (o instanceof Chunk c) {
                current = c.data();
                at = 0;
                length = c.length();
            } else if (o instanceof IOException e) {
                ended = true;
                throw e;
            } else if (o instanceof RuntimeException e) {
                ended = true;
                throw e;
            } else if (o instanceof Error e) {
                ended = true;
                throw e;
            } else {
                ended = true;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
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

    @Override
    public void close() {
        ended = true;
        pump.interrupt();
    }
}
