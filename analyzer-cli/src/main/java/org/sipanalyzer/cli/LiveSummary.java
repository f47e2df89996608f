package org.sipanalyzer.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.live.LiveSource;
import org.sipanalyzer.report.Words;

/**
 * The refreshing summary a live command draws on a terminal, as {@code top} does: traffic, responses by class,
 * calls by outcome and the KPIs for the last minute and since the start, and the peers that failed most. Redrawn in
 * place at each snapshot; the lines of figures are for pipes and files.
 */
final class LiveSummary {

    private static final long MINUTE_NANOS = 60_000_000_000L;
    /** Earlier snapshots, to tell the last minute from the whole; at most a minute's worth plus one. */
    private final Deque<SipAnalysis.Snapshot> history = new ArrayDeque<>();

    /** The summary at {@code now}, to draw from the top of the screen. */
    synchronized String render(SipAnalysis.Snapshot now, LiveSource source, String what) {
        history.addLast(now);
        // The oldest kept is the latest at least a minute old (or the first, in the first minute).
        while (history.size() > 2 && now.elapsed().toNanos() - secondOldest().elapsed().toNanos() >= MINUTE_NANOS) {
            history.removeFirst();
        }
        SipAnalysis.Snapshot before = history.peekFirst() == now ? null : history.peekFirst();
        StringBuilder sb = new StringBuilder();
        MetricRegistry m = now.metrics();
        long seconds = now.elapsed().toSeconds();
        sb.append(String.format(Words.NUMBERS, "sip-analyzer: %s, %dh%02dm%02ds; Ctrl-C writes the report%n", what,
                seconds / 3600, seconds / 60 % 60, seconds % 60));
        sb.append(String.format(Words.NUMBERS, "packets %,d captured, %,d dropped%s%n", source.packets(),
                source.dropped(), source.droppedByKernel() > 0 ? String.format(Words.NUMBERS, " (%,d by the kernel)",
                        source.droppedByKernel()) : ""));
        String rate = "";
        if (before != null) {
            long nanos = now.elapsed().toNanos() - before.elapsed().toNanos();
            rate = String.format(Words.NUMBERS, ", %,.1f/s over the last %ds",
                    (value(m, "messages") - value(before.metrics(), "messages")) / Math.max(1e-9, nanos / 1e9),
                    nanos / 1_000_000_000L);
        }
        sb.append(String.format(Words.NUMBERS, "SIP messages %,d (%,d retransmissions)%s%n",
                (long) value(m, "messages"), (long) value(m, "retransmissions"), rate));
        List<String> classes = new ArrayList<>();
        for (int c = 1; c <= 6; c++) {
            classes.add(c + "xx " + (long) value(m, "class." + c + "xx"));
        }
        sb.append("responses ").append(String.join("  ", classes)).append('\n');
        sb.append(String.format(Words.NUMBERS, "%-14s %12s %12s%n", "calls", "last minute", "since start"));
        for (CallOutcome o : CallOutcome.values()) {
            String name = "outcome." + o.word();
            double all = value(m, name);
            if (all > 0) {
                sb.append(String.format(Words.NUMBERS, "  %-12s %12s %12d%n", o.word(), before == null ? "-"
                        : Long.toString((long) (all - value(before.metrics(), name))), (long) all));
            }
        }
        sb.append(String.format(Words.NUMBERS, "  %-12s %12s %12d%n", "total", before == null ? "-"
                : Long.toString((long) (value(m, "calls") - value(before.metrics(), "calls"))),
                (long) value(m, "calls")));
        for (String[] kpi : new String[][] {{"ASR", "answered"}, {"NER", null}, {"SEER", null}}) {
            String last = "-";
            if (before != null && kpi[1] != null) {
                double calls = value(m, "calls") - value(before.metrics(), "calls");
                double answered = value(m, kpi[1]) - value(before.metrics(), kpi[1]);
                last = calls > 0 ? String.format(Words.NUMBERS, "%.1f%%", 100 * answered / calls) : "-";
            }
            double since = value(m, kpi[0].toLowerCase(Locale.ROOT));
            sb.append(String.format(Words.NUMBERS, "  %-12s %12s %12s%n", kpi[0], last,
                    Double.isNaN(since) ? "-" : String.format(Words.NUMBERS, "%.1f%%", since)));
        }
        double p95 = value(m, "pdd.p95");
        sb.append(String.format(Words.NUMBERS, "PDD p50 %s  p95 %s%n", delay(value(m, "pdd.p50")), delay(p95)));
        List<Map.Entry<String, Map<Integer, Long>>> peers = new ArrayList<>(now.calls().failuresByPeer().entrySet());
        peers.sort((a, b) -> Long.compare(sum(b.getValue()), sum(a.getValue())));
        if (!peers.isEmpty()) {
            sb.append("failing peers:");
            for (int i = 0; i < Math.min(5, peers.size()); i++) {
                sb.append(' ').append(org.sipanalyzer.report.TextSafe.of(peers.get(i).getKey(), 60)).append(' ')
                        .append(sum(peers.get(i).getValue()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private SipAnalysis.Snapshot secondOldest() {
        var it = history.iterator();
        it.next();
        return it.next();
    }

    private static double value(MetricRegistry m, String name) {
        return m.get(name).map(MetricRegistry.Metric::value).orElse(0.0);
    }

    private static long sum(Map<Integer, Long> codes) {
        return codes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String delay(double nanos) {
        return Double.isNaN(nanos) ? "-" : nanos >= 1e9 ? String.format(Words.NUMBERS, "%.2f s", nanos / 1e9)
                : String.format(Words.NUMBERS, "%.0f ms", nanos / 1e6);
    }
}
