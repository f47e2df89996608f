package org.sipanalyzer.calls;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A distribution of durations in bounded memory: exact count, minimum, maximum and mean; quantiles from an HDR
 * histogram ({@link Histogram}, three significant digits), so every quantile is within 0.1% of the true value (the
 * middle of a bucket no wider than 1/1024 of its values), clamped to the exact minimum and maximum. Memory grows
 * with the largest value, not with the number of values: about 240 KB once delays reach minutes, at most about
 * 430 KB (values up to 2^63 ns). Recording is a few array operations, whatever the count. Adding one distribution to
 * another is exact: the result is the distribution of both sets of values.
 */
public final class Distribution implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Significant decimal digits the histogram keeps. */
    static final int DIGITS = 3;

    private final AbstractHistogram histogram = new Histogram(DIGITS);
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long sum;

    /** An empty distribution; call statistics make and fill them. */
    Distribution() {
    }

    /** Adds one value in nanoseconds; negative values (clock steps in the capture) count as 0. */
    public void add(long nanos) {
        long v = Math.max(0, nanos);
        histogram.recordValue(v);
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
    }

    /** Adds every value of {@code other}: exact, in any order and grouping. */
    public void add(Distribution other) {
        histogram.add(other.histogram);
        count += other.count;
        if (other.count > 0) {
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
        }
        sum += other.sum;
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

    /** The sum of every value, exact (0 when empty). */
    public long sum() {
        return sum;
    }

    /** The mean (exact, rounded down), or -1 when empty. */
    public long mean() {
        return count == 0 ? -1 : sum / count;
    }

    /**
     * The q-quantile (0..1): the value of rank ⌈q·count⌉ (at least 1) in sorted order, within 0.1%, clamped to
     * [min, max]; -1 when empty.
     */
    public long quantile(double q) {
        if (count == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen >= rank) {
                long middle = histogram.medianEquivalentValue(v.getValueIteratedTo());
                return Math.max(min, Math.min(max, middle));
            }
        }
        return max;
    }

    /**
     * How many values are at most {@code nanos}, to the histogram's resolution: a bucket counts whole when its middle
     * is at most {@code nanos} (so within 0.1% of the bound).
     */
    public long countAtMost(long nanos) {
        if (count == 0 || nanos < min) {
            return 0;
        }
        if (nanos >= max) {
            return count;
        }
        long n = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            if (histogram.medianEquivalentValue(v.getValueIteratedTo()) > nanos) {
                break;
            }
            n += v.getCountAtValueIteratedTo();
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
