package org.sipanalyzer.scan;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.sipanalyzer.sip.SipMessage;
import org.sipanalyzer.sip.SipProblem;

/**
 * Recognises SIP by content and extracts the fields the analysis needs, without building a full message
 * tree. Handles compact header names, any case, LF-only line ends, folded header lines, and leading blank
 * lines (keep-alives). Never throws on any input: what is wrong becomes a {@link SipProblem}.
 *
 * <p>Not thread-safe: an instance reuses one builder for every message it scans (and keeps a cache of reason
 * phrases), so each thread scans with its own. Nothing of one message carries over to the next.
 */
public final class SipScanner {

    /** What a scan found. */
    public enum Outcome {
        /** The bytes do not start with a SIP request line or status line. */
        NOT_SIP,
        /** Only blank lines (CRLF keep-alives). */
        KEEP_ALIVE,
        /** A SIP message, possibly with problems. */
        MESSAGE,
        /** Stream mode only: a SIP message starts here but its end has not arrived yet. */
        INCOMPLETE
    }

    /**
     * The result of one scan.
     *
     * @param outcome what was found
     * @param message the message, for {@link Outcome#MESSAGE}
     * @param consumed bytes used from the start of the input, leading blank lines included
     */
    public record Scan(Outcome outcome, SipMessage message, int consumed) {
        static final Scan NOT_SIP = new Scan(Outcome.NOT_SIP, null, 0);
        static final Scan INCOMPLETE = new Scan(Outcome.INCOMPLETE, null, 0);
    }

    /** Extracted text is cut to this many characters, so one hostile header cannot fill the tables. */
    public static final int MAX_FIELD_CHARS = 1024;
    /** In stream mode, a start line longer than this without its end is not SIP. */
    private static final int MAX_START_LINE = 8192;
    /**
     * A method is a token of any length (RFC 3261 section 25.1); fuzzers send thousands of characters, which
     * tshark takes as SIP too. The start line's own bound is the limit; the name kept is cut to MAX_FIELD_CHARS.
     */
    private static final int MAX_METHOD_CHARS = MAX_START_LINE;

    private static final int H_OTHER = 0;
    private static final int H_CALL_ID = 1;
    private static final int H_CSEQ = 2;
    private static final int H_FROM = 3;
    private static final int H_TO = 4;
    private static final int H_VIA = 5;
    private static final int H_CONTENT_LENGTH = 6;
    private static final int H_REASON = 7;
    private static final int H_WARNING = 8;
    private static final int H_RETRY_AFTER = 9;
    private static final int H_USER_AGENT = 10;
    private static final int H_SERVER = 11;

    private static final byte[] SIP_SLASH = "SIP/".getBytes(StandardCharsets.US_ASCII);

    /** Scans one datagram: the message is the whole of it, its body whatever follows the headers. */
    public Scan scanDatagram(byte[] d, int off, int len) {
        return scan(d, off, off + len, false, false);
    }

    /**
     * Scans the start of a byte stream: the message ends after Content-Length bytes of body (0 when the
     * header is absent). Returns {@link Outcome#INCOMPLETE} until all of it is there.
     */
    public Scan scanStream(byte[] d, int off, int len) {
        return scan(d, off, off + len, true, false);
    }

    /**
     * Frames the start of a byte stream as {@link #scanStream} does, with the same outcome and length, but reads no
     * field but Content-Length: the message ({@link Scan#message()} is null) is scanned once, downstream, from the
     * bytes framed.
     */
    public Scan frameStream(byte[] d, int off, int len) {
        return scan(d, off, off + len, true, true);
    }

    /** True when the bytes at {@code off} begin with something that looks like a SIP start line. */
    public boolean looksLikeSip(byte[] d, int off, int len) {
        int end = off + len;
        int p = skipBlankLines(d, off, end);
        if (p == end) {
            return false;
        }
        int eol = Swar.indexOf(d, p, end, (byte) '\n');
        int lineEnd = trimEnd(d, p, eol < 0 ? end : eol);
        int v = versionLength(d, p, lineEnd);
        return v > 0 && p + v < lineEnd && isBlank(d[p + v]) || requestLineMethodEnd(d, p, lineEnd) > 0;
    }

    private final Builder framing = new Builder(true);
    private final Builder message = new Builder(false);

    /**
     * The reason phrase last seen with each status code (100-699), handed out again while the bytes are the same: most
     * captures send a handful of phrases over and over, and a message need not carry a copy of its own.
     */
    private final String[] phrases = new String[600];
    /** The bytes of each phrase kept, to compare with a message's. */
    private final byte[][] phraseBytes = new byte[600][];

