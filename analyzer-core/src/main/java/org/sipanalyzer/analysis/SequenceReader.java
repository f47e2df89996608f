package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.sipanalyzer.capture.CaptureFormat;
import org.sipanalyzer.capture.CaptureFormatException;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.CaptureWarning;
import org.sipanalyzer.capture.Frame;

/**
 * The frames of several captures read one after another as one capture ({@link AnalysisInput#sequence}): a probe's
 * rotated files, whose calls and TCP streams go on from one file into the next. Frames are numbered on across the
 * files; a file's damage is its warning, named by the file, with its byte offset in that file; a file that cannot be
 * read, or is not a capture (a text log), is a warning and is passed over. Each file is opened when its turn comes.
 */
final class SequenceReader implements CaptureReader {

    private final List<AnalysisInput> parts;
    private final AnalysisOptions options;
    /** Every warning so far, named by its file, in the order found; only appended to. */
    private final List<CaptureWarning> done = new ArrayList<>();
    /** The warnings of the file in hand already in {@link #done}. */
    private int currentSeen;
    private CaptureReader current;
    private String currentName;
    private final CaptureFormat format;
    private final boolean compressed;
    private int next;
    private long frameBase;
    private long lastNumber;
    private long truncatedDone;
    private long notListedDone;

    /** Opens the first file that is a capture; when none is, a CaptureFormatException says why of the first. */
    SequenceReader(List<AnalysisInput> parts, AnalysisOptions options) throws IOException {
        this.parts = List.copyOf(parts);
        this.options = options;
        IOException first = null;
        while (current == null && next < this.parts.size()) {
            try {
                openNext();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (current == null) {
            throw new CaptureFormatException("none of its " + this.parts.size() + " files could be read as a capture;"
                    + " the first: " + (done.isEmpty() ? String.valueOf(first) : done.get(0).message()));
        }
        format = current.format();
        compressed = current.isCompressed();
    }

    /** Opens the next file; a failure is a warning (the file is passed over) and is rethrown for the caller. */
    private void openNext() throws IOException {
        AnalysisInput part = parts.get(next++);
        InputStream in = null;
        try {
            in = part.open();
            current = CaptureOpener.open(CaptureOpener.sniff(in, options.maxDecompressedBytes()),
                    options.maxFrameBytes());
            currentName = part.name();
        } catch (IOException | RuntimeException e) {
            if (in != null) {
                in.close();
            }
            String why = e instanceof CaptureFormatException ? e.getMessage() : e instanceof IOException io
                    ? Analyzer.describeOpenError(part.name(), io) : String.valueOf(e.getMessage());
            done.add(new CaptureWarning(frameBase + 1, 0, part.name() + ": not read (" + why + "); the files after it"
                    + " were read on", false));
            throw e instanceof IOException io ? io : new IOException(why, e);
        }
    }

    @Override
    public CaptureFormat format() {
        return format;
    }

    @Override
    public boolean isCompressed() {
        return compressed;
    }

    @Override
    public Frame next() throws IOException {
        while (current != null) {
            Frame f = current.next();
            if (f != null) {
                lastNumber = f.number();
                return new Frame(frameBase + f.number(), f.timestampNanos(), f.linkType(), f.interfaceId(), f.data(),
                        f.offset(), f.length(), f.originalLength(), f.fileOffset());
            }
            endCurrent();
            while (current == null && next < parts.size()) {
                try {
                    openNext();
                } catch (IOException e) {
                    // said in the warnings; the next file is tried
                }
            }
        }
        return null;
    }

    /** The file in hand has ended: its warnings and counts are kept, its frames counted into the numbering. */
    private void endCurrent() throws IOException {
        takeWarnings();
        currentSeen = 0;
        truncatedDone += current.truncatedFrames();
        notListedDone += current.warningsNotListed();
        frameBase += lastNumber;
        lastNumber = 0;
        current.close();
        current = null;
    }

    /** Moves the new warnings of the file in hand into {@link #done}, named by the file, frames numbered on. */
    private void takeWarnings() {
        List<CaptureWarning> w = current.warnings();
        for (int i = currentSeen; i < w.size(); i++) {
            CaptureWarning c = w.get(i);
            done.add(new CaptureWarning(c.frame() > 0 ? frameBase + c.frame() : 0, c.byteOffset(),
                    currentName + ": " + c.message(), c.fatal()));
        }
        currentSeen = w.size();
    }

    /** The warnings of the files read and of the file in hand; the list only grows, in the order found. */
    @Override
    public List<CaptureWarning> warnings() {
        if (current != null) {
            takeWarnings();
        }
        return java.util.Collections.unmodifiableList(done);
    }

    @Override
    public long warningsNotListed() {
        return notListedDone + (current == null ? 0 : current.warningsNotListed());
    }

    @Override
    public long truncatedFrames() {
        return truncatedDone + (current == null ? 0 : current.truncatedFrames());
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
