package org.sipanalyzer.calls;

/**
 * A distribution of durations in bounded memory: exact count, minimum and maximum; quantiles from a
 * log-linear histogram (64 sub-buckets per power of two, so within 1.6% of the true value).
 */
public final class Distribution {

    private static final int SUB_BUCKET_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int MAGNITUDES = 64 - SUB_BUCKET_BITS;

    private final long[] counts = new long[(MAGNITUDES + 1) * SUB_BUCKETS];
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
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(v) - SUB_BUCKET_BITS + 1;
        int sub = (int) (v >>> magnitude) & (SUB_BUCKETS - 1);
        return magnitude * SUB_BUCKETS + sub;
    }

    /** The middle of a bucket, to within the bucket's width of every value in it. */
    private static long value(int index) {
        int magnitude = index / SUB_BUCKETS;
        long sub = index % SUB_BUCKETS;
        if (magnitude == 0) {
            return sub;
        }
        long low = (sub | SUB_BUCKETS) << (magnitude - 1);
        long width = 1L << (magnitude - 1);
        return low + width / 2;
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

    public long median() {
        return quantile(0.5);
    }

    public long p95() {
        return quantile(0.95);
    }
}
