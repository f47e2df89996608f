package org.sipanalyzer.calls;

import java.util.Arrays;
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
 *
 * <p>Queries read a summary of the occupied buckets, made after the last value recorded and kept until the next: a
 * report asks each distribution for five quantiles or more. Up to {@value #KEPT} values the summary is made from the
 * values themselves, kept besides (8 KB at most), each placed in its bucket by the histogram's own arithmetic, so the
 * answers are the same; past that, by one walk of the histogram, which visits every bucket up to the largest value
 * (some 20,000 for delays of seconds): walks while the code was still interpreted took a tenth of a 100 KB
 * capture's run.
 */
public final class Distribution implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Significant decimal digits the histogram keeps. */
    static final int DIGITS = 3;
    /** Up to this many values are kept as they are, for the summary. */
    static final int KEPT = 1024;

    private final AbstractHistogram histogram = new Histogram(DIGITS);
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long sum;
    /** Every value added, in {@code kept[0, count)}, while there are at most KEPT; null once there are more. */
    private transient long[] kept = new long[8];
    /** The occupied buckets, for queries; null until one needs it after a change. */
    private transient Summary summary;

    /**
     * The middle value of each occupied bucket, ascending, and how many values lie in that bucket and every one before
     * it. Final fields: a summary made by one thread's query is whole when another's reads it.
     */
    private record Summary(long[] middles, long[] cumulative) {
    }

    /** An empty distribution; call statistics make and fill them. */
    Distribution() {
    }

    /** Adds one value in nanoseconds; negative values (clock steps in the capture) count as 0. */
    public void add(long nanos) {
        long v = Math.max(0, nanos);
        histogram.recordValue(v);
        summary = null;
        if (kept != null) {
            if (count == KEPT) {
                kept = null;
            } else {
                if (count == kept.length) {
                    kept = Arrays.copyOf(kept, kept.length * 2);
                }
                kept[(int) count] = v;
            }
        }
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
    }

    /** Adds every value of {@code other}: exact, in any order and grouping. */
    public void add(Distribution other) {
        histogram.add(other.histogram);
        summary = null;
        if (kept != null && other.kept != null && count + other.count <= KEPT) {
            if (count + other.count > kept.length) {
                kept = Arrays.copyOf(kept, (int) Math.min(KEPT, Math.max(kept.length * 2, count + other.count)));
            }
            System.arraycopy(other.kept, 0, kept, (int) count, (int) other.count);
        } else {
            kept = null;
        }
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
        Summary s = summarise();
        int i = firstReaching(s.cumulative, rank);
        return i < 0 ? max : Math.max(min, Math.min(max, s.middles[i]));
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
        Summary s = summarise();
        long[] middles = s.middles;
        // The last bucket whose middle is at most nanos: every value up to it counts, none after.
        int lo = 0;
        int hi = middles.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (middles[mid] <= nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? 0 : s.cumulative[lo - 1];
    }

    /** The first occupied bucket whose running count reaches {@code rank}, or -1 when none does. */
    private static int firstReaching(long[] cumulative, long rank) {
        int lo = 0;
        int hi = cumulative.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < rank) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < cumulative.length ? lo : -1;
    }

    /** Summarises the buckets, when a value came since the last summary. */
    private Summary summarise() {
        Summary s = summary;
        if (s != null) {
            return s;
        }
        s = kept != null ? fromKept() : walk();
        summary = s;
        return s;
    }

    /** From the values themselves, sorted: each bucket's middle as the histogram has it, and the values up to it. */
    private Summary fromKept() {
        long[] sorted = Arrays.copyOf(kept, (int) count);
        Arrays.sort(sorted);
        long[] m = new long[sorted.length];
        long[] c = new long[sorted.length];
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            long middle = histogram.medianEquivalentValue(sorted[i]);
            if (n == 0 || m[n - 1] != middle) {
                m[n++] = middle;
            }
            c[n - 1] = i + 1;
        }
        return new Summary(Arrays.copyOf(m, n), Arrays.copyOf(c, n));
    }

    /** By one walk of the histogram's buckets. */
    private Summary walk() {
        int n = 0;
        long[] m = new long[16];
        long[] c = new long[16];
        long seen = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            if (n == m.length) {
                m = Arrays.copyOf(m, n * 2);
                c = Arrays.copyOf(c, n * 2);
            }
            seen += v.getCountAtValueIteratedTo();
            m[n] = histogram.medianEquivalentValue(v.getValueIteratedTo());
            c[n] = seen;
            n++;
        }
        return new Summary(Arrays.copyOf(m, n), Arrays.copyOf(c, n));
    }

    public long median() {
        return quantile(0.5);
    }

    public long p95() {
        return quantile(0.95);
    }
}
