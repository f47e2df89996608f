package org.sipanalyzer.scan;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Properties;

/**
 * Full RFC 3261 parsing with JAIN-SIP (the NIST reference implementation), for {@code --strict}. JAIN-SIP
 * throws more than {@link ParseException} on hostile input, and it does not range-check status codes; both
 * are handled here so that a rejection is always a plain result with a reason.
 */
public final class StrictParser {

    static {
        // Without log4j on the class path JAIN-SIP's default logger fails on some inputs: install a silent one.
        CommonLogger.useLegacyLogger = true;
        CommonLogger.legacyLogger = new SilentLogger();
    }

    /**
     * The verdict on one message.
     *
     * @param message the parsed message, null when rejected
     * @param rejection why JAIN-SIP rejected it, null when accepted
     */
    public record Result(SIPMessage message, String rejection) {
        public boolean accepted() {
            return rejection == null;
        }
    }

    /** Parses {@code len} bytes at {@code off} as one SIP message. */
    public Result parse(byte[] d, int off, int len) {
        String unsafe = beyondJainSip(d, off, len);
        if (unsafe != null) {
            return new Result(null, unsafe);
        }
        byte[] bytes = Arrays.copyOfRange(d, off, off + len);
        try {
            // By default JAIN-SIP drops a header it cannot parse and goes on; strict parsing rejects instead.
            ParseExceptionListener rejectBadHeaders = (ex, msg, headerClass, headerText, messageText) -> {
                String why = describe(ex);
                int colon = why.lastIndexOf(" :");
                throw new ParseException("bad header '" + shorten(headerText == null ? "" : headerText.strip()) + "': "
                        + (colon >= 0 ? why.substring(colon + 2).strip() : why), ex.getErrorOffset());
            };
            SIPMessage m = new StringMsgParser().parseSIPMessage(bytes, true, false, rejectBadHeaders);
            if (m == null) {
                return new Result(null, "no SIP message found");
            }
            String semantic = checkSemantics(m);
            return semantic == null ? new Result(m, null) : new Result(null, semantic);
        } catch (ParseException e) {
            return new Result(null, describe(e));
        } catch (RuntimeException e) {
            // JAIN-SIP signals some malformed input with NullPointerException or StringIndexOutOfBoundsException.
            return new Result(null, "parser failure (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Headers that JAIN-SIP cannot be trusted with, found by fuzzing: a NUL byte outside a quoted string (its lexer
     * takes NUL for the end of its buffer), and in a Via header any control byte, comment or backslash, quoted or not
     * (its Via parser loops on them: four 35-300-byte messages each kept it busy for 20 seconds until the heap ran
     * out). Real Via headers carry none of these (no RFC 4475 or 5118 torture message does). The reason, or null
     * when the headers are safe to hand over. The body may hold anything.
     */
    private static String beyondJainSip(byte[] d, int off, int len) {
        int end = off + len;
        boolean quoted = false;
        boolean via = false;
        int lineStart = off;
        for (int i = off; i < end; i++) {
            byte c = d[i];
            if (i == lineStart && c != ' ' && c != '\t') {
                via = isVia(d, i, end); // a new header (not a folded line of the last one)
                quoted = false;
            }
            if (via && ((c & 0xff) < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == '(' || c == '\\')) {
                return "a Via header with a control byte, a comment or a backslash (byte " + (i - off)
                        + "), which JAIN-SIP's Via parser cannot read safely";
            }
            if (c == '\\' && quoted) {
                i++; // a quoted-pair
                continue;
            }
            if (c == 0 && !quoted) {
                return "a NUL byte in the headers, outside a quoted string (byte " + (i - off) + ")";
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n') {
                lineStart = i + 1;
                if (i + 1 < end && (d[i + 1] == '\n' || d[i + 1] == '\r' && i + 2 < end && d[i + 2] == '\n')) {
                    return null; // the end of the headers
                }
            }
        }
        return null;
    }

    /** Whether the header line at {@code at} is a Via ({@code Via:} or compact {@code v:}, any case). */
    private static boolean isVia(byte[] d, int at, int end) {
        int i = at;
        while (i < end && d[i] != ':' && d[i] != '\n' && i - at < 8) {
            i++;
        }
        if (i >= end || d[i] != ':') {
            return false;
        }
        String name = new String(d, at, i - at, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        return name.equalsIgnoreCase("via") || name.equalsIgnoreCase("v");
    }

    /** What RFC 3261 requires of every message beyond its syntax (sections 8.1.1, 7.3, 21). */
    private static String checkSemantics(SIPMessage m) {
        if (m instanceof SIPResponse r && (r.getStatusCode() < 100 || r.getStatusCode() > 699)) {
            return "status code " + r.getStatusCode() + " outside 100-699";
        }
        if (m.getCallId() == null) {
            return "no Call-ID header";
        }
        if (m.getCSeq() == null) {
            return "no CSeq header";
        }
        if (m.getFrom() == null) {
            return "no From header";
        }
        if (m.getTo() == null) {
            return "no To header";
        }
        if (m.getTopmostVia() == null) {
            return "no Via header";
        }
        if (m instanceof SIPRequest q && !q.getMethod().equals(m.getCSeq().getMethod())) {
            return "CSeq method " + m.getCSeq().getMethod() + " differs from the request method " + q.getMethod();
        }
        if (m.getCSeq().getSeqNumber() > 0xffffffffL) {
            return "CSeq number above 2^32-1";
        }
        return null;
    }

    private static String describe(ParseException e) {
        String s = e.getMessage();
        if (s == null || s.isBlank() || s.startsWith("[C@")) {
            return "parse error at offset " + e.getErrorOffset();
        }
        return shorten(s.strip().replaceAll("[\\r\\n\\t]+", " "));
    }

    private static String shorten(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length() && sb.length() < 200; i++) {
            char c = line.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return line.length() > 200 ? sb + "…" : sb.toString();
    }

    /** A StackLogger that drops everything. */
    private static final class SilentLogger implements StackLogger {
        @Override
        public void logStackTrace() {
        }

        @Override
        public void logStackTrace(int traceLevel) {
        }

        @Override
        public int getLineCount() {
            return 0;
        }

        @Override
        public void logException(Throwable ex) {
        }

        @Override
        public void logDebug(String message) {
        }

        @Override
        public void logDebug(String message, Exception ex) {
        }

        @Override
        public void logTrace(String message) {
        }

        @Override
        public void logFatalError(String message) {
        }

        @Override
        public void logError(String message) {
        }

        @Override
        public boolean isLoggingEnabled() {
            return false;
        }

        @Override
        public boolean isLoggingEnabled(int logLevel) {
            return false;
        }

        @Override
        public void logError(String message, Exception ex) {
        }

        @Override
        public void logWarning(String string) {
        }

        @Override
        public void logInfo(String string) {
        }

        @Override
        public void disableLogging() {
        }

        @Override
        public void enableLogging() {
        }

        @Override
        public void setBuildTimeStamp(String buildTimeStamp) {
        }

        @Override
        public void setStackProperties(Properties stackProperties) {
        }

        @Override
        public String getLoggerName() {
            return "sip-analyzer";
        }
    }
}
