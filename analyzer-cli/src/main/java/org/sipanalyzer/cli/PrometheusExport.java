package org.sipanalyzer.cli;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.calls.Distribution;
import org.sipanalyzer.live.LiveSource;

/**
 * The figures of a live analysis for Prometheus to scrape ({@code --prometheus HOST:PORT}), in its text format,
 * named and labelled by its conventions: counters end in {@code _total}, ratios are 0 to 1, delays are histograms in
 * seconds. Every label's values are bounded (status codes 100-699, at most 256 methods, the call outcomes). Served
 * from the latest snapshot of the analysis, so a scrape never waits for it.
 */
final class PrometheusExport implements Closeable {

    /** Upper bounds of the delay histograms' buckets, in seconds. */
    static final double[] BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30};

    private final HTTPServer server;
    private final LiveSource source;
    private volatile SipAnalysis.Snapshot latest;

    /** Serves {@code /metrics} at {@code at} ({@code HOST:PORT}; port 0 for any free one). */
    PrometheusExport(InetSocketAddress at, LiveSource source) throws IOException {
        this.source = source;
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) this::collect);
        this.server = HTTPServer.builder().inetAddress(at.getAddress()).port(at.getPort()).registry(registry)
                .buildAndStart();
    }

    /** {@code HOST:PORT} as given to {@code --prometheus}; an IllegalArgumentException says what to write. */
    static InetSocketAddress parse(String spec) {
        int colon = spec.lastIndexOf(':');
        try {
            int port = Integer.parseInt(spec.substring(colon + 1));
            String host = colon <= 0 ? "0.0.0.0" : spec.substring(0, colon).replace("[", "").replace("]", "");
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + spec + "' is not where to serve metrics; write 127.0.0.1:9464"
                    + " or :9464");
        }
    }

    int port() {
        return server.getPort();
    }

    /** The figures to serve from now on. */
    void update(SipAnalysis.Snapshot s) {
        latest = s;
    }

    @Override
    public void close() {
        server.close();
    }

    private MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(counter("sip_analyzer_packets_captured", "Packets received or captured.",
                Map.of(Labels.EMPTY, (double) source.packets())));
        Map<Labels, Double> dropped = new LinkedHashMap<>();
        dropped.put(Labels.of("by", "analysis"), (double) source.dropped());
        if (source.droppedByKernel() >= 0) {
            dropped.put(Labels.of("by", "kernel"), (double) source.droppedByKernel());
        }
        out.add(counter("sip_analyzer_packets_dropped", "Packets lost: the analysis fell behind, or the kernel"
                + " dropped them.", dropped));
        SipAnalysis.Snapshot s = latest;
        if (s == null) {
            return new MetricSnapshots(out.toArray(MetricSnapshot[]::new));
        }
        MetricRegistry m = s.metrics();
        out.add(counter("sip_messages", "SIP messages, retransmissions included.", one(m, "messages")));
        out.add(counter("sip_retransmissions", "SIP retransmissions.", one(m, "retransmissions")));
        out.add(counter("sip_requests", "SIP requests by method, retransmissions left out; methods past the 256"
                + " kept apart are (other).", withOther(family(m, "method.", "method"), m, "requests.unique",
                "method")));
        out.add(counter("sip_responses", "SIP responses by status code, retransmissions left out; codes outside"
                + " 100-699 or past the 1,024 kept apart are (other).", withOther(family(m, "code.", "code"), m,
                "responses.unique", "code")));
        out.add(counter("sip_responses_by_class", "SIP responses by class (1xx-6xx), retransmissions left out.",
                family(m, "class.", "class")));
        out.add(counter("sip_calls", "Calls judged, by outcome.", family(m, "outcome.", "outcome")));
        for (String kpi : List.of("asr", "ner", "ser", "seer", "isa", "scr")) {
            m.get(kpi).filter(x -> !Double.isNaN(x.value())).ifPresent(x -> out.add(GaugeSnapshot.builder()
                    .name("sip_" + kpi + "_ratio").help(kpi.toUpperCase(Locale.ROOT) + " of the calls judged, 0 to 1"
                            + " (RFC 6076, E.411, IR.42).")
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(x.value() / 100).build())
                    .build()));
        }
        out.add(histogram("sip_post_dial_delay_seconds", "Post-dial delay of the calls judged: INVITE to the first"
                + " 18x or final response.", s.calls().pdd()));
        out.add(histogram("sip_setup_time_seconds", "Set-up time of the answered calls: INVITE to 2xx.",
                s.calls().setupTime()));
        return new MetricSnapshots(out.toArray(MetricSnapshot[]::new));
    }

    private static Map<Labels, Double> one(MetricRegistry m, String name) {
        return Map.of(Labels.EMPTY, m.get(name).map(MetricRegistry.Metric::value).orElse(0.0));
    }

    /** Every published metric {@code prefix + value} as one data point labelled {@code label=value}. */
    private static Map<Labels, Double> family(MetricRegistry m, String prefix, String label) {
        Map<Labels, Double> points = new LinkedHashMap<>();
        for (MetricRegistry.Metric x : m.all()) {
            if (x.name().startsWith(prefix) && !Double.isNaN(x.value())) {
                points.put(Labels.of(label, x.name().substring(prefix.length())), x.value());
            }
        }
        return points;
    }

    /**
     * The points, and what {@code total} has beyond their sum as {@code label="(other)"}: the series of a counter then
     * add up to the whole, as the JSON report's tables do.
     */
    private static Map<Labels, Double> withOther(Map<Labels, Double> points, MetricRegistry m, String total,
            String label) {
        double sum = points.values().stream().mapToDouble(Double::doubleValue).sum();
        double all = m.get(total).map(MetricRegistry.Metric::value).orElse(0.0);
        if (all > sum) {
            points.put(Labels.of(label, "(other)"), all - sum);
        }
        return points;
    }

    private static CounterSnapshot counter(String name, String help, Map<Labels, Double> points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.forEach((labels, v) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels)
                .value(v).build()));
        return b.build();
    }

    /** A classic histogram of a delay distribution: cumulative counts at {@link #BUCKETS}, exact count and sum. */
    static HistogramSnapshot histogram(String name, String help, Distribution d) {
        double[] bounds = new double[BUCKETS.length + 1];
        long[] counts = new long[BUCKETS.length + 1];
        long below = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            bounds[i] = BUCKETS[i];
            long atMost = d.countAtMost((long) (BUCKETS[i] * 1e9));
            counts[i] = atMost - below; // per bucket: the library adds them up
            below = atMost;
        }
        bounds[BUCKETS.length] = Double.POSITIVE_INFINITY;
        counts[BUCKETS.length] = d.count() - below;
        return HistogramSnapshot.builder().name(name).help(help)
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts)).sum(d.sum() / 1e9)
                        .build())
                .build();
    }
}
