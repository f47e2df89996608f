package org.sipanalyzer.capture;

/**
 * For tests in other packages: prefetching readers made while this is open use batches of a few kilobytes (or a few
 * frames), so that a small capture spans many, and overwrite a batch's bytes when it is released. A stage that still
 * read a frame after its release would then see the overwritten bytes, and its report would differ.
 */
public final class SmallBatches implements AutoCloseable {

    private SmallBatches(int bytes, int frames) {
        PrefetchingReader.batchBytes = bytes;
        PrefetchingReader.batchFrames = frames;
        PrefetchingReader.poisonReleased = true;
    }

    /** Batches of {@code bytes}, as many frames as fit. */
    public static SmallBatches poisoned(int bytes) {
        return new SmallBatches(bytes, PrefetchingReader.BATCH_FRAMES);
    }

    /** Batches of {@code bytes} and at most {@code frames} frames. */
    public static SmallBatches poisoned(int bytes, int frames) {
        return new SmallBatches(bytes, frames);
    }

    @Override
    public void close() {
        PrefetchingReader.batchBytes = PrefetchingReader.BATCH_BYTES;
        PrefetchingReader.batchFrames = PrefetchingReader.BATCH_FRAMES;
        PrefetchingReader.poisonReleased = false;
    }
}
