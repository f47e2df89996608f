package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.net.Endpoint;

/**
 * The tables of failed calls by peer, destination and source keep the first {@link CallStatistics#MAX_KEYS} hosts
 * seen and count the rest under {@link CallStatistics#OTHER}; they read sorted by host, the top lists most first and,
 * among equal counts, by host; calls by time land in the bucket of their start however the calls come. Checked
 * against models of those rules on random calls from more hosts than the bound.
 */
class CallStatisticsTest {

    private static final long SECOND = 1_000_000_000L;

    private static Endpoint host(int i) {
        return new Endpoint(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}, 5060);
    }

    private static Call failed(long start, Endpoint caller, Endpoint callee, Endpoint answeredBy, int code) {
        return new Call(0, "c" + start, start, "sip:a@x", "sip:b@y", caller, callee, CallOutcome.FAILED, code,
                "Busy", -1, null, null, null, answeredBy, null, false, -1, -1, -1, 1, 0, 1);
    }

    private static void fold(Map<String, Long> model, String key) {
        model.merge(model.containsKey(key) || model.size() < CallStatistics.MAX_KEYS ? key : CallStatistics.OTHER, 1L,
                Long::sum);
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> model, int n) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(new TreeMap<>(model).entrySet()); // by host, then
        all.sort((a, b) -> Long.compare(b.getValue(), a.getValue())); // stable: equal counts stay by host
        return all.subList(0, Math.min(n, all.size()));
    }

    @Test
    void failingHostsPastTheBoundFoldIntoOneAndReadSorted() {
        Random rnd = new Random(17);
        int hosts = CallStatistics.MAX_KEYS + 300;
        Endpoint[] endpoints = new Endpoint[hosts];
        for (int i = 0; i < hosts; i++) {
            endpoints[i] = host(i); // one object per address, as a decoder hands them out
        }
        CallStatistics s = new CallStatistics(KpiDefinitions.defaults());
        Map<String, Map<Integer, Long>> byPeer = new LinkedHashMap<>();
        Map<String, Long> destinations = new LinkedHashMap<>();
        Map<String, Long> sources = new LinkedHashMap<>();
        int[] codes = {403, 404, 486, 503};
        for (int n = 0; n < 20_000; n++) {
            boolean few = rnd.nextInt(3) > 0; // most calls among a few hosts, so that counts tie and differ
            Endpoint caller = endpoints[rnd.nextInt(few ? 12 : hosts)];
            Endpoint callee = endpoints[rnd.nextInt(few ? 12 : hosts)];
            Endpoint peer = rnd.nextInt(10) == 0 ? null : endpoints[rnd.nextInt(few ? 12 : hosts)];
            int code = codes[rnd.nextInt(codes.length)];
            s.add(failed(n * SECOND, caller, callee, peer, code));
            String p = peer == null ? "(no response)" : peer.host();
            String k = byPeer.containsKey(p) || byPeer.size() < CallStatistics.MAX_KEYS ? p : CallStatistics.OTHER;
            byPeer.computeIfAbsent(k, x -> new TreeMap<>()).merge(code, 1L, Long::sum);
            fold(destinations, callee.host());
            fold(sources, caller.host());
        }
        assertEquals(CallStatistics.MAX_KEYS + 1, s.failuresByPeer().size(), "the bound and the overflow row");
        assertEquals(new ArrayList<>(new TreeMap<>(byPeer).keySet()), new ArrayList<>(s.failuresByPeer().keySet()),
                "sorted by host");
        assertEquals(new TreeMap<>(byPeer), new TreeMap<>(s.failuresByPeer()));
        assertEquals(top(destinations, 10), s.topFailingDestinations(10));
        assertEquals(top(sources, 10), s.topFailingSources(10));
        assertEquals(top(sources, hosts + 1), s.topFailingSources(hosts + 1), "every row, ties by host");
        // A copy (a snapshot; a merge begins with one) adds the overflow row first, since it sorts first: it must keep
        // every row of its own still.
        CallStatistics copy = s.copy();
        assertEquals(new TreeMap<>(s.failuresByPeer()), new TreeMap<>(copy.failuresByPeer()), "a copy, by peer");
        assertEquals(s.topFailingDestinations(hosts + 1), copy.topFailingDestinations(hosts + 1), "a copy");
        assertEquals(s.topFailingSources(hosts + 1), copy.topFailingSources(hosts + 1), "a copy");
    }

    @Test
    void mergedStatisticsEqualOneCountOfEveryCall() {
        Random rnd = new Random(23);
        CallStatistics one = new CallStatistics(KpiDefinitions.defaults());
        CallStatistics a = new CallStatistics(KpiDefinitions.defaults());
        CallStatistics b = new CallStatistics(KpiDefinitions.defaults());
        for (int n = 0; n < 5_000; n++) {
            Call c = failed(rnd.nextInt(100_000) * SECOND, host(rnd.nextInt(300)), host(rnd.nextInt(300)),
                    host(rnd.nextInt(300)), 400 + rnd.nextInt(5));
            one.add(c);
            (rnd.nextBoolean() ? a : b).add(c);
        }
        CallStatistics merged = a.merge(b);
        assertEquals(one.failuresByPeer(), merged.failuresByPeer());
        assertEquals(one.topFailingDestinations(50), merged.topFailingDestinations(50));
        assertEquals(one.topFailingSources(50), merged.topFailingSources(50));
        assertEquals(one.bucketSeconds(), merged.bucketSeconds());
        assertEquals(one.byTime().keySet(), merged.byTime().keySet());
        one.byTime().forEach((t, c) -> assertArrayEquals(c, merged.byTime().get(t), "bucket " + t));
    }

    @Test
    void callsByTimeLandInTheBucketOfTheirStartWhateverTheOrder() {
        Random rnd = new Random(29);
        CallStatistics s = new CallStatistics(KpiDefinitions.defaults());
        List<Long> starts = new ArrayList<>();
        long t = 1_700_000_000L;
        for (int n = 0; n < 60_000; n++) {
            // Mostly in order, a second or less apart; now and then back, or far ahead (to force wider buckets).
            int r = rnd.nextInt(100);
            t += r < 90 ? rnd.nextInt(2) : r < 97 ? -rnd.nextInt(30) : rnd.nextInt(5_000);
            starts.add(t);
            s.add(failed(t * SECOND, host(1), host(2), host(3), 486));
        }
        long width = s.bucketSeconds();
        assertTrue(width > 1, "the bound on buckets made them wider: " + width);
        Map<Long, Long> model = new TreeMap<>();
        for (long start : starts) {
            model.merge(Math.floorDiv(start, width) * width, 1L, Long::sum);
        }
        Map<Long, Long> counted = new TreeMap<>();
        s.byTime().forEach((start, c) -> counted.put(start, c[0]));
        assertEquals(model, counted);
    }

    /**
     * A call whose bucket, at the width just widened to, has the number the last call's bucket had at the width before:
     * it is counted in its own bucket, not in one the widening merged away.
     */
    @Test
    void aBucketNumberReusedAfterWideningIsCountedAfresh() {
        CallStatistics s = new CallStatistics(KpiDefinitions.defaults());
        long first = 1_000;
        int buckets = CallStatistics.MAX_TIME_BUCKETS + 1;
        for (int i = 0; i < buckets; i++) {
            s.add(failed((first + i) * SECOND, host(1), host(2), host(3), 486)); // the last one widens the buckets
        }
        assertEquals(10, s.bucketSeconds());
        long last = first + buckets - 1; // bucket number `last` at 1 s; at 10 s, the seconds last*10 to last*10+9
        s.add(failed((last * 10 + 5) * SECOND, host(1), host(2), host(3), 486));
        assertTrue(s.byTime().containsKey(last * 10), "a bucket of its own: " + s.byTime().keySet().stream()
                .filter(k -> k >= last * 10 - 20).toList());
        assertArrayEquals(new long[] {1, 1}, java.util.Arrays.copyOf(s.byTime().get(last * 10), 2));
        long total = s.byTime().values().stream().mapToLong(c -> c[0]).sum();
        assertEquals(buckets + 1, total, "every call in some bucket");
    }

    /** Transactions of other methods: the same bound, read sorted by method, whatever order they came in. */
    @Test
    void transactionsPastTheBoundFoldIntoOneAndReadSorted() {
        Random rnd = new Random(31);
        String[] methods = new String[CallStatistics.MAX_KEYS + 100];
        for (int i = 0; i < methods.length; i++) {
            methods[i] = i < 3 ? new String[] {"OPTIONS", "MESSAGE", "SUBSCRIBE"}[i] : "X-" + Integer.toString(i, 36);
        }
        CallStatistics s = new CallStatistics(KpiDefinitions.defaults());
        Map<String, Long> totals = new LinkedHashMap<>();
        Map<String, Map<Integer, Long>> finals = new LinkedHashMap<>();
        for (int n = 0; n < 20_000; n++) {
            String m = methods[rnd.nextInt(rnd.nextBoolean() ? 3 : methods.length)];
            if (rnd.nextBoolean()) {
                s.transaction(m);
                fold(totals, m);
            } else {
                int code = 200 + 100 * rnd.nextInt(5);
                s.transactionFinal(m, code);
                String k = finals.containsKey(m) || finals.size() < CallStatistics.MAX_KEYS ? m : CallStatistics.OTHER;
                finals.computeIfAbsent(k, x -> new TreeMap<>()).merge(code, 1L, Long::sum);
            }
        }
        assertEquals(new ArrayList<>(new TreeMap<>(totals).entrySet()),
                new ArrayList<>(s.transactionTotals().entrySet()));
        assertEquals(new ArrayList<>(new TreeMap<>(finals).keySet()),
                new ArrayList<>(s.transactionsByFinalCode().keySet()));
        assertEquals(new TreeMap<>(finals), new TreeMap<>(s.transactionsByFinalCode()));
        assertTrue(s.transactionTotals().containsKey(CallStatistics.OTHER));
        CallStatistics copy = s.copy();
        assertEquals(s.transactionTotals(), copy.transactionTotals(), "a copy");
        assertEquals(s.transactionsByFinalCode(), copy.transactionsByFinalCode(), "a copy");
    }
}
