package org.sipanalyzer.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard output that remembers why a write failed, so that a reader who stopped reading ({@code | head}) is told
 * apart from a full disk: the first has what it wanted, and the command ends as it would have, saying nothing; the
 * second gets an error. A print stream alone only says that something failed.
 */
final class StandardOutput extends PrintStream {

    private final Watch watch;

    StandardOutput(OutputStream out, Charset charset) {
        this(new Watch(out), charset);
    }

    private StandardOutput(Watch watch, Charset charset) {
        super(new BufferedOutputStream(watch, 8192), true, charset); // flushed at each line, as System.out is
        this.watch = watch;
    }

    /** The process's standard output, in the charset {@code System.out} uses. */
    static StandardOutput system() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset = Charset.defaultCharset();
        if (encoding != null && Charset.isSupported(encoding)) {
            charset = Charset.forName(encoding);
        }
        return new StandardOutput(new FileOutputStream(FileDescriptor.out), charset);
    }

    /** Why writing failed first, or null. */
    IOException failure() {
        return watch.failure;
    }

    /**
     * Whether writing failed because nobody reads any more: the system's broken pipe (EPIPE), and nothing else (a
     * pipe a parent made non-blocking and does not read fails otherwise, and that is an error).
     */
    boolean readerLeft() {
        IOException failure = watch.failure;
        return failure != null && failure.getMessage() != null && failure.getMessage().contains("Broken pipe");
    }

    /** Passes every write on, keeping the first failure. */
    private static final class Watch extends FilterOutputStream {
        private volatile IOException failure;

        Watch(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        private void keep(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
