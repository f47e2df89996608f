package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** One thing to analyse: a named source of bytes, opened when its turn comes. */
public final class AnalysisInput {

    /** Opens the bytes of an input. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final String name;
    private final Opener opener;
    private final Path path;
    private final boolean live;
    private final java.util.function.Supplier<String> lossesAtEnd;
    /** For a stored file ({@link #stored}): its size and day, as its store gave them; else -1 and null. */
    private long storedSize = -1;
    private LocalDate storedDate;
    private boolean stored;
    /** For a sequence ({@link #sequence}): its files, read one after another; else null. */
    private List<AnalysisInput> parts;

    private AnalysisInput(String name, Opener opener, Path path) {
        this(name, opener, path, false, () -> null);
    }

    private AnalysisInput(String name, Opener opener, Path path, boolean live,
            java.util.function.Supplier<String> lossesAtEnd) {
        this.name = Objects.requireNonNull(name);
        this.opener = Objects.requireNonNull(opener);
        this.path = path;
        this.live = live;
        this.lossesAtEnd = Objects.requireNonNull(lossesAtEnd);
    }

    /**
     * A capture or log file. A FIFO or a shell's process substitution ({@code <(zcat x.pcap.gz)}) is read as a
     * stream, as standard input is: a channel over it cannot seek, and NIO's stream would fail with "Illegal seek".
     */
    public static AnalysisInput file(Path path) {
        return new AnalysisInput(path.toString(), () -> Files.isRegularFile(path) ? Files.newInputStream(path)
                : Files.exists(path) && !Files.isDirectory(path) ? new java.io.FileInputStream(path.toFile())
                : Files.newInputStream(path), path);
    }

    /**
     * This input, readable more than once: a regular file as it is; standard input, a FIFO or a process substitution
     * copied first to a temporary file in {@code java.io.tmpdir} (deleted when the JVM exits), under the same name
     * and without a file date. For what must read an input twice, such as a filtered analysis.
     */
    public AnalysisInput rereadable() throws IOException {
        if (stored || path != null && Files.isRegularFile(path)) {
            return this;
        }
        Path copy = Files.createTempFile("sip-analyzer-input-", ".spool");
        copy.toFile().deleteOnExit();
        try (InputStream in = opener.open(); java.io.OutputStream out = Files.newOutputStream(copy)) {
            in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw new IOException("cannot copy " + name + " to a temporary file to read it twice ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); point java.io.tmpdir at a disk with room, or save it to a file first", e);
        }
        return new AnalysisInput(name, () -> Files.newInputStream(copy), null);
    }

    /**
     * A file in a store the JDK does not open itself (HDFS, S3, a cluster's file system), analysed as a local file
     * of that size and modification time is: {@code opener} opens it (each call anew).
     *
     * @param name the name shown in reports
     * @param size its size in bytes, -1 when unknown
     * @param modified when it was last modified (dates a log of times of day only), or null
     */
    public static AnalysisInput stored(String name, Opener opener, long size, java.time.Instant modified) {
        AnalysisInput in = new AnalysisInput(name, opener, null);
        in.stored = true;
        in.storedSize = size;
        in.storedDate = modified == null ? null : LocalDate.ofInstant(modified, ZoneOffset.UTC);
        return in;
    }

