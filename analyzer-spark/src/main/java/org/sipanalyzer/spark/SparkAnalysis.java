package org.sipanalyzer.spark;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.catalogue.Catalogue;
import scala.Tuple2;

/**
 * The analysis of many captures and logs on a Spark cluster, with the result one analysis of them all on one machine
 * gives (for the JSON report, byte for byte). The driver lists the files (Hadoop's file systems: local,
 * {@code hdfs://}, {@code s3a://}) and cuts the list, in order, into batches of about {@link #DEFAULT_BATCH_BYTES};
 * each task streams its batch's files through the core's analysis (never whole files in memory) with the driver's
 * Hadoop configuration, and returns the result; the results merge in input order ({@link SipAnalysis.Result#then})
 * along a tree of {@link #FANOUT} at a time, so the driver never holds more than a few.
 *
 * <p>Calls are followed within a file, as on one machine: a call whose messages a probe wrote into two rotated files
 * is two partial calls here as there (docs/scale-out.md says how to keep such files together).
 */
public final class SparkAnalysis implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Bytes of input per task, about: small files are batched up to it, in order. */
    public static final long DEFAULT_BATCH_BYTES = 100L << 20;
    /** Files per task at most, however small. */
    public static final int MAX_FILES_PER_BATCH = 1_000;
    /** Results merged at once at each level of the tree. */
    static final int FANOUT = 8;
    /** Files listed at most, as the command line takes from directories. */
    public static final int MAX_FILES = 1_000_000;

    /**
     * One file to analyse.
     *
     * @param uri where it is, for its file system
     * @param name the name reports give it: the path for a local file, the URI otherwise
     * @param size its size in bytes
     * @param modified when it was last modified, in milliseconds since the epoch
     */
    public record Entry(String uri, String name, long size, long modified) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One input of the analysis: a file, or the files of one group read one after another as one capture.
     *
     * @param name the input's name in the reports
     * @param files its files, in the order read
     * @param sequence whether the files are read as one capture (a group), even when there is one
     */
    record Unit(String name, List<Entry> files, boolean sequence) implements Serializable {
        private static final long serialVersionUID = 1L;

        long size() {
            return files.stream().mapToLong(Entry::size).sum();
        }
    }

    /** Consecutive inputs, analysed by one task. */
    record Batch(int index, List<Unit> units) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Catalogue catalogue;
    private final AnalysisOptions options;
    private final CallOptions callOptions;
    private long batchBytes = DEFAULT_BATCH_BYTES;
    private boolean failedCalls;
    private java.util.regex.Pattern group;

    public SparkAnalysis(Catalogue catalogue, AnalysisOptions options, CallOptions callOptions) {
        this.catalogue = catalogue;
        this.options = options;
        this.callOptions = callOptions;
    }

    /** Batches of about {@code bytes} of input per task (at least one file each). */
    public SparkAnalysis withBatchBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a batch needs a positive size");
        }
        this.batchBytes = bytes;
        return this;
    }

    /**
     * Reads the files of one probe as one capture, in time order, so that the calls a rotation cut in two are followed
     * whole: files whose name (path) {@code pattern} matches are grouped by what its first group captures
     * ({@code .*\/(probe[0-9]+)-[^/]*\.pcap} groups {@code probe7-0001.pcap}, {@code probe7-0002.pcap}), each group
     * one input named by that, its files ordered by modification time, then name. Files it does not match stay inputs
     * of their own. A group is analysed by one task, however large.
     *
     * @throws IllegalArgumentException when the pattern has no group
     */
    public SparkAnalysis withGroups(java.util.regex.Pattern pattern) {
        if (pattern.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException("the grouping pattern needs a group, in parentheses, naming the probe: "
                    + pattern);
        }
        this.group = pattern;
        return this;
    }

    /** Keeps the earliest failed calls and the messages of the first, which the HTML and Markdown reports show. */
    public SparkAnalysis withFailedCalls(boolean keep) {
        this.failedCalls = keep;
        return this;
    }

    /**
     * The files {@code patterns} name, in order: each pattern a file, a directory (its files at any depth, in
     * name order, hidden ones, whose name starts with a dot or an underscore, left out) or a glob (Hadoop's:
     * {@code hdfs:///probes/2026-12-0?/*.pcap}), whose matches are taken in name order.
     *
     * @throws java.io.FileNotFoundException when a pattern names nothing
     * @throws IOException when a file system cannot be read, or past {@link #MAX_FILES}
     */
    public static List<Entry> list(Configuration conf, List<String> patterns) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String pattern : patterns) {
            Path p = new Path(pattern);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matched = fs.globStatus(p);
            if (matched == null || matched.length == 0) {
                throw new java.io.FileNotFoundException(pattern + ": no such file, or nothing matches");
            }
            java.util.Arrays.sort(matched, Comparator.comparing(s -> s.getPath().toString()));
            for (FileStatus s : matched) {
                if (s.isDirectory()) {
                    List<LocatedFileStatus> files = new ArrayList<>();
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(s.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        if (!hidden(s.getPath(), f.getPath())) {
                            files.add(f);
                            limit(out.size() + files.size());
                        }
                    }
                    files.sort(Comparator.comparing(f -> f.getPath().toString()));
                    files.forEach(f -> out.add(entry(f)));
                } else {
                    out.add(entry(s));
                    limit(out.size());
                }
            }
        }
        return out;
    }

    private static void limit(int n) throws IOException {
        if (n > MAX_FILES) {
            throw new IOException("more than " + MAX_FILES + " files: name fewer at once");
        }
    }

    /** Below {@code dir}, a file or a folder on its path whose name starts with a dot or an underscore. */
    private static boolean hidden(Path dir, Path file) {
        for (Path p = file; p != null && !p.equals(dir); p = p.getParent()) {
            if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static Entry entry(FileStatus s) {
        String uri = s.getPath().toString();
        String name = "file".equals(s.getPath().toUri().getScheme()) ? s.getPath().toUri().getPath() : uri;
        return new Entry(uri, name, s.getLen(), s.getModificationTime());
    }

    /**
     * The inputs the files make: each file its own, or with a grouping pattern, the files of each group one input
     * (at the place of the group's first file).
     */
    static List<Unit> units(List<Entry> files, java.util.regex.Pattern group) {
        if (group == null) {
            return files.stream().map(e -> new Unit(e.name(), List.of(e), false)).toList();
        }
        java.util.LinkedHashMap<String, List<Entry>> byKey = new java.util.LinkedHashMap<>();
        for (Entry e : files) {
            java.util.regex.Matcher m = group.matcher(e.name());
            String key = m.matches() && m.group(1) != null ? m.group(1) : null;
            byKey.computeIfAbsent(key == null ? "\0" + e.name() : key, k -> new ArrayList<>()).add(e);
        }
        List<Unit> out = new ArrayList<>();
        byKey.forEach((key, entries) -> {
            if (key.startsWith("\0")) {
                out.add(new Unit(entries.get(0).name(), List.of(entries.get(0)), false));
            } else {
                entries.sort(Comparator.comparingLong(Entry::modified).thenComparing(Entry::name));
                out.add(new Unit(key, List.copyOf(entries), true));
            }
        });
        return out;
    }

    /** The inputs cut, in order, into batches of about {@code bytes}, and at most {@link #MAX_FILES_PER_BATCH}. */
    static List<Batch> batches(List<Unit> units, long bytes) {
        List<Batch> out = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        long held = 0;
        for (Unit u : units) {
            if (!current.isEmpty() && (held + u.size() > bytes || current.size() >= MAX_FILES_PER_BATCH)) {
                out.add(new Batch(out.size(), List.copyOf(current)));
                current.clear();
                held = 0;
            }
            current.add(u);
            held += u.size();
        }
        if (!current.isEmpty()) {
            out.add(new Batch(out.size(), List.copyOf(current)));
        }
        return out;
    }

    /** Analyses the files {@code patterns} name ({@link #list}) on the cluster behind {@code sc}. */
    public SipAnalysis.Result run(JavaSparkContext sc, List<String> patterns) throws IOException {
        return runFiles(sc, list(sc.hadoopConfiguration(), patterns));
    }

    /** Analyses {@code files}, in this order, on the cluster behind {@code sc}. */
    public SipAnalysis.Result runFiles(JavaSparkContext sc, List<Entry> files) throws IOException {
        List<Batch> batches = batches(units(files, group), batchBytes);
        if (batches.isEmpty()) {
            return analyse(new Batch(0, List.of()), new Configuration(false)).republished();
        }
        Broadcast<SerializableWritable<Configuration>> conf = sc.broadcast(
                new SerializableWritable<>(sc.hadoopConfiguration()));
        sc.setJobDescription("sip-analyzer: " + files.size() + " files in " + batches.size() + " tasks");
        SparkAnalysis self = this;
        JavaPairRDD<Integer, SipAnalysis.Result> level = sc.parallelize(batches, batches.size())
                .mapToPair(b -> new Tuple2<>(b.index(), self.analyse(b, conf.value().value())));
        // Merge in input order: at each level, FANOUT neighbours become one, folded by their place.
        for (long keys = batches.size(); keys > 1; keys = (keys + FANOUT - 1) / FANOUT) {
            int partitions = (int) Math.max(1, (keys + FANOUT - 1) / FANOUT);
            level = level.mapToPair(t -> new Tuple2<>(t._1() / FANOUT, t)).groupByKey(partitions)
                    .mapValues(SparkAnalysis::inOrder);
        }
        List<Tuple2<Integer, SipAnalysis.Result>> last = level.collect();
        if (last.size() != 1) {
            throw new IllegalStateException("the merge ended with " + last.size() + " results, not one");
        }
        return last.get(0)._2().republished();
    }

    /** The results of neighbouring batches, joined by their place. */
    private static SipAnalysis.Result inOrder(Iterable<Tuple2<Integer, SipAnalysis.Result>> parts) {
        List<Tuple2<Integer, SipAnalysis.Result>> sorted = new ArrayList<>();
        parts.forEach(sorted::add);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        SipAnalysis.Result r = sorted.get(0)._2();
        for (int i = 1; i < sorted.size(); i++) {
            r = r.then(sorted.get(i)._2());
        }
        return r.withoutMetrics(); // sent on: the registry's predicates do not serialise
    }

    /** One task: the batch's files streamed from their file system, analysed as one run of the core. */
    SipAnalysis.Result analyse(Batch batch, Configuration conf) throws IOException {
        List<AnalysisInput> inputs = new ArrayList<>();
        for (Unit u : batch.units()) {
            List<AnalysisInput> files = new ArrayList<>();
            for (Entry e : u.files()) {
                files.add(AnalysisInput.stored(e.name(), () -> {
                    Path p = new Path(e.uri());
                    return p.getFileSystem(conf).open(p);
                }, e.size(), Instant.ofEpochMilli(e.modified())));
            }
            inputs.add(u.sequence() ? AnalysisInput.sequence(u.name(), files) : files.get(0));
        }
        SipAnalysis.Result r = new SipAnalysis(catalogue, options, callOptions).withFailedCalls(failedCalls)
                .run(inputs);
        // The metrics are published again from the merged figures.
        return r.withoutMetrics();
    }
}
