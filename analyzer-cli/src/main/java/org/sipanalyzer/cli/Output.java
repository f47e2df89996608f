package org.sipanalyzer.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the destination named by {@code --output}, or standard output when none is given. */
final class Output {

    private Output() {
    }

    static Writer open(String path, Console console) throws UsageException {
        if (path == null || path.equals("-")) {
            return new OutputStreamWriter(console.out(), StandardCharsets.UTF_8) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        try {
            return Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot write " + path + ": " + describe(e)
                    + "; choose a writable path for --output");
        }
    }

    static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static BufferedWriter buffered(Writer w) {
        return w instanceof BufferedWriter b ? b : new BufferedWriter(w);
    }
}
