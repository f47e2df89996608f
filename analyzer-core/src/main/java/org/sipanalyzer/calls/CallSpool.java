package org.sipanalyzer.calls;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.sipanalyzer.net.Endpoint;

/**
 * Finished calls, handed back in listing order (input, then start, then the order they finished) with bounded
 * memory. A flood of never-answered INVITEs makes as many calls as messages, so holding every call until the
 * end cannot work: up to {@code inMemory} calls are held, and each time that many have come they are sorted
 * and written to a temporary file (a run); reading merges the runs. Past {@link #MAX_RUNS} runs, they are
 * merged into one first, so at most that many files are open at once. The files take about as much room as
 * the listing itself, in {@code java.io.tmpdir}, and are deleted on {@link #close()}.
 *
 * <p>Not thread-safe: calls come from the analysis's listener thread; reading happens after it.
 */
public final class CallSpool implements Iterable<Call>, Closeable {

    /** Calls held in memory by default: about 25 MB. */
    public static final int DEFAULT_IN_MEMORY = 50_000;
    /** Runs merged into one before another is written, so that reading never holds more files open. */
    static final int MAX_RUNS = 64;
    private static final int BUFFER = 64 * 1024;

    private record Entry(Call call, long seq) {
    }

    private static final Comparator<Entry> ORDER = Comparator.<Entry>comparingInt(e -> e.call.input())
            .thenComparingLong(e -> e.call.start()).thenComparingLong(Entry::seq);

    private final int inMemory;
    /** Where runs go; null for java.io.tmpdir. */
    private final Path directory;
    private final List<Entry> held = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final List<Closeable> open = new ArrayList<>();
    private long seq;
    private IOException failure;
    private boolean sorted = true;

    /** @param directory where the temporary files go; null for {@code java.io.tmpdir} */
    public CallSpool(int inMemory, Path directory) {
        if (inMemory < 1) {
            throw new IllegalArgumentException("a spool holds at least one call in memory, not " + inMemory);
        }
        this.inMemory = inMemory;
        this.directory = directory;
    }

    public CallSpool() {
        this(DEFAULT_IN_MEMORY, null);
    }

    /**
     * Takes one call. When the temporary files cannot be written (a full disk), the failure is kept and
     * reported by {@link #iterator()}; calls that come after it are only counted.
     */
    public void add(Call call) {
        Entry e = new Entry(call, seq++);
        if (failure != null) {
            return;
        }
        held.add(e);
        sorted = false;
        if (held.size() >= inMemory) {
            try {
                spill();
            } catch (IOException ex) {
                failure = ex;
                held.clear();
            }
        }
    }

    /** Calls taken. */
    public long size() {
        return seq;
    }

    /** Temporary files written so far; 0 when every call fitted in memory. */
    public int runs() {
        return runs.size();
    }

    private void spill() throws IOException {
        if (runs.size() >= MAX_RUNS) {
            Path merged = newRun();
            try (Merge m = new Merge(runs, List.of()); DataOutputStream out = output(merged)) {
                while (m.hasNext()) {
                    write(out, m.nextEntry());
                }
            }
            delete(runs);
            runs.clear();
            runs.add(merged);
        }
        held.sort(ORDER);
        Path run = newRun();
        try (DataOutputStream out = output(run)) {
            for (Entry e : held) {
                write(out, e);
            }
        }
        runs.add(run);
        held.clear();
    }

    private Path newRun() throws IOException {
        try {
            Path p = directory == null ? Files.createTempFile("sip-analyzer-calls-", ".run")
                    : Files.createTempFile(directory, "sip-analyzer-calls-", ".run");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new IOException("cannot write the calls to a temporary file ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); point java.io.tmpdir at a disk with room, or narrow the listing with --outcome", e);
        }
    }

