package org.sipanalyzer.calls;

import java.util.Arrays;

/**
 * A binary min-heap of deadlines, each with the value it concerns: what {@code PriorityQueue<(deadline, value)>}
 * ordered by deadline is, without an object per entry or a comparator call per step. Entries move exactly as in
 * {@link java.util.PriorityQueue} (the same sift-up and sift-down), so entries with equal deadlines come out in the
 * same order as they would from it: the calls a run finishes, and so the order of calls that start together, do not
 * depend on which of the two holds them ({@code DeadlineQueueTest}).
 *
 * @param <T> the values
 */
final class DeadlineQueue<T> {

    private long[] deadlines = new long[16];
    private Object[] values = new Object[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline; the queue must not be empty. */
    long peekDeadline() {
        return deadlines[0];
    }

    /** The value of the earliest deadline; the queue must not be empty. */
    @SuppressWarnings("unchecked")
    T peek() {
        return (T) values[0];
    }

    void add(long deadline, T value) {
        int k = size;
        if (k == deadlines.length) {
            int n = k + (k < 64 ? k + 2 : k >> 1);
            deadlines = Arrays.copyOf(deadlines, n);
            values = Arrays.copyOf(values, n);
        }
        // sift up, as PriorityQueue.siftUpUsingComparator
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (deadline >= deadlines[parent]) {
                break;
            }
            deadlines[k] = deadlines[parent];
            values[k] = values[parent];
            k = parent;
        }
        deadlines[k] = deadline;
        values[k] = value;
        size++;
    }

    /** Removes the earliest entry and returns its value (read its deadline first); the queue must not be empty. */
    T poll() {
        T first = peek();
        removeFirst();
        return first;
    }

    /**
     * Whether the queue holds so many stale entries beside {@code live} current ones (more than twice as many, plus a
     * slack) that it should be rebuilt from the table: amortised over the entries added since, a constant cost each.
     */
    boolean needsCompacting(int live) {
        return size > 2 * live + COMPACT_SLACK;
    }

    /** Stale entries a queue may hold beyond twice the live ones before it is rebuilt. */
    static final int COMPACT_SLACK = 1_024;

    /** Removes the earliest entry; the queue must not be empty. */
    void removeFirst() {
        int n = --size;
        long x = deadlines[n];
        Object v = values[n];
        values[n] = null;
        if (n == 0) {
            return;
        }
        // sift down from the root, as PriorityQueue.siftDownUsingComparator
        int k = 0;
        int half = n >>> 1;
        while (k < half) {
            int child = (k << 1) + 1;
            int right = child + 1;
            if (right < n && deadlines[child] > deadlines[right]) {
                child = right;
            }
            if (x <= deadlines[child]) {
                break;
            }
            deadlines[k] = deadlines[child];
            values[k] = values[child];
            k = child;
        }
        deadlines[k] = x;
        values[k] = v;
    }

    void clear() {
        Arrays.fill(values, 0, size, null);
        size = 0;
    }
}
