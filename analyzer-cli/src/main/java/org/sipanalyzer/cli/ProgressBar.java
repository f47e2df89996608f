package org.sipanalyzer.cli;

import java.io.PrintStream;
import org.sipanalyzer.analysis.Progress;
import org.sipanalyzer.report.Words;

/**
 * A progress bar on standard error while files are read, when standard error is a terminal and {@code --quiet} is
 * not given: the file, a bar, how much of it was read, the rate and the time left, redrawn in place; erased when
 * the reading ends, so the report that follows starts on a clean line.
 */
final class ProgressBar implements Progress {

    private static final int BAR = 24;

    private final PrintStream err;
    private final int inputs;
    private final int width;
    private boolean drawn;

    ProgressBar(PrintStream err, int inputs, int width) {
        this.err = err;
        this.inputs = inputs;
        this.width = Math.max(40, width);
    }

    /**
     * Whether standard error is a terminal, which the JVM cannot tell: on Linux, where its descriptor points
     * ({@code /proc/self/fd/2}: a terminal device, or a pipe or file); elsewhere, asked of the shell
     * ({@code test -t 2}).
     */
    static boolean stderrIsTerminal() {
        java.nio.file.Path fd = java.nio.file.Path.of("/proc/self/fd/2");
        try {
            String target = java.nio.file.Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            // no /proc: ask the shell
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "test -t 2").redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void progress(int input, String name, long bytesRead, long size, long elapsedNanos,
            boolean done) {
        if (done) {
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
                drawn = false;
            }
            return;
        }
        double seconds = elapsedNanos / 1e9;
        double fraction = size <= 0 ? 0 : Math.min(1, (double) bytesRead / size);
        double rate = seconds > 0 ? bytesRead / seconds : 0;
        String left = rate > 0 ? duration((size - bytesRead) / rate) : "?";
        int filled = (int) Math.round(fraction * BAR);
        String head = inputs > 1 ? (input + 1) + "/" + inputs + " " : "";
        String tail = String.format(Words.NUMBERS, " %3.0f%% %s of %s, %s/s, %s left", fraction * 100, bytes(bytesRead),
                bytes(size), bytes((long) rate), left);
        int room = width - 1 - head.length() - BAR - 3 - tail.length();
        String file = fit(name, Math.max(8, room));
        err.print("\r" + head + file + " [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]" + tail + "\033[K");
        err.flush();
        drawn = true;
    }

    private static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Words.NUMBERS, "%.1f GB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Words.NUMBERS, "%.0f MB", n / (double) (1L << 20));
        }
        return String.format(Words.NUMBERS, "%.0f KB", n / 1024.0);
    }

    private static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Words.NUMBERS, "%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format(Words.NUMBERS, "%dm%02ds", t / 60, t % 60) : t + "s";
    }

    /** A file name cut from the left to fit, control characters made harmless. */
    private static String fit(String name, int room) {
        String safe = org.sipanalyzer.report.TextSafe.of(name, 1_000);
        return safe.length() <= room ? safe : "…" + safe.substring(safe.length() - room + 1);
    }
}
