package org.sipanalyzer.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the public test data that lives beside the project ({@code ../shared}: corpus, seed, catalogue,
 * torture messages). Tests that need it call {@link #require(String)}, which skips them when it is absent,
 * so a clone of the project alone still builds green.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared folder, from the {@code sipanalyzer.shared} property Surefire sets, or {@code ../shared}. */
    public static Path root() {
        String p = System.getProperty("sipanalyzer.shared");
        return Path.of(p != null ? p : "../../shared").toAbsolutePath().normalize();
    }

    /** Every capture of the public corpus, in name order; skips the calling test when the corpus is absent. */
    public static List<Path> corpusCaptures() throws IOException {
        try (Stream<Path> files = Files.list(require("corpus/captures"))) {
            return files.sorted().toList();
        }
    }

    /** The sub-path of the shared folder; skips the calling test when it does not exist. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), () -> "shared test data absent: " + p);
        return p;
    }

    /** What the samples and the corpus hold that an analysis reads: captures and logs (scripts and truth left out). */
    private static final java.util.regex.Pattern INPUT =
            java.util.regex.Pattern.compile(".*\\.(pcap|pcapng|cap|erf|gz|log|txt|data)$");

    /**
     * Every capture and log of {@code samples/} and of the corpus (when it is at hand), in path order: a pool to draw
     * random sets of inputs from.
     */
    public static List<Path> samplesAndCorpus() {
        List<Path> out = new java.util.ArrayList<>();
        Path samples = Path.of(System.getProperty("sipanalyzer.samples", "../samples"));
        for (Path dir : List.of(samples, root().resolve("corpus/captures"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(f -> INPUT.matcher(f.getFileName().toString()).matches())
                        .filter(f -> !f.toString().contains("node_modules")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }
}
