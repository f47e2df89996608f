package org.sipanalyzer.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Reads the frames of one capture in order. Damage becomes a {@link CaptureWarning}, never an exception:
 * a truncated last record or a corrupt record length ends the input with a warning, after every frame
 * before it was delivered. Only failures to read the underlying stream surface as {@link IOException}.
 */
public interface CaptureReader extends Closeable {

    /** The format of the capture. */
    CaptureFormat format();

    /**
     * The next frame, or {@code null} at the end (or where damage stopped reading). The frame's array may be
     * reused by the next call.
     */
    Frame next() throws IOException;

    /** The warnings met so far, in the order found; bounded, see {@link #warningsNotListed()}. */
    List<CaptureWarning> warnings();

    /** Warnings met beyond those a reader lists (a capture damaged in every record), counted only. */
    default long warningsNotListed() {
        return 0;
    }

    /** True when the capture was gzip-compressed. */
    default boolean isCompressed() {
        return false;
    }

    /** Frames whose captured length is shorter than their length on the wire (snaplen). */
    long truncatedFrames();
}
