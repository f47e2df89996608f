package org.sipanalyzer.calls;

/**
 * A distribution of durations in bounded memory: exact count, minimum and maximum; quantiles from a
 * log-linear histogram (exact below 64 ns, then 32 buckets per power of two: within 1.6% of the true value).
 */
public final class Distribution {

    /** Values below this are kept exactly; above, each power of two is cut into {@link #SUB_BUCKETS} buckets. */
    private static final int EXACT = 64;
    private static final int SUB_BUCKETS = 32;

    private final long[] counts = new long[EXACT + (63 - 6 + 1) * SUB_BUCKETS];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long sum;

    /** Adds one value in nanoseconds; negative values (clock steps in the capture) count as 0. */
    public void add(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
    }

    public void add(Distribution other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        if (other.count > 0) {
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
        }
        sum += other.sum;
    }

    private static int index(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int top = 63 - Long.numberOfLeadingZeros(v); // 6 or more
        int shift = top - 5;                         // v >>> shift lies in [32, 64)
        int sub = (int) (v >>> shift) - SUB_BUCKETS;
        return EXACT + (top - 6) * SUB_BUCKETS + sub;
    }

    /** The middle of a bucket: within 1/64 (1.6%) of every value in it. */
    private static long value(int index) {
        if (index < EXACT) {
            return index;
        }
        int top = (index - EXACT) / SUB_BUCKETS + 6;
        int sub = (index - EXACT) % SUB_BUCKETS;
        int shift = top - 5;
        long low = (long) (sub + SUB_BUCKETS) << shift;
        return low + (1L << shift) / 2;
    }

    public long count() {
        return count;
    }

    /** The smallest value, or -1 when empty. */
    public long min() {
        return count == 0 ? -1 : min;
    }

    /** The largest value, or -1 when empty. */
    public long max() {
        return count == 0 ? -1 : max;
    }

    /** The mean, or -1 when empty. */
    public long mean() {
        return count == 0 ? -1 : sum / count;
    }

    /** The q-quantile (0..1), clamped to [min, max]; -1 when empty. */
    public long quantile(double q) {
        if (count == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(min, Math.min(max, value(i)));
            }
        }
        return max;
    }

    /**
     * How many values are at most {@code nanos}, to the histogram's resolution: a bucket counts whole when its middle
     * is at most {@code nanos} (so within 1.6% of the bound).
     */
    public long countAtMost(long nanos) {
        if (count == 0 || nanos < min) {
            return 0;
        }
        if (nanos >= max) {
            return count;
        }
        long n = 0;
        for (int i = 0; i < counts.length && value(i) <= nanos; i++) {
            n += counts[i];
        }
        return n;
    }

    public long median() {
        return quantile(0.5);
    }

    public long p95() {
        return quantile(0.95);
    }
}
