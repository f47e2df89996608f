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

    /**
     * What was lost, in one sentence ("12 packets dropped because the analysis fell behind, 3 dropped by the kernel"),
     * or null when nothing was. The analysis adds it to the input's warnings, so that every report says it.
     */
    default String losses() {
        long kernel = droppedByKernel();
        if (dropped() <= 0 && kernel <= 0 && refused() <= 0) {
            return null;
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        parts.add(dropped() + (dropped() == 1 ? " packet" : " packets") + " dropped because the analysis fell behind");
        if (kernel > 0) {
            parts.add(kernel + " dropped by the kernel (its receive buffer was full)");
        }
        if (refused() > 0) {
            parts.add(refused() + (refused() == 1 ? " sender" : " senders") + " refused (past "
                    + HepListener.MAX_CONNECTIONS + " TCP senders at once, or not sending HEP3)");
        }
        return String.join(", ", parts);
    }

    /** What the source is doing, for a line on standard error ("listening for HEP on [...]"). */
    String describe();

    /** Stops receiving; the capture ends after what was received. */
    @Override
    void close();
}
