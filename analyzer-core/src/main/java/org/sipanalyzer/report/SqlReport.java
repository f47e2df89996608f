package org.sipanalyzer.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.CodeStatistics;
import org.sipanalyzer.analysis.Counts;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.net.Endpoint;

/**
 * An analysis, or its calls, as SQL for people who keep results in a database: one script that loads as it is into
 * SQLite (3.24 or later) and PostgreSQL (9.5 or later), and loads again without error or duplicate rows. Tables are
 * made with {@code CREATE TABLE IF NOT EXISTS}; every row carries the analysis's id, whose old rows are deleted
 * and whose new ones are inserted with upserts ({@code ON CONFLICT ... DO UPDATE}), in one transaction. Counts are
 * BIGINT, shares DOUBLE PRECISION, text escaped as standard SQL literals. docs/sql.md lists the tables.
 */
public final class SqlReport {

    static final String ANALYSIS = "sip_analysis";
    static final String INPUT = "sip_analysis_input";
    static final String CODE = "sip_analysis_code";
    static final String METHOD = "sip_analysis_method";
    static final String OUTCOME = "sip_analysis_outcome";
    static final String CALL = "sip_call";

    private SqlReport() {
    }

    /** One table: its name, columns with types, and primary key. */
    private record Table(String name, List<String> columns, List<String> types, List<String> key) {

        void create(Writer out) throws IOException {
            StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS " + name + " (\n");
            for (int i = 0; i < columns.size(); i++) {
                sb.append("  ").append(columns.get(i)).append(' ').append(types.get(i)).append(",\n");
            }
            sb.append("  PRIMARY KEY (").append(String.join(", ", key)).append(")\n);\n");
            out.write(sb.toString());
        }

        /** An upsert of one row, values already SQL literals in column order. */
        void row(Writer out, List<String> values) throws IOException {
            StringBuilder sb = new StringBuilder("INSERT INTO " + name + " (" + String.join(", ", columns)
                    + ") VALUES (" + String.join(", ", values) + ") ON CONFLICT (" + String.join(", ", key) + ") DO ");
            List<String> rest = columns.stream().filter(c -> !key.contains(c)).toList();
            if (rest.isEmpty()) {
                sb.append("NOTHING");
            } else {
                sb.append("UPDATE SET ");
                for (int i = 0; i < rest.size(); i++) {
                    sb.append(i > 0 ? ", " : "").append(rest.get(i)).append(" = excluded.").append(rest.get(i));
                }
            }
            out.write(sb.append(";\n").toString());
        }
    }

    private static Table table(String name, List<String> key, String... columnsAndTypes) {
        List<String> columns = new java.util.ArrayList<>();
        List<String> types = new java.util.ArrayList<>();
        for (int i = 0; i < columnsAndTypes.length; i += 2) {
            columns.add(columnsAndTypes[i]);
            types.add(columnsAndTypes[i + 1]);
        }
        return new Table(name, columns, types, key);
    }

    private static final String ID = "TEXT NOT NULL";
    private static final String N = "BIGINT NOT NULL";
    private static final String SHARE = "DOUBLE PRECISION";

