package org.sipanalyzer.report;

import org.sipanalyzer.scan.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.Q850Causes;
import org.sipanalyzer.sip.SipProblem;

/** An analysis as a document (Markdown or HTML): the same sections, one composition for both. */
final class DocumentReport {

    private static final int TOP = AnalysisReport.TOP;
    private static final int TOP_SENDERS = AnalysisReport.TOP;
    private static final int MAX_TIME_ROWS = 500;

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
        doc.heading(1, "SIP analysis");
        doc.paragraph(AnalysisReport.summaryLine(result) + ".");
        if (filterLine != null) {
            doc.paragraph("The " + filterLine + ": calls are kept or left out whole.");
        }

        if (calls != null && calls.total() > 0) {
            doc.heading(2, "Calls");
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<CallOutcome, Long> e : calls.byOutcome().entrySet()) {
                if (e.getValue() > 0) {
                    rows.add(List.of(e.getKey().word(), fmt(e.getValue()), pct(e.getValue(), calls.total())));
                }
            }
            doc.table(List.of("Outcome", "Calls", "Share"), rows, false, true, true);
            doc.chart("Calls by outcome", () -> Charts.callsByOutcome(calls));
            if (calls.timelineLength(calls.interval(intervalSeconds)) > 1) {
                doc.chart("Calls over time, stacked by outcome",
                        () -> Charts.callsOverTime(calls, intervalSeconds, Charts.MAX_TIME_BARS));
            }
            if (calls.pdd().count() > 0) {
                doc.chart("Post-dial delay", () -> Charts.pddDistribution(calls));
            }
            doc.table(List.of("KPI", "Value"), List.of(
                    List.of("ASR", CallsSection.pct(calls.asr())), List.of("NER", CallsSection.pct(calls.ner())),
                    List.of("SER", CallsSection.pct(calls.ser())), List.of("SEER", CallsSection.pct(calls.seer())),
                    List.of("ISA", CallsSection.pct(calls.isa())), List.of("SCR", CallsSection.pct(calls.scr())),
                    List.of("PDD", CallsSection.dist(calls.pdd())), List.of("Setup time", CallsSection.dist(calls.setupTime())),
                    List.of("Duration", CallsSection.dist(calls.duration()))), false, false);
            if (calls.untimed() > 0) {
                doc.paragraph("Delays are not available for " + fmt(calls.untimed()) + (calls.untimed() == 1 ? " call: "
                        : " calls: ") + CallsSection.UNTIMED + ".");
            }
            List<List<String>> peers = new ArrayList<>();
            calls.failuresByPeer().forEach((peer, codes) -> {
                List<String> c = new ArrayList<>();
                codes.forEach((code, n) -> c.add((code == 0 ? "none" : code.toString()) + " × " + n));
                peers.add(List.of(peer, String.join(", ", c)));
            });
            if (!peers.isEmpty()) {
                doc.heading(3, "Failed calls by responding peer");
                doc.table(List.of("Peer", "Final responses"), peers);
            }
            callDetails(doc, calls, result.total().catalogue(), intervalSeconds);
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

