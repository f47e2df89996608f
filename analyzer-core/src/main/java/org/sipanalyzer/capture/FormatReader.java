package org.sipanalyzer.capture;

import java.util.List;

/**
 * What the readers of each file format share: their bounded warnings, the count of frames cut short by the
 * snap length, and a stream that belongs to the caller ({@link CaptureOpener} closes it).
 */
abstract class FormatReader implements CaptureReader {

    /**
     * The link type given to frames of a medium no decoder handles (LINKTYPE_USER0, reserved for private use):
     * they are delivered all the same, and counted as of an undecoded link type, not lost.
     */
    static final int UNDECODED_LINK = 147;

    private final Warnings warnings = new Warnings();
    /** Frames whose captured length is shorter than their length on the wire. */
    protected long truncated;

    /** Records damage at {@code frame} (0 when none) and byte {@code offset}; {@code fatal} when reading stops. */
    protected final void warn(long frame, long offset, String message, boolean fatal) {
        warnings.add(new CaptureWarning(frame, offset, message, fatal));
    }

    @Override
    public final List<CaptureWarning> warnings() {
        return warnings.list();
    }

    @Override
    public final long warningsNotListed() {
        return warnings.notListed();
    }

    @Override
    public final long truncatedFrames() {
        return truncated;
    }

    @Override
    public void close() {
        // The stream belongs to the caller (CaptureOpener closes it).
    }
}
