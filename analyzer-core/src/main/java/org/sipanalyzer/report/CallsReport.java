package org.sipanalyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.Q850Causes;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.scan.NameAddr;

/** One row per call (text, CSV, JSON), and one call's messages as a ladder diagram. */
public final class CallsReport {

    public static final List<OutputFormat> FORMATS = List.of(OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON,
            OutputFormat.SQL);
    static final List<String> COLUMNS = List.of("start", "call_id", "from", "to", "caller", "callee", "outcome",
            "final_code", "final_reason", "meaning", "q850_cause", "q850_name", "pdd_ms", "setup_ms", "duration_s",
            "answered_by", "answering_agent", "challenged", "invites", "reinvites", "dialogs", "input");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final Iterable<Call> calls;
    private final List<String> inputNames;
    private String analysisId = "analysis";

    /**
     * @param calls the calls in listing order; read once for CSV and JSON and twice for text (column widths, then
     *     rows), so that a listing of millions of calls never needs them all in memory (see CallSpool)
     */
    private final Catalogue catalogue;

    /** The calls, the names of the inputs they came from, and the catalogue their final codes are explained from. */
    public CallsReport(Iterable<Call> calls, List<String> inputNames, Catalogue catalogue) {
        this.calls = calls;
        this.inputNames = inputNames;
        this.catalogue = catalogue;
    }

    /** The id the SQL format files these calls under (loading them again replaces their rows). */
    public CallsReport withAnalysisId(String id) {
        this.analysisId = id;
        return this;
    }

    public void write(OutputFormat format, Writer out, int width) throws IOException {
        switch (format) {
            case SQL -> SqlReport.writeCalls(out, analysisId, calls, inputNames);
            case TEXT -> writeText(out, width);
            case CSV -> writeCsv(out);
            case JSON -> writeJson(out);
            default -> throw new IllegalArgumentException("calls cannot be written as " + format.word());
        }
        out.flush();
    }

    private String meaning(java.util.OptionalInt code) {
        return code.isEmpty() ? "No final response." : catalogue.lookup(code.getAsInt()).meaning();
    }

    private static String endpoint(Endpoint e) {
        return e == null || e.isUnspecified() ? "" : e.toString();
    }

    private static String endpoint(java.util.Optional<Endpoint> e) {
        return endpoint(e.orElse(null));
    }

    private static String ms(java.util.OptionalLong nanos) {
        return nanos.isEmpty() ? "" : String.format(Words.NUMBERS, "%.1f", nanos.getAsLong() / 1e6);
    }

    private static String seconds(java.util.OptionalLong nanos) {
        return nanos.isEmpty() ? "" : String.format(Words.NUMBERS, "%.3f", nanos.getAsLong() / 1e9);
    }

    private static String code(java.util.OptionalInt code, String none) {
        return code.isEmpty() ? none : Integer.toString(code.getAsInt());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static final List<String> TEXT_HEAD = List.of("START (UTC)", "OUTCOME", "CODE", "PDD", "SETUP",
            "DURATION", "FROM", "TO", "CALL-ID");

    private static String[] textRow(Call c) {
        return new String[] {c.timed() ? TIME.format(Instant.ofEpochSecond(0, c.start())) : "-", c.outcome().word(),
            code(c.finalCode(), "-"), c.pdd().isEmpty() ? "-" : ms(c.pdd()) + "ms",
            c.setupTime().isEmpty() ? "-" : ms(c.setupTime()) + "ms",
            c.duration().isEmpty() ? "-" : seconds(c.duration()) + "s",
            TextTable.shorten(TextTable.clean(uri(c.fromUri())), 28),
            TextTable.shorten(TextTable.clean(uri(c.toUri())), 28),
            TextTable.clean(nz(c.callId()))};
    }

    /** Two passes over the calls: the widest cell of each column, then the rows, written as they are made. */
    private void writeText(Writer out, int width) throws IOException {
        int[] w = new int[TEXT_HEAD.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = TEXT_HEAD.get(i).length();
        }
        for (Call c : calls) {
            String[] r = textRow(c);
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, TEXT_HEAD.toArray(String[]::new), w, width);
        long n = 0;
        for (Call c : calls) {
            appendRow(sb, textRow(c), w, width);
            n++;
            if (sb.length() > 64 * 1024) {
                out.write(sb.toString());
                sb.setLength(0);
            }
        }
        sb.append(Words.count(n, "call")).append('\n');
        out.write(sb.toString());
    }

    private static void appendRow(StringBuilder sb, String[] r, int[] w, int width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
            line.append(r[i]);
            if (i < r.length - 1) {
                line.append(" ".repeat(w[i] - r[i].length() + 2));
            }
        }
        String l = line.toString();
        sb.append(l.length() > Math.max(width, 200) ? l.substring(0, Math.max(width, 200)) : l).append('\n');
    }

    /** The URI part of a From or To value: what is inside angle brackets, or the value. */
    static String uri(String header) {
        return org.sipanalyzer.scan.NameAddr.uri(header);
    }

    private void writeCsv(Writer out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();
        try (CSVPrinter csv = new CSVPrinter(new NonClosingWriter(out), format)) {
            for (Call c : calls) {
                csv.printRecord(c.timed() ? Instant.ofEpochSecond(0, c.start()).toString() : "",
                        Csv.safe(nz(c.callId())), Csv.safe(uri(c.fromUri())), Csv.safe(uri(c.toUri())),
                        endpoint(c.caller()), endpoint(c.callee()),
                        c.outcome().word(), code(c.finalCode(), ""), Csv.safe(c.finalReason().orElse("")),
                        Csv.safe(meaning(c.finalCode())), code(c.q850Cause(), ""),
                        c.q850Cause().isEmpty() ? "" : Q850Causes.name(c.q850Cause().getAsInt()).orElse(""),
                        ms(c.pdd()), ms(c.setupTime()), seconds(c.duration()), endpoint(c.answeredBy()),
                        Csv.safe(c.answeringAgent().orElse("")), c.challenged(), c.invites(), c.reInvites(),
                        c.dialogs(), Csv.safe(c.input() < inputNames.size() ? inputNames.get(c.input()) : ""));
            }
        }
    }

