package org.sipanalyzer.analysis;

/**
 * Hears how far the reading of each file has got, for a progress bar: a few times a second at most per input, from
 * the thread that reads it (several at once with {@code --threads}), and once at the end of each input. Streams
 * (standard input, pipes) have no size and are not reported.
 */
@FunctionalInterface
public interface Progress {

    /**
     * @param input the input's index in the analysis
     * @param name its name
     * @param bytesRead bytes of the file read so far (compressed bytes, for a gzip file)
     * @param size the file's size in bytes
     * @param elapsedNanos since the reading of this input began
     * @param done true once, when the input has ended
     */
    void progress(int input, String name, long bytesRead, long size, long elapsedNanos, boolean done);

    /** Hears nothing. */
    Progress NONE = (input, name, bytesRead, size, elapsedNanos, done) -> { };
}
