package org.sipanalyzer.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a live source receives, as the pcapng capture the analysis reads ({@link #input()}) and, when asked, a file
 * ({@code --write}): each packet is written whole and flushed at once, so that the analysis sees it within a moment.
 * The analysis's queue is bounded ({@link HepListener#MAX_QUEUED_BYTES}); a packet it has no room for is dropped and
 * counted, never waited for (a live source must not block on a slow analysis).
 */
final class CaptureStream {

    private final ByteQueue queue = new ByteQueue();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final PcapngStreamWriter writer;

    /** A stream of raw IP datagrams (a collector's). */
    CaptureStream(OutputStream tee) throws IOException {
        this.writer = new PcapngStreamWriter(new Sink(tee));
    }

    /** A stream of frames of {@code linkType} (an interface's). */
    CaptureStream(OutputStream tee, int linkType) throws IOException {
        this.writer = new PcapngStreamWriter(new Sink(tee), linkType);
    }

    /** One UDP datagram received from {@code from} at {@code to}, at {@code nanos} since the epoch. */
    void udp(long nanos, InetSocketAddress from, InetSocketAddress to, byte[] d, int off, int len) {
        packets.incrementAndGet();
        try {
            writer.udp(nanos, from, to, d, off, len);
            writer.flush();
        } catch (IOException e) {
            dropped.incrementAndGet();
        }
    }

    /** One frame captured at {@code nanos} since the epoch. */
    void frame(long nanos, byte[] d, int length, int originalLength) {
        packets.incrementAndGet();
        try {
            writer.frame(nanos, d, length, originalLength);
            writer.flush();
        } catch (IOException e) {
            dropped.incrementAndGet();
        }
    }

    /** A packet that could not be kept (too large for a datagram): dropped and counted. */
    void dropOne() {
        dropped.incrementAndGet();
    }

    /** The capture; it ends after {@link #end()}. */
    InputStream input() {
        return queue;
    }

    /** The capture ends after what was written. */
    void end() {
        queue.end();
    }

    long packets() {
        return packets.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** Each block, once flushed whole, to the queue and the file; a block the queue has no room for is dropped. */
    private final class Sink extends OutputStream {
        private final java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
        private final OutputStream tee;

        Sink(OutputStream tee) {
            this.tee = tee;
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
}
