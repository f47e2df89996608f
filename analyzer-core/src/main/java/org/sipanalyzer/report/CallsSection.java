package org.sipanalyzer.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.calls.Distribution;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.Q850Causes;

/** The calls, registrations and transactions part of the JSON report, and how delays and ratios are written. */
final class CallsSection {

    private static final int TOP = AnalysisReport.TOP;
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

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Words.NUMBERS, "%.1f%%", v);
    }

    /** Why a call measures no delay although it has the messages for one. */
    static final String UNTIMED = "the input gives no times for their messages (a text log without timestamps)";

    static String dist(Distribution d) {
        if (d.count() == 0) {
            return "-";
        }
        return String.format(Words.NUMBERS, "min %s / median %s / p95 %s / max %s (n=%,d)", ms(d.min()), ms(d.median()),
                ms(d.p95()), ms(d.max()), d.count());
    }

    static String ms(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        if (nanos >= 10_000_000_000L) {
            return String.format(Words.NUMBERS, "%.1f s", nanos / 1e9);
        }
        return String.format(Words.NUMBERS, "%d ms", Math.round(nanos / 1e6));
    }
}
