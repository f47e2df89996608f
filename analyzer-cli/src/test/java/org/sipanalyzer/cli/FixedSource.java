package org.sipanalyzer.cli;

import java.io.InputStream;
import org.sipanalyzer.live.LiveSource;

/** A live source that receives nothing and reports fixed counters, for tests of what is drawn from them. */
record FixedSource(long packets, long dropped) implements LiveSource {

    @Override
    public InputStream capture() {
        return InputStream.nullInputStream();
    }

    @Override
    public String describe() {
        return "a test";
    }

    @Override
    public void close() {
    }
}
