package org.sipanalyzer.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Counts;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.Q850Causes;
import org.sipanalyzer.sip.SipProblem;

/**
 * The analysis as a document, composed once for every human format: text (a {@link TextDoc}), Markdown and HTML. The
 * sections and what they list are decided here, so the formats agree (the same top ten, the same order); how each
 * block looks is the renderer's.
 */
final class DocumentReport {

    private static final int TOP = AnalysisReport.TOP;
    private static final int MAX_TIME_ROWS = 500;
    /** Intervals of calls by time that text shows on its one line. */
    private static final int TIME_BUCKETS_SHOWN = 60;

    private DocumentReport() {
    }

    /** Failed calls listed in the HTML and Markdown reports, at most. */
    static final int MAX_FAILED_CALLS = FailedCalls.MAX_LISTED;

    static String render(Doc doc, AnalysisResult result, CallStatistics calls, long intervalSeconds) {
        return render(doc, result, calls, intervalSeconds, List.of(), null, List.of());
    }

    /** @param failed failed calls to list (the first {@link #MAX_FAILED_CALLS}), in start order */
    static String render(Doc doc, AnalysisResult result, CallStatistics calls, long intervalSeconds,
            List<org.sipanalyzer.calls.Call> failed, String filterLine, List<FailedCalls.Ladder> ladders) {
        MessageStatistics t = result.total();
        Catalogue catalogue = t.catalogue();
        doc.heading(1, "SIP analysis");
        doc.paragraph(AnalysisReport.summaryLine(result));
        if (filterLine != null) {
            doc.paragraph("The " + filterLine + ": calls are kept or left out whole.");
        }
        if (calls != null && calls.total() > 0) {
            calls(doc, calls, catalogue, intervalSeconds);
            failedCalls(doc, failed, result);
            if (!ladders.isEmpty()) {
                doc.heading(3, "Failed calls, message by message (the first " + ladders.size() + ")");
                for (FailedCalls.Ladder l : ladders) {
                    doc.ladder(l);
                }
            }
        }
        if (calls != null) {
            transactions(doc, calls);
        }
        messages(doc, t);
        inputs(doc, result);
        return doc.render();
    }

