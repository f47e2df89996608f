package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** One thing to analyse: a named source of bytes, opened when its turn comes. */
public final class AnalysisInput {

    /** Opens the bytes of an input. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final String name;
    private final Opener opener;

    private AnalysisInput(String name, Opener opener) {
        this.name = Objects.requireNonNull(name);
        this.opener = Objects.requireNonNull(opener);
    }

    /** A capture file. */
    public static AnalysisInput file(Path path) {
        return new AnalysisInput(path.toString(), () -> Files.newInputStream(path));
    }

    /** A stream, such as standard input; it can be read once. */
    public static AnalysisInput stream(String name, InputStream in) {
        return new AnalysisInput(name, () -> in);
    }

    /** The name shown in reports (the path as given, or "-" for standard input). */
    public String name() {
        return name;
    }

    InputStream open() throws IOException {
        return opener.open();
    }
}
