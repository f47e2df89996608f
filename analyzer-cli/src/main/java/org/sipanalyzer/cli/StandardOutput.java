package org.sipanalyzer.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard output that remembers why a write failed, so that a reader who stopped reading ({@code | head}) is told
 * apart from a full disk: the first has what it wanted, and the command ends as it would have, saying nothing; the
 * second gets an error. A print stream alone only says that something failed.
 */
final class StandardOutput extends PrintStream {

    private final Watch watch;
    private final Path descriptor;

    StandardOutput(OutputStream out, Charset charset, Path descriptor) {
        this(new Watch(out), charset, descriptor);
    }

    private StandardOutput(Watch watch, Charset charset, Path descriptor) {
        super(new BufferedOutputStream(watch, 8192), true, charset); // flushed at each line, as System.out is
        this.watch = watch;
        this.descriptor = descriptor;
    }

    /** The process's standard output, in the charset {@code System.out} uses. */
    static StandardOutput system() {
        String encoding = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset = Charset.defaultCharset();
        if (encoding != null && Charset.isSupported(encoding)) {
            charset = Charset.forName(encoding);
        }
        return new StandardOutput(new FileOutputStream(FileDescriptor.out), charset, Path.of("/proc/self/fd/1"));
    }

    /** Why writing failed first, or null. */
    IOException failure() {
        return watch.failure;
    }

    /**
     * Whether writing failed because nobody reads any more: the system's broken pipe, or any failure on a pipe or
     * socket (where a full disk cannot be the cause), as Linux's {@code /proc} names what standard output is.
     */
    boolean readerLeft() {
        IOException failure = watch.failure;
        if (failure == null) {
            return false;
        }
        String message = failure.getMessage();
        if (message != null && message.contains("Broken pipe")) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(descriptor).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
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
