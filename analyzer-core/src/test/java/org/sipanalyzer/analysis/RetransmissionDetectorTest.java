package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The retransmission table, an open table of longs, against the plain model it replaced
 * ({@link AccessOrderedTable}). Random streams of keys, with repeats,
 * capture times that now and then step back, windows and bounds from one key to many, must give the same verdict
 * for every message and the same count of keys evicted for space.
 */
class RetransmissionDetectorTest {

    @Test
    void theTableDecidesAsTheAccessOrderedMapDid() {
        Random rnd = new Random(20261202);
        for (int round = 0; round < 300; round++) {
            int max = 1 + rnd.nextInt(round % 3 == 0 ? 3 : 3000);
            int keys = 1 + rnd.nextInt(round % 2 == 0 ? 40 : 5000);
            long window = 1 + rnd.nextInt(1000);
            long duplicate = rnd.nextInt(50);
            RetransmissionDetector table = new RetransmissionDetector(window, duplicate, max);
            AccessOrderedTable model = new AccessOrderedTable(window, duplicate, max);
            long now = 0;
            for (int i = 0; i < 20_000; i++) {
                now += rnd.nextInt(10) == 0 ? -rnd.nextInt(30) : rnd.nextInt(40);
                int k = rnd.nextInt(keys);
                // Keys that share a bucket, and keys that share one hash but not the other.
                long a = k * 0x9e3779b97f4a7c15L;
                long b = (k % 7) << 40 | (k & 0xff);
                assertEquals(model.check(a, b, now), table.check(a, b, now),
                        "round " + round + ", message " + i + " (max " + max + ", window " + window + ")");
            }
            assertEquals(model.evicted(), table.evictedForSpace(), "round " + round);
        }
    }
}
