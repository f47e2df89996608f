package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The call tracker's deadline queue against the {@link PriorityQueue} it replaced: on random streams of adds, removals
 * and clears, with many equal deadlines, the same entry comes first every time. Equal deadlines are where a different
 * heap would differ, and the order calls finish in shows in the listing of calls that start together.
 */
class DeadlineQueueTest {

    private record Entry(long deadline, int id) {
    }

    @Test
    void firstEntryAsInPriorityQueueOnRandomStreams() {
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            PriorityQueue<Entry> model = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
            DeadlineQueue<Integer> queue = new DeadlineQueue<>();
            int range = 1 + rnd.nextInt(seed % 2 == 0 ? 8 : 1_000_000); // few distinct deadlines: many ties
            long base = 0;
            for (int step = 0; step < 20_000; step++) {
                int op = rnd.nextInt(100);
                if (op < 55) {
                    long d = base + rnd.nextInt(range);
                    model.add(new Entry(d, step));
                    queue.add(d, step);
                } else if (op < 99) {
                    if (!model.isEmpty()) {
                        Entry e = model.poll();
                        assertEquals(e.deadline, queue.peekDeadline(), "seed " + seed + " step " + step);
                        assertEquals(e.id, (int) queue.peek(), "seed " + seed + " step " + step);
                        queue.removeFirst();
                        base = Math.max(base, e.deadline - range / 2);
                    }
                } else {
                    model.clear();
                    queue.clear();
                }
                assertEquals(model.size(), queue.size());
            }
            while (!model.isEmpty()) {
                Entry e = model.poll();
                assertEquals(e.id, (int) queue.peek(), "seed " + seed + " draining");
                queue.removeFirst();
            }
            assertEquals(0, queue.size());
        }
    }
}
