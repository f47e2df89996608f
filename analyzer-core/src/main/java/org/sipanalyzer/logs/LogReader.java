package org.sipanalyzer.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipanalyzer.decode.Endpoint;
import org.sipanalyzer.sip.SipScanner;

/**
 * Reads SIP messages out of text logs, by content: a line that is a SIP request or status line starts a
 * message (also inside an XML CDATA section), its headers run to the empty line, and its body to
 * Content-Length. Time and endpoints come from the lines before the message when they say them
 * ({@code [2011/01/13 08:55:56.109] IN 172.24.65.206:4040 --> 142.120.93.129:11156}, or
 * {@code from="..." to="..." time="epoch-ms"}). Zeek sip.log files (a tab-separated header with
 * {@code status_code}) give one request, and its response when it had one, per row.
 */
public final class LogReader {

    /** Lines longer than this are cut (the rest of the line is skipped and counted). */
    public static final int MAX_LINE = 64 * 1024;
    /** Messages larger than this are skipped (counted). */
    public static final int MAX_MESSAGE = 256 * 1024;

    /** What kind of log it is. */
    public enum Kind {
        TEXT("text log"), ZEEK("Zeek sip.log");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** A host: a dotted IPv4 address, or an IPv6 address in brackets. */
    private static final String HOST = "(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]{2,45}\\])";
    private static final Pattern ARROW = Pattern.compile(
            HOST + ":(\\d{1,5})\\s*(?:-->|->|=>|<--|<-)\\s*" + HOST + ":(\\d{1,5})");
    private static final Pattern BACK_ARROW = Pattern.compile("\\s(?:<--|<-)\\s");
    private static final Pattern FROM_ATTR = Pattern.compile("\\bfrom=\"" + HOST + ":(\\d{1,5})\"");
    private static final Pattern TO_ATTR = Pattern.compile("\\bto=\"" + HOST + ":(\\d{1,5})\"");
    private static final Pattern EPOCH_MS = Pattern.compile("\\btime=\"(\\d{10,13})\"");
    private static final Pattern YMD = Pattern.compile(
            "(\\d{4})[-/](\\d{2})[-/](\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?");
    private static final Pattern MDY = Pattern.compile(
            "(\\d{2})/(\\d{2})/(\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?");
    private static final Endpoint UNKNOWN = new Endpoint(new byte[4], 0);

    private final InputStream in;
    private final Kind kind;
    private final SipScanner scanner = new SipScanner();
    private final List<String> warnings = new ArrayList<>();
    private long lineNo;
    private String pushedBack;
    private long pushedBackNo;
    private long time = Long.MIN_VALUE;
    private Endpoint from = UNKNOWN;
    private Endpoint to = UNKNOWN;
    private long messages;
    private long linesCut;
    private long oversize;
    private boolean eof;
    private byte[] buffer = new byte[8192];
    private int bufStart;
    private int bufEnd;
    private ZeekColumns zeek;
    private final ArrayList<LogEntry> queued = new ArrayList<>();

    private LogReader(InputStream in, Kind kind) {
        this.in = in;
        this.kind = kind;
    }

    /**
     * True when {@code head} (the first bytes of an input) is text with a SIP start line in it, or a Zeek sip.log.
     */
    public static boolean looksLikeLog(byte[] head, int len) {
        for (int i = 0; i < len; i++) {
            int c = head[i] & 0xff;
            if (c == 0 || (c < 0x09) || (c > 0x0d && c < 0x20 && c != 0x1b)) {
                return false; // binary
            }
        }
        String text = new String(head, 0, len, StandardCharsets.ISO_8859_1);
        if (zeekHeader(text) >= 0) {
            return true;
        }
        SipScanner s = new SipScanner();
        for (String line : text.split("\n")) {
            String l = stripCdata(line.strip());
            byte[] b = (l + "\n").getBytes(StandardCharsets.ISO_8859_1);
            if (!l.isEmpty() && s.looksLikeSip(b, 0, b.length)) {
                return true;
            }
        }
        return false;
    }