    static final Table ANALYSIS_TABLE = table(ANALYSIS, List.of("analysis_id"), "analysis_id", ID, "inputs", N,
            "inputs_read", N, "packets", N, "messages", N, "requests", N, "responses", N, "retransmissions", N,
            "duplicates", N, "malformed", N, "non_sip_payloads", N, "undecodable", N, "calls", N, "answered", N,
            "asr", SHARE, "ner", SHARE, "ser", SHARE, "seer", SHARE, "pdd_median_ms", SHARE, "pdd_p95_ms", SHARE,
            "registrations", N);
    static final Table INPUT_TABLE = table(INPUT, List.of("analysis_id", "input_index"), "analysis_id", ID,
            "input_index", "INTEGER NOT NULL", "path", "TEXT NOT NULL", "readable", "BOOLEAN NOT NULL", "error", "TEXT",
            "format", "TEXT", "packets", N, "sip_messages", N, "warnings", N);
    static final Table CODE_TABLE = table(CODE, List.of("analysis_id", "code"), "analysis_id", ID, "code",
            "TEXT NOT NULL", "status_code", "INTEGER", "response_class", "TEXT", "reason", "TEXT", "count", N,
            "unique_count", N, "meaning", "TEXT");
    static final Table METHOD_TABLE = table(METHOD, List.of("analysis_id", "method"), "analysis_id", ID, "method",
            "TEXT NOT NULL", "count", N, "unique_count", N);
    static final Table OUTCOME_TABLE = table(OUTCOME, List.of("analysis_id", "outcome"), "analysis_id", ID,
            "outcome", "TEXT NOT NULL", "calls", N);
    static final Table CALL_TABLE = table(CALL, List.of("analysis_id", "input_index", "call_id", "start_ns"),
            "analysis_id", ID, "input_index", "INTEGER NOT NULL", "call_id", "TEXT NOT NULL", "start_ns", N,
            "start_time", "TEXT", "from_uri", "TEXT", "to_uri", "TEXT", "caller", "TEXT", "callee", "TEXT",
            "outcome", "TEXT NOT NULL", "final_code", "INTEGER", "final_reason", "TEXT", "q850_cause", "INTEGER",
            "pdd_ms", SHARE, "setup_ms", SHARE, "duration_s", SHARE, "answered_by", "TEXT", "answering_agent", "TEXT",
            "challenged", "BOOLEAN NOT NULL", "invites", "INTEGER NOT NULL", "reinvites", "INTEGER NOT NULL",
            "dialogs", "INTEGER NOT NULL", "input", "TEXT");