    private static DataOutputStream output(Path p) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), BUFFER));
    }

    /** Every call taken, in listing order. May be called more than once (a text table reads the calls twice). */
    @Override
    public Iterator<Call> iterator() {
        if (failure != null) {
            throw new UncheckedIOException(failure.getMessage(), failure);
        }
        if (!sorted) {
            held.sort(ORDER);
            sorted = true;
        }
        if (runs.isEmpty()) {
            return held.stream().map(Entry::call).iterator();
        }
        try {
            Merge m = new Merge(runs, held);
            open.add(m);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the calls written to a temporary file: "
                    + e.getMessage(), e);
        }
    }

    /** Deletes the temporary files. */
    @Override
    public void close() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // being deleted anyway
            }
        }
        open.clear();
        delete(runs);
        runs.clear();
        held.clear();
    }

    private static void delete(List<Path> paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // marked deleteOnExit too
            }
        }
    }

    /** A k-way merge of sorted runs and the sorted calls still in memory. */
    private static final class Merge implements Iterator<Call>, Closeable {
        private record Head(Entry entry, Iterator<Entry> source) {
        }

        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.entry, b.entry));
        private final List<RunReader> readers = new ArrayList<>();

        Merge(List<Path> runs, List<Entry> memory) throws IOException {
            try {
                for (Path p : runs) {
                    RunReader r = new RunReader(p);
                    readers.add(r);
                    advance(r);
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
            advance(memory.iterator());
        }

        private void advance(Iterator<Entry> source) {
            if (source.hasNext()) {
                heads.add(new Head(source.next(), source));
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        Entry nextEntry() {
            Head h = heads.poll();
            if (h == null) {
                throw new NoSuchElementException();
            }
            advance(h.source);
            return h.entry;
        }

        @Override
        public Call next() {
            return nextEntry().call;
        }

        @Override
        public void close() throws IOException {
            for (RunReader r : readers) {
                r.in.close();
            }
        }
    }

    /** One run file, read entry by entry. */
    private static final class RunReader implements Iterator<Entry> {
        final DataInputStream in;
        private Entry next;

        RunReader(Path p) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), BUFFER));
            next = readOrNull();
        }

        private Entry readOrNull() {
            try {
                return read(in);
            } catch (EOFException end) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back the calls written to a temporary file: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Entry next() {
            Entry e = next;
            if (e == null) {
                throw new NoSuchElementException();
            }
            next = readOrNull();
            return e;
        }
    }

    private static void write(DataOutputStream out, Entry e) throws IOException {
        Call c = e.call;
        out.writeLong(e.seq);
        out.writeInt(c.input());
        string(out, c.callId());
        out.writeLong(c.start());
        string(out, c.fromUri());
        string(out, c.toUri());
        endpoint(out, c.caller());
        endpoint(out, c.callee());
        out.writeByte(c.outcome().ordinal());
        out.writeInt(c.rawFinalCode());
        string(out, c.rawFinalReason());
        out.writeInt(c.rawQ850Cause());
        string(out, c.rawReasonHeader());
        string(out, c.rawWarning());
        string(out, c.rawRetryAfter());
        endpoint(out, c.rawAnsweredBy());
        string(out, c.rawAnsweringAgent());
        out.writeBoolean(c.challenged());
        out.writeLong(c.rawPdd());
        out.writeLong(c.rawSetupTime());
        out.writeLong(c.rawDuration());
        out.writeInt(c.invites());
        out.writeInt(c.reInvites());
        out.writeInt(c.dialogs());
        out.writeBoolean(c.timed());
    }

    /** The next entry; EOFException at a clean end of the run. */
    private static Entry read(DataInputStream in) throws IOException {
        long seq = in.readLong();
        Call c = new Call(in.readInt(), string(in), in.readLong(), string(in), string(in), endpoint(in),
                endpoint(in), CallOutcome.values()[in.readUnsignedByte()], in.readInt(), string(in), in.readInt(),
                string(in), string(in), string(in), endpoint(in), string(in), in.readBoolean(), in.readLong(),
                in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readInt(), in.readBoolean());
        return new Entry(c, seq);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        // UTF-16 as held: exact for any string, unpaired surrogates included; one write, not one per char.
        byte[] b = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b[2 * i] = (byte) (c >>> 8);
            b[2 * i + 1] = (byte) c;
        }
        out.writeInt(s.length());
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n * 2];
        in.readFully(b);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ((b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff);
        }
        return new String(c);
    }

    private static void endpoint(DataOutputStream out, Endpoint e) throws IOException {
        if (e == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(e.addressLength());
        for (int i = 0; i < e.addressLength(); i++) {
            out.writeByte(e.addressByte(i));
        }
        out.writeInt(e.port());
    }

    private static Endpoint endpoint(DataInputStream in) throws IOException {
        int n = in.readUnsignedByte();
        if (n == 0) {
            return null;
        }
        byte[] a = new byte[n];
        in.readFully(a);
        return new Endpoint(a, in.readInt());
    }
}
