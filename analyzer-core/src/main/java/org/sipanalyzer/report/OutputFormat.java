package org.sipanalyzer.report;

import java.util.Locale;
import java.util.Optional;

/** The output formats a report can be written in. Not every report offers every format. */
public enum OutputFormat {
    TEXT, CSV, JSON, SQL, MARKDOWN, HTML;

    /** The lower-case name used on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name as written on the command line (any case). */
    public static Optional<OutputFormat> parse(String name) {
        for (OutputFormat f : values()) {
            if (f.word().equalsIgnoreCase(name.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
