package org.sipanalyzer.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;

/**
 * Zeek's sip.log, tab-separated (a {@code #fields} header, or a plain header row naming {@code status_code}) or
 * JSON (one object a line, {@code LogAscii::use_json}). A row is a request and its response: the request once per
 * transaction (Zeek repeats it in the record of each response), the response when the row has one, between
 * {@code id.orig_h} and {@code id.resp_h} at {@code ts}. A row without a method is a response whose request Zeek
 * did not see. Zeek keeps no bodies. A row that cannot be read is skipped with its line number.
 */
final class ZeekFormat extends LogFormat {

    /**
     * The header of Zeek's sip.log (#fields) or of a table cut from one: status_code beside a column only Zeek's
     * sip.log has, such as method (a table of status codes and their counts alone is not a log of messages).
     */
    private static final Pattern TSV_HEADER = Pattern.compile("^#fields\\t(?:[\\w.]+\\t)*status_code(\\t|$)"
            + "|^(?=(?:.*\\t)?(?:uid|call_id|id\\.orig_h|method|seq|uri|reply_msg|request_body_len"
            + "|response_body_len)(?:\\t|$))"
            + "(?:[\\w.]+\\t)*status_code(\\t|$)");
    private static final Pattern JSON_ROW = Pattern.compile("^\\{.*\"(?:status_code|call_id)\"\\s*:.*\"uid\"\\s*:|"
            + "^\\{.*\"uid\"\\s*:.*\"(?:status_code|call_id|method)\"\\s*:");

    /** Jackson's mapper, made only when a JSON log is read: making one loads much of Jackson, tenths of a second. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final boolean json;

    private ZeekFormat(boolean json) {
        this.json = json;
    }

    static ZeekFormat tsv() {
        return new ZeekFormat(false);
    }

    static ZeekFormat json() {
        return new ZeekFormat(true);
    }

    @Override
    String name() {
        return json ? "Zeek sip.log (JSON)" : "Zeek sip.log";
    }

    @Override
    int confidence(Head head) {
        return json ? (head.any(JSON_ROW) ? 90 : 0) : (head.any(TSV_HEADER) ? 90 : 0);
    }

    @Override
    LogParser parser(LineSource lines, LogContext ctx) {
        return new LogParser() {
            private List<String> columns;
            private final ArrayDeque<LogEntry> queued = new ArrayDeque<>();
            private final java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();

            @Override
            public LogEntry next() throws IOException {
                if (!queued.isEmpty()) {
                    return queued.poll();
                }
                String line;
                while ((line = lines.next()) != null) {
                    Map<String, String> row = json ? jsonRow(line) : tsvRow(line);
                    if (row == null) {
                        continue;
                    }
                    if (!row(row, lines.lineNo(), ctx, queued, seen)) {
                        ctx.badRow(lines.lineNo());
                        continue;
                    }
                    return queued.poll();
                }
                ctx.endOfLog(lines);
                return null;
            }

            private Map<String, String> tsvRow(String line) {
                if (line.isBlank() || line.startsWith("#") && !line.startsWith("#fields")) {
                    return null;
                }
                String[] f = line.split("\t", -1);
                if (line.startsWith("#fields") || columns == null) {
                    List<String> names = List.of(line.startsWith("#fields") ? line.substring(8).split("\t", -1) : f);
                    if (names.contains("status_code")) {
                        columns = names;
                    }
                    return null;
                }
                if (f.length != columns.size()) {
                    return Map.of(); // a row cut short (a log cut mid-row) or run together: skipped, and said
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    String v = f[i];
                    if (!v.isEmpty() && !v.equals("-") && !v.equals("(empty)")) {
                        row.put(columns.get(i), v);
                    }
                }
                return row;
            }

            private Map<String, String> jsonRow(String line) {
                if (!line.startsWith("{")) {
                    return null;
                }
                Map<String, String> row = new HashMap<>();
                try {
                    JsonNode n = Json.MAPPER.readTree(line);
                    if (n == null || !n.isObject()) {
                        ctx.badRow(lines.lineNo());
                        return null;
                    }
                    n.properties().forEach(e -> {
                        if (e.getValue().isValueNode()) {
                            row.put(e.getKey(), e.getValue().asText());
                        } else if (e.getValue().isArray() && !e.getValue().isEmpty()) {
                            row.put(e.getKey(), e.getValue().get(0).asText());
                        }
                    });
                } catch (IOException e) {
                    ctx.badRow(lines.lineNo());
                    return null;
                }
                return row;
            }
        };
    }

    /** Requests already given, by uid, Call-ID and CSeq: Zeek repeats a request in each record of its transaction. */
    private static final int MAX_SEEN = 100_000;

