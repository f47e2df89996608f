package org.sipanalyzer.cli;

import java.io.PrintStream;
import java.util.Map;

/** Where a command writes: standard output, standard error, and the terminal width for text reports. */
record Console(PrintStream out, PrintStream err, int width) {

    static final int DEFAULT_WIDTH = 100;

    static Console system() {
        return new Console(StandardOutput.system(), System.err, widthFrom(System.getenv(), Console::terminalWidth));
    }

    /**
     * The width of the terminal standard output is on, asked of the terminal itself ({@code stty size}, as shells
     * do, since the JVM cannot); 0 when standard output is not a terminal or the terminal does not say. COLUMNS is
     * only set by interactive shells for themselves, not exported to programs, so it cannot be relied on.
     */
    static int terminalWidth() {
        java.io.File tty = new java.io.File("/dev/tty");
        if (System.console() == null || !tty.exists()) {
            return 0;
        }
        Process p = null;
        try {
            p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                return 0;
            }
            String[] rowsCols = new String(p.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII).trim().split("\\s+");
            return rowsCols.length == 2 ? Integer.parseInt(rowsCols[1]) : 0;
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    /** COLUMNS when set and usable, else the terminal's own width, else {@link #DEFAULT_WIDTH}. */
    static int widthFrom(Map<String, String> env, java.util.function.IntSupplier terminal) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                int w = Integer.parseInt(columns.trim());
                if (w >= 40 && w <= 1000) {
                    return w;
                }
            } catch (NumberFormatException ignored) {
                // An unusable COLUMNS is passed over.
            }
        }
        int t = terminal.getAsInt();
        return t >= 40 && t <= 1000 ? t : DEFAULT_WIDTH;
    }
}
