package org.sipanalyzer.report;

import java.util.ArrayList;
import java.util.List;
import org.sipanalyzer.analysis.CodeStatistics;
import org.sipanalyzer.analysis.Counts;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.catalogue.ResponseClass;

/**
 * The rows of a "responses by code" table, shared by the terminal and the document reports: each class as a
 * heading row with its subtotal, followed by its codes in order; invalid codes last, under their own heading.
 */
final class CodeRows {

    /**
     * One row.
     *
     * @param heading true for a class (or the invalid codes') subtotal
     * @param code the class's short name, or the code as {@link AnalysisReport#codeLabel(int)} writes it
     * @param reason the class's label, the catalogue's phrase, or for an unregistered code the phrase sent
     * @param meaning empty on a heading
     */
    record Row(boolean heading, String code, String reason, String meaning, Counts counts) {
    }

    private CodeRows() {
    }

    static List<Row> of(MessageStatistics t) {
        List<Row> rows = new ArrayList<>();
        List<Row> invalid = new ArrayList<>();
        ResponseClass current = null;
        for (CodeStatistics c : t.byCode().values()) {
            CodeLookup l = c.lookup();
            ResponseClass cls = l.responseClass().orElse(null);
            Row row = new Row(false, AnalysisReport.codeLabel(c.code()), reason(c), l.meaning(), c.counts());
            if (cls == null) {
                invalid.add(row); // below 100 or above 699: after every class, whatever their number
                continue;
            }
            if (cls != current) {
                current = cls;
                rows.add(new Row(true, cls.shortName(), cls.label(), "", t.byClass().get(cls)));
            }
            rows.add(row);
        }
        if (!invalid.isEmpty()) {
            rows.add(new Row(true, "invalid", "Invalid status codes", "", t.invalidCodes()));
            rows.addAll(invalid);
        }
        return rows;
    }

    /** The catalogue's phrase for a known code; for any other, the first phrase sent on the wire. */
    static String reason(CodeStatistics c) {
        CodeLookup l = c.lookup();
        if (l.isKnown()) {
            return l.entry().orElseThrow().reason();
        }
        String sent = c.phrases().keySet().stream().findFirst().orElse("");
        return sent.isEmpty() ? "(no phrase)" : sent;
    }
}