    /** Calls: outcomes, KPIs, delays, final responses, who failed them, when, and the Q.850 causes given. */
    private static void calls(Doc doc, CallStatistics calls, Catalogue catalogue, long intervalSeconds) {
        doc.heading(2, "Calls");
        doc.paragraph(String.format(Words.NUMBERS, "%,d (%,d answered, %,d challenged first, %s%s)", calls.total(),
                calls.answered(), calls.challenged(), calls.forked() > 0 ? String.format(Words.NUMBERS, "%,d forked, ",
                        calls.forked()) : "", Words.count(calls.reInvites(), "re-INVITE")));
        if (calls.callsEvicted() > 0) {
            doc.paragraph(String.format(Words.NUMBERS, "%s judged early because more than the open-call limit"
                    + " were in progress at once.", Words.count(calls.callsEvicted(), "call was", "calls were")));
        }
        List<Doc.Entry> outcomes = new ArrayList<>();
        for (Map.Entry<CallOutcome, Long> e : calls.byOutcome().entrySet()) {
            if (e.getValue() > 0) {
                outcomes.add(new Doc.Entry(List.of(e.getKey().word(), fmt(e.getValue()), pct(e.getValue(),
                        calls.total())), e.getKey().word() + " " + fmt(e.getValue())));
            }
        }
        doc.heading(3, "Outcomes");
        doc.tally(Doc.Tally.of(List.of("Outcome", "Calls", "Share"), outcomes, Doc.Layout.INLINE, false, true, true));
        doc.chart("Calls by outcome", () -> Charts.callsByOutcome(calls));
        if (calls.timelineLength(calls.interval(intervalSeconds)) > 1) {
            doc.chart("Calls over time, stacked by outcome",
                    () -> Charts.callsOverTime(calls, intervalSeconds, Charts.MAX_TIME_BARS));
        }
        if (calls.pdd().count() > 0) {
            doc.chart("Post-dial delay", () -> Charts.pddDistribution(calls));
        }
        doc.heading(3, "KPIs");
        doc.figures(new Doc.Figures(List.of("KPI", "Value"), List.of(
                List.of("ASR", CallsSection.pct(calls.asr())), List.of("NER", CallsSection.pct(calls.ner())),
                List.of("SER", CallsSection.pct(calls.ser())), List.of("SEER", CallsSection.pct(calls.seer())),
                List.of("ISA", CallsSection.pct(calls.isa())), List.of("SCR", CallsSection.pct(calls.scr())))));
        doc.heading(3, "Delays");
        List<List<String>> delays = new ArrayList<>();
        delays.add(List.of("PDD", CallsSection.dist(calls.pdd())));
        delays.add(List.of("Setup time", CallsSection.dist(calls.setupTime())));
        delays.add(List.of("Duration", CallsSection.dist(calls.duration()) + (calls.duration().count() > 0
                ? String.format(Words.NUMBERS, " (ACD %.1f s)", calls.duration().mean() / 1e9) : "")));
        doc.figures(new Doc.Figures(List.of("Delay", "Value"), delays));
        if (calls.untimed() > 0) {
            doc.paragraph("Delays are not available for " + fmt(calls.untimed()) + (calls.untimed() == 1 ? " call: "
                    : " calls: ") + CallsSection.UNTIMED + ".");
        }

        List<Doc.Entry> finals = new ArrayList<>();
        calls.byFinalCode().forEach((code, n) -> {
            String reason = code == 0 ? "no final response"
                    : catalogue.lookup(code).entry().map(e -> e.reason()).orElse("");
            finals.add(new Doc.Entry(List.of(code == 0 ? "none" : code.toString(), reason, fmt(n),
                    pct(n, calls.total())), (code == 0 ? "none" : (code + " " + reason).strip()) + ": " + fmt(n)));
        });
        doc.heading(3, "Calls by final response");
        doc.tally(Doc.Tally.of(List.of("Code", "Reason", "Calls", "Share"), finals, Doc.Layout.INLINE, false, false,
                true, true));

        List<Map.Entry<String, Map<Integer, Long>>> peers = calls.failuresByPeer().entrySet().stream()
                .sorted((a, b) -> Long.compare(sum(b.getValue()), sum(a.getValue()))).toList();
        if (!peers.isEmpty()) {
            List<Doc.Entry> rows = new ArrayList<>();
            peers.stream().limit(TOP).forEach(e -> {
                List<String> codes = new ArrayList<>();
                e.getValue().forEach((code, n) -> codes.add((code == 0 ? "none" : code.toString()) + "×" + n));
                String joined = String.join(", ", codes);
                rows.add(new Doc.Entry(List.of(e.getKey(), joined), e.getKey() + ": " + joined));
            });
            doc.heading(3, "Failed calls by responding peer");
            doc.tally(Doc.Tally.of(List.of("Peer", "Final responses"), rows, Doc.Layout.LINES));
            more(doc, peers.size(), "responding peer", "responding peers");
        }
        List<Doc.Entry> dests = new ArrayList<>();
        calls.topFailingDestinations(TOP).forEach(e -> dests.add(new Doc.Entry(List.of(e.getKey(), fmt(e.getValue())),
                e.getKey() + " " + fmt(e.getValue()))));
        if (!dests.isEmpty()) {
            doc.heading(3, "Top failing destinations");
            doc.tally(Doc.Tally.of(List.of("Destination", "Failed calls"), dests, Doc.Layout.INLINE, false, true));
            List<Doc.Entry> srcs = new ArrayList<>();
            calls.topFailingSources(TOP).forEach(e -> srcs.add(new Doc.Entry(List.of(e.getKey(),
                    fmt(e.getValue())), e.getKey() + " " + fmt(e.getValue()))));
            doc.heading(3, "Top failing sources");
            doc.tally(Doc.Tally.of(List.of("Source", "Failed calls"), srcs, Doc.Layout.INLINE, false, true));
        }
        timeline(doc, calls, intervalSeconds);
        if (!calls.byQ850Cause().isEmpty()) {
            List<Doc.Entry> causes = new ArrayList<>();
            calls.byQ850Cause().forEach((c, n) -> causes.add(new Doc.Entry(List.of(c.toString(),
                    Q850Causes.name(c).orElse("(unassigned)"), fmt(n)), Q850Causes.label(c) + " ×" + n)));
            doc.heading(3, "Q.850 causes (Reason header)");
            doc.tally(Doc.Tally.of(List.of("Cause", "Name", "Calls"), causes, Doc.Layout.INLINE, true, false, true));
        }
    }