    /**
     * A standard SQL string literal, NULL for null: quotes doubled; control characters but tab and line feed (NUL,
     * which PostgreSQL rejects in text, and escape sequences, which would reach a terminal the script is shown on)
     * and bidirectional formatting characters ({@link TextSafe#isHidden}) written as U+FFFD, as CSV writes them.
     */
    static String text(String s) {
        if (s == null) {
            return "NULL";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                sb.append("''");
            } else if (c != '\t' && c != '\n' && TextSafe.isHidden(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    private static String number(long n) {
        return Long.toString(n);
    }

    /** A share or a delay: NULL when there was nothing to measure (NaN, or -1 for a delay). */
    private static String real(double v) {
        return Double.isNaN(v) || v < 0 ? "NULL" : String.format(Words.NUMBERS, "%.6f", v);
    }

    /** A delay in nanoseconds, in {@code unit}s; NULL when there is none. */
    private static String real(java.util.OptionalLong nanos, double unit) {
        return nanos.isEmpty() ? "NULL" : real(nanos.getAsLong() / unit);
    }

    private static String bool(boolean b) {
        return b ? "TRUE" : "FALSE";
    }

    private static void begin(Writer out, String what, String id, List<Table> tables) throws IOException {
        out.write("-- " + what + ", written by sip-analyzer. Loads into SQLite and PostgreSQL as it is, and again:\n"
                + "-- the rows of analysis " + TextSafe.of(id) + " are replaced.\n");
        out.write("BEGIN;\n");
        for (Table t : tables) {
            t.create(out);
        }
        for (Table t : tables) {
            out.write("DELETE FROM " + t.name() + " WHERE analysis_id = " + text(id) + ";\n");
        }
    }

    /** The analysis: its totals and KPIs, inputs, responses by code, requests by method and calls by outcome. */
    public static void writeAnalysis(Writer out, String id, AnalysisResult result, CallStatistics calls)
            throws IOException {
        begin(out, "A SIP analysis", id, List.of(ANALYSIS_TABLE, INPUT_TABLE, CODE_TABLE, METHOD_TABLE, OUTCOME_TABLE));
        MessageStatistics t = result.total();
        String key = text(id);
        ANALYSIS_TABLE.row(out, List.of(key, number(result.inputs().size()),
                number(result.inputs().stream().filter(InputReport::readable).count()), number(result.packets()),
                number(t.messages().count()), number(t.requests().count()), number(t.responses().count()),
                number(t.retransmissions()), number(t.duplicates()), number(t.malformed()),
                number(result.nonSipPayloads()), number(result.undecodablePackets()),
                number(calls == null ? 0 : calls.total()), number(calls == null ? 0 : calls.answered()),
                real(calls == null ? Double.NaN : calls.asr()), real(calls == null ? Double.NaN : calls.ner()),
                real(calls == null ? Double.NaN : calls.ser()), real(calls == null ? Double.NaN : calls.seer()),
                real(calls == null || calls.pdd().count() == 0 ? Double.NaN : calls.pdd().median() / 1e6),
                real(calls == null || calls.pdd().count() == 0 ? Double.NaN : calls.pdd().p95() / 1e6),
                number(calls == null ? 0 : calls.registrations())));
        for (int i = 0; i < result.inputs().size(); i++) {
            InputReport r = result.inputs().get(i);
            INPUT_TABLE.row(out, List.of(key, Integer.toString(i), text(r.name()), bool(r.readable()), text(r.error()),
                    text(r.format()), number(r.packets()), number(r.sipMessages()),
                    number(r.warnings().size() + r.warningsNotListed())));
        }
        for (CodeStatistics c : t.byCode().values()) {
            boolean numeric = c.code() >= 0;
            CODE_TABLE.row(out, List.of(key, text(AnalysisReport.codeLabel(c.code())),
                    numeric ? Integer.toString(c.code()) : "NULL",
                    text(c.lookup().responseClass().map(rc -> rc.shortName()).orElse(null)),
                    text(c.lookup().entry().map(e -> e.reason()).orElse(null)),
                    number(c.counts().count()), number(c.counts().unique()), text(c.lookup().meaning())));
        }
        for (Map.Entry<String, Counts> m : t.byMethod().entrySet()) {
            METHOD_TABLE.row(out, List.of(key, text(m.getKey()), number(m.getValue().count()),
                    number(m.getValue().unique())));
        }
        if (calls != null) {
            for (Map.Entry<CallOutcome, Long> o : calls.byOutcome().entrySet()) {
                OUTCOME_TABLE.row(out, List.of(key, text(o.getKey().word()), number(o.getValue())));
            }
        }
        out.write("COMMIT;\n");
        out.flush();
    }

    private static String endpoint(Endpoint e) {
        return e == null || e.isUnspecified() ? "NULL" : text(e.toString());
    }

    /** One row per call, read once (the calls may come from a spool on disk). */
    public static void writeCalls(Writer out, String id, Iterable<Call> calls, List<String> inputNames)
            throws IOException {
        begin(out, "SIP calls", id, List.of(CALL_TABLE));
        String key = text(id);
        for (Call c : calls) {
            CALL_TABLE.row(out, List.of(key, Integer.toString(c.input()), text(c.callId() == null ? "" : c.callId()),
                    number(c.start()), c.timed() ? text(Instant.ofEpochSecond(0, c.start()).toString()) : "NULL",
                    text(CallsReport.uri(c.fromUri())), text(CallsReport.uri(c.toUri())), endpoint(c.caller()),
                    endpoint(c.callee()), text(c.outcome().word()),
                    c.finalCode().isEmpty() ? "NULL" : Integer.toString(c.finalCode().getAsInt()),
                    c.finalCode().isEmpty() ? "NULL" : text(c.finalReason().orElse(null)),
                    c.q850Cause().isEmpty() ? "NULL" : Integer.toString(c.q850Cause().getAsInt()),
                    real(c.pdd(), 1e6), real(c.setupTime(), 1e6), real(c.duration(), 1e9),
                    endpoint(c.answeredBy().orElse(null)), text(c.answeringAgent().orElse(null)), bool(c.challenged()),
                    Integer.toString(c.invites()), Integer.toString(c.reInvites()), Integer.toString(c.dialogs()),
                    text(c.input() < inputNames.size() ? inputNames.get(c.input()) : null)));
        }
        out.write("COMMIT;\n");
        out.flush();
    }

    /**
     * An input as the analysis id sees it.
     *
     * @param name the input's name
     * @param size its size in bytes, or -1 for a stream (then only its name counts)
     * @param modifiedMillis when it was last modified, in milliseconds since the epoch
     */
    public record InputIdentity(String name, long size, long modifiedMillis) {
    }

    /**
     * The id a report of these inputs gets when none is given: the first 8 bytes, in hex, of SHA-256 over each input's
     * name, size and modification time, so that loading the same analysis twice replaces it, and another one is kept
     * beside it.
     */
    public static String analysisId(List<InputIdentity> inputs) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (InputIdentity in : inputs) {
                StringBuilder sb = new StringBuilder(in.name()).append('\0');
                if (in.size() >= 0) {
                    sb.append(in.size()).append('\0').append(in.modifiedMillis());
                }
                sha.update(sb.append('\n').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            return "analysis";
        }
    }
}
