package org.sipanalyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.catalogue.CodeStatus;
import org.sipanalyzer.catalogue.ResponseClass;
import org.sipanalyzer.catalogue.ResponseCode;

/**
 * Writes catalogue entries, or the result of looking up arbitrary codes, in every {@link OutputFormat}.
 * Unregistered codes are written with the entry they are treated as; invalid codes are never passed here.
 */
public final class CatalogueReport {

    /** The version of the JSON layout; raised on any incompatible change. */
    public static final int JSON_SCHEMA_VERSION = 1;

    /** The SQL table the {@code sql} format creates. */
    public static final String SQL_TABLE = "sip_response_code";

    static final List<String> COLUMNS = List.of("code", "class", "class_name", "reason", "aliases", "status",
            "rfc", "treated_as", "meaning");

    private final List<Row> rows;

    private CatalogueReport(List<Row> rows) {
        this.rows = rows;
    }

    /** A report over looked-up codes; every lookup must be valid (100-699). */
    public static CatalogueReport of(List<CodeLookup> lookups) {
        return new CatalogueReport(lookups.stream().map(Row::of).toList());
    }

    /** A report over catalogue entries. */
    public static CatalogueReport ofEntries(List<ResponseCode> entries) {
        return new CatalogueReport(entries.stream()
                .map(e -> new Row(e.code(), e.status(), e)).toList());
    }

    /** Writes the report in {@code format}; {@code width} is the terminal width used by the text format. */
    public void write(OutputFormat format, Writer out, int width) throws IOException {
        switch (format) {
            case TEXT -> writeText(out, width);
            case CSV -> writeCsv(out);
            case JSON -> writeJson(out);
            case SQL -> writeSql(out);
            case MARKDOWN -> writeMarkdown(out);
        }
        out.flush();
    }

    /** One output row: the code as asked for, and the entry that governs it. */
    private record Row(int code, CodeStatus status, ResponseCode entry) {
        static Row of(CodeLookup l) {
            Objects.requireNonNull(l);
            if (!l.isValid()) {
                throw new IllegalArgumentException("code " + l.code() + " is not a SIP status code");
            }
            return new Row(l.code(), l.status(), l.entry().orElseThrow());
        }

        boolean registered() {
            return status != CodeStatus.UNREGISTERED;
        }

        ResponseClass responseClass() {
            return ResponseClass.of(code).orElseThrow();
        }

        String reason() {
            return registered() ? entry.reason() : "";
        }

        String aliases() {
            return registered() ? String.join("|", entry.aliases()) : "";
        }

        String rfc() {
            return registered() ? entry.rfc() : "";
        }

        String meaning() {
            if (registered()) {
                return entry.meaning();
            }
            return "Not a registered SIP response code. A client that does not recognise it treats it as "
                    + entry.code() + " " + entry.reason() + " (RFC 3261 section 8.1.3.2): " + entry.meaning();
        }
    }

    private void writeText(Writer out, int width) throws IOException {
        TextTable table = new TextTable(List.of("CODE", "REASON", "RFC", "STATUS", "MEANING"));
        ResponseClass current = null;
        boolean grouped = rows.size() > 1;
        for (Row r : rows) {
            if (grouped && r.responseClass() != current) {
                current = r.responseClass();
                table.addHeading(current.shortName() + " " + current.label());
            }
            String meaning = r.meaning();
            if (r.registered() && !r.entry.aliases().isEmpty()) {
                meaning += " Also written: \"" + String.join("\", \"", r.entry.aliases()) + "\".";
            }
            // "registered" is the normal case; the column only flags the exceptions.
            String status = r.status == CodeStatus.REGISTERED ? "" : r.status.word();
            table.add(List.of(Integer.toString(r.code), r.registered() ? r.reason() : "(unregistered)", r.rfc(),
                    status, meaning));
        }
        out.write(table.render(width));
    }

