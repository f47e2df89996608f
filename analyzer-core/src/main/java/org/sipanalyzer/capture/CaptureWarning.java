package org.sipanalyzer.capture;

/**
 * Damage found while reading a capture. Reading goes on after a warning where it can; {@code fatal} says it
 * stopped there.
 *
 * @param frame the number of the frame concerned (or of the next frame expected), 0 when none
 * @param byteOffset the byte offset in the (decompressed) capture where the problem lies
 * @param message what was found, and what it means for the analysis
 * @param fatal true when reading of this input stopped here
 */
public record CaptureWarning(long frame, long byteOffset, String message, boolean fatal) {

    /** One line: where, then what. */
    @Override
    public String toString() {
        return (frame > 0 ? "frame " + frame + ", " : "") + "byte offset " + byteOffset + ": " + message;
    }
}
