package org.sipanalyzer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.sip.SipProblem;

/** An analysis as a document (Markdown or HTML): the same sections, one composition for both. */
final class DocumentReport {

    private DocumentReport() {
    }

    static String render(Doc doc, AnalysisResult result, CallStatistics calls) {
        MessageStatistics t = result.total();
        doc.heading(1, "SIP analysis");
        doc.paragraph(String.format(Locale.ROOT, "%d of %d inputs read: %,d packets, %,d SIP messages (%,d requests,"
                        + " %,d responses), %,d retransmissions, %,d malformed, %,d non-SIP payloads, %,d undecodable.",
                result.inputs().stream().filter(InputReport::readable).count(), result.inputs().size(), result.packets(),
                t.messages().count(), t.requests().count(), t.responses().count(), t.retransmissions(), t.malformed(),
                result.nonSipPayloads(), result.undecodablePackets()));

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
            doc.table(List.of("KPI", "Value"), List.of(
                    List.of("ASR", CallsSection.pct(calls.asr())), List.of("NER", CallsSection.pct(calls.ner())),
                    List.of("SER", CallsSection.pct(calls.ser())), List.of("SEER", CallsSection.pct(calls.seer())),
                    List.of("ISA", CallsSection.pct(calls.isa())), List.of("SCR", CallsSection.pct(calls.scr())),
                    List.of("PDD", CallsSection.dist(calls.pdd())), List.of("Setup time", CallsSection.dist(calls.setupTime())),
                    List.of("Duration", CallsSection.dist(calls.duration()))), false, false);
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
                warnings.add(r.warningsNotListed() + " more warnings not listed");
            }
            if (!warnings.isEmpty()) {
                doc.list(warnings);
            }
        }
        return doc.render();
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pct(long n, long total) {
        return total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total);
    }
}
