package org.sipanalyzer.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a live source writes its pcapng stream: each block, once flushed whole, goes to the analysis's queue and,
 * when asked, to a file ({@code --write}); a block the queue has no room for is dropped and counted, never waited
 * for (a live source must not block on a slow analysis).
 */
final class TeeSink extends OutputStream {

    private final ByteArrayOutputStream block = new ByteArrayOutputStream();
    private final ByteQueue queue;
    private final OutputStream tee;
    private final AtomicLong dropped;

    TeeSink(ByteQueue queue, OutputStream tee, AtomicLong dropped) {
        this.queue = queue;
        this.tee = tee;
        this.dropped = dropped;
    }

    @Override
    public void write(int b) {
        block.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        block.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (block.size() == 0) {
            return;
        }
        byte[] bytes = block.toByteArray();
        block.reset();
        if (!queue.offer(bytes)) {
            dropped.incrementAndGet();
            return;
        }
        if (tee != null) {
            tee.write(bytes);
            tee.flush();
        }
    }
}
