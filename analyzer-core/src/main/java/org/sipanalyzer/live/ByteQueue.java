package org.sipanalyzer.live;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/** A bounded queue of byte blocks, read as a stream that ends after {@link #end()}. */
final class ByteQueue extends InputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> blocks = new ArrayBlockingQueue<>(1 << 16);
    private final AtomicLong queuedBytes = new AtomicLong();
    private byte[] current = new byte[0];
    private int at;
    private boolean ended;

    /** Queues a block; false when the queue is full (the block is dropped by the caller). */
    boolean offer(byte[] b) {
        if (queuedBytes.get() + b.length > HepListener.MAX_QUEUED_BYTES || !blocks.offer(b)) {
            return false;
        }
        queuedBytes.addAndGet(b.length);
        return true;
    }

    void end() {
        blocks.offer(END);
    }

    private boolean fill() throws IOException {
        while (at >= current.length) {
            if (ended) {
                return false;
            }
            try {
                current = blocks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            at = 0;
            if (current == END) {
                ended = true;
                return false;
            }
            queuedBytes.addAndGet(-current.length);
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
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
    }
}
