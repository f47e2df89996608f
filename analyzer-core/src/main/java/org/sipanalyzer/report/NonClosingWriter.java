package org.sipanalyzer.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/** Lets a library that closes its writer (CSV, JSON) write to a stream the caller still owns. */
final class NonClosingWriter extends FilterWriter {

    NonClosingWriter(Writer out) {
        super(out);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