    private static int zeekHeader(String text) {
        for (String line : text.split("\n")) {
            String l = line.startsWith("#fields\t") ? line.substring(8) : line;
            if (List.of(l.split("\t")).contains("status_code")) {
                return 1;
            }
        }
        return -1;
    }

    public static LogReader open(InputStream in, byte[] head, int len) {
        String text = new String(head, 0, len, StandardCharsets.ISO_8859_1);
        return new LogReader(in, zeekHeader(text) >= 0 ? Kind.ZEEK : Kind.TEXT);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** Messages read so far. */
    public long messages() {
        return messages;
    }

    /** The next message, or null at the end of the log. */
    public LogEntry next() throws IOException {
        if (!queued.isEmpty()) {
            return queued.remove(0);
        }
        LogEntry e = kind == Kind.ZEEK ? nextZeek() : nextText();
        if (e == null) {
            if (linesCut > 0) {
                warnings.add(linesCut + " lines longer than " + MAX_LINE + " bytes were cut");
                linesCut = 0;
            }
            if (oversize > 0) {
                warnings.add(oversize + " messages larger than " + MAX_MESSAGE + " bytes were skipped");
                oversize = 0;
            }
        }
        return e;
    }

    // ---------------------------------------------------------------- plain text and XML

    private LogEntry nextText() throws IOException {
        String line;
        while ((line = readLine()) != null) {
            String l = stripCdata(line.strip());
            if (l.isEmpty() || !isStartLine(l)) {
                meta(line);
                continue;
            }
            long start = lineNo;
            ByteArrayOutputStream msg = new ByteArrayOutputStream();
            msg.writeBytes(bytes(l));
            msg.writeBytes(CRLF);
            int contentLength = -1;
            boolean ended = false;
            // Headers, to the empty line.
            while ((line = readLine()) != null) {
                String h = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (h.contains("]]>")) {
                    h = h.substring(0, h.indexOf("]]>"));
                    ended = true;
                }
                if (h.isBlank()) {
                    break;
                }
                if (isStartLine(stripCdata(h.strip())) || isSeparator(h)) {
                    push(line);
                    ended = true;
                    break;
                }
                msg.writeBytes(bytes(h));
                msg.writeBytes(CRLF);
                int cl = contentLength(h);
                if (cl >= 0) {
                    contentLength = cl;
                }
                if (ended) {
                    break;
                }
            }
            msg.writeBytes(CRLF);
            // The body, to Content-Length (counted with CRLF line ends, as sent), or to the next separator.
            int body = 0;
            while (!ended && contentLength > 0 && body < contentLength && (line = readLine()) != null) {
                String b = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (b.contains("]]>")) {
                    b = b.substring(0, b.indexOf("]]>"));
                    ended = true;
                }
                if (isSeparator(b)) {
                    push(line);
                    break;
                }
                // Within Content-Length a line that looks like a start line is body (a message/sipfrag, say).
                byte[] bb = bytes(b + "\r\n");
                int take = Math.min(bb.length, contentLength - body); // the last line may lack its line end
                msg.write(bb, 0, take);
                body += take;
            }
            if (msg.size() > MAX_MESSAGE) {
                oversize++;
                continue;
            }
            messages++;
            long ts = time != Long.MIN_VALUE ? time : messages * 1_000_000_000L;
            LogEntry e = new LogEntry(start, ts, from, to, msg.toByteArray());
            // Metadata belongs to one message: the next one must state its own.
            if (time != Long.MIN_VALUE) {
                time += 1; // keeps messages logged in the same millisecond distinct and in order
            }
            return e;
        }
        return null;
    }

    private boolean isStartLine(String l) {
        if (l.isEmpty()) {
            return false;
        }
        byte[] b = bytes(l + "\n");
        return scanner.looksLikeSip(b, 0, b.length);
    }

    private static boolean isSeparator(String l) {
        String s = l.strip();
        return s.startsWith("-----") || s.startsWith("=====") || s.startsWith("</message>");
    }

    private static String stripCdata(String l) {
        int i = l.indexOf("<![CDATA[");
        return i >= 0 ? l.substring(i + 9) : l;
    }

    private static int contentLength(String header) {
        int colon = header.indexOf(':');
        if (colon < 0) {
            return -1;
        }
        String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (!name.equals("content-length") && !name.equals("l")) {
            return -1;
        }
        try {
            return Integer.parseInt(header.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Picks time and endpoints out of a line that is not part of a message. */
    private void meta(String line) {
        Matcher m = ARROW.matcher(line);
        if (m.find()) {
            Endpoint a = endpoint(m.group(1), m.group(2));
            Endpoint b = endpoint(m.group(3), m.group(4));
            boolean back = BACK_ARROW.matcher(line).find();
            from = back ? b : a;
            to = back ? a : b;
        }
        Matcher f = FROM_ATTR.matcher(line);
        if (f.find()) {
            from = endpoint(f.group(1), f.group(2));
        }
        Matcher t = TO_ATTR.matcher(line);
        if (t.find()) {
            to = endpoint(t.group(1), t.group(2));
        }
        Matcher e = EPOCH_MS.matcher(line);
        if (e.find()) {
            long v = Long.parseLong(e.group(1));
            time = (e.group(1).length() >= 13 ? v : v * 1000) * 1_000_000L;
            return;
        }
        Matcher ymd = YMD.matcher(line);
        if (ymd.find()) {
            time = nanos(ymd.group(1), ymd.group(2), ymd.group(3), ymd.group(4), ymd.group(5), ymd.group(6),
                    ymd.group(7));
            return;
        }
        Matcher mdy = MDY.matcher(line);
        if (mdy.find()) {
            time = nanos(mdy.group(3), mdy.group(1), mdy.group(2), mdy.group(4), mdy.group(5), mdy.group(6),
                    mdy.group(7));
        }
    }

    private static long nanos(String y, String mo, String d, String h, String mi, String s, String frac) {
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d),
                    Integer.parseInt(h), Integer.parseInt(mi), Integer.parseInt(s));
            long n = frac == null ? 0 : Long.parseLong((frac + "000000000").substring(0, 9));
            return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + n;
        } catch (RuntimeException e) {
            return Long.MIN_VALUE; // not a date after all (month 13, say)
        }
    }

    private static Endpoint endpoint(String host, String port) {
        int pt = Integer.parseInt(port);
        if (pt > 65535) {
            return UNKNOWN;
        }
        if (host.startsWith("[")) {
            String literal = host.substring(1, host.length() - 1);
            if (!literal.contains(":")) {
                return UNKNOWN;
            }
            try {
                // An IPv6 literal: parsed, never looked up.
                byte[] a = java.net.InetAddress.getByName(literal).getAddress();
                return a.length == 16 ? new Endpoint(a, pt) : UNKNOWN;
            } catch (java.net.UnknownHostException | RuntimeException e) {
                return UNKNOWN;
            }
        }
        String[] p = host.split("\\.");
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(p[i]);
            if (v > 255) {
                return UNKNOWN;
            }
            a[i] = (byte) v;
        }
        return new Endpoint(a, pt);
    }