    /** Methods and transports as most messages spell them: one shared string each rather than one per message. */
    private static final String[] METHODS = {"INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "PRACK", "UPDATE",
        "INFO", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH"};
    private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "SCTP", "WS", "WSS"};
    /** Phrases longer than this are not kept. */
    private static final int MAX_CACHED_PHRASE = 64;

    /** The bytes of each of {@link #METHODS} and {@link #TRANSPORTS}, to compare without a string's accessors. */
    private static final byte[][] METHOD_BYTES = bytes(METHODS);
    private static final byte[][] TRANSPORT_BYTES = bytes(TRANSPORTS);

    private static byte[][] bytes(String[] names) {
        byte[][] b = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            b[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return b;
    }

    /** The one of {@code names} that the bytes spell exactly, or null; {@code bytes} are the names' bytes. */
    private static String known(byte[] d, int s, int e, String[] names, byte[][] bytes) {
        int n = e - s;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i].length == n && same(d, s, bytes[i])) {
                return names[i];
            }
        }
        return null;
    }

    /** Whether {@code d} at {@code s} holds the bytes of {@code k}. */
    private static boolean same(byte[] d, int s, byte[] k) {
        for (int i = 0; i < k.length; i++) {
            if (d[s + i] != k[i]) {
                return false;
            }
        }
        return true;
    }

    private Scan scan(byte[] d, int off, int end, boolean stream, boolean frameOnly) {
        int p = skipBlankLines(d, off, end);
        if (p == end) {
            return end > off ? new Scan(Outcome.KEEP_ALIVE, null, end - off) : Scan.NOT_SIP;
        }
        if (!isTokenChar(d[p])) {
            return Scan.NOT_SIP; // most non-SIP payloads (RTP, binary protocols) end here, unscanned
        }
        int eol = Swar.indexOf(d, p, end, (byte) '\n');
        if (eol < 0 && stream) {
            return couldBecomeStartLine(d, p, end) ? Scan.INCOMPLETE : Scan.NOT_SIP;
        }
        int lineEnd = trimEnd(d, p, eol < 0 ? end : eol);
        Builder b;
        if (frameOnly) {
            b = framing; // framing keeps nothing of a message: one builder serves every call
            b.contentLength = -1;
            b.contentLengthSeen = false;
            b.problems.clear();
        } else {
            b = message.reset(); // one builder per scanner: build() copies out all it keeps
        }
        int version = versionLength(d, p, lineEnd);
        if (frameOnly) {
            boolean statusLine = version > 0 && p + version < lineEnd && isBlank(d[p + version]);
            if (!statusLine && requestLineMethodEnd(d, p, lineEnd) < 0) {
                return Scan.NOT_SIP;
            }
        } else if (version > 0 && p + version < lineEnd && isBlank(d[p + version])) {
            if (!isVersion20(d, p, version)) {
                b.problems.add(SipProblem.UNSUPPORTED_VERSION);
            }
            statusLine(d, p + version, lineEnd, b);
        } else {
            int methodEnd = requestLineMethodEnd(d, p, lineEnd);
            if (methodEnd < 0) {
                return Scan.NOT_SIP;
            }
            String method = known(d, p, methodEnd, METHODS, METHOD_BYTES);
            b.method = method != null ? method : ascii(d, p, Math.min(methodEnd, p + MAX_FIELD_CHARS));
            int lastBlank = lineEnd - 1;
            while (!isBlank(d[lastBlank])) {
                lastBlank--;
            }
            if (!isVersion20(d, lastBlank + 1, lineEnd - lastBlank - 1)) {
                b.problems.add(SipProblem.UNSUPPORTED_VERSION);
            }
            int uriStart = skipBlanks(d, methodEnd, lineEnd);
            int uriEnd = uriStart;
            while (uriEnd < lineEnd && !isBlank(d[uriEnd])) {
                uriEnd++;
            }
            b.requestUri = text(d, uriStart, uriEnd);
        }
        for (int i = p; i < lineEnd && !frameOnly; i++) {
            int c = d[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                b.problems.add(SipProblem.CONTROL_CHARACTER);
                break;
            }
        }
        int q = eol < 0 ? end : eol + 1;
        int bodyStart = headers(d, q, end, b);
        if (bodyStart < 0) {
            if (stream) {
                return Scan.INCOMPLETE;
            }
            b.problems.add(SipProblem.NO_HEADER_END);
            bodyStart = end;
        }
        int available = end - bodyStart;
        int length;
        if (stream) {
            int cl = Math.max(b.contentLength, 0);
            if (cl > available) {
                return Scan.INCOMPLETE;
            }
            b.bodyLength = cl;
            length = bodyStart + cl - p;
        } else {
            b.bodyLength = available;
            if (b.contentLength > available) {
                b.problems.add(SipProblem.BODY_TRUNCATED);
            }
            length = end - p;
        }
        if (frameOnly) {
            return new Scan(Outcome.MESSAGE, null, p - off + length);
        }
        b.checkMandatory();
        return new Scan(Outcome.MESSAGE, b.build(length), p - off + length);
    }

    /**
     * Stream mode, before the first line end has arrived: true while the bytes can still grow into a SIP
     * start line (a token then printable text, or the start of "SIP/"), so the caller waits for more.
     */
    private static boolean couldBecomeStartLine(byte[] d, int p, int end) {
        // A status line's reason phrase may be long (servers put whole diagnostics there); the message's own bound
        // (the stream framer's) then limits it. Anything else must show its line end within MAX_START_LINE.
        if (end - p > (isStatusLineStart(d, p, end) ? MAX_STATUS_LINE : MAX_START_LINE)) {
            return false;
        }
        int i = p;
        while (i < end && isTokenChar(d[i]) && i - p <= MAX_METHOD_CHARS) {
            i++;
        }
        if (i == p || i - p > MAX_METHOD_CHARS) {
            return false;
        }
        if (i < end && d[i] != ' ' && d[i] != '/' && d[i] != '\r') {
            return false;
        }
        for (; i < end; i++) {
            int c = d[i] & 0xff;
            if (c < 0x20 && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** How long a status line may grow in a stream before its line end arrives. */
    private static final int MAX_STATUS_LINE = 256 * 1024;

    /** {@code SIP/2.0 486 } at {@code p}: a status line whose reason phrase is still arriving. */
    private static boolean isStatusLineStart(byte[] d, int p, int end) {
        if (end - p < 12 || d[p] != 'S' || d[p + 1] != 'I' || d[p + 2] != 'P' || d[p + 3] != '/') {
            return false;
        }
        int sp = p + 4;
        while (sp < end && sp - p < 16 && d[sp] != ' ') {
            sp++;
        }
        return sp + 4 < end && Character.isDigit(d[sp + 1]) && Character.isDigit(d[sp + 2])
                && Character.isDigit(d[sp + 3]) && d[sp + 4] == ' ';
    }

    private void statusLine(byte[] d, int p, int lineEnd, Builder b) {
        p = skipBlanks(d, p, lineEnd);
        int digitsEnd = p;
        long code = 0;
        while (digitsEnd < lineEnd && d[digitsEnd] >= '0' && d[digitsEnd] <= '9' && digitsEnd - p < 9) {
            code = code * 10 + (d[digitsEnd] - '0');
            digitsEnd++;
        }
        boolean numeric = digitsEnd > p && (digitsEnd == lineEnd || isBlank(d[digitsEnd]));
        b.statusCode = numeric ? (int) code : -1;
        if (!numeric || digitsEnd - p != 3 || code < 100 || code > 699) {
            b.problems.add(SipProblem.INVALID_STATUS_CODE);
        }
        int reasonStart = numeric ? skipBlanks(d, digitsEnd, lineEnd) : skipToBlank(d, p, lineEnd);
        int rs = skipBlanks(d, reasonStart, lineEnd);
        if (!numeric || code < 100 || code > 699) {
            b.reasonPhrase = text(d, rs, lineEnd);
            return;
        }
        int k = (int) code - 100;
        byte[] cached = phraseBytes[k];
        if (cached != null && cached.length == lineEnd - rs && same(d, rs, cached)) {
            b.reasonPhrase = phrases[k];
            return;
        }
        String phrase = text(d, rs, lineEnd);
        if (phrase.length() == lineEnd - rs && phrase.length() <= MAX_CACHED_PHRASE && isAscii(phrase)) {
            phrases[k] = phrase; // what the bytes spell, one character a byte: safe to compare
            phraseBytes[k] = phrase.getBytes(StandardCharsets.ISO_8859_1);
        }
        b.reasonPhrase = phrase;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * If {@code [p, lineEnd)} is a request line ({@code METHOD SP URI SP SIP/2.0}), the end of the method;
     * otherwise -1.
     */
    private static int requestLineMethodEnd(byte[] d, int p, int lineEnd) {
        int m = p;
        while (m < lineEnd && isTokenChar(d[m])) {
            m++;
        }
        if (m == p || m - p > MAX_METHOD_CHARS || m >= lineEnd || d[m] != ' ') {
            return -1;
        }
        int v = lineEnd - 1;
        while (v > m && !isBlank(d[v])) {
            v--;
        }
        v++;
        if (v <= m + 1 || versionLength(d, v, lineEnd) != lineEnd - v) {
            return -1;
        }
        int uri = skipBlanks(d, m, v);
        return uri < v - 1 ? m : -1;
    }

    /** The length of a {@code SIP/digits.digits} version at {@code p} (any case), or -1. */
    private static int versionLength(byte[] d, int p, int end) {
        if (!startsWithIgnoreCase(d, p, end, SIP_SLASH)) {
            return -1;
        }
        int i = p + 4;
        int major = i;
        while (i < end && i - major < 3 && d[i] >= '0' && d[i] <= '9') {
            i++;
        }
        if (i == major || i >= end || d[i] != '.') {
            return -1;
        }
        int minor = ++i;
        while (i < end && i - minor < 3 && d[i] >= '0' && d[i] <= '9') {
            i++;
        }
        return i == minor ? -1 : i - p;
    }

    private static boolean isVersion20(byte[] d, int p, int len) {
        return len == 7 && d[p + 4] == '2' && d[p + 5] == '.' && d[p + 6] == '0';
    }

    /** Parses the header block from {@code p}; returns where the body starts, or -1 if no empty line ends it. */
    private static int headers(byte[] d, int p, int end, Builder b) {
        int id = -1;
        int valueStart = 0;
        int valueEnd = 0;
        while (p < end) {
            int eol = Swar.indexOf(d, p, end, (byte) '\n');
            int next = eol < 0 ? end : eol + 1;
            int lineEnd = eol < 0 ? end : (eol > p && d[eol - 1] == '\r' ? eol - 1 : eol);
            if (lineEnd == p) {
                if (id >= 0) {
                    b.header(id, d, valueStart, valueEnd);
                }
                return eol < 0 ? -1 : next;
            }
            if (isBlank(d[p]) && id >= 0) {
                valueEnd = lineEnd; // folded continuation of the previous header
            } else {
                if (id >= 0) {
                    b.header(id, d, valueStart, valueEnd);
                }
                int colon = Swar.indexOf(d, p, lineEnd, (byte) ':');
                if (colon < 0) {
                    b.problems.add(SipProblem.BAD_HEADER_LINE);
                    id = -1;
                } else {
                    id = headerId(d, p, trimEnd(d, p, colon));
                    valueStart = colon + 1;
                    valueEnd = lineEnd;
                }
            }
            if (eol < 0) {
                break;
            }
            p = next;
        }
        if (id >= 0) {
            b.header(id, d, valueStart, valueEnd);
        }
        return -1;
    }

    private static int headerId(byte[] d, int s, int e) {
        int n = e - s;
        if (n == 1) {
            return switch (d[s] | 0x20) {
                case 'i' -> H_CALL_ID;
                case 'f' -> H_FROM;
                case 't' -> H_TO;
                case 'v' -> H_VIA;
                case 'l' -> H_CONTENT_LENGTH;
                default -> H_OTHER;
            };
        }
        return switch (n) {
            case 2 -> eq(d, s, N_TO) ? H_TO : H_OTHER;
            case 3 -> eq(d, s, N_VIA) ? H_VIA : H_OTHER;
            case 4 -> eq(d, s, N_CSEQ) ? H_CSEQ : eq(d, s, N_FROM) ? H_FROM : H_OTHER;
            case 6 -> eq(d, s, N_REASON) ? H_REASON : eq(d, s, N_SERVER) ? H_SERVER : H_OTHER;
            case 7 -> eq(d, s, N_CALL_ID) ? H_CALL_ID : eq(d, s, N_WARNING) ? H_WARNING : H_OTHER;
            case 10 -> eq(d, s, N_USER_AGENT) ? H_USER_AGENT : H_OTHER;
            case 11 -> eq(d, s, N_RETRY_AFTER) ? H_RETRY_AFTER : H_OTHER;
            case 14 -> eq(d, s, N_CONTENT_LENGTH) ? H_CONTENT_LENGTH : H_OTHER;
            default -> H_OTHER;
        };
    }

    /** Header and parameter names, lower case, as bytes. */
    private static final byte[] N_TO = nameBytes("to");
    private static final byte[] N_VIA = nameBytes("via");
    private static final byte[] N_CSEQ = nameBytes("cseq");
    private static final byte[] N_FROM = nameBytes("from");
    private static final byte[] N_REASON = nameBytes("reason");
    private static final byte[] N_SERVER = nameBytes("server");
    private static final byte[] N_CALL_ID = nameBytes("call-id");
    private static final byte[] N_WARNING = nameBytes("warning");
    private static final byte[] N_USER_AGENT = nameBytes("user-agent");
    private static final byte[] N_RETRY_AFTER = nameBytes("retry-after");
    private static final byte[] N_CONTENT_LENGTH = nameBytes("content-length");
    private static final byte[] P_TAG = nameBytes("tag");
    private static final byte[] P_BRANCH = nameBytes("branch");

    private static byte[] nameBytes(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** Case-insensitive comparison with a lower-case ASCII name. */
    private static boolean eq(byte[] d, int s, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            int c = d[s + i];
            if (c >= 'A' && c <= 'Z') {
                c |= 0x20;
            }
            if (c != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** The status codes of three digits as OptionalInts, made once rather than one a response. */
    private static final java.util.OptionalInt[] OPTIONAL_CODES = new java.util.OptionalInt[1000];

    static {
        for (int i = 0; i < OPTIONAL_CODES.length; i++) {
            OPTIONAL_CODES[i] = java.util.OptionalInt.of(i);
        }
    }

    private static java.util.OptionalInt optionalCode(int code) {
        return code < OPTIONAL_CODES.length ? OPTIONAL_CODES[code] : java.util.OptionalInt.of(code);
    }

    /** Collects fields while headers are read. */
    private static final class Builder {
        String method;
        String requestUri;
        int statusCode;
        String reasonPhrase;
        String callId;
        long cseqNumber = -1;
        String cseqMethod;
        String from;
        String fromTag;
        String to;
        String toTag;
        String viaBranch;
        String viaSentBy;
        String viaTransport;
        boolean viaSeen;
        int contentLength = -1;
        int bodyLength;
        String reason;
        String warning;
        String retryAfter;
        String userAgent;
        String server;
        boolean cseqSeen;
        boolean fromSeen;
        boolean toSeen;
        boolean contentLengthSeen;
        final EnumSet<SipProblem> problems = EnumSet.noneOf(SipProblem.class);
        /** Framing a stream: only Content-Length is read. */
        final boolean frameOnly;

        Builder(boolean frameOnly) {
            this.frameOnly = frameOnly;
        }

        /** Every field as a new builder has it, for the next message. */
        Builder reset() {
            method = null;
            requestUri = null;
            statusCode = 0;
            reasonPhrase = null;
            callId = null;
            cseqNumber = -1;
            cseqMethod = null;
            from = null;
            fromTag = null;
            to = null;
            toTag = null;
            viaBranch = null;
            viaSentBy = null;
            viaTransport = null;
            viaSeen = false;
            contentLength = -1;
            bodyLength = 0;
            reason = null;
            warning = null;
            retryAfter = null;
            userAgent = null;
            server = null;
            cseqSeen = false;
            fromSeen = false;
            toSeen = false;
            contentLengthSeen = false;
            problems.clear();
            return this;
        }

        void header(int id, byte[] d, int s, int e) {
            if (frameOnly && id != H_CONTENT_LENGTH) {
                return;
            }
            switch (id) {
                case H_CALL_ID -> {
                    if (callId != null) {
                        problems.add(SipProblem.DUPLICATE_HEADER);
                    } else {
                        callId = value(d, s, e);
                    }
                }
                case H_CSEQ -> {
                    if (cseqSeen) {
                        problems.add(SipProblem.DUPLICATE_HEADER);
                    } else {
                        cseqSeen = true;
                        if (!cseqPlain(d, s, e)) {
                            cseq(value(d, s, e));
                        }
                    }
                }
                case H_FROM -> {
                    if (fromSeen) {
                        problems.add(SipProblem.DUPLICATE_HEADER);
                    } else {
                        fromSeen = true;
                        from = value(d, s, e, this, H_FROM);
                    }
                }
                case H_TO -> {
                    if (toSeen) {
                        problems.add(SipProblem.DUPLICATE_HEADER);
                    } else {
                        toSeen = true;
                        to = value(d, s, e, this, H_TO);
                    }
                }
                case H_VIA -> {
                    if (!viaSeen) {
                        viaSeen = true;
                        value(d, s, e, this, H_VIA);
                    }
                }
                case H_CONTENT_LENGTH -> {
                    if (contentLengthSeen) {
                        problems.add(SipProblem.DUPLICATE_HEADER);
                    } else {
                        contentLengthSeen = true;
                        contentLength(d, s, e);
                    }
                }
                case H_REASON -> reason = reason == null ? value(d, s, e) : cap(reason + ", " + value(d, s, e));
                case H_WARNING -> warning = warning == null ? value(d, s, e) : warning;
                case H_RETRY_AFTER -> retryAfter = retryAfter == null ? value(d, s, e) : retryAfter;
                case H_USER_AGENT -> userAgent = userAgent == null ? value(d, s, e) : userAgent;
                case H_SERVER -> server = server == null ? value(d, s, e) : server;
                default -> {
                    // not needed by the analysis
                }
            }
        }

        /**
         * Reads the parameters wanted of a From, To or Via value: {@code v[a, z)}, the value's bytes, or its text
         * encoded again in UTF-8 (the delimiters are ASCII, and in UTF-8 no byte of another character is ASCII).
         */
        void parameters(int id, byte[] v, int a, int z) {
            if (id == H_VIA) {
                via(v, a, z);
            } else if (id == H_FROM) {
                fromTag = tagChecked(v, a, z);
            } else {
                toTag = tagChecked(v, a, z);
            }
        }

        /**
         * The tag parameter of a From or To value. A second tag makes the dialog ambiguous: it is flagged, and
         * the first is kept, as Wireshark does.
         */
        private String tagChecked(byte[] v, int a, int z) {
            int close = indexOutside(v, a, z, '>');
            int first = paramValueStart(v, close < 0 ? a : close, z, P_TAG);
            if (first < 0) {
                return null;
            }
            int end = paramValueEnd(v, first, z);
            if (paramValueStart(v, end, z, P_TAG) >= 0) {
                problems.add(SipProblem.DUPLICATE_HEADER);
            }
            return utf8(v, first, end);
        }

        /**
         * A CSeq of the common shape, read straight from the bytes: blanks, 1 to 10 digits (at most 2^32 - 1), blanks,
         * a method of token characters, blanks. Anything else (a folded line, a control character, a long value, any
         * doubt) returns false and goes through {@link #cseq(String)} as every value does: the result is the same
         * either way, less two strings.
         */
        private boolean cseqPlain(byte[] d, int s, int e) {
            int a = skipBlanks(d, s, e);
            int z = trimEnd(d, a, e);
            if (z - a > MAX_FIELD_CHARS) {
                return false;
            }
            int i = a;
            long n = 0;
            while (i < z && d[i] >= '0' && d[i] <= '9' && i - a < 10) {
                n = n * 10 + (d[i] - '0');
                i++;
            }
            int j = skipBlanks(d, i, z);
            if (i == a || j == i || j == z || n > 0xffffffffL) {
                return false;
            }
            for (int k = j; k < z; k++) {
                if (!isTokenChar(d[k])) {
                    return false;
                }
            }
            cseqNumber = n;
            String m = known(d, j, z, METHODS, METHOD_BYTES);
            cseqMethod = m != null ? m : ascii(d, j, z);
            return true;
        }

        private void cseq(String v) {
            int i = 0;
            long n = 0;
            while (i < v.length() && Character.isDigit(v.charAt(i)) && i < 10) {
                n = n * 10 + (v.charAt(i) - '0');
                i++;
            }
            int j = i;
            while (j < v.length() && (v.charAt(j) == ' ' || v.charAt(j) == '\t')) {
                j++;
            }
            String m = v.substring(j).strip();
            if (i == 0 || j == i || m.isEmpty() || n > 0xffffffffL || !isToken(m)) {
                problems.add(SipProblem.BAD_CSEQ);
                if (i > 0 && n <= 0xffffffffL) {
                    cseqNumber = n;
                }
                if (!m.isEmpty() && isToken(m)) {
                    cseqMethod = m;
                }
                return;
            }
            cseqNumber = n;
            cseqMethod = m;
        }

        private void contentLength(String v) {
            boolean digits = !v.isEmpty() && v.length() <= 9;
            for (int i = 0; i < v.length() && digits; i++) {
                digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
            }
            if (!digits) {
                problems.add(SipProblem.BAD_CONTENT_LENGTH);
                return;
            }
            contentLength = Integer.parseInt(v);
        }

        /**
         * Content-Length straight from the bytes when its value is 1 to 9 ASCII digits between blanks (what nearly
         * every message sends); anything else goes through {@link #value} as every other header does, so the result
         * is the same either way.
         */
        private void contentLength(byte[] d, int s, int e) {
            int a = s;
            while (a < e && (d[a] == ' ' || d[a] == '\t')) {
                a++;
            }
            int z = e;
            while (z > a && (d[z - 1] == ' ' || d[z - 1] == '\t')) {
                z--;
            }
            int n = 0;
            boolean digits = z > a && z - a <= 9;
            for (int i = a; i < z && digits; i++) {
                digits = d[i] >= '0' && d[i] <= '9';
                n = n * 10 + (d[i] - '0');
            }
            if (digits) {
                contentLength = n;
            } else {
                contentLength(value(d, s, e));
            }
        }

        private void via(byte[] v, int a, int z) {
            // The top Via is the first value of the first Via header: "SIP / 2.0 / UDP host:port;branch=...".
            int comma = indexOutside(v, a, z, ',');
            int end = comma < 0 ? z : comma;
            int slash1 = Swar.indexOf(v, a, end, (byte) '/');
            int slash2 = slash1 < 0 ? -1 : Swar.indexOf(v, slash1 + 1, end, (byte) '/');
            if (slash2 < 0) {
                return;
            }
            int i = slash2 + 1;
            while (i < end && isLws(v[i])) {
                i++;
            }
            int t = i;
            while (i < end && !isLws(v[i]) && v[i] != ';') {
                i++;
            }
            String transport = known(v, t, i, TRANSPORTS, TRANSPORT_BYTES);
            viaTransport = transport != null ? transport : utf8(v, t, i);
            while (i < end && isLws(v[i])) {
                i++;
            }
            int h = i;
            while (i < end && !isLws(v[i]) && v[i] != ';') {
                i++;
            }
            viaSentBy = h < i ? utf8(v, h, i) : null;
            int branch = paramValueStart(v, i, end, P_BRANCH);
            viaBranch = branch < 0 ? null : utf8(v, branch, paramValueEnd(v, branch, end));
        }

        void checkMandatory() {
            if (callId == null || callId.isEmpty()) {
                problems.add(SipProblem.MISSING_CALL_ID);
            }
            if (!cseqSeen) {
                problems.add(SipProblem.MISSING_CSEQ);
            }
            if (!fromSeen) {
                problems.add(SipProblem.MISSING_FROM);
            }
            if (!toSeen) {
                problems.add(SipProblem.MISSING_TO);
            }
            if (!viaSeen) {
                problems.add(SipProblem.MISSING_VIA);
            }
            if (method != null && cseqMethod != null && !method.equals(cseqMethod)) {
                problems.add(SipProblem.CSEQ_METHOD_MISMATCH);
            }
        }

        SipMessage build(int length) {
            Set<SipProblem> p = problems.isEmpty() ? Set.of() : EnumSet.copyOf(problems);
            SipMessage.Fields f = new SipMessage.Fields(callId, cseqNumber, cseqMethod, from, fromTag, to, toTag,
                    viaBranch, viaSentBy, viaTransport, contentLength, bodyLength, reason, warning, retryAfter,
                    userAgent, server, length, p);
            return method != null ? new SipMessage.Request(method, requestUri, f)
                    : new SipMessage.Response(statusCode >= 0 ? optionalCode(statusCode)
                            : java.util.OptionalInt.empty(), reasonPhrase, f);
        }
    }

    private static int paramValueEnd(byte[] v, int e, int z) {
        while (e < z && !endsParamValue(v[e])) {
            e++;
        }
        return e;
    }

    /** What ends a parameter's value: {@code ; , >} or white space. */
    private static boolean endsParamValue(byte c) {
        return (BYTE_CLASS[c & 0xff] & ENDS_PARAM_VALUE) != 0;
    }

    /** Where the value of parameter {@code name} starts in {@code v[from, z)}; -1 when absent. */
    private static int paramValueStart(byte[] v, int from, int z, byte[] name) {
        int i = from;
        while (true) {
            int semi = indexOutside(v, i, z, ';');
            if (semi < 0) {
                return -1;
            }
            int s = semi + 1;
            while (s < z && isLws(v[s])) {
                s++;
            }
            if (s + name.length <= z && eq(v, s, name)) {
                int e = s + name.length;
                while (e < z && isLws(v[e])) {
                    e++;
                }
                if (e < z && v[e] == '=') {
                    e++;
                    while (e < z && isLws(v[e])) {
                        e++;
                    }
                    return e;
                }
            }
            i = s;
        }
    }

    /** The first {@code c} in {@code v[from, z)} outside quotes and angle brackets, as {@link NameAddr} walks text. */
    private static int indexOutside(byte[] v, int from, int z, char c) {
        return NameAddr.indexOutside(v, from, z, c, true);
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7e || !isTokenChar((byte) c)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3261 token characters. */
    private static boolean isTokenChar(byte b) {
        return (BYTE_CLASS[b & 0xff] & TOKEN) != 0;
    }

    /**
     * What each byte is, as bits, looked up rather than compared: the tests run for each byte of a value, and a lookup
     * is small enough to be inlined wherever it is called (the optimising compiler inlines little in the launchers).
     */
    private static final byte[] BYTE_CLASS = new byte[256];
    /** A token character (RFC 3261 section 25.1): alphanumeric or one of -.!%*_+`'~ */
    private static final byte TOKEN = 1;
    /** Ends an unquoted parameter value: ; , > or linear white space. */
    private static final byte ENDS_PARAM_VALUE = 2;

    static {
        for (int i = 0; i < 256; i++) {
            char c = (char) i;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-.!%*_+`'~".indexOf(c) >= 0) {
                BYTE_CLASS[i] |= TOKEN;
            }
            if (";,> \t\r\n".indexOf(c) >= 0) {
                BYTE_CLASS[i] |= ENDS_PARAM_VALUE;
            }
        }
    }

    private static boolean isLws(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int skipBlankLines(byte[] d, int p, int end) {
        while (p < end && (d[p] == '\r' || d[p] == '\n' || d[p] == ' ' || d[p] == '\t')) {
            p++;
        }
        return p;
    }

    private static int skipBlanks(byte[] d, int p, int end) {
        while (p < end && isBlank(d[p])) {
            p++;
        }
        return p;
    }

    private static int skipToBlank(byte[] d, int p, int end) {
        while (p < end && !isBlank(d[p])) {
            p++;
        }
        return p;
    }

    private static int trimEnd(byte[] d, int s, int e) {
        while (e > s && (d[e - 1] == '\r' || d[e - 1] == ' ' || d[e - 1] == '\t')) {
            e--;
        }
        return e;
    }

    private static boolean startsWithIgnoreCase(byte[] d, int p, int end, byte[] prefix) {
        if (end - p < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            int c = d[p + i];
            int e = prefix[i];
            if (c != e && (c | 0x20) != (e | 0x20)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] d, int s, int e) {
        return new String(d, s, e - s, StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] d, int s, int e) {
        return cap(new String(d, s, Math.min(e - s, MAX_FIELD_CHARS * 4), StandardCharsets.UTF_8));
    }

    /** A header value: folded lines joined by one space, outer blanks removed, length capped. */
    private static String value(byte[] d, int s, int e) {
        while (s < e && (isBlank(d[s]) || d[s] == '\r' || d[s] == '\n')) {
            s++;
        }
        e = trimEnd(d, s, e);
        if (isPlain(d, s, e)) {
            return ascii(d, s, e); // printable ASCII on one line, blanks trimmed: its bytes are its text, as below
        }
        String v = text(d, s, e);
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) { // folded: a line end inside (CR and LF are ASCII in UTF-8)
            v = v.replaceAll("[\\r\\n]+[ \\t]+", " ");
        }
        return v.strip();
    }

    /**
     * A From, To or Via value as {@link #value(byte[], int, int)} makes it, its parameters read into {@code b}; null
     * for Via, whose whole value is not kept. A value of printable ASCII on one line, as nearly all are, is its own
     * bytes: the parameters are read from them and no string is made of a Via. Any other is made into text first,
     * and read from that text's UTF-8 bytes, so both give the same.
     */
    private static String value(byte[] d, int s, int e, Builder b, int id) {
        int a = s;
        while (a < e && (isBlank(d[a]) || d[a] == '\r' || d[a] == '\n')) {
            a++;
        }
        int z = trimEnd(d, a, e);
        if (isPlain(d, a, z)) {
            b.parameters(id, d, a, z);
            return id == H_VIA ? null : ascii(d, a, z);
        }
        String v = value(d, s, e);
        byte[] u = v.getBytes(StandardCharsets.UTF_8);
        b.parameters(id, u, 0, u.length);
        return id == H_VIA ? null : v;
    }

    /** Printable ASCII and tabs, no longer than a field is kept: text whose characters are its bytes, as they are. */
    static boolean isPlain(byte[] d, int a, int z) {
        if (z - a > MAX_FIELD_CHARS) {
            return false;
        }
        // Eight bytes at a time: none of 0x80 or over; none 0x7f (zero once XORed with it); none under 0x20 (with
        // every byte under 0x80, (w - 0x20 * ONES) & ~w & HIGHS is not zero exactly when one is), or if one is, a tab.
        int i = a;
        for (; i <= z - Long.BYTES; i += Long.BYTES) {
            long w = Swar.word(d, i);
            if ((w & Swar.HIGHS) != 0 || Swar.zeros(w ^ 0x7f7f7f7f7f7f7f7fL) != 0
                    || ((w - 0x20 * Swar.ONES) & ~w & Swar.HIGHS) != 0 && !plainBytes(d, i, i + Long.BYTES)) {
                return false;
            }
        }
        return plainBytes(d, i, z);
    }

    private static boolean plainBytes(byte[] d, int a, int z) {
        for (int i = a; i < z; i++) {
            byte c = d[i];
            if ((c < 0x20 && c != '\t') || c == 0x7f) { // a byte of 0x80 and over is negative
                return false;
            }
        }
        return true;
    }

    private static String utf8(byte[] d, int s, int e) {
        return new String(d, s, e - s, StandardCharsets.UTF_8);
    }

    /** At most MAX_FIELD_CHARS characters, one less where the cut would split a surrogate pair. */
    private static String cap(String s) {
        if (s.length() <= MAX_FIELD_CHARS) {
            return s;
        }
        int n = Character.isHighSurrogate(s.charAt(MAX_FIELD_CHARS - 1)) ? MAX_FIELD_CHARS - 1 : MAX_FIELD_CHARS;
        return s.substring(0, n);
    }
}