    /**
     * The messages of one row: its request (unless an earlier record of the same transaction gave it) and its
     * response; false when the row has neither a usable method nor a status.
     */
    private static boolean row(Map<String, String> r, long line, LogContext ctx, ArrayDeque<LogEntry> out,
            java.util.LinkedHashSet<String> seen) {
        String status = r.get("status_code");
        boolean hasStatus = status != null && status.matches("\\d{1,9}");
        String seq = r.get("seq");
        String method = r.get("method");
        if (method == null && hasStatus) {
            // A response whose request Zeek did not see: its method is in seq when Zeek kept that, else unknown.
            method = seq != null && seq.contains(" ") ? seq.substring(seq.indexOf(' ') + 1).strip() : "UNKNOWN";
        }
        if (method == null || !method.matches("[A-Za-z0-9.!%*_+`'~-]{1,64}") || r.get("method") == null && !hasStatus) {
            return false;
        }
        String callId = r.getOrDefault("call_id", "zeek-" + r.getOrDefault("uid", "line-" + line));
        if (seq == null) {
            seq = "1 " + method;
        } else if (!seq.contains(" ")) {
            seq = seq + " " + method;
        }
        Endpoint orig = Endpoints.UNKNOWN;
        Endpoint resp = Endpoints.UNKNOWN;
        if (r.containsKey("id.orig_h")) {
            orig = Endpoints.parse(r.get("id.orig_h"), r.getOrDefault("id.orig_p", "0"));
            resp = Endpoints.parse(r.getOrDefault("id.resp_h", ""), r.getOrDefault("id.resp_p", "0"));
        }
        LogTime.Stamp time = null;
        String ts = r.get("ts");
        if (ts != null) {
            time = LogTime.epochSeconds(ts);
            if (time == null) {
                try {
                    Instant i = Instant.parse(ts);
                    time = new LogTime.Stamp(i.getEpochSecond() * 1_000_000_000L + i.getNano(), LogTime.Kind.FULL);
                } catch (DateTimeParseException e) {
                    time = null; // masked or damaged: the row's messages have no time, and the report says so
                }
            }
        }
        String common = "Via: SIP/2.0/UDP " + (orig == Endpoints.UNKNOWN ? "invalid" : orig.toString())
                + ";branch=z9hG4bKzeek" + Integer.toHexString((r.getOrDefault("uid", "") + callId + seq).hashCode())
                + "\r\nFrom: " + clean(r.getOrDefault("request_from", "<sip:unknown@invalid>"))
                + "\r\nTo: " + clean(r.getOrDefault("request_to", "<sip:unknown@invalid>")) + "\r\nCall-ID: "
                + clean(callId) + "\r\nCSeq: " + clean(seq) + "\r\nContent-Length: 0\r\n\r\n";
        String key = r.getOrDefault("uid", "") + "\n" + callId + "\n" + seq;
        if (r.get("method") != null && seen.add(key)) {
            if (seen.size() > MAX_SEEN) {
                var it = seen.iterator();
                it.next();
                it.remove();
            }
            String request = method + " " + clean(r.getOrDefault("uri", "sip:unknown@invalid")) + " SIP/2.0\r\n"
                    + common;
            Meta m = new Meta();
            m.time = time;
            m.source = orig;
            m.destination = resp;
            m.transport = Transport.UDP;
            out.add(ctx.entry(line, m, request.getBytes(StandardCharsets.ISO_8859_1)));
        }
        if (hasStatus) {
            String response = "SIP/2.0 " + status + " " + clean(r.getOrDefault("status_msg", "")) + "\r\n" + common;
            Meta back = new Meta();
            back.time = time;
            back.source = resp;
            back.destination = orig;
            back.transport = Transport.UDP;
            out.add(ctx.entry(line, back, response.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return true;
    }

    /** A field as header text: no line ends (Zeek escapes them, but a damaged log may not). */
    private static String clean(String v) {
        return v.replace('\r', ' ').replace('\n', ' ');
    }
}
