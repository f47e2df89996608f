package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sipanalyzer.capture.BlockInputStream;

/**
 * A stream (standard input, a pipe, a FIFO) that ends when a {@link StopSignal} is requested, even while its source
 * is quiet: a thread of its own reads the source into a short queue, and reading from here waits on the queue, a
 * tenth of a second at a time, so a stop is an end of input within that. Bytes already read are all delivered first.
 * The reading thread, blocked on a quiet source, is left to end with the JVM.
 */
final class StoppableInputStream extends BlockInputStream {

    private static final int CHUNK = 64 * 1024;
    private static final int QUEUED = 16;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
    private final StopSignal stop;
    private final Thread pump;
    private boolean failed;

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

    /** The next chunk, waiting for it a tenth of a second at a time; false at the end (the source's, or a stop's). */
    @Override
    protected boolean nextBlock() throws IOException {
        if (failed) {
            return false;
        }
        while (true) {
            Object o;
            try {
                o = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading");
            }
            if (o == null) {
                if (stop.requested()) {
                    return false; // a quiet source: what was read is all there will be
                }
                continue;
            }
            if (o instanceof Chunk c) {
                block(c.data(), c.length());
                return true;
            }
            failed = o instanceof Throwable; // the source's failure is thrown once; then the stream has ended
            if (o instanceof IOException e) {
                throw e;
            }
            if (o instanceof RuntimeException e) {
                throw e;
            }
            if (o instanceof Error e) {
                throw e;
            }
            return false;
        }
    }

    @Override
    public void close() {
        pump.interrupt();
    }
}