        doc.heading(2, "Responses by code");
        if (t.responses().count() == 0) {
            doc.paragraph("No SIP responses found.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            long total = t.responses().count();
            for (CodeRows.Row r : CodeRows.of(t)) {
                rows.add(List.of(r.code(), r.reason(), r.meaning(), fmt(r.counts().count()),
                        fmt(r.counts().unique()), pct(r.counts().count(), total)));
            }
            doc.table(List.of("Code", "Reason", "Meaning", "Count", "Unique", "Share"), rows, false, false, false, true,
                    true, true);
            doc.chart("Responses by code, coloured by class", () -> Charts.responsesByCode(t));
        }

        if (!t.byMethod().isEmpty()) {
            doc.heading(2, "Requests by method");
            List<List<String>> rows = new ArrayList<>();
            t.byMethod().forEach((m, c) -> rows.add(List.of(m, fmt(c.count()), fmt(c.unique()))));
            doc.table(List.of("Method", "Count", "Unique"), rows, false, true, true);
        }
        if (!t.byMethodAndCode().isEmpty()) {
            doc.heading(2, "Responses by request method");
            List<List<String>> rows = new ArrayList<>();
            t.byMethodAndCode().forEach((m, codes) -> codes.forEach((code, c) -> rows.add(List.of(m,
                    AnalysisReport.codeLabel(code), fmt(c.count()), fmt(c.unique())))));
            doc.table(List.of("Method (CSeq)", "Code", "Count", "Unique"), rows, false, false, true, true);
        }
        if (!t.failuresBySender().isEmpty()) {
            doc.heading(2, "Failure responses by sender");
            List<List<String>> rows = new ArrayList<>();
            var senders = AnalysisReport.bySenderMostFirst(t);
            senders.stream().limit(TOP_SENDERS).forEach(e -> e.getValue().forEach((code, c) -> rows.add(List.of(
                    e.getKey(), AnalysisReport.codeLabel(code), fmt(c.count()), fmt(c.unique())))));
            doc.table(List.of("Sender", "Code", "Count", "Unique"), rows, false, false, true, true);
            if (senders.size() > TOP_SENDERS) {
                doc.paragraph(String.format(Locale.ROOT, "%,d more senders are in the JSON report.",
                        senders.size() - TOP_SENDERS));
            }
        }
        if (!t.problems().isEmpty()) {
            doc.heading(2, "Malformed messages");
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<SipProblem, Long> e : t.problems().entrySet()) {
                rows.add(List.of(e.getKey().description(), fmt(e.getValue())));
            }
            doc.table(List.of("Problem", "Messages"), rows, false, true);
        }