    private void writeCsv(Writer out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();
        try (CSVPrinter csv = new CSVPrinter(new NonClosingWriter(out), format)) {
            for (Row r : rows) {
                csv.printRecord(r.code, r.responseClass().shortName(), r.responseClass().label(), r.reason(),
                        r.aliases(), r.status.word(), r.rfc(), r.entry.code(), r.meaning());
            }
        }
    }

    private void writeJson(Writer out) throws IOException {
        JsonFactory factory = new JsonFactory();
        try (JsonGenerator g = factory.createGenerator(new NonClosingWriter(out))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", JSON_SCHEMA_VERSION);
            g.writeArrayFieldStart("codes");
            for (Row r : rows) {
                g.writeStartObject();
                g.writeNumberField("code", r.code);
                g.writeStringField("class", r.responseClass().shortName());
                g.writeStringField("className", r.responseClass().label());
                if (r.registered()) {
                    g.writeStringField("reason", r.reason());
                } else {
                    g.writeNullField("reason");
                }
                g.writeArrayFieldStart("aliases");
                if (r.registered()) {
                    for (String a : r.entry.aliases()) {
                        g.writeString(a);
                    }
                }
                g.writeEndArray();
                g.writeStringField("status", r.status.word());
                g.writeBooleanField("registered", r.status == CodeStatus.REGISTERED
                        || r.status == CodeStatus.DEPRECATED);
                if (r.registered()) {
                    g.writeStringField("rfc", r.rfc());
                } else {
                    g.writeNullField("rfc");
                }
                g.writeNumberField("treatedAs", r.entry.code());
                g.writeStringField("meaning", r.meaning());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private void writeSql(Writer out) throws IOException {
        out.write("-- SIP response codes, written by sip-analyzer. Loads into SQLite and PostgreSQL as it is, and"
                + " again:\n-- the table's rows are replaced.\n");
        out.write("BEGIN;\n");
        out.write("CREATE TABLE IF NOT EXISTS " + SQL_TABLE + " (\n"
                + "  code INTEGER PRIMARY KEY,\n"
                + "  response_class TEXT NOT NULL,\n"
                + "  class_name TEXT NOT NULL,\n"
                + "  reason TEXT,\n"
                + "  aliases TEXT,\n"
                + "  status TEXT NOT NULL,\n"
                + "  rfc TEXT,\n"
                + "  treated_as INTEGER NOT NULL,\n"
                + "  meaning TEXT NOT NULL\n"
                + ");\n");
        out.write("DELETE FROM " + SQL_TABLE + ";\n");
        String columns = "code, response_class, class_name, reason, aliases, status, rfc, treated_as, meaning";
        for (Row r : rows) {
            out.write("INSERT INTO " + SQL_TABLE + " (" + columns + ") VALUES ("
                    + r.code + ", "
                    + SqlReport.text(r.responseClass().shortName()) + ", "
                    + SqlReport.text(r.responseClass().label()) + ", "
                    + (r.registered() ? SqlReport.text(r.reason()) : "NULL") + ", "
                    + (r.registered() && !r.entry.aliases().isEmpty() ? SqlReport.text(r.aliases()) : "NULL") + ", "
                    + SqlReport.text(r.status.word()) + ", "
                    + (r.registered() ? SqlReport.text(r.rfc()) : "NULL") + ", "
                    + r.entry.code() + ", "
                    + SqlReport.text(r.meaning()) + ");\n");
        }
        out.write("COMMIT;\n");
    }

    private void writeMarkdown(Writer out) throws IOException {
        out.write("| Code | Class | Reason | Status | RFC | Meaning |\n");
        out.write("|-----:|-------|--------|--------|-----|---------|\n");
        for (Row r : rows) {
            out.write("| " + r.code + " | " + r.responseClass().shortName() + " " + r.responseClass().label()
                    + " | " + Markdown.cell(r.registered() ? r.reason() : "(unregistered)")
                    + " | " + r.status.word()
                    + " | " + Markdown.cell(r.rfc())
                    + " | " + Markdown.cell(r.meaning()) + " |\n");
        }
    }
}
