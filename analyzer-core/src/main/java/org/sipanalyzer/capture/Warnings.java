package org.sipanalyzer.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The warnings of one capture, bounded: a damaged capture can have a fault in every record, so past
 * {@link #MAX_LISTED} warnings only a count is kept. A warning that ends the input is always listed.
 */
final class Warnings {

    static final int MAX_LISTED = 1_000;

    private final List<CaptureWarning> listed = new ArrayList<>();
    private final List<CaptureWarning> view = Collections.unmodifiableList(listed);
    private long notListed;

    void add(CaptureWarning w) {
        if (listed.size() < MAX_LISTED || w.fatal()) {
            listed.add(w);
        } else {
            notListed++;
        }
    }

    /** The warnings listed, in the order found (a live view). */
    List<CaptureWarning> list() {
        return view;
    }

    long notListed() {
        return notListed;
    }
}