        doc.heading(2, "Inputs");
        for (InputReport r : result.inputs()) {
            doc.heading(3, r.name());
            if (!r.readable()) {
                doc.paragraph("Not read: " + r.error());
                continue;
            }
            doc.paragraph(r.format() + ": " + AnalysisReport.inputBreakdown(r) + ".");
            List<String> warnings = new ArrayList<>(r.warnings());
            if (r.warningsNotListed() > 0) {
                warnings.add(Words.count(r.warningsNotListed(), "more warning", "more warnings") + " not listed");
            }
            if (!warnings.isEmpty()) {
                doc.list(warnings);
            }
        }
        return doc.render();
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
                    c.finalReason().orElse(""), c.pdd().isEmpty() ? "" : String.format(Locale.ROOT, "%.1f",
                            c.pdd().getAsLong() / 1e6),
                    CallsReport.uri(c.fromUri()), CallsReport.uri(c.toUri()),
                    c.answeredBy().filter(e -> !e.isUnspecified()).map(Object::toString).orElse(""),
                    c.callId() == null ? "" : c.callId(),
                    c.input() < result.inputs().size() ? result.inputs().get(c.input()).name() : ""));
        }
        doc.sortableTable(List.of("Start (UTC)", "Outcome", "Code", "Reason", "PDD ms", "From", "To", "Answered by",
                "Call-ID", "Input"), rows, false, false, true, false, true);
    }

    /** What the terminal report says of calls beyond outcomes and KPIs: finals, peers, time, Q.850 causes. */
    private static void callDetails(Doc doc, CallStatistics calls, Catalogue catalogue, long intervalSeconds) {
        if (calls.callsEvicted() > 0) {
            doc.paragraph(String.format(Locale.ROOT, "%s judged early because more than the open-call limit"
                    + " were in progress at once.", Words.count(calls.callsEvicted(), "call was", "calls were")));
        }
        List<List<String>> finals = new ArrayList<>();
        calls.byFinalCode().forEach((code, n) -> finals.add(List.of(code == 0 ? "none" : code.toString(),
                code == 0 ? "no final response" : catalogue.lookup(code).entry().map(e -> e.reason()).orElse(""),
                fmt(n), pct(n, calls.total()))));
        doc.heading(3, "Calls by final response");
        doc.table(List.of("Code", "Reason", "Calls", "Share"), finals, false, false, true, true);

        List<List<String>> dests = new ArrayList<>();
        calls.topFailingDestinations(TOP).forEach(e -> dests.add(List.of(e.getKey(), fmt(e.getValue()))));
        if (!dests.isEmpty()) {
            doc.heading(3, "Top failing destinations");
            doc.table(List.of("Destination", "Failed calls"), dests, false, true);
            List<List<String>> srcs = new ArrayList<>();
            calls.topFailingSources(TOP).forEach(e -> srcs.add(List.of(e.getKey(), fmt(e.getValue()))));
            doc.heading(3, "Top failing sources");
            doc.table(List.of("Source", "Failed calls"), srcs, false, true);
        }

        long interval = calls.interval(intervalSeconds);
        long intervals = calls.timelineLength(interval);
        if (intervals > 1) {
            doc.heading(3, "Calls by time (" + interval + " s intervals, UTC)");
            List<List<String>> rows = new ArrayList<>();
            boolean cut = false;
            for (CallStatistics.TimeRow t : calls.timelineRows(interval)) {
                if (rows.size() >= MAX_TIME_ROWS) {
                    cut = true;
                    break;
                }
                long start = t.startSecond() - t.emptyBefore() * interval;
                if (t.emptyBefore() > CallsSection.EMPTY_SHOWN_AS_ZEROS) {
                    // One row for a long run of empty intervals (inputs far apart in time), not pages of zeros.
                    rows.add(List.of(Instant.ofEpochSecond(start) + " (" + Words.count(t.emptyBefore(),
                            "empty interval") + ")", "0", "0", ""));
                } else {
                    for (long i = 0; i < t.emptyBefore(); i++) {
                        rows.add(List.of(Instant.ofEpochSecond(start + i * interval).toString(), "0", "0", ""));
                    }
                }
                rows.add(List.of(Instant.ofEpochSecond(t.startSecond()).toString(), fmt(t.calls()), fmt(t.failed()),
                        pct(t.failed(), t.calls())));
            }
            doc.table(List.of("From", "Calls", "Failed", "Failed share"), rows, false, true, true, true);
            if (cut) {
                doc.paragraph("Only the first " + MAX_TIME_ROWS + " rows are listed; choose a longer --interval.");
            }
        }

        if (!calls.byQ850Cause().isEmpty()) {
            doc.heading(3, "Q.850 causes (Reason header)");
            List<List<String>> rows = new ArrayList<>();
            calls.byQ850Cause().forEach((c, n) -> rows.add(List.of(c.toString(),
                    Q850Causes.name(c).orElse("(unassigned)"), fmt(n))));
            doc.table(List.of("Cause", "Name", "Calls"), rows, true, false, true);
        }
    }

    /** Registrations and the transactions of other methods. */
    private static void transactions(Doc doc, CallStatistics calls) {
        if (calls.registrations() > 0) {
            doc.heading(2, "Registrations");
            doc.paragraph(String.format(Locale.ROOT, "%,d registration attempts, %,d challenged first; IRA %s;"
                    + " RRD %s.", calls.registrations(), calls.registrationsChallenged(), CallsSection.pct(calls.ira()),
                    CallsSection.dist(calls.rrd())));
            List<List<String>> rows = new ArrayList<>();
            calls.registrationsByFinalCode().forEach((code, n) -> rows.add(List.of(code == 0 ? "none" : code.toString(),
                    fmt(n))));
            doc.table(List.of("Final response", "Registrations"), rows, false, true);
        }
        if (!calls.transactionTotals().isEmpty()) {
            doc.heading(2, "Other transactions");
            List<List<String>> rows = new ArrayList<>();
            calls.transactionTotals().forEach((m, n) -> {
                List<String> codes = new ArrayList<>();
                calls.transactionsByFinalCode().getOrDefault(m, Map.of()).forEach((c, k) -> codes.add(c + " × " + k));
                rows.add(List.of(m, fmt(n), String.join(", ", codes)));
            });
            doc.table(List.of("Method", "Transactions", "Final responses"), rows, false, true, false);
        }
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pct(long n, long total) {
        return total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total);
    }
}