    private void writeJson(Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(new NonClosingWriter(out))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", AnalysisReport.JSON_SCHEMA_VERSION);
            g.writeArrayFieldStart("calls");
            for (Call c : calls) {
                g.writeStartObject();
                if (c.timed()) {
                    g.writeStringField("start", Instant.ofEpochSecond(0, c.start()).toString());
                } else {
                    g.writeNullField("start");
                }
                g.writeStringField("callId", c.callId());
                g.writeStringField("from", uri(c.fromUri()));
                g.writeStringField("to", uri(c.toUri()));
                g.writeStringField("caller", endpoint(c.caller()));
                g.writeStringField("callee", endpoint(c.callee()));
                g.writeStringField("outcome", c.outcome().word());
                if (c.finalCode().isEmpty()) {
                    g.writeNullField("finalCode");
                } else {
                    g.writeNumberField("finalCode", c.finalCode().getAsInt());
                }
                g.writeStringField("finalReason", c.finalReason().orElse(""));
                g.writeStringField("meaning", meaning(c.finalCode()));
                if (c.q850Cause().isPresent()) {
                    g.writeNumberField("q850Cause", c.q850Cause().getAsInt());
                    g.writeStringField("q850Name", Q850Causes.name(c.q850Cause().getAsInt()).orElse(null));
                } else {
                    g.writeNullField("q850Cause");
                    g.writeNullField("q850Name");
                }
                g.writeStringField("reasonHeader", c.reasonHeader().orElse(null));
                g.writeStringField("warning", c.warning().orElse(null));
                g.writeStringField("retryAfter", c.retryAfter().orElse(null));
                nanos(g, "pddMs", c.pdd(), 1e6);
                nanos(g, "setupMs", c.setupTime(), 1e6);
                nanos(g, "durationSeconds", c.duration(), 1e9);
                // null, as CSV leaves it empty, when no final response came or the input did not say who sent it
                String answeredBy = endpoint(c.answeredBy());
                g.writeStringField("answeredBy", answeredBy.isEmpty() ? null : answeredBy);
                g.writeStringField("answeringAgent", c.answeringAgent().orElse(null));
                g.writeBooleanField("challenged", c.challenged());
                g.writeNumberField("invites", c.invites());
                g.writeNumberField("reInvites", c.reInvites());
                g.writeNumberField("dialogs", c.dialogs());
                g.writeStringField("input", c.input() < inputNames.size() ? inputNames.get(c.input()) : null);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void nanos(JsonGenerator g, String name, java.util.OptionalLong v, double unit) throws IOException {
        if (v.isEmpty()) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, Math.round(v.getAsLong() / unit * 1000) / 1000.0);
        }
    }

    /** One call's messages as a ladder: a column per endpoint, an arrow per message, time on the left. */
    public static String ladder(String callId, List<SipEvent> events, int width) {
        Map<Endpoint, Integer> columns = new LinkedHashMap<>();
        for (SipEvent e : events) {
            columns.putIfAbsent(e.source(), columns.size());
            columns.putIfAbsent(e.destination(), columns.size());
        }
        int n = Math.max(2, columns.size());
        int timeWidth = 16;
        int col = Math.max(24, Math.min(44, (width - timeWidth) / n));
        StringBuilder sb = new StringBuilder();
        sb.append("Call-ID: ").append(TextTable.clean(callId)).append(" (").append(events.size())
                .append(" messages)\n");
        StringBuilder header = new StringBuilder(" ".repeat(timeWidth));
        for (Endpoint e : columns.keySet()) {
            String name = TextTable.shorten(e.toString(), col - 2);
            int pad = Math.max(0, (col - name.length()) / 2);
            header.append(" ".repeat(pad)).append(name).append(" ".repeat(Math.max(0, col - pad - name.length())));
        }
        sb.append(header.toString().stripTrailing()).append('\n');
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
        for (SipEvent e : events) {
            int a = columns.get(e.source());
            int b = columns.get(e.destination());
            char[] line = new char[col * n];
            java.util.Arrays.fill(line, ' ');
            for (int i = 0; i < n; i++) {
                line[i * col + col / 2] = '|';
            }
            int from = Math.min(a, b) * col + col / 2;
            int to = Math.max(a, b) * col + col / 2;
            for (int i = from + 1; i < to; i++) {
                line[i] = '-';
            }
            if (b > a) {
                line[to - 1] = '>';
            } else {
                line[from + 1] = '<';
            }
            String label = TextTable.clean(e.message().firstLine());
            if (e.duplicate()) {
                label = "(duplicate) " + label;
            } else if (e.retransmission()) {
                label = "(retransmission) " + label;
            }
            label = TextTable.shorten(label, Math.max(4, to - from - 5));
            int start = from + 2 + Math.max(0, (to - from - 3 - label.length()) / 2);
            for (int i = 0; i < label.length() && start + i < to - 1; i++) {
                line[start + i] = label.charAt(i);
            }
            sb.append(String.format(Words.NUMBERS, "%-" + timeWidth + "s", time.format(Instant.ofEpochSecond(0,
                    e.timestampNanos())))).append(new String(line).stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
