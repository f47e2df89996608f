package org.sipanalyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.CodeStatistics;
import org.sipanalyzer.analysis.Counts;
import org.sipanalyzer.analysis.Diagnostic;
import org.sipanalyzer.analysis.FilterSummary;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.analysis.MessageCounts;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.analysis.PacketCount;
import org.sipanalyzer.analysis.UnwrapCount;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.catalogue.CodeStatus;
import org.sipanalyzer.catalogue.ResponseClass;
import org.sipanalyzer.net.ReassemblyStats;
import org.sipanalyzer.sip.SipProblem;

/** Writes an {@link AnalysisResult} as a terminal report, JSON (schema in docs/json-schema.md) or CSV. */
public final class AnalysisReport {

    /** The version of the JSON layout; raised on any incompatible change. */
    public static final int JSON_SCHEMA_VERSION = 1;

    public static final List<OutputFormat> FORMATS = List.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV,
            OutputFormat.MARKDOWN, OutputFormat.HTML, OutputFormat.SQL);

    static final List<String> CSV_COLUMNS = List.of("code", "class", "reason", "status", "registered", "treated_as",
            "count", "unique", "share", "meaning");

    /** The tables the CSV format can write, one at a time (CSV holds one table). */
    public enum CsvTable {
        /** Responses by code with the catalogue's view of each (the default). */
        CODES,
        /** Requests by method. */
        METHODS,
        /** Responses by the method of their CSeq and by code. */
        METHOD_CODES,
        /** Failure responses (4xx-6xx) by the host that sent them and by code. */
        SENDERS,
        /** Calls by outcome. */
        OUTCOMES,
        /** Calls by last final response. */
        FINALS,
        /** Failed calls by responding peer and final response. */
        PEERS,
        /** Calls and failed calls per interval. */
        TIME,
        /** Each input with what was read, skipped, malformed and undecodable. */
        INPUTS;

        /** The name on the command line. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The table named {@code word} (any case). */
        public static Optional<CsvTable> of(String word) {
            for (CsvTable t : values()) {
                if (t.word().equalsIgnoreCase(word.strip())) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    private final AnalysisResult result;
    private final CallStatistics calls;
    private long intervalSeconds;
    private CsvTable csvTable = CsvTable.CODES;
    private String analysisId = "analysis";
    /** Rows of every "top" list (failing senders, peers, destinations, sources), alike in every format. */
    static final int TOP = 10;
    /** Beyond this many intervals, the CSV time table lists only intervals that hold calls. */
    private static final long MAX_FILLED_INTERVALS = 100_000;

    public AnalysisReport(AnalysisResult result) {
        this(result, null);
    }

    /** A report with a calls section, from a {@link org.sipanalyzer.calls.CallTracker} run over the same inputs. */
    public AnalysisReport(AnalysisResult result, CallStatistics calls) {
        this.result = result;
        this.calls = calls;
    }

    /** Sets the width of the calls-by-time buckets; 0 (the default) chooses it from the capture's span. */
    public AnalysisReport withInterval(long seconds) {
        this.intervalSeconds = seconds;
        return this;
    }

    /** Chooses the table the CSV format writes ({@link CsvTable#CODES} by default). */
    public AnalysisReport withCsvTable(CsvTable table) {
        this.csvTable = table;
        return this;
    }

    private List<org.sipanalyzer.calls.Call> failedCalls = List.of();

    /** Failed calls for the HTML and Markdown reports to list (the first {@link FailedCalls#MAX_LISTED} by start). */
    public AnalysisReport withFailedCalls(List<org.sipanalyzer.calls.Call> calls) {
        this.failedCalls = calls;
        return this;
    }


    private List<FailedCalls.Ladder> ladders = List.of();
    private MetricRegistry metrics;

    /** The metrics the taps published, for the JSON report's {@code metrics}; none without. */
    public AnalysisReport withMetrics(MetricRegistry metrics) {
        this.metrics = metrics;
        return this;
    }

    /** Failed calls the HTML report draws message by message (FailedCalls). */
    public AnalysisReport withLadders(List<FailedCalls.Ladder> ladders) {
        this.ladders = ladders;
        return this;
    }

    /**
     * What a filter left out, in one line for every report: "filter --code 5xx: 812 messages and 57 calls left out".
     */
    public static String filterLine(FilterSummary f) {
        return "filter " + f.applied() + ": " + Words.count(f.messagesRemoved(), "message") + " and "
                + Words.count(f.callsRemoved(), "call") + " left out"
                + (f.notExamined() > 0 ? "; " + Words.count(f.notExamined(), "message")
                        + " of Call-IDs beyond the 2,000,000 followed per input were left out unexamined" : "");
    }

    /** The filter's line, or null without a filter. */
    private String filterLine() {
        return result.filter().map(AnalysisReport::filterLine).orElse(null);
    }

    /** The id the SQL format files this analysis under (loading it again replaces its rows). */
    public AnalysisReport withAnalysisId(String id) {
        this.analysisId = id;
        return this;
    }

    /**
     * One line saying what was read and what was not: inputs, packets, messages, retransmissions, duplicates,
     * malformed, non-SIP and undecodable. The text report starts with it; it goes with every other format too.
     */
    public String summaryLine() {
        return summaryLine(result);
    }

    static String summaryLine(AnalysisResult result) {
        MessageStatistics t = result.total();
        long readable = result.inputs().stream().filter(InputReport::readable).count();
        return String.format(Words.NUMBERS, "%d of %s read: %s, %s (%s, %s), %s, %s%,d malformed, %s, %,d undecodable",
                readable, Words.count(result.inputs().size(), "input"), Words.count(result.packets(), "packet"),
                Words.count(t.messages().count(), "SIP message"), Words.count(t.requests().count(), "request"),
                Words.count(t.responses().count(), "response"), Words.count(t.retransmissions(), "retransmission"),
                t.duplicates() > 0 ? Words.count(t.duplicates(), "duplicate capture") + ", " : "",
                t.malformed(), Words.count(result.nonSipPayloads(), "non-SIP payload"), result.undecodablePackets());
    }

    /** Writes the report; {@code width} is the terminal width for the text format. */
    public void write(OutputFormat format, Writer out, int width) throws IOException {
        switch (format) {
            case TEXT -> out.write(DocumentReport.render(new TextDoc(width), result, calls, intervalSeconds,
                    failedCalls, filterLine(), ladders));
            case JSON -> writeJson(out);
            case CSV -> writeCsv(out);
            case MARKDOWN -> out.write(DocumentReport.render(new Doc.MarkdownDoc(), result, calls, intervalSeconds,
                    failedCalls, filterLine(), ladders));
            case SQL -> SqlReport.writeAnalysis(out, analysisId, result, calls);
            case HTML -> out.write(DocumentReport.render(new Doc.HtmlDoc("SIP analysis"), result, calls,
                    intervalSeconds, failedCalls, filterLine(), ladders));
            default -> throw new IllegalArgumentException("an analysis cannot be written as " + format.word());
        }
        out.flush();
    }

    // ---------------------------------------------------------------- text

    /** Every packet of the input accounted for, listing the kinds that occurred. */
    static String inputBreakdown(InputReport r) {
        List<String> parts = new ArrayList<>();
        parts.add(Words.count(r.packets(), "packet"));
        parts.add(Words.count(r.sipMessages(), "SIP message") + " (" + Words.count(r.counts().responses(), "response")
                + ")");
        addIf(parts, r.sctpPackets(), "SCTP packet", "SCTP packets");
        addIf(parts, r.nonSipPayloads(), "non-SIP payload", "non-SIP payloads");
        addIf(parts, r.emptyPayloads(), "empty payload", "empty payloads");
        addIf(parts, r.keepAlives(), "keep-alive", "keep-alives");
        addIf(parts, r.ipFragments(), "IP fragment", "IP fragments");
        addIf(parts, r.otherIp(), "packet of another IP protocol", "packets of other IP protocols");
        addIf(parts, r.notIp(), "not IP", "not IP");
        addIf(parts, r.undecodablePackets(), "undecodable", "undecodable");
        addIf(parts, r.truncatedFrames(), "cut short by snaplen", "cut short by snaplen");
        var re = r.reassembly();
        if (re != null) {
            addIf(parts, re.datagramsReassembled(), "datagram reassembled", "datagrams reassembled");
            addIf(parts, re.datagramsIncomplete(), "datagram missing a fragment", "datagrams missing a fragment");
            addIf(parts, re.tcpDirections(), "TCP stream direction", "TCP stream directions");
            addIf(parts, re.webSocketMessages(), "WebSocket message", "WebSocket messages");
            addIf(parts, re.sctpReassembled(), "message reassembled from SCTP pieces",
                    "messages reassembled from SCTP pieces");
            addIf(parts, r.count(UnwrapCount.HEP_PACKETS), "HEP packet", "HEP packets");
            addIf(parts, r.count(UnwrapCount.ICMP_QUOTED_SIP), "ICMP error quoting SIP (not counted as a message)",
                    "ICMP errors quoting SIP (not counted as messages)");
            addIf(parts, re.encryptedFlowCount(), "encrypted flow", "encrypted flows");
        }
        addIf(parts, r.strictRejected(), "rejected by JAIN-SIP", "rejected by JAIN-SIP");
        r.logTimes().ifPresent(t -> parts.add("times: " + t));
        r.logEndpoints().ifPresent(e -> parts.add("addresses: " + e));
        return String.join(", ", parts);
    }

    private static void addIf(List<String> parts, long n, String one, String many) {
        if (n > 0) {
            parts.add(Words.count(n, one, many));
        }
    }

    /** Senders of failure responses, the one with most first (unique responses, then name). */
    static List<Map.Entry<String, Map<Integer, Counts>>> bySenderMostFirst(MessageStatistics t) {
        return t.failuresBySender().entrySet().stream()
                .sorted((a, b) -> Long.compare(total(b.getValue()), total(a.getValue()))).toList();
    }

    private static long total(Map<Integer, Counts> codes) {
        return codes.values().stream().mapToLong(Counts::unique).sum();
    }

    /** A method name for the terminal: cleaned, and a fuzzer's thousand-character token shortened. */
    static String methodLabel(String method) {
        return TextTable.shorten(TextTable.clean(method), 40);
    }

    static String codeLabel(int code) {
        if (code == MessageStatistics.NON_NUMERIC_CODE) {
            return "non-numeric";
        }
        if (code == MessageStatistics.OTHER_CODE) {
            return "other";
        }
        return Integer.toString(code);
    }

    private static String fmt(long n) {
        return String.format(Words.NUMBERS, "%,d", n);
    }

    // ---------------------------------------------------------------- JSON

    private void writeJson(Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(new NonClosingWriter(out))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", JSON_SCHEMA_VERSION);
            if (result.filter().isPresent()) {
                FilterSummary f = result.filter().get();
                g.writeObjectFieldStart("filter");
                g.writeStringField("applied", f.applied());
                g.writeNumberField("messagesRemoved", f.messagesRemoved());
                g.writeNumberField("callsRemoved", f.callsRemoved());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("inputs");
            for (InputReport r : result.inputs()) {
                writeInput(g, r);
            }
            g.writeEndArray();
            writeStatistics(g, result.total(), result.inputs().stream().mapToLong(InputReport::nonSipPayloads).sum(),
                    result.undecodablePackets());
            if (calls != null) {
                CallsSection.writeJson(g, calls, intervalSeconds);
            }
            if (metrics != null) {
                writeMetrics(g, metrics);
            }
            g.writeArrayFieldStart("failedStatistics");
            for (String f : result.failedListeners()) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    /**
     * Every metric by the name {@code check} takes: a count with what its share is of, a ratio in percent, a delay in
     * milliseconds; null when there was nothing to measure.
     */
    private static void writeMetrics(JsonGenerator g, MetricRegistry metrics) throws IOException {
        g.writeArrayFieldStart("metrics");
        for (MetricRegistry.Metric m : metrics.all()) {
            g.writeStartObject();
            g.writeStringField("name", m.name());
            g.writeStringField("kind", m.kind().name().toLowerCase(Locale.ROOT));
            g.writeFieldName("value");
            writeReported(g, m);
            g.writeStringField("unit", m.unit());
            if (m.kind() == MetricRegistry.Kind.COUNT) {
                g.writeNumberField("of", m.whole());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A metric's value as reports give it: null when nothing was measured, a count as an integer. */
    static void writeReported(JsonGenerator g, MetricRegistry.Metric m) throws IOException {
        double v = m.reported();
        if (Double.isNaN(v)) {
            g.writeNull();
        } else if (m.kind() == MetricRegistry.Kind.COUNT) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(v);
        }
    }

    private static void writeInput(JsonGenerator g, InputReport r) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", r.name());
        g.writeBooleanField("readable", r.readable());
        if (!r.readable()) {
            g.writeStringField("error", r.error());
        } else {
            g.writeStringField("format", r.format());
            if (r.logTimes().isPresent()) {
                g.writeObjectFieldStart("log");
                g.writeStringField("times", r.logTimes().get());
                g.writeStringField("endpoints", r.logEndpoints().orElse("none"));
                g.writeEndObject();
            }
        }
        g.writeNumberField("packets", r.packets());
        g.writeNumberField("sipMessages", r.sipMessages());
        g.writeObjectFieldStart("packetsByKind");
        for (PacketCount k : PacketCount.values()) {
            g.writeNumberField(k.jsonName(), r.count(k));
        }
        g.writeEndObject();
        writeReassembly(g, r);
        g.writeArrayFieldStart("warnings");
        for (String w : r.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("diagnostics");
        for (Diagnostic d : r.diagnostics()) {
            g.writeStartObject();
            g.writeStringField("kind", d.kind().code());
            if (d.frame().isPresent()) {
                g.writeNumberField("frame", d.frame().getAsLong());
            }
            if (d.byteOffset().isPresent()) {
                g.writeNumberField("byteOffset", d.byteOffset().getAsLong());
            }
            if (d.flow().isPresent()) {
                g.writeStringField("flow", d.flow().get());
            }
            g.writeStringField("text", d.text());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("warningsNotListed", r.warningsNotListed());
        g.writeObjectFieldStart("statistics");
        if (r.condensed()) {
            writeMessages(g, r.counts(), r.nonSipPayloads(), r.undecodablePackets());
        } else {
            writeStatistics(g, r.statistics(), r.nonSipPayloads(), r.undecodablePackets());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeReassembly(JsonGenerator g, InputReport input) throws IOException {
        org.sipanalyzer.net.ReassemblyStats r = input.reassembly();
        g.writeObjectFieldStart("reassembly");
        if (r != null) {
            g.writeNumberField("datagramsReassembled", r.datagramsReassembled());
            g.writeNumberField("datagramsIncomplete", r.datagramsIncomplete());
            g.writeArrayFieldStart("incompleteDatagramFlows");
            for (String f : r.incompleteDatagramFlows()) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeNumberField("fragmentsDuplicate", r.fragmentsDuplicate());
            g.writeNumberField("fragmentsOverlapping", r.fragmentsOverlapping());
            g.writeNumberField("tcpDirections", r.tcpDirections());
            g.writeNumberField("tcpRetransmittedSegments", r.tcpRetransmittedSegments());
            g.writeNumberField("tcpOutOfOrderSegments", r.tcpOutOfOrderSegments());
            g.writeNumberField("tcpGapBytes", r.tcpGapBytes());
            g.writeNumberField("tcpSkippedBytes", r.tcpSkippedBytes());
            g.writeNumberField("tcpUnfinishedMessages", r.tcpUnfinishedMessages());
            g.writeNumberField("webSocketMessages", r.webSocketMessages());
            g.writeNumberField("sctpReassembled", r.sctpReassembled());
            g.writeNumberField("sctpPiecesUnfinished", r.sctpPiecesUnfinished());
            g.writeNumberField("hepPackets", input.count(UnwrapCount.HEP_PACKETS));
            g.writeNumberField("hepCompressedUnopened", input.count(UnwrapCount.HEP_COMPRESSED_UNOPENED));
            g.writeNumberField("icmpQuotedSip", input.count(UnwrapCount.ICMP_QUOTED_SIP));
            g.writeNumberField("encryptedFlows", r.encryptedFlowCount());
            g.writeArrayFieldStart("encryptedFlowList");
            for (String f : r.encryptedFlows()) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("droppedForLimits");
            g.writeNumberField("bytes", r.bytesDroppedForLimit());
            g.writeNumberField("tcpDirections", r.flowsDroppedForLimit());
            g.writeNumberField("datagrams", r.datagramsDroppedForLimit());
            g.writeNumberField("oversizeMessages", r.oversizeMessages());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The "messages" object: all a condensed input has (a run of many inputs), and the head of every statistics. */
    private static void writeMessages(JsonGenerator g, MessageCounts t, long nonSip, long undecodable)
            throws IOException {
        g.writeObjectFieldStart("messages");
        g.writeNumberField("total", t.messages());
        g.writeNumberField("unique", t.uniqueMessages());
        g.writeNumberField("requests", t.requests());
        g.writeNumberField("responses", t.responses());
        g.writeNumberField("retransmissions", t.retransmissions());
        g.writeNumberField("duplicates", t.duplicates());
        g.writeNumberField("malformed", t.malformed());
        g.writeNumberField("nonSip", nonSip);
        g.writeNumberField("undecodable", undecodable);
        g.writeObjectFieldStart("malformedByProblem");
        for (Map.Entry<SipProblem, Long> e : t.problemsInOrder().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeStatistics(JsonGenerator g, MessageStatistics t, long nonSip, long undecodable)
            throws IOException {
        writeMessages(g, MessageCounts.of(t), nonSip, undecodable);

        g.writeObjectFieldStart("requests");
        g.writeNumberField("total", t.requests().count());
        g.writeNumberField("unique", t.requests().unique());
        g.writeObjectFieldStart("byMethod");
        for (Map.Entry<String, Counts> e : t.byMethod().entrySet()) {
            writeCounts(g, e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();

        g.writeObjectFieldStart("responses");
        g.writeNumberField("total", t.responses().count());
        g.writeNumberField("unique", t.responses().unique());
        g.writeObjectFieldStart("byClass");
        for (Map.Entry<ResponseClass, Counts> e : t.byClass().entrySet()) {
            writeCounts(g, e.getKey().shortName(), e.getValue());
        }
        if (t.invalidCodes().count() > 0) {
            writeCounts(g, "invalid", t.invalidCodes());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("byCode");
        for (CodeStatistics c : t.byCode().values()) {
            g.writeObjectFieldStart(codeLabel(c.code()));
            g.writeNumberField("count", c.counts().count());
            g.writeNumberField("unique", c.counts().unique());
            CodeLookup l = c.lookup();
            if (l.isKnown()) {
                g.writeStringField("reason", l.entry().orElseThrow().reason());
            } else {
                g.writeNullField("reason");
            }
            g.writeStringField("meaning", c.lookup().meaning());
            if (l.isValid()) {
                g.writeStringField("class", l.responseClass().orElseThrow().shortName());
            } else {
                g.writeStringField("class", "invalid");
            }
            g.writeBooleanField("registered",
                    l.status() == CodeStatus.REGISTERED || l.status() == CodeStatus.DEPRECATED);
            g.writeStringField("status", l.status().word());
            if (l.treatedAs().isPresent()) {
                g.writeNumberField("treatedAs", l.treatedAs().get());
            } else {
                g.writeNullField("treatedAs");
            }
            g.writeObjectFieldStart("phrasesSeen");
            for (Map.Entry<String, Long> p : c.phrases().entrySet()) {
                g.writeNumberField(p.getKey(), p.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
        writeNested(g, "byMethodAndCode", t.byMethodAndCode());
        writeNested(g, "failuresBySender", t.failuresBySender());
        g.writeEndObject();
    }

    private static void writeNested(JsonGenerator g, String name, Map<String, Map<Integer, Counts>> m)
            throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Map<Integer, Counts>> e : m.entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            for (Map.Entry<Integer, Counts> c : e.getValue().entrySet()) {
                writeCounts(g, codeLabel(c.getKey()), c.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeCounts(JsonGenerator g, String name, Counts c) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", c.count());
        g.writeNumberField("unique", c.unique());
        g.writeEndObject();
    }

    // ---------------------------------------------------------------- CSV

    private void writeCsv(Writer out) throws IOException {
        List<String> header = switch (csvTable) {
            case CODES -> CSV_COLUMNS;
            case METHODS -> List.of("method", "count", "unique");
            case METHOD_CODES -> List.of("method", "code", "count", "unique");
            case SENDERS -> List.of("sender", "code", "count", "unique");
            case OUTCOMES -> List.of("outcome", "calls", "share");
            case FINALS -> List.of("final_code", "reason", "calls", "share");
            case PEERS -> List.of("peer", "final_code", "calls");
            case TIME -> List.of("start", "interval_s", "calls", "failed");
            case INPUTS -> List.of("input", "readable", "error", "format", "packets", "sip_messages", "requests",
                    "responses", "retransmissions", "duplicates", "malformed", "non_sip_payloads", "undecodable",
                    "truncated_frames", "warnings");
        };
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get();
        try (CSVPrinter csv = new CSVPrinter(new NonClosingWriter(out), format)) {
            switch (csvTable) {
                case CODES -> csvCodes(csv);
                case METHODS -> {
                    for (Map.Entry<String, Counts> m : result.total().byMethod().entrySet()) {
                        csv.printRecord(Csv.safe(m.getKey()), m.getValue().count(), m.getValue().unique());
                    }
                }
                case METHOD_CODES -> csvByCode(csv, result.total().byMethodAndCode());
                case SENDERS -> csvByCode(csv, result.total().failuresBySender());
                case INPUTS -> csvInputs(csv);
                default -> csvCalls(csv);
            }
        }
    }

    /** One row per key and code: the key (a method, a host), the code, count and unique. */
    private static void csvByCode(CSVPrinter csv, Map<String, Map<Integer, Counts>> byKey) throws IOException {
        for (Map.Entry<String, Map<Integer, Counts>> k : byKey.entrySet()) {
            for (Map.Entry<Integer, Counts> c : k.getValue().entrySet()) {
                Counts n = c.getValue();
                csv.printRecord(Csv.safe(k.getKey()), codeLabel(c.getKey()), n.count(), n.unique());
            }
        }
    }

    private void csvCodes(CSVPrinter csv) throws IOException {
        MessageStatistics t = result.total();
        long total = t.responses().count();
        for (CodeStatistics c : t.byCode().values()) {
            CodeLookup l = c.lookup();
            csv.printRecord(codeLabel(c.code()),
                    l.responseClass().map(ResponseClass::shortName).orElse("invalid"),
                    l.isKnown() ? l.entry().orElseThrow().reason() : "",
                    l.status().word(),
                    l.status() == CodeStatus.REGISTERED || l.status() == CodeStatus.DEPRECATED,
                    l.treatedAs().map(String::valueOf).orElse(""),
                    c.counts().count(), c.counts().unique(),
                    total == 0 ? "" : String.format(Words.NUMBERS, "%.4f", (double) c.counts().count() / total),
                    Csv.safe(c.lookup().meaning()));
        }
    }

    private void csvInputs(CSVPrinter csv) throws IOException {
        for (InputReport r : result.inputs()) {
            if (!r.readable()) {
                csv.printRecord(Csv.safe(r.name()), false, Csv.safe(r.error()), "", "", "", "", "", "", "", "", "", "",
                        "", "");
                continue;
            }
            MessageCounts t = r.counts();
            csv.printRecord(Csv.safe(r.name()), true, "", r.format(), r.packets(), t.messages(),
                    t.requests(), t.responses(), t.retransmissions(), t.duplicates(), t.malformed(),
                    r.nonSipPayloads(), r.undecodablePackets(), r.truncatedFrames(),
                    r.warnings().size() + r.warningsNotListed());
        }
    }

    private static String share4(long n, long total) {
        return String.format(Words.NUMBERS, "%.4f", (double) n / total);
    }

    private void csvCalls(CSVPrinter csv) throws IOException {
        if (calls == null) {
            return;
        }
        long total = calls.total();
        switch (csvTable) {
            case OUTCOMES -> {
                for (Map.Entry<CallOutcome, Long> o : calls.byOutcome().entrySet()) {
                    csv.printRecord(o.getKey().word(), o.getValue(), total == 0 ? "" : share4(o.getValue(), total));
                }
            }
            case FINALS -> {
                for (Map.Entry<Integer, Long> f : calls.byFinalCode().entrySet()) {
                    int code = f.getKey();
                    csv.printRecord(code == 0 ? "" : code, code == 0 ? "no final response"
                            : result.total().catalogue().lookup(code).entry().map(e -> e.reason()).orElse(""),
                            f.getValue(), share4(f.getValue(), total));
                }
            }
            case PEERS -> {
                for (Map.Entry<String, Map<Integer, Long>> peer : calls.failuresByPeer().entrySet()) {
                    for (Map.Entry<Integer, Long> c : peer.getValue().entrySet()) {
                        csv.printRecord(Csv.safe(peer.getKey()), c.getKey() == 0 ? "" : c.getKey(), c.getValue());
                    }
                }
            }
            case TIME -> {
                long interval = calls.interval(intervalSeconds);
                if (calls.timelineLength(interval) <= MAX_FILLED_INTERVALS) {
                    for (CallStatistics.TimeBucket t : calls.timeline(interval).toList()) { // empty ones as 0
                        csv.printRecord(Instant.ofEpochSecond(t.startSecond()).toString(), interval, t.calls(),
                                t.failed());
                    }
                } else { // a span too long to list every interval of (times far apart): the busy ones only
                    for (Map.Entry<Long, long[]> e : calls.byTime(interval).entrySet()) {
                        csv.printRecord(Instant.ofEpochSecond(e.getKey()).toString(), interval, e.getValue()[0],
                                e.getValue()[1]);
                    }
                }
            }
            default -> throw new IllegalStateException(csvTable.word());
        }
    }
}
