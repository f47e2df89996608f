package org.sipanalyzer.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads (and decompresses) a capture on its own thread, a few batches ahead of the consumer, so that reading
 * and analysis use two cores. Memory is bounded: at most {@link #QUEUED_BATCHES} batches of about
 * {@link #BATCH_BYTES} bytes wait in the queue. Frames, warnings and errors arrive in the order the
 * underlying reader produced them.
 *
 * <p>A reader made {@linkplain #PrefetchingReader(CaptureReader, boolean) to recycle} fills a batch again once the
 * consumer has {@linkplain #release released} every frame in it, instead of allocating a new one: a capture read this
 * way is copied into the same few megabytes over and over, which stay in the processor's caches, rather than into a
 * new array per megabyte that the collector must clear, hand out and reclaim (a quarter of all that an analysis of
 * SIP alone allocated). Its consumer must release what it is done with: the batches it has not released are kept for
 * it. A frame's bytes stay valid until it is released; without recycling, as long as the frame is referenced. At most
 * {@link #POOLED_BATCHES} released batches wait to be filled again.
 */
public final class PrefetchingReader implements CaptureReader {

    static final int BATCH_BYTES = 1 << 20;
    static final int BATCH_FRAMES = 4096;
    static final int QUEUED_BATCHES = 4;
    /** Released batches kept to be filled again; past this, a released batch is left to the collector. */
    static final int POOLED_BATCHES = 8;
    /**
     * Tests only: the size of a batch in bytes and frames, so that a small capture spans many and their ends fall
     * anywhere, and whether released data is overwritten.
     */
    static int batchBytes = BATCH_BYTES;
    static int batchFrames = BATCH_FRAMES;
    static boolean poisonReleased;

    private static final class Batch {
        final byte[] data;
        final long[] meta; // per frame: number, timestamp, fileOffset, then packed ints below
        final int[] ints;  // per frame: linkType, interfaceId, offset, length, originalLength
        int frames;
        int used;
        List<CaptureWarning> warnings = List.of();
        long truncated;
        long warningsNotListed;
        IOException error;
        /** A RuntimeException or an Error the source threw: the reading thread ends and the reader rethrows it. */
        Throwable failure;
        boolean last;
        /** How many frames the reader had handed out when this batch's last was: set when it is taken. */
        long end;

        Batch(int bytes, int frames) {
            data = new byte[bytes];
            meta = new long[frames * 3];
            ints = new int[frames * 5];
        }
    }

    private final CaptureReader source;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final BlockingQueue<Batch> pool = new ArrayBlockingQueue<>(POOLED_BATCHES);
    /**
     * Batches every frame of which was handed out, and that {@link #next} is done with (it has read their ends), not
     * yet released; oldest first.
     */
    private final ConcurrentLinkedQueue<Batch> lent = new ConcurrentLinkedQueue<>();
    private final boolean recycle;
    private final int standardBytes = batchBytes;
    private final int framesPerBatch = batchFrames;
    private final boolean poison = poisonReleased;
    /** Frames in the batches taken from the queue so far (the consumer's thread only). */
    private long taken;
    private final Thread thread;
    private final List<CaptureWarning> warnings = new ArrayList<>();
    private volatile boolean closed;
    private Batch current;
    private int index;
    private long truncated;
    private long warningsNotListed;
    private boolean finished;

    /** A reader that allocates every batch afresh: its frames stay valid as long as they are referenced. */
    public PrefetchingReader(CaptureReader source) {
        this(source, false);
    }

    /**
     * A reader that fills batches again once {@linkplain #release released} when {@code recycle}: the consumer must
     * then release the frames it is done with, in order.
     */
    public PrefetchingReader(CaptureReader source, boolean recycle) {
        this.source = source;
        this.recycle = recycle;
        this.thread = new Thread(this::produce, "sip-analyzer-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void produce() {
        int warningsSent = 0;
        try {
            Frame pending = null;
            boolean end = false;
            while (!end && !closed) {
                Batch b = batch(pending == null ? 0 : pending.length());
                try {
                    while (b.frames < framesPerBatch) {
                        Frame f = pending != null ? pending : source.next();
                        pending = null;
                        if (f == null) {
                            end = true;
                            break;
                        }
                        if (b.used + f.length() > b.data.length) {
                            pending = copy(f); // the source may reuse its array before the next batch
                            break;
                        }
                        add(b, f);
                    }
                } catch (IOException e) {
                    b.error = e;
                    end = true;
                } catch (RuntimeException | Error e) {
                    b.failure = e; // passed on, so that the run fails with its real cause instead of ending early
                    end = true;
                }
                List<CaptureWarning> all = source.warnings();
                if (all.size() > warningsSent) {
                    b.warnings = List.copyOf(all.subList(warningsSent, all.size()));
                    warningsSent = all.size();
                }
                b.truncated = source.truncatedFrames();
                b.warningsNotListed = source.warningsNotListed();
                b.last = end;
                while (!closed && !queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    // wait for the consumer
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A pooled batch when one is free and the frame waiting fits in it, else a new one. */
    private Batch batch(int waiting) {
        Batch b = waiting <= standardBytes ? pool.poll() : null;
        return b != null ? b : new Batch(Math.max(standardBytes, waiting), framesPerBatch);
    }

    /**
     * Tells the reader that the consumer is done with the first {@code frames} frames it was handed (counted from the
     * first): no stage still reads their bytes. Batches that hold only such frames are filled again (when the reader
     * recycles; otherwise this does nothing). May be called from any thread, with counts that never decrease; a count
     * past what was handed out releases only what was.
     */
    public synchronized void release(long frames) {
        Batch b;
        while ((b = lent.peek()) != null && b.end <= frames) {
            lent.poll();
            if (b.data.length == standardBytes) {
                if (poison) {
                    java.util.Arrays.fill(b.data, (byte) 0xA5);
                }
                b.frames = 0;
                b.used = 0;
                b.warnings = List.of();
                b.error = null;
                b.failure = null;
                b.last = false;
                pool.offer(b);
            }
        }
    }

    private static Frame copy(Frame f) {
        byte[] d = new byte[f.length()];
        System.arraycopy(f.data(), f.offset(), d, 0, f.length());
        return new Frame(f.number(), f.timestampNanos(), f.linkType(), f.interfaceId(), d, 0, f.length(),
                f.originalLength(), f.fileOffset());
    }

    private static void add(Batch b, Frame f) {
        int i = b.frames++;
        System.arraycopy(f.data(), f.offset(), b.data, b.used, f.length());
        b.meta[i * 3] = f.number();
        b.meta[i * 3 + 1] = f.timestampNanos();
        b.meta[i * 3 + 2] = f.fileOffset();
        b.ints[i * 5] = f.linkType();
        b.ints[i * 5 + 1] = f.interfaceId();
        b.ints[i * 5 + 2] = b.used;
        b.ints[i * 5 + 3] = f.length();
        b.ints[i * 5 + 4] = f.originalLength();
        b.used += f.length();
    }

    @Override
    public CaptureFormat format() {
        return source.format();
    }

    @Override
    public boolean isCompressed() {
        return source.isCompressed();
    }

    @Override
    public Frame next() throws IOException {
        while (true) {
            if (current != null && index < current.frames) {
                int i = index++;
                Batch b = current;
                return new Frame(b.meta[i * 3], b.meta[i * 3 + 1], b.ints[i * 5], b.ints[i * 5 + 1], b.data,
                        b.ints[i * 5 + 2], b.ints[i * 5 + 3], b.ints[i * 5 + 4], b.meta[i * 3 + 2]);
            }
            if (current != null) {
                Batch done = current;
                current = null;
                warnings.addAll(done.warnings);
                truncated = done.truncated;
                warningsNotListed = done.warningsNotListed;
                if (done.error != null) {
                    finished = true;
                    throw done.error;
                }
                if (done.failure != null) {
                    finished = true;
                    if (done.failure instanceof Error err) {
                        throw err;
                    }
                    throw (RuntimeException) done.failure;
                }
                if (done.last) {
                    finished = true;
                }
                if (recycle) {
                    lent.add(done); // read to its end: from now on only its frames' bytes are in use, until released
                }
            }
            if (finished) {
                return null;
            }
            try {
                current = queue.take();
                index = 0;
                taken += current.frames;
                current.end = taken;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading", e);
            }
        }
    }

    @Override
    public List<CaptureWarning> warnings() {
        return warnings;
    }

    @Override
    public long warningsNotListed() {
        return warningsNotListed;
    }

    @Override
    public long truncatedFrames() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
