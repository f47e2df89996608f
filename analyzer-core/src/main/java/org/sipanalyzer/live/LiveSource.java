package org.sipanalyzer.live;

import java.io.Closeable;
import java.io.InputStream;

/**
 * Live traffic made into a capture (a HEP collector's, an interface's): the analysis reads {@link #capture()} as it
 * reads a file, and it ends when the source is closed. Its counters say what was received and what was lost.
 */
public interface LiveSource extends Closeable {

    /** What was received, as a pcapng capture; it ends after {@link #close()}. */
    InputStream capture();

    /** Packets received or captured. */
    long packets();

    /** Packets dropped because the analysis fell behind (or too large to keep). */
    long dropped();

    /** Senders refused (a collector's TCP senders past its bound, or sending what is not HEP3); 0 for others. */
    default long refused() {
        return 0;
    }

    /** Packets the kernel dropped, or -1 when the source cannot say. */
    default long droppedByKernel() {
        return -1;
    }

    /** What the source is doing, for a line on standard error ("listening for HEP on [...]"). */
    String describe();

    /** Stops receiving; the capture ends after what was received. */
    @Override
    void close();
}