    // ---------------------------------------------------------------- Zeek

    private record ZeekColumns(int method, int status, int msg, int callId, int seq, int from, int to, int origH,
            int origP, int respH, int respP, int ts, int uri) {
    }

    private LogEntry nextZeek() throws IOException {
        String line;
        while ((line = readLine()) != null) {
            if (line.isBlank() || line.startsWith("#") && !line.startsWith("#fields")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (zeek == null || line.startsWith("#fields")) {
                String[] names = line.startsWith("#fields") ? line.substring(8).split("\t", -1) : f;
                List<String> n = List.of(names);
                if (!n.contains("status_code")) {
                    continue;
                }
                zeek = new ZeekColumns(n.indexOf("method"), n.indexOf("status_code"), n.indexOf("status_msg"),
                        n.indexOf("call_id"), n.indexOf("seq"), n.indexOf("request_from"), n.indexOf("request_to"),
                        n.indexOf("id.orig_h"), n.indexOf("id.orig_p"), n.indexOf("id.resp_h"), n.indexOf("id.resp_p"),
                        n.indexOf("ts"), n.indexOf("uri"));
                continue;
            }
            return zeekRow(f);
        }
        return null;
    }

    /** A Zeek row is a transaction: its request, then its response if it had one, as SIP messages. */
    private LogEntry zeekRow(String[] f) {
        long start = lineNo;
        ZeekColumns c = zeek;
        String method = col(f, c.method(), "INVITE");
        String callId = col(f, c.callId(), "zeek-line-" + start);
        String seq = col(f, c.seq(), "1 " + method);
        if (!seq.contains(" ")) {
            seq = seq + " " + method;
        }
        String fromHdr = col(f, c.from(), "<sip:unknown@invalid>");
        String toHdr = col(f, c.to(), "<sip:unknown@invalid>");
        Endpoint orig = UNKNOWN;
        Endpoint resp = UNKNOWN;
        if (c.origH() >= 0 && c.origP() >= 0 && col(f, c.origH(), "").matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            orig = endpoint(f[c.origH()], col(f, c.origP(), "0"));
            resp = endpoint(col(f, c.respH(), "0.0.0.0"), col(f, c.respP(), "0"));
        }
        long ts;
        try {
            ts = (long) (Double.parseDouble(col(f, c.ts(), "x")) * 1e9);
        } catch (NumberFormatException e) {
            ts = (messages + 1) * 1_000_000_000L;
        }
        String common = "Via: SIP/2.0/UDP " + (orig == UNKNOWN ? "invalid" : orig.toString()) + ";branch=z9hG4bKzeek"
                + start + "\r\nFrom: " + fromHdr + "\r\nTo: " + toHdr + "\r\nCall-ID: " + callId + "\r\nCSeq: " + seq
                + "\r\nContent-Length: 0\r\n\r\n";
        String request = method + " " + col(f, c.uri(), "sip:unknown@invalid") + " SIP/2.0\r\n" + common;
        messages++;
        LogEntry req = new LogEntry(start, ts, orig, resp, bytes(request));
        String status = col(f, c.status(), "-");
        if (status.matches("\\d{1,9}")) {
            String response = "SIP/2.0 " + status + " " + col(f, c.msg(), "") + "\r\n" + common;
            messages++;
            queued.add(new LogEntry(start, ts + 1, resp, orig, bytes(response)));
        }
        return req;
    }

    private static String col(String[] f, int i, String dflt) {
        if (i < 0 || i >= f.length) {
            return dflt;
        }
        String v = f[i];
        return v.isEmpty() || v.equals("-") || v.equals("(empty)") ? dflt : v;
    }

    // ---------------------------------------------------------------- lines

    private static final byte[] CRLF = {'\r', '\n'};

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void push(String line) {
        pushedBack = line;
        pushedBackNo = lineNo;
    }

    /** The next line (without its LF), bytes kept as ISO-8859-1 characters; cut at {@link #MAX_LINE}. */
    private String readLine() throws IOException {
        if (pushedBack != null) {
            String l = pushedBack;
            pushedBack = null;
            lineNo = pushedBackNo;
            return l;
        }
        StringBuilder sb = null;
        boolean cut = false;
        while (true) {
            if (bufStart == bufEnd) {
                if (eof) {
                    break;
                }
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    eof = true;
                    break;
                }
                bufStart = 0;
                bufEnd = n;
            }
            int i = bufStart;
            while (i < bufEnd && buffer[i] != '\n') {
                i++;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            int take = Math.min(i - bufStart, MAX_LINE - sb.length());
            if (take > 0) {
                sb.append(new String(buffer, bufStart, take, StandardCharsets.ISO_8859_1));
            }
            if (i - bufStart > take) {
                cut = true;
            }
            if (i < bufEnd) {
                bufStart = i + 1;
                lineNo++;
                if (cut) {
                    linesCut++;
                }
                return sb.toString();
            }
            bufStart = bufEnd;
        }
        if (sb == null) {
            return null;
        }
        lineNo++;
        if (cut) {
            linesCut++;
        }
        return sb.toString();
    }
}