    /** Calls and failed calls per interval: a table of rows, or in text one line of numbers. */
    private static void timeline(Doc doc, CallStatistics calls, long intervalSeconds) {
        long interval = calls.interval(intervalSeconds);
        if (calls.timelineLength(interval) <= 1) {
            return;
        }
        List<CallStatistics.TimeRow> timeline = calls.timelineRows(interval);
        List<Doc.Entry> rows = new ArrayList<>();
        StringBuilder line = new StringBuilder("from ").append(Instant.ofEpochSecond(timeline.get(0).startSecond()))
                .append(", calls (failed):");
        int shown = 0;
        boolean cut = false;
        for (CallStatistics.TimeRow t : timeline) {
            if (rows.size() >= MAX_TIME_ROWS) {
                cut = true;
                break;
            }
            long start = t.startSecond() - t.emptyBefore() * interval;
            // A few empty intervals are shown as zeros; a longer run (inputs far apart in time), as one row.
            if (t.emptyBefore() > CallsSection.EMPTY_SHOWN_AS_ZEROS) {
                rows.add(new Doc.Entry(List.of(Instant.ofEpochSecond(start) + " (" + Words.count(t.emptyBefore(),
                        "empty interval") + ")", "0", "0", ""), ""));
                shown = mark(line, shown, " [" + Words.count(t.emptyBefore(), "empty", "empty") + "]");
            } else {
                for (long i = 0; i < t.emptyBefore(); i++) {
                    rows.add(new Doc.Entry(List.of(Instant.ofEpochSecond(start + i * interval).toString(), "0", "0",
                            ""), ""));
                    shown = mark(line, shown, " 0");
                }
            }
            rows.add(new Doc.Entry(List.of(Instant.ofEpochSecond(t.startSecond()).toString(), fmt(t.calls()),
                    fmt(t.failed()), pct(t.failed(), t.calls())), ""));
            shown = mark(line, shown, " " + t.calls() + (t.failed() > 0 ? "(" + t.failed() + ")" : ""));
        }
        if (shown > TIME_BUCKETS_SHOWN || cut) {
            line.append(" …");
        }
        doc.heading(3, "Calls by time (" + interval + " s intervals, UTC)");
        doc.tally(new Doc.Tally(List.of("From", "Calls", "Failed", "Failed share"), rows,
                new boolean[] {false, true, true, true}, Doc.Layout.SUMMARY, line.toString()));
        if (cut) {
            doc.paragraph("Only the first " + MAX_TIME_ROWS + " rows are listed; choose a longer --interval.");
        }
    }

    /** Adds one interval's mark to the text line while it has room. */
    private static int mark(StringBuilder line, int shown, String mark) {
        if (shown < TIME_BUCKETS_SHOWN) {
            line.append(mark);
        }
        return shown + 1;
    }

