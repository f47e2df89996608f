package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void quantilesAreWithinTheBucketWidthOfTheExactOnes() {
        Random rnd = new Random(5);
        long[] values = new long[100_000];
        Distribution d = new Distribution();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(rnd.nextGaussian() * 2 + 18); // delays from microseconds to minutes
            d.add(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            long approx = d.quantile(q);
            assertTrue(Math.abs(approx - exact) <= exact * 0.001 + 1, q + ": " + approx + " vs " + exact);
        }
        assertEquals(values[0], d.min());
        assertEquals(values[values.length - 1], d.max());
        assertEquals(values.length, d.count());
    }

    @Test
    void mergingPartsGivesTheDistributionOfTheWhole() {
        for (int size : new int[] {600, 50_000}) { // the values kept, and the histogram walked
            mergingPartsGivesTheDistributionOfTheWhole(size);
        }
    }

    private static void mergingPartsGivesTheDistributionOfTheWhole(int size) {
        Random rnd = new Random(11);
        Distribution whole = new Distribution();
        Distribution[] parts = {new Distribution(), new Distribution(), new Distribution()};
        for (int i = 0; i < size; i++) {
            long v = (long) Math.exp(rnd.nextGaussian() * 3 + 17);
            whole.add(v);
            parts[rnd.nextInt(parts.length)].add(v);
        }
        Distribution leftFirst = new Distribution();
        leftFirst.add(parts[0]);
        leftFirst.add(parts[1]);
        leftFirst.add(parts[2]);
        Distribution rightFirst = new Distribution();
        Distribution bc = new Distribution();
        bc.add(parts[2]);
        bc.add(parts[1]);
        rightFirst.add(bc);
        rightFirst.add(parts[0]);
        for (Distribution merged : List.of(leftFirst, rightFirst)) {
            assertEquals(whole.count(), merged.count());
            assertEquals(whole.min(), merged.min());
            assertEquals(whole.max(), merged.max());
            assertEquals(whole.mean(), merged.mean());
            for (double q = 0.01; q < 1; q += 0.01) {
                assertEquals(whole.quantile(q), merged.quantile(q), "quantile " + q);
            }
            assertEquals(whole.countAtMost(whole.median()), merged.countAtMost(whole.median()));
        }
    }

    /**
     * A quantile is the middle of the bucket that holds the value of that rank, clamped to the extremes, and
     * countAtMost counts the values whose bucket's middle is within the bound: checked against the sorted values and
     * HdrHistogram's own bucket arithmetic, with queries between additions (each must see every value added before it).
     */
    @Test
    void queriesFollowTheSortedValuesAndSeeEveryValueAddedBeforeThem() {
        Random rnd = new Random(23);
        Histogram buckets = new Histogram(Distribution.DIGITS);
        Distribution d = new Distribution();
        long[] values = new long[3_000];
        for (int added = 1; added <= values.length; added++) {
            int n = added;
            values[n - 1] = rnd.nextInt(10) == 0 ? rnd.nextInt(50) : (long) Math.exp(rnd.nextGaussian() * 2.5 + 19);
            d.add(values[n - 1]);
            if (n % 97 != 0 && n > 5) {
                continue;
            }
            long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            for (double q : new double[] {0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 1.0}) {
                long rank = Math.max(1, (long) Math.ceil(q * n));
                long middle = buckets.medianEquivalentValue(sorted[(int) rank - 1]);
                long expected = Math.max(sorted[0], Math.min(sorted[n - 1], middle));
                assertEquals(expected, d.quantile(q), "quantile " + q + " of " + n + " values");
            }
            for (int k = 0; k < 20; k++) {
                long bound = k < 2 ? sorted[k * (n - 1)] : (long) Math.exp(rnd.nextGaussian() * 2.5 + 19);
                long expected = Arrays.stream(sorted)
                        .filter(v -> bound >= sorted[n - 1] || buckets.medianEquivalentValue(v) <= bound).count();
                if (bound < sorted[0]) {
                    expected = 0;
                }
                assertEquals(expected, d.countAtMost(bound), "at most " + bound + " of " + n + " values");
            }
        }
        Distribution other = new Distribution();
        other.add(Long.MAX_VALUE / 4);
        long before = d.quantile(1.0);
        d.add(other);
        assertEquals(buckets.medianEquivalentValue(Long.MAX_VALUE / 4), d.quantile(1.0),
                "a merged distribution is summarised again");
        assertTrue(before < d.quantile(1.0));
    }

    @Test
    void emptyAndSingleValues() {
        Distribution d = new Distribution();
        assertEquals(-1, d.median());
        assertEquals(-1, d.min());
        d.add(1_234_567);
        assertEquals(1_234_567, d.median(), "clamped to the only value");
        assertEquals(1_234_567, d.p95());
        Distribution other = new Distribution();
        other.add(5);
        d.add(other);
        assertEquals(5, d.min());
        assertEquals(2, d.count());
    }

    @Test
    void kpiCodeSetsCanBeChosen() {
        CallStatistics defaults = new CallStatistics(KpiDefinitions.defaults());
        CallStatistics narrow = new CallStatistics(new KpiDefinitions(java.util.Set.of(486)));
        for (int code : new int[] {200, 486, 404, 503}) {
            Call c = new Call(0, "c" + code, 0, null, null, null, null, CallOutcome.of(code, false), code, "", -1, null,
                    null, null, null, null, false, -1, -1, -1, 1, 0, 1);
            defaults.add(c);
            narrow.add(c);
        }
        assertEquals(75.0, defaults.ner(), 1e-9, "200, 486 and 404 by default");
        assertEquals(50.0, narrow.ner(), 1e-9, "200 and 486 only");
        assertEquals(25.0, defaults.isa(), 1e-9, "503");
        assertEquals(25.0, defaults.asr(), 1e-9);
    }

    @Test
    void timeBucketsFollowTheCapturesSpan() {
        CallStatistics s = new CallStatistics(KpiDefinitions.defaults());
        for (int minute = 0; minute < 120; minute++) {
            s.add(new Call(0, "m" + minute, minute * 60_000_000_000L, null, null, null, null, CallOutcome.ANSWERED, 200,
                    "OK", -1, null, null, null, null, null, false, -1, -1, -1, 1, 0, 1));
        }
        assertEquals(300, s.autoInterval(), "two hours: 5-minute buckets (24 of them)");
        assertEquals(24, s.byTime(300).size());
        assertEquals(2, s.byTime(3600).size());
        assertEquals(120, s.byTime(300).values().stream().mapToLong(c -> c[0]).sum());
    }

    @Test
    void theTimelineListsEmptyIntervalsToo() {
        CallStatistics s = new CallStatistics(KpiDefinitions.defaults());
        for (long minute : new long[] {0, 1, 7}) { // nothing in minutes 2 to 6
            s.add(new Call(0, "t" + minute, minute * 60_000_000_000L, null, null, null, null, CallOutcome.BUSY, 486,
                    "Busy Here", -1, null, null, null, null, null, false, -1, -1, -1, 1, 0, 1));
        }
        assertEquals(10, s.interval(0), "eight minutes: 10-second intervals, at most about 60 of them");
        assertEquals(90, s.interval(90), "an interval asked for is taken as it is");
        assertEquals(8, s.timelineLength(60));
        List<CallStatistics.TimeBucket> t = s.timeline(60).toList();
        assertEquals(8, t.size());
        assertEquals(new CallStatistics.TimeBucket(0, 1, 1), t.get(0));
        assertEquals(new CallStatistics.TimeBucket(180, 0, 0), t.get(3));
        assertEquals(new CallStatistics.TimeBucket(420, 1, 1), t.get(7));
        assertEquals(0, new CallStatistics(KpiDefinitions.defaults()).timelineLength(60));
    }

    @Test
    void callsACenturyApartGiveYearsNotTensOfThousandsOfDays() {
        // A damaged time stamp (1970 beside 2106) once gave a timeline of 49,711 days.
        CallStatistics s = new CallStatistics(KpiDefinitions.defaults());
        for (long seconds : new long[] {0, 1_764_669_600L, 4_294_967_295L}) {
            s.add(new Call(0, "y" + seconds, seconds * 1_000_000_000L, null, null, null, null, CallOutcome.ANSWERED,
                    200, "OK", -1, null, null, null, null, null, false, -1, -1, -1, 1, 0, 1));
        }
        assertEquals(31_536_000, s.autoInterval(), "365-day intervals");
        assertEquals(137, s.timelineLength(s.autoInterval()));
    }
}
