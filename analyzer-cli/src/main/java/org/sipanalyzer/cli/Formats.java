package org.sipanalyzer.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.report.TextSafe;

/** Parses {@code --format} against the formats one command offers. */
final class Formats {

    private Formats() {
    }

    static OutputFormat parse(String value, List<OutputFormat> allowed, String command) throws UsageException {
        return OutputFormat.parse(value).filter(allowed::contains).orElseThrow(() -> new UsageException(
                command + ": unknown format '" + TextSafe.of(value) + "'; use one of "
                        + allowed.stream().map(OutputFormat::word).collect(Collectors.joining(", "))));
    }
}
