package org.sipanalyzer.live;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.sipanalyzer.capture.BlockInputStream;

/** A bounded queue of byte blocks, read as a stream that ends after {@link #end()}. */
final class ByteQueue extends BlockInputStream {

    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> blocks = new ArrayBlockingQueue<>(1 << 16);
    private final AtomicLong queuedBytes = new AtomicLong();

    /** Queues a block; false when the queue is full (the block is dropped by the caller). */
    boolean offer(byte[] b) {
        if (queuedBytes.get() + b.length > HepListener.MAX_QUEUED_BYTES || !blocks.offer(b)) {
            return false;
        }
        queuedBytes.addAndGet(b.length);
        return true;
    }

    /** The stream ends after the blocks queued so far. */
    void end() {
        blocks.offer(END);
    }

    @Override
    protected boolean nextBlock() throws IOException {
        byte[] b;
        try {
            b = blocks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
        if (b == END) {
            return false;
        }
        queuedBytes.addAndGet(-b.length);
        block(b, b.length);
        return true;
    }
}
