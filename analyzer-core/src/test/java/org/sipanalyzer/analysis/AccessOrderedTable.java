package org.sipanalyzer.analysis;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The retransmission table as it was before it became one of longs: a {@code LinkedHashMap} in access order of
 * two-long keys, a boxed time each, expired from its head and bounded by evicting its eldest. The model the new
 * table is checked against ({@link RetransmissionDetectorTest}) and timed beside ({@link MessageStageBenchmarks}).
 */
final class AccessOrderedTable {

    private record Key(long a, long b) {
    }

    private final long window;
    private final long duplicate;
    private final int max;
    private final LinkedHashMap<Key, Long> seen = new LinkedHashMap<>(1024, 0.75f, true);
    private long evicted;

    AccessOrderedTable(long window, long duplicate, int max) {
        this.window = window;
        this.duplicate = duplicate;
        this.max = max;
    }

    RetransmissionDetector.Repeat check(long a, long b, long now) {
        Iterator<Map.Entry<Key, Long>> it = seen.entrySet().iterator();
        while (it.hasNext() && now - it.next().getValue() > window) {
            it.remove();
        }
        Long previous = seen.put(new Key(a, b), now);
        if (seen.size() > max) {
            Iterator<Map.Entry<Key, Long>> e = seen.entrySet().iterator();
            e.next();
            e.remove();
            evicted++;
        }
        if (previous == null || now - previous > window) {
            return RetransmissionDetector.Repeat.FIRST;
        }
        return now - previous < duplicate ? RetransmissionDetector.Repeat.DUPLICATE
                : RetransmissionDetector.Repeat.RETRANSMISSION;
    }

    long evicted() {
        return evicted;
    }
}