    /**
     * Captures read one after another as one capture: a probe's rotated files, in time order, so that calls and TCP
     * streams that go on from one file into the next are followed whole, as if the files had been joined first
     * ({@code mergecap -a}). One input in the reports, named {@code name}; frames are numbered on across the files,
     * and a file's damage is a warning that names the file. A file that cannot be read, or is not a capture, is a
     * warning and is passed over.
     */
    public static AnalysisInput sequence(String name, List<AnalysisInput> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one file");
        }
        AnalysisInput in = new AnalysisInput(name, () -> {
            throw new IOException("a sequence is read file by file");
        }, null);
        in.parts = List.copyOf(parts);
        long size = 0;
        for (AnalysisInput p : parts) {
            long s = p.size();
            size = s < 0 || size < 0 ? -1 : size + s;
        }
        in.storedSize = size;
        in.storedDate = parts.get(0).modifiedDate();
        in.stored = parts.stream().allMatch(p -> p.stored || p.path != null && Files.isRegularFile(p.path));
        return in;
    }

    /** The files of a sequence, or null for any other input. */
    List<AnalysisInput> parts() {
        return parts;
    }

    /** A stream, such as standard input; it can be read once. */
    public static AnalysisInput stream(String name, InputStream in) {
        return new AnalysisInput(name, () -> in, null);
    }

    /**
     * Live traffic (a collector's or an interface's capture): read once, and analysed packet by packet as it comes
     * rather than in batches, so that rolling figures follow the traffic within a moment. Its stream must end when
     * the analysis is stopped (close its source in {@link StopSignal#whenRequested}, as the command line does): then
     * everything received before the stop is analysed, not only what the analysis had reached.
     */
    public static AnalysisInput live(String name, InputStream in) {
        return live(name, in, () -> null);
    }

    /**
     * Live traffic whose source knows what it lost before the analysis saw it (packets dropped by the kernel or for
     * want of room): when the input has ended, {@code losses} says so in one sentence, or null, and the sentence
     * becomes one of the input's warnings, so that every report carries it.
     */
    public static AnalysisInput live(String name, InputStream in, java.util.function.Supplier<String> losses) {
        return new AnalysisInput(name, () -> in, null, true, losses);
    }

    /** What the source lost before the analysis (a live source's drops), once the input has ended; or null. */
    String lossesAtEnd() {
        return lossesAtEnd.get();
    }

    /** Whether the input is live traffic ({@link #live}). */
    public boolean isLive() {
        return live;
    }

    /**
     * The day the file was last modified (UTC), which dates a log that gives times of day only; null for a
     * stream or when it cannot be read.
     */
    LocalDate modifiedDate() {
        if (path == null || !Files.isRegularFile(path)) {
            return storedDate;
        }
        try {
            return LocalDate.ofInstant(Files.getLastModifiedTime(path).toInstant(), ZoneOffset.UTC);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The file's size in bytes (compressed, if it is); -1 for a stream, a FIFO, or when it cannot be read. */
    public long size() {
        if (path == null || !Files.isRegularFile(path)) {
            return storedSize;
        }
        try {
            return Files.size(path);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The name shown in reports (the path as given, or "-" for standard input). */
    public String name() {
        return name;
    }

    InputStream open() throws IOException {
        return opener.open();
    }

    /**
     * Opens the input. Opening a FIFO waits until something opens it for writing, however long that takes, and no
     * interrupt ends the wait; so when {@code stop} is requested meanwhile, the FIFO is opened for writing here too,
     * which ends the wait, and the input is not read ({@link StoppedWaiting}).
     */
    InputStream open(StopSignal stop) throws IOException {
        if (path == null || !fifo(path)) {
            return opener.open();
        }
        AtomicBoolean waiting = new AtomicBoolean(true);
        AtomicBoolean released = new AtomicBoolean();
        stop.whenRequested(() -> {
            if (waiting.get()) {
                released.set(true);
                // On a thread of its own: had the open ended meanwhile and the FIFO been closed, this would wait.
                Thread release = new Thread(() -> {
                    if (!waiting.get()) {
                        return;
                    }
                    try (OutputStream w = Files.newOutputStream(path, StandardOpenOption.WRITE)) {
                        w.flush();
                    } catch (IOException | RuntimeException e) {
                        // Nothing to release any more.
                    }
                }, "sip-analyzer-fifo-release");
                release.setDaemon(true);
                release.start();
            }
        });
        InputStream in;
        try {
            in = opener.open();
        } finally {
            waiting.set(false);
        }
        if (released.get()) {
            in.close();
            throw new StoppedWaiting("not read: stopped by " + stop.reason()
                    + " while waiting for something to write to this FIFO");
        }
        return in;
    }

    /** An input a stop ended before it could be read: a FIFO nothing had opened for writing. */
    static final class StoppedWaiting extends IOException {
        private static final long serialVersionUID = 1L;

        StoppedWaiting(String message) {
            super(message);
        }
    }

    /** Whether {@code p} is a FIFO (a named pipe, or a shell's process substitution). */
    private static boolean fifo(Path p) {
        try {
            return ((Integer) Files.getAttribute(p, "unix:mode") & 0170000) == 0010000;
        } catch (IOException | RuntimeException e) {
            return false; // no unix attributes here, or no such file: opened as it is
        }
    }
}