    /** The failed calls themselves, one row each, sortable in HTML by any column. */
    private static void failedCalls(Doc doc, List<org.sipanalyzer.calls.Call> failed, AnalysisResult result) {
        if (failed.isEmpty()) {
            return;
        }
        doc.heading(3, "Failed calls" + (failed.size() >= MAX_FAILED_CALLS ? " (the first " + fmt(MAX_FAILED_CALLS)
                + ")" : ""));
        List<List<String>> rows = new ArrayList<>();
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);
        for (org.sipanalyzer.calls.Call c : failed) {
            rows.add(List.of(c.timed() ? time.format(Instant.ofEpochSecond(0, c.start())) : "", c.outcome().word(),
                    c.finalCode().isEmpty() ? "" : Integer.toString(c.finalCode().getAsInt()),
                    c.finalReason().orElse(""), c.pdd().isEmpty() ? "" : String.format(Words.NUMBERS, "%.1f",
                            c.pdd().getAsLong() / 1e6),
                    CallsReport.uri(c.fromUri()), CallsReport.uri(c.toUri()),
                    c.answeredBy().filter(e -> !e.isUnspecified()).map(Object::toString).orElse(""),
                    c.callId() == null ? "" : c.callId(),
                    c.input() < result.inputs().size() ? result.inputs().get(c.input()).name() : ""));
        }
        doc.table(Doc.Table.of(List.of("Start (UTC)", "Outcome", "Code", "Reason", "PDD ms", "From", "To",
                "Answered by", "Call-ID", "Input"), rows, false, false, true, false, true).sortedByReader());
    }

    /** Registrations and the transactions of other methods. */
    private static void transactions(Doc doc, CallStatistics calls) {
        if (calls.registrations() > 0) {
            doc.heading(2, "Registrations");
            doc.paragraph(String.format(Words.NUMBERS, "%s, %,d challenged first; IRA %s; RRD %s",
                    Words.count(calls.registrations(), "attempt"), calls.registrationsChallenged(),
                    CallsSection.pct(calls.ira()), CallsSection.dist(calls.rrd())));
            List<Doc.Entry> rows = new ArrayList<>();
            calls.registrationsByFinalCode().forEach((code, n) -> {
                String c = code == 0 ? "none" : code.toString();
                rows.add(new Doc.Entry(List.of(c, fmt(n)), c + "×" + fmt(n)));
            });
            doc.heading(3, "By final response");
            doc.tally(Doc.Tally.of(List.of("Final response", "Registrations"), rows, Doc.Layout.INLINE, false, true));
        }
        if (!calls.transactionTotals().isEmpty()) {
            List<Doc.Entry> rows = new ArrayList<>();
            calls.transactionTotals().forEach((m, n) -> {
                List<String> codes = new ArrayList<>();
                calls.transactionsByFinalCode().getOrDefault(m, Map.of()).forEach((c, k) -> codes.add(c + "×" + k));
                String label = AnalysisReport.methodLabel(m);
                rows.add(new Doc.Entry(List.of(label, fmt(n), String.join(", ", codes)), label + " " + fmt(n)
                        + (codes.isEmpty() ? "" : " (" + String.join(" ", codes) + ")")));
            });
            doc.heading(2, "Other transactions");
            doc.tally(Doc.Tally.of(List.of("Method", "Transactions", "Final responses"), rows, Doc.Layout.INLINE,
                    false, true, false));
        }
    }

    /** Messages: responses by code, requests by method, responses by method, failures by sender, malformed. */
    private static void messages(Doc doc, MessageStatistics t) {
        doc.heading(2, "Responses by code");
        if (t.responses().count() == 0) {
            doc.paragraph("No SIP responses found.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            List<CodeRows.Row> codes = CodeRows.of(t);
            int[] depth = new int[codes.size()];
            long total = t.responses().count();
            for (CodeRows.Row r : codes) {
                depth[rows.size()] = r.heading() ? 0 : 1;
                rows.add(List.of(r.code(), r.reason(), r.meaning(), fmt(r.counts().count()),
                        fmt(r.counts().unique()), pct(r.counts().count(), total)));
            }
            doc.table(Doc.Table.of(List.of("Code", "Reason", "Meaning", "Count", "Unique", "Share"), rows, false,
                    false, false, true, true, true).withDepth(depth));
            doc.paragraph("Share is of all responses, retransmissions included; unique counts leave them out.");
            doc.chart("Responses by code, coloured by class", () -> Charts.responsesByCode(t));
        }
        if (!t.byMethod().isEmpty()) {
            List<Doc.Entry> rows = new ArrayList<>();
            t.byMethod().entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue().count(), a.getValue().count()))
                    .forEach(e -> {
                        Counts c = e.getValue();
                        String m = AnalysisReport.methodLabel(e.getKey());
                        rows.add(new Doc.Entry(List.of(m, fmt(c.count()), fmt(c.unique())), m + " " + fmt(c.count())
                                + (c.unique() != c.count() ? " (" + fmt(c.unique()) + " unique)" : "")));
                    });
            doc.heading(2, "Requests by method");
            doc.tally(Doc.Tally.of(List.of("Method", "Count", "Unique"), rows, Doc.Layout.INLINE, false, true, true));
        }
        if (!t.byMethodAndCode().isEmpty()) {
            List<Doc.Group> groups = new ArrayList<>();
            t.byMethodAndCode().forEach((m, codes) -> groups.add(new Doc.Group(AnalysisReport.methodLabel(m),
                    byCode(codes))));
            doc.heading(2, "Responses by request method (CSeq)");
            doc.groups(new Doc.Groups(List.of("Method", "Code", "Count", "Unique"), groups,
                    new boolean[] {false, false, true, true}));
        }
        if (!t.failuresBySender().isEmpty()) {
            var senders = AnalysisReport.bySenderMostFirst(t);
            List<Doc.Group> groups = new ArrayList<>();
            senders.stream().limit(TOP).forEach(e -> groups.add(new Doc.Group(e.getKey(), byCode(e.getValue()))));
            doc.heading(2, "Failure responses (4xx-6xx) by sender");
            doc.groups(new Doc.Groups(List.of("Sender", "Code", "Count", "Unique"), groups,
                    new boolean[] {false, false, true, true}));
            more(doc, senders.size(), "sender", "senders");
        }
        if (!t.problems().isEmpty()) {
            List<Doc.Entry> rows = new ArrayList<>();
            for (Map.Entry<SipProblem, Long> e : t.problems().entrySet()) {
                rows.add(new Doc.Entry(List.of(e.getKey().description(), fmt(e.getValue())),
                        e.getKey().description() + ": " + fmt(e.getValue())));
            }
            doc.heading(2, "Malformed messages");
            doc.tally(Doc.Tally.of(List.of("Problem", "Messages"), rows, Doc.Layout.LINES, false, true));
        }
    }

    /** A code's counts: a row each, and "486×2(1)" (count, unique where fewer) for a line of text. */
    private static List<Doc.Entry> byCode(Map<Integer, Counts> codes) {
        List<Doc.Entry> entries = new ArrayList<>();
        codes.forEach((code, c) -> entries.add(new Doc.Entry(List.of(AnalysisReport.codeLabel(code), fmt(c.count()),
                fmt(c.unique())), AnalysisReport.codeLabel(code) + "×" + fmt(c.count())
                + (c.unique() != c.count() ? "(" + fmt(c.unique()) + ")" : ""))));
        return entries;
    }

    /** Says how many more there are than the top listed, and where they all are. */
    private static void more(Doc doc, int all, String one, String many) {
        if (all > TOP) {
            doc.paragraph(String.format(Words.NUMBERS, "%s more are in the JSON report.",
                    Words.count(all - TOP, one, many)));
        }
    }

    /** Each input: how it was read, every packet accounted for, its warnings. */
    private static void inputs(Doc doc, AnalysisResult result) {
        doc.heading(2, "Inputs");
        for (InputReport r : result.inputs()) {
            if (!r.readable()) {
                doc.item(new Doc.Item(r.name(), null, "not read: " + r.error(), List.of()));
                continue;
            }
            List<String> warnings = new ArrayList<>();
            for (String w : r.warnings()) {
                warnings.add("warning: " + w);
            }
            if (r.warningsNotListed() > 0) {
                warnings.add("warning: " + Words.count(r.warningsNotListed(), "more warning", "more warnings")
                        + " not listed");
            }
            doc.item(new Doc.Item(r.name(), r.format(), AnalysisReport.inputBreakdown(r), warnings));
        }
        for (String f : result.failedListeners()) {
            doc.paragraph("Statistics disabled after an error: " + f);
        }
    }

    private static long sum(Map<Integer, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String fmt(long n) {
        return String.format(Words.NUMBERS, "%,d", n);
    }

    private static String pct(long n, long total) {
        return total == 0 ? "-" : String.format(Words.NUMBERS, "%.1f%%", 100.0 * n / total);
    }
}
