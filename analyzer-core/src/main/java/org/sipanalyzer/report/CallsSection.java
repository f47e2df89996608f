package org.sipanalyzer.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Instant;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.calls.Distribution;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.Q850Causes;

/** The calls, registrations and transactions part of an analysis report, in JSON and text. */
final class CallsSection {

    private static final int TOP = AnalysisReport.TOP;
    /** Intervals of calls by time the terminal shows on its one line. */
    private static final int TIME_BUCKETS_SHOWN = 60;
    /** Runs of empty intervals up to this long are shown as zeros; longer ones as one mark with their count. */
    static final int EMPTY_SHOWN_AS_ZEROS = 3;

    private CallsSection() {
    }

    static void writeJson(JsonGenerator g, CallStatistics s, long intervalSeconds) throws IOException {
        g.writeObjectFieldStart("calls");
        g.writeNumberField("total", s.total());
        g.writeObjectFieldStart("byOutcome");
        for (Map.Entry<CallOutcome, Long> e : s.byOutcome().entrySet()) {
            g.writeNumberField(e.getKey().word(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("byFinalCode");
        for (Map.Entry<Integer, Long> e : s.byFinalCode().entrySet()) {
            g.writeNumberField(e.getKey() == 0 ? "none" : e.getKey().toString(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("challenged", s.challenged());
        g.writeNumberField("forked", s.forked());
        g.writeNumberField("answered", s.answered());
        g.writeNumberField("completed", s.completed());
        g.writeNumberField("reInvites", s.reInvites());
        g.writeNumberField("evictedForLimit", s.callsEvicted());
        g.writeNumberField("untimed", s.untimed());
        g.writeObjectFieldStart("kpis");
        ratio(g, "ser", s.ser());
        ratio(g, "seer", s.seer());
        ratio(g, "isa", s.isa());
        ratio(g, "scr", s.scr());
        ratio(g, "asr", s.asr());
        ratio(g, "ner", s.ner());
        distribution(g, "srd", s.srdSuccess());
        distribution(g, "srdFailure", s.srdFailure());
        distribution(g, "pdd", s.pdd());
        distribution(g, "setupTime", s.setupTime());
        distribution(g, "sdt", s.duration());
        distribution(g, "sdd", s.sdd());
        if (s.duration().count() > 0) {
            g.writeNumberField("acdSeconds", s.duration().mean() / 1e9);
        } else {
            g.writeNullField("acdSeconds");
        }
        g.writeEndObject();
        g.writeObjectFieldStart("failures");
        g.writeObjectFieldStart("byPeerAndCode");
        for (Map.Entry<String, Map<Integer, Long>> p : s.failuresByPeer().entrySet()) {
            g.writeObjectFieldStart(p.getKey());
            for (Map.Entry<Integer, Long> c : p.getValue().entrySet()) {
                g.writeNumberField(c.getKey() == 0 ? "none" : c.getKey().toString(), c.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        top(g, "topDestinations", s.topFailingDestinations(TOP));
        top(g, "topSources", s.topFailingSources(TOP));
        g.writeObjectFieldStart("byQ850Cause");
        for (Map.Entry<Integer, Long> e : s.byQ850Cause().entrySet()) {
            g.writeNumberField(e.getKey().toString(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        long interval = s.interval(intervalSeconds);
        g.writeObjectFieldStart("byTime");
        g.writeNumberField("bucketSeconds", interval);
        g.writeArrayFieldStart("buckets");
        for (Map.Entry<Long, long[]> e : s.byTime(interval).entrySet()) {
            g.writeStartObject();
            g.writeStringField("start", Instant.ofEpochSecond(e.getKey()).toString());
            g.writeNumberField("calls", e.getValue()[0]);
            g.writeNumberField("failed", e.getValue()[1]);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();

        g.writeObjectFieldStart("registrations");
        g.writeNumberField("total", s.registrations());
        g.writeNumberField("challenged", s.registrationsChallenged());
        g.writeNumberField("untimed", s.registrationsUntimed());
        g.writeObjectFieldStart("byFinalCode");
        for (Map.Entry<Integer, Long> e : s.registrationsByFinalCode().entrySet()) {
            g.writeNumberField(e.getKey() == 0 ? "none" : e.getKey().toString(), e.getValue());
        }
        g.writeEndObject();
        ratio(g, "ira", s.ira());
        distribution(g, "rrd", s.rrd());
        g.writeEndObject();

        g.writeObjectFieldStart("transactions");
        for (Map.Entry<String, Long> e : s.transactionTotals().entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            g.writeNumberField("total", e.getValue());
            g.writeObjectFieldStart("byFinalCode");
            Map<Integer, Long> finals = s.transactionsByFinalCode().getOrDefault(e.getKey(), Map.of());
            for (Map.Entry<Integer, Long> c : finals.entrySet()) {
                g.writeNumberField(c.getKey().toString(), c.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void ratio(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, Math.round(v * 100) / 100.0);
        }
    }

    /** A distribution in milliseconds: count, min, median, p95, max (null when empty). */
    private static void distribution(JsonGenerator g, String name, Distribution d) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", d.count());
        for (String q : List.of("min", "median", "p95", "max")) {
            long v = switch (q) {
                case "min" -> d.min();
                case "median" -> d.median();
                case "p95" -> d.p95();
                default -> d.max();
            };
            if (d.count() == 0) {
                g.writeNullField(q + "Ms");
            } else {
                g.writeNumberField(q + "Ms", Math.round(v / 1e4) / 100.0);
            }
        }
        g.writeEndObject();
    }

    private static void top(JsonGenerator g, String name, List<Map.Entry<String, Long>> list) throws IOException {
        g.writeArrayFieldStart(name);
        for (Map.Entry<String, Long> e : list) {
            g.writeStartObject();
            g.writeStringField("host", e.getKey());
            g.writeNumberField("failedCalls", e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static String text(CallStatistics s, Catalogue catalogue, int width, long intervalSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Calls: %,d (%,d answered, %,d challenged first, %s%s)%n",
                s.total(), s.answered(), s.challenged(),
                s.forked() > 0 ? String.format(Locale.ROOT, "%,d forked, ", s.forked()) : "",
                Words.count(s.reInvites(), "re-INVITE")));
        if (s.callsEvicted() > 0) {
            sb.append("  ").append(Words.count(s.callsEvicted(), "call was", "calls were")).append(" judged early"
                    + " because more than the open-call limit were in progress at once\n");
        }
        if (s.total() > 0) {
            List<String> parts = new ArrayList<>();
            s.byOutcome().forEach((o, n) -> {
                if (n > 0) {
                    parts.add(o.word() + " " + n);
                }
            });
            sb.append(wrapped("  outcomes: ", parts, width));
            sb.append(String.format(Locale.ROOT, "  ASR %s  NER %s  SER %s  SEER %s  ISA %s  SCR %s%n", pct(s.asr()),
                    pct(s.ner()), pct(s.ser()), pct(s.seer()), pct(s.isa()), pct(s.scr())));
            if (s.untimed() > 0) {
                sb.append(String.format(Locale.ROOT, "  delays not available for %,d %s: %s%n", s.untimed(),
                        s.untimed() == 1 ? "call" : "calls", UNTIMED));
            }
            sb.append("  PDD ").append(dist(s.pdd())).append('\n');
            sb.append("  setup ").append(dist(s.setupTime())).append('\n');
            if (s.duration().count() > 0) {
                sb.append("  duration ").append(dist(s.duration()))
                        .append(String.format(Locale.ROOT, " (ACD %.1f s)%n", s.duration().mean() / 1e9));
            }
            List<String> finals = new ArrayList<>();
            s.byFinalCode().forEach((code, n) -> finals.add((code == 0 ? "none" : code + " "
                    + catalogue.lookup(code).entry().map(e -> e.reason()).orElse("")).strip() + ": " + n));
            sb.append(wrapped("  by final response: ", finals, width));
            if (!s.failuresByPeer().isEmpty()) {
                sb.append("  failures by responding peer:\n");
                s.failuresByPeer().entrySet().stream()
                        .sorted((a, b) -> Long.compare(sum(b.getValue()), sum(a.getValue()))).limit(TOP)
                        .forEach(e -> {
                            List<String> codes = new ArrayList<>();
                            e.getValue().forEach((c, n) -> codes.add((c == 0 ? "none" : c.toString()) + "×" + n));
                            sb.append("    ").append(TextTable.clean(e.getKey())).append(": ")
                                    .append(String.join(" ", codes)).append('\n');
                        });
            }
            List<String> dests = new ArrayList<>();
            s.topFailingDestinations(5).forEach(e -> dests.add(TextTable.clean(e.getKey()) + " " + e.getValue()));
            if (!dests.isEmpty()) {
                sb.append("  top failing destinations: ").append(String.join(", ", dests)).append('\n');
                List<String> srcs = new ArrayList<>();
                s.topFailingSources(5).forEach(e -> srcs.add(TextTable.clean(e.getKey()) + " " + e.getValue()));
                sb.append("  top failing sources: ").append(String.join(", ", srcs)).append('\n');
            }
            long interval = s.interval(intervalSeconds);
            long intervals = s.timelineLength(interval);
            if (intervals > 1) {
                List<CallStatistics.TimeRow> rows = s.timelineRows(interval);
                sb.append("  calls (failed) per ").append(interval).append(" s from ")
                        .append(Instant.ofEpochSecond(rows.get(0).startSecond())).append(":");
                int shown = 0;
                for (CallStatistics.TimeRow t : rows) {
                    if (shown >= TIME_BUCKETS_SHOWN) {
                        sb.append(" …");
                        break;
                    }
                    // A few empty intervals are shown as 0; a longer run, as one mark that counts them.
                    if (t.emptyBefore() > EMPTY_SHOWN_AS_ZEROS) {
                        sb.append(" [").append(Words.count(t.emptyBefore(), "empty", "empty")).append("]");
                        shown++;
                    } else {
                        for (long i = 0; i < t.emptyBefore(); i++, shown++) {
                            sb.append(" 0");
                        }
                    }
                    sb.append(' ').append(t.calls()).append(t.failed() > 0 ? "(" + t.failed() + ")" : "");
                    shown++;
                }
                sb.append('\n');
            }
            if (!s.byQ850Cause().isEmpty()) {
                List<String> causes = new ArrayList<>();
                s.byQ850Cause().forEach((c, n) -> causes.add(Q850Causes.label(c) + " ×" + n));
                sb.append(wrapped("  Q.850 causes: ", causes, width));
            }
        }
        if (s.registrations() > 0) {
            List<String> finals = new ArrayList<>();
            s.registrationsByFinalCode().forEach((code, n) -> finals.add((code == 0 ? "none" : code.toString()) + "×" + n));
            sb.append(String.format(Locale.ROOT, "Registrations: %,d (%,d challenged first; IRA %s), by final response:"
                    + " %s; RRD %s%n", s.registrations(), s.registrationsChallenged(), pct(s.ira()),
                    String.join(" ", finals), dist(s.rrd())));
        }
        if (!s.transactionTotals().isEmpty()) {
            List<String> parts = new ArrayList<>();
            s.transactionTotals().forEach((m, n) -> {
                Map<Integer, Long> f = s.transactionsByFinalCode().getOrDefault(m, Map.of());
                List<String> codes = new ArrayList<>();
                f.forEach((c, k) -> codes.add(c + "×" + k));
                parts.add(AnalysisReport.methodLabel(m) + " " + n + (codes.isEmpty() ? "" : " (" + String.join(" ", codes) + ")"));
            });
            sb.append("Other transactions: ").append(String.join(", ", parts)).append('\n');
        }
        return sb.toString();
    }

    /** "  label: a, b, c" on lines of at most {@code width}, continuation lines indented under the first part. */
    static String wrapped(String label, List<String> parts, int width) {
        String head = label.stripTrailing();
        return head + TextTable.list(parts, width, head.length(), head.length()) + "\n";
    }

    private static long sum(Map<Integer, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", v);
    }

    /** Why a call measures no delay although it has the messages for one. */
    static final String UNTIMED = "the input gives no times for their messages (a text log without timestamps)";

    static String dist(Distribution d) {
        if (d.count() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "min %s / median %s / p95 %s / max %s (n=%,d)", ms(d.min()), ms(d.median()),
                ms(d.p95()), ms(d.max()), d.count());
    }

    static String ms(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        if (nanos >= 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%d ms", Math.round(nanos / 1e6));
    }
}
