package org.sipanalyzer.calls;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sipanalyzer.analysis.Mergeable;
import org.sipanalyzer.analysis.MetricRegistry;

/**
 * Calls, registrations and other transactions folded into counts, KPIs, delay distributions and failure
 * breakdowns. Every map is bounded (keys from untrusted captures).
 */
public final class CallStatistics implements java.io.Serializable, Mergeable<CallStatistics>,
        org.sipanalyzer.analysis.Published {
    private static final long serialVersionUID = 1L;

    /** Peers, destinations, sources and methods kept apart; the rest are counted under "(other)". */
    public static final int MAX_KEYS = 1000;
    /** Time buckets kept; past this the bucket width grows tenfold and buckets merge. */
    public static final int MAX_TIME_BUCKETS = 10_000;
    public static final String OTHER = "(other)";

    private final KpiDefinitions kpis;
    long total;
    final EnumMap<CallOutcome, Long> byOutcome = new EnumMap<>(CallOutcome.class);
    final TreeMap<Integer, Long> byFinalCode = new TreeMap<>();
    long challenged;
    long forked;
    long redirected;
    long answered;
    long completed;
    long seer;
    long isa;
    long ner;
    long reInvites;
    final Distribution srdSuccess = new Distribution();
    final Distribution srdFailure = new Distribution();
    final Distribution pdd = new Distribution();
    final Distribution setup = new Distribution();
    final Distribution duration = new Distribution();
    final Distribution sdd = new Distribution();
    // Hashed, for the lookup of each failed call (a flood fails every call, from thousands of hosts); sorted when read.
    final Map<String, Map<Integer, Long>> failuresByPeer = new HashMap<>();
    final Map<String, Long> failingDestinations = new HashMap<>();
    final Map<String, Long> failingSources = new HashMap<>();
    final TreeMap<Integer, Long> byQ850 = new TreeMap<>();
    final TreeMap<Long, long[]> byTime = new TreeMap<>();
    long bucketSeconds = 1;

    long registrations;
    long registrationsChallenged;
    long registrationsIneffective;
    final TreeMap<Integer, Long> registrationsByFinalCode = new TreeMap<>();
    final Distribution rrd = new Distribution();

    // Hashed too (a transaction each OPTIONS or REGISTER a scanner sends); sorted when read.
    final Map<String, TreeMap<Integer, Long>> transactionsByMethod = new HashMap<>();
    final Map<String, Long> transactionTotals = new HashMap<>();
    long callsEvicted;
    long untimed;
    long registrationsUntimed;

    public CallStatistics(KpiDefinitions kpis) {
        this.kpis = kpis;
    }

    void add(Call c) {
        addCounts(c);
        addHosts(c);
    }

    /**
     * The call in every figure but the tables of failing hosts: counts, delays and time buckets, which come out the
     * same whatever order calls are added in.
     */
    void addCounts(Call c) {
        total++;
        byOutcome.merge(c.outcome(), 1L, Long::sum);
        // The raw values: no Optional per call on this path (0: no final response, a row of its own; -1: no delay).
        int code = c.rawFinalCode();
        byFinalCode.merge(code, 1L, Long::sum);
        reInvites += c.reInvites();
        if (c.challenged()) {
            challenged++;
        }
        if (c.forked()) {
            forked++;
        }
        if (code >= 300 && code < 400) {
            redirected++;
        }
        if (c.outcome() == CallOutcome.ANSWERED) {
            answered++;
        }
        if (KpiDefinitions.SEER_CODES.contains(code) || (code >= 200 && code < 300)) {
            seer++;
        }
        if (KpiDefinitions.ISA_CODES.contains(code) || code == 0) {
            isa++;
        }
        if (kpis.ner(code)) {
            ner++;
        }
        long d = c.rawPdd();
        if (d >= 0) {
            pdd.add(d);
            boolean failure = code >= 400 && code != 401 && code != 402 && code != 407;
            if (c.outcome() == CallOutcome.ANSWERED || code < 300) {
                srdSuccess.add(d);
            } else if (failure) {
                srdFailure.add(d);
            }
        }
        if (c.rawSetupTime() >= 0) {
            setup.add(c.rawSetupTime());
        }
        if (c.rawDuration() >= 0) {
            duration.add(c.rawDuration());
        }
        if (c.rawQ850Cause() >= 0) {
            byQ850.merge(c.rawQ850Cause(), 1L, Long::sum);
        }
        boolean failed = c.outcome() != CallOutcome.ANSWERED;
        if (c.timed()) {
            time(c.start(), failed, c.outcome());
        } else {
            untimed++;
        }
    }

    /**
     * A failed call in the tables of failing hosts (nothing for an answered one): bounded, they keep the first
     * {@link #MAX_KEYS} hosts in the order calls are added.
     */
    void addHosts(Call c) {
        if (c.outcome() != CallOutcome.ANSWERED) {
            String peer = c.rawAnsweredBy() == null ? "(no response)" : c.rawAnsweredBy().hostOrUnknown();
            bounded(failuresByPeer, peer, CallStatistics::newCodes).merge(c.rawFinalCode(), 1L, Long::sum);
            bounded(failingDestinations, c.callee() == null ? "?" : c.callee().hostOrUnknown());
            bounded(failingSources, c.caller() == null ? "?" : c.caller().hostOrUnknown());
        }
    }

    void countCompleted() {
        completed++;
    }

    void sdd(long nanos) {
        sdd.add(nanos);
    }

    void registration(int finalCode, boolean challengedFirst, long delay) {
        registrations++;
        registrationsByFinalCode.merge(finalCode, 1L, Long::sum);
        if (challengedFirst) {
            registrationsChallenged++;
        }
        if (finalCode == 0 || KpiDefinitions.ISA_CODES.contains(finalCode)) {
            registrationsIneffective++;
        }
        if (finalCode >= 200 && finalCode < 300 && delay >= 0) {
            rrd.add(delay);
        }
    }

    void transaction(String method) {
        bounded(transactionTotals, method);
    }

    void transactionFinal(String method, int code) {
        bounded(transactionsByMethod, method, k -> new TreeMap<>()).merge(code, 1L, Long::sum);
    }

    /** Per time bucket: calls, failed calls, then calls by outcome (in the outcomes' order). */
    private static final int TIME_SLOTS = 2 + CallOutcome.values().length;

    /** The bucket of the last call counted, and its counts: calls end in about the order they started. */
    private transient long lastBucket;
    private transient long[] lastBucketCounts;

    private void time(long startNanos, boolean failed, CallOutcome outcome) {
        long bucket = Math.floorDiv(startNanos, 1_000_000_000L * bucketSeconds);
        long[] c = lastBucketCounts;
        if (c == null || bucket != lastBucket) {
            c = byTime.computeIfAbsent(bucket, k -> new long[TIME_SLOTS]);
            lastBucket = bucket;
            lastBucketCounts = c;
        }
        c[0]++;
        if (failed) {
            c[1]++;
        }
        c[2 + outcome.ordinal()]++;
        if (byTime.size() > MAX_TIME_BUCKETS) {
            coarsen();
        }
    }

    private void coarsen() {
        TreeMap<Long, long[]> merged = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : byTime.entrySet()) {
            long[] c = merged.computeIfAbsent(Math.floorDiv(e.getKey(), 10), k -> new long[TIME_SLOTS]);
            for (int i = 0; i < TIME_SLOTS; i++) {
                c[i] += e.getValue()[i];
            }
        }
        byTime.clear();
        byTime.putAll(merged);
        bucketSeconds *= 10;
        lastBucketCounts = null; // the buckets are new arrays
    }

    /**
     * These figures with {@code o}'s added: the statistics of both sets of calls, as if one tracker had followed them
     * all (exact while the bounded tables stay under {@link #MAX_KEYS}; past it, which keys fold into
     * {@link #OTHER} may differ). Both must count with the same KPI definitions.
     */
    public void add(CallStatistics o) {
        if (!kpis.equals(o.kpis)) {
            throw new IllegalArgumentException("statistics counted with different KPI definitions cannot be added");
        }
        total += o.total;
        o.byOutcome.forEach((k, v) -> byOutcome.merge(k, v, Long::sum));
        o.byFinalCode.forEach((k, v) -> byFinalCode.merge(k, v, Long::sum));
        challenged += o.challenged;
        forked += o.forked;
        redirected += o.redirected;
        answered += o.answered;
        completed += o.completed;
        seer += o.seer;
        isa += o.isa;
        ner += o.ner;
        reInvites += o.reInvites;
        srdSuccess.add(o.srdSuccess);
        srdFailure.add(o.srdFailure);
        pdd.add(o.pdd);
        setup.add(o.setup);
        duration.add(o.duration);
        sdd.add(o.sdd);
        // In key order, so that which keys fold into OTHER past the bound does not depend on the hashing.
        new TreeMap<>(o.failuresByPeer).forEach((peer, codes) -> {
            Map<Integer, Long> mine = bounded(failuresByPeer, peer, CallStatistics::newCodes);
            codes.forEach((c, n) -> mine.merge(c, n, Long::sum));
        });
        new TreeMap<>(o.failingDestinations).forEach((k, v) -> bounded(failingDestinations, k, v));
        new TreeMap<>(o.failingSources).forEach((k, v) -> bounded(failingSources, k, v));
        o.byQ850.forEach((k, v) -> byQ850.merge(k, v, Long::sum));
        // Time buckets at the wider width of the two, then as wide as the bound asks: the width one tracker of
        // every call would have reached, since it depends only on the set of start times.
        while (bucketSeconds < o.bucketSeconds) {
            coarsen();
        }
        long factor = bucketSeconds / o.bucketSeconds;
        o.byTime.forEach((bucket, counts) -> {
            long[] c = byTime.computeIfAbsent(Math.floorDiv(bucket, factor), k -> new long[TIME_SLOTS]);
            for (int i = 0; i < TIME_SLOTS; i++) {
                c[i] += counts[i];
            }
        });
        while (byTime.size() > MAX_TIME_BUCKETS) {
            coarsen();
        }
        registrations += o.registrations;
        registrationsChallenged += o.registrationsChallenged;
        registrationsIneffective += o.registrationsIneffective;
        o.registrationsByFinalCode.forEach((k, v) -> registrationsByFinalCode.merge(k, v, Long::sum));
        rrd.add(o.rrd);
        new TreeMap<>(o.transactionsByMethod).forEach((m, codes) -> {
            TreeMap<Integer, Long> mine = bounded(transactionsByMethod, m, x -> new TreeMap<>());
            codes.forEach((c, n) -> mine.merge(c, n, Long::sum));
        });
        new TreeMap<>(o.transactionTotals).forEach((k, v) -> bounded(transactionTotals, k, v));
        callsEvicted += o.callsEvicted;
        untimed += o.untimed;
        registrationsUntimed += o.registrationsUntimed;
    }

    /** A copy that later changes to these statistics leave as it is. */
    public CallStatistics copy() {
        CallStatistics c = new CallStatistics(kpis);
        c.add(this);
        return c;
    }

    /** The statistics of both, as one tracker of every call would have counted them; neither is changed. */
    @Override
    public CallStatistics merge(CallStatistics other) {
        CallStatistics c = copy();
        c.add(other);
        return c;
    }

    // The size first: below the bound, one lookup of the hashed table rather than two.
    private static <V> V bounded(Map<String, V> map, String key, java.util.function.Function<String, V> make) {
        return map.computeIfAbsent(map.size() < MAX_KEYS || ownRow(map, key) ? key : OTHER, make);
    }

    /**
     * Whether {@code key} has a row of its own in a table at its bound: a key already there, OTHER itself, or one more
     * key while OTHER is among the {@link #MAX_KEYS} rows (a copy adds OTHER first, since it sorts first, and must
     * still keep every key the original kept).
     */
    private static boolean ownRow(Map<String, ?> map, String key) {
        return map.containsKey(key) || OTHER.equals(key) || map.size() == MAX_KEYS && map.containsKey(OTHER);
    }

    private static Map<Integer, Long> newCodes(String peer) {
        return new TreeMap<>();
    }

    private static void bounded(Map<String, Long> map, String key) {
        bounded(map, key, 1L);
    }

    private static void bounded(Map<String, Long> map, String key, long n) {
        map.merge(map.size() < MAX_KEYS || ownRow(map, key) ? key : OTHER, n, Long::sum);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Publishes these figures: the KPIs (percent), call counts and outcomes (of all calls), calls by final response
     * ({@code final.486}, {@code final.none}), registrations, and each delay's statistics in nanoseconds
     * ({@code pdd.p95}; {@code srd} is the successful setups' SRD).
     */
    public void publish(MetricRegistry r) {
        r.ratio("asr", asr());
        r.ratio("ner", ner());
        r.ratio("ser", ser());
        r.ratio("seer", seer());
        r.ratio("isa", isa());
        r.ratio("scr", scr());
        r.ratio("ira", ira());
        r.count("calls", total, total);
        r.count("answered", answered, total);
        r.count("challenged", challenged, total);
        r.count("forked", forked, total);
        r.count("completed", completed, total);
        r.count("reinvites", reInvites, total);
        r.count("registrations", registrations, registrations);
        byOutcome().forEach((o, n) -> r.count("outcome." + o.word(), n, total));
        r.count("final.none", byFinalCode.getOrDefault(0, 0L), total);
        byFinalCode.forEach((code, n) -> {
            if (code >= 100 && code <= 699) {
                r.count("final." + code, n, total);
            }
        });
        r.family("final", total, CallStatistics::isStatusCode);
        String noTimes = untimed == 0 ? null : "not measurable from this input: the log gives no times (" + untimed
                + (untimed == 1 ? " call)" : " calls)");
        delays(r, "pdd", pdd, noTimes);
        delays(r, "setup", setup, noTimes);
        delays(r, "duration", duration, noTimes);
        delays(r, "sdd", sdd, noTimes);
        delays(r, "srd", srdSuccess, noTimes);
        delays(r, "rrd", rrd, registrationsUntimed == 0 ? null : "not measurable from this input: the log gives no"
                + " times (" + registrationsUntimed + " registrations)");
    }

    /** Whether {@code s} is written as a SIP status code: three digits, 100 to 699. */
    public static boolean isStatusCode(String s) {
        return s.matches("[1-6]\\d\\d");
    }

    private static void delays(MetricRegistry r, String name, Distribution d, String unmeasurable) {
        for (String s : MetricRegistry.DELAY_STATISTICS) {
            long v = switch (s) {
                case "min" -> d.min();
                case "mean" -> d.mean();
                case "median", "p50" -> d.median();
                case "p90" -> d.quantile(0.90);
                case "p95" -> d.p95();
                case "p99" -> d.quantile(0.99);
                default -> d.max();
            };
            r.delay(name + "." + s, d.count() == 0 ? Double.NaN : v, unmeasurable);
        }
    }

    public long total() {
        return total;
    }

    /** Every outcome, zero included, in the order of {@link CallOutcome}. */
    public Map<CallOutcome, Long> byOutcome() {
        Map<CallOutcome, Long> m = new LinkedHashMap<>();
        for (CallOutcome o : CallOutcome.values()) {
            m.put(o, byOutcome.getOrDefault(o, 0L));
        }
        return m;
    }

    /** Calls by their last final response; 0 for calls that never got one. */
    public Map<Integer, Long> byFinalCode() {
        return Collections.unmodifiableMap(byFinalCode);
    }

    public long challenged() {
        return challenged;
    }

    /** Calls whose INVITE was forked: responses came from more than one (early) dialog. */
    public long forked() {
        return forked;
    }

    public long answered() {
        return answered;
    }

    /** Answered calls that ended with a BYE answered by 2xx. */
    public long completed() {
        return completed;
    }

    public long reInvites() {
        return reInvites;
    }

    private static double ratio(long n, long d) {
        return d <= 0 ? Double.NaN : 100.0 * n / d;
    }

    /** RFC 6076 Session Establishment Ratio: answered / (calls - redirected), percent. */
    public double ser() {
        return ratio(answered, total - redirected);
    }

    /** RFC 6076 Session Establishment Effectiveness Ratio: 2xx, 480, 486, 600, 603 / (calls - redirected). */
    public double seer() {
        return ratio(seer, total - redirected);
    }

    /** RFC 6076 Ineffective Session Attempts: 408, 500, 503, 504 or no final response / calls. */
    public double isa() {
        return ratio(isa, total);
    }

    /** RFC 6076 Session Completion Ratio: calls answered and ended by a completed BYE / calls. */
    public double scr() {
        return ratio(completed, total);
    }

    /** Answer-Seizure Ratio (ITU-T E.411): answered / calls. */
    public double asr() {
        return ratio(answered, total);
    }

    /** Network Effectiveness Ratio (GSMA IR.42): calls ending in the NER code set / calls. */
    public double ner() {
        return ratio(ner, total);
    }

    /** RFC 6076 Session Request Delay of successful setups: INVITE to first 18x or 2xx. */
    public Distribution srdSuccess() {
        return srdSuccess;
    }

    /** RFC 6076 Session Request Delay of failed setups: INVITE to 4xx (but 401, 402, 407), 5xx or 6xx. */
    public Distribution srdFailure() {
        return srdFailure;
    }

    /** Post-dial delay: INVITE to first 18x or final response. */
    public Distribution pdd() {
        return pdd;
    }

    /** INVITE to 2xx. */
    public Distribution setupTime() {
        return setup;
    }

    /** RFC 6076 Session Duration Time: 2xx to BYE; its mean is the ACD. */
    public Distribution duration() {
        return duration;
    }

    /** RFC 6076 Session Disconnect Delay: BYE to its 2xx. */
    public Distribution sdd() {
        return sdd;
    }

    /** Failed calls by the host that sent the final response, then code. */
    public Map<String, Map<Integer, Long>> failuresByPeer() {
        return Collections.unmodifiableMap(new TreeMap<>(failuresByPeer));
    }

    /** The hosts most failed calls went to, most first. */
    public List<Map.Entry<String, Long>> topFailingDestinations(int n) {
        return top(failingDestinations, n);
    }

    /** The hosts most failed calls came from, most first. */
    public List<Map.Entry<String, Long>> topFailingSources(int n) {
        return top(failingSources, n);
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> m, int n) {
        return m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(n)
                .map(e -> Map.entry(e.getKey(), e.getValue())).collect(Collectors.toList());
    }

    /** Calls by Q.850 cause of their final response's Reason header. */
    public Map<Integer, Long> byQ850Cause() {
        return Collections.unmodifiableMap(byQ850);
    }

    /** The width of the time buckets, in seconds. */
    public long bucketSeconds() {
        return bucketSeconds;
    }

    /** Calls by start time in the finest buckets kept: bucket start (epoch seconds) to {total, failed}. */
    public Map<Long, long[]> byTime() {
        Map<Long, long[]> m = new TreeMap<>();
        byTime.forEach((k, v) -> m.put(k * bucketSeconds, v.clone()));
        return m;
    }

    /** The intervals offered for time buckets, in seconds. */
    static final long[] INTERVALS = {1, 10, 60, 300, 900, 3600, 21_600, 86_400, 604_800, 2_592_000, 31_536_000};

    /**
     * The interval that cuts the capture's span into at most about 60 buckets: the smallest of 1 s, 10 s,
     * 1 min, 5 min, 15 min, 1 h, 6 h, 1 day, 7 days, 30 days and 365 days that does (365 days when none does: a
     * damaged time stamp can put calls a century apart), and never finer than the buckets kept.
     */
    public long autoInterval() {
        if (byTime.isEmpty()) {
            return Math.max(1, bucketSeconds);
        }
        long span = (byTime.lastKey() - byTime.firstKey() + 1) * bucketSeconds;
        for (long i : INTERVALS) {
            if (i >= bucketSeconds && span / i <= 60) {
                return i;
            }
        }
        return Math.max(bucketSeconds, INTERVALS[INTERVALS.length - 1]);
    }

    /** Calls by start time in buckets of {@code seconds} (rounded up to the width kept): start to {total, failed}. */
    public Map<Long, long[]> byTime(long seconds) {
        long width = Math.max(bucketSeconds, seconds);
        Map<Long, long[]> m = new TreeMap<>();
        byTime.forEach((k, v) -> {
            long start = Math.floorDiv(k * bucketSeconds, width) * width;
            long[] c = m.computeIfAbsent(start, x -> new long[TIME_SLOTS]);
            for (int i = 0; i < TIME_SLOTS; i++) {
                c[i] += v[i];
            }
        });
        return m;
    }

    /** Calls by start time in buckets of {@code seconds} (as {@link #byTime(long)}), and by outcome in each. */
    public Map<Long, Map<CallOutcome, Long>> byTimeAndOutcome(long seconds) {
        Map<Long, Map<CallOutcome, Long>> m = new TreeMap<>();
        byTime(seconds).forEach((start, v) -> {
            Map<CallOutcome, Long> o = new java.util.EnumMap<>(CallOutcome.class);
            for (CallOutcome x : CallOutcome.values()) {
                if (v[2 + x.ordinal()] > 0) {
                    o.put(x, v[2 + x.ordinal()]);
                }
            }
            m.put(start, o);
        });
        return m;
    }

    /**
     * The interval the reports use: {@code requestedSeconds} rounded up to the width kept, or for 0 (none asked
     * for) the {@link #autoInterval()}.
     */
    public long interval(long requestedSeconds) {
        return requestedSeconds > 0 ? Math.max(requestedSeconds, bucketSeconds) : autoInterval();
    }

    /** One interval of calls by time: its start (epoch seconds), the calls that started in it and how many failed. */
    public record TimeBucket(long startSecond, long calls, long failed) {
    }

    /**
     * Every interval of {@code seconds} (an {@link #interval(long)}) from the first call's to the last's, in order,
     * empty ones with 0 calls; made lazily, since calls far apart in time can span very many intervals
     * ({@link #timelineLength(long)} says how many).
     */
    public Stream<TimeBucket> timeline(long seconds) {
        TreeMap<Long, long[]> m = (TreeMap<Long, long[]>) byTime(seconds);
        if (m.isEmpty()) {
            return Stream.empty();
        }
        long width = Math.max(bucketSeconds, seconds);
        long last = m.lastKey();
        return Stream.iterate(m.firstKey(), t -> t <= last, t -> t + width).map(t -> {
            long[] c = m.get(t);
            return c == null ? new TimeBucket(t, 0, 0) : new TimeBucket(t, c[0], c[1]);
        });
    }

    /**
     * One interval with calls, and how many empty intervals came before it since the previous one with calls: what
     * reports list, so that inputs days apart give a line for the gap, not pages of zeros.
     */
    public record TimeRow(long startSecond, long calls, long failed, long emptyBefore) {
    }

    /** The intervals of {@code seconds} that hold calls, in order, each with the empty run before it. */
    public List<TimeRow> timelineRows(long seconds) {
        TreeMap<Long, long[]> m = (TreeMap<Long, long[]>) byTime(seconds);
        long width = Math.max(bucketSeconds, seconds);
        List<TimeRow> rows = new ArrayList<>(m.size());
        long previous = Long.MIN_VALUE;
        for (Map.Entry<Long, long[]> e : m.entrySet()) {
            long empty = previous == Long.MIN_VALUE ? 0 : (e.getKey() - previous) / width - 1;
            rows.add(new TimeRow(e.getKey(), e.getValue()[0], e.getValue()[1], empty));
            previous = e.getKey();
        }
        return rows;
    }

    public long timelineLength(long seconds) {
        TreeMap<Long, long[]> m = (TreeMap<Long, long[]>) byTime(seconds);
        return m.isEmpty() ? 0 : (m.lastKey() - m.firstKey()) / Math.max(bucketSeconds, seconds) + 1;
    }

    public long registrations() {
        return registrations;
    }

    public long registrationsChallenged() {
        return registrationsChallenged;
    }

    public Map<Integer, Long> registrationsByFinalCode() {
        return Collections.unmodifiableMap(registrationsByFinalCode);
    }

    /** RFC 6076 Registration Request Delay: first REGISTER of an attempt to its 2xx. */
    public Distribution rrd() {
        return rrd;
    }

    /** RFC 6076 Ineffective Registration Attempts: 408, 500, 503, 504 or no final response / attempts. */
    public double ira() {
        return ratio(registrationsIneffective, registrations);
    }

    /** Transactions of other methods (OPTIONS, SUBSCRIBE, MESSAGE...): how many. */
    public Map<String, Long> transactionTotals() {
        return Collections.unmodifiableMap(new TreeMap<>(transactionTotals));
    }

    /** Transactions of other methods by final response code. */
    public Map<String, Map<Integer, Long>> transactionsByFinalCode() {
        return Collections.unmodifiableMap(new TreeMap<>(transactionsByMethod));
    }

    /**
     * Calls with a message the input gave no time for (a text log without times): their delays are not measured,
     * and they are left out of calls by time.
     */
    public long untimed() {
        return untimed;
    }

    /** Registrations with a message the input gave no time for: their RRD is not measured. */
    public long registrationsUntimed() {
        return registrationsUntimed;
    }

    /** Calls closed early because too many were open at once. */
    public long callsEvicted() {
        return callsEvicted;
    }
}
