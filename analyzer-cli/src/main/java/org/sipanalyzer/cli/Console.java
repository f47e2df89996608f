package org.sipanalyzer.cli;

import java.io.PrintStream;
import java.util.Map;

/** Where a command writes: standard output, standard error, and the terminal width for text reports. */
record Console(PrintStream out, PrintStream err, int width) {

    static final int DEFAULT_WIDTH = 100;

    static Console system() {
        return new Console(System.out, System.err, widthFrom(System.getenv()));
    }

    static int widthFrom(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                int w = Integer.parseInt(columns.trim());
                if (w >= 40 && w <= 1000) {
                    return w;
                }
            } catch (NumberFormatException ignored) {
                // An unusable COLUMNS falls back to the default width.
            }
        }
        return DEFAULT_WIDTH;
    }
}
