package org.sipanalyzer.capture;

/**
 * For tests in other packages: prefetching readers made while this is open use batches of a few kilobytes, so that a
 * small capture spans many, and overwrite a batch's bytes when it is released. A stage that still read a frame after
 * its release would then see the overwritten bytes, and its report would differ.
 */
public final class SmallBatches implements AutoCloseable {

    private SmallBatches(int bytes) {
        PrefetchingReader.batchBytes = bytes;
        PrefetchingReader.poisonReleased = true;
    }

    public static SmallBatches poisoned(int bytes) {
        return new SmallBatches(bytes);
    }

    @Override
    public void close() {
        PrefetchingReader.batchBytes = PrefetchingReader.BATCH_BYTES;
        PrefetchingReader.poisonReleased = false;
    }
}
