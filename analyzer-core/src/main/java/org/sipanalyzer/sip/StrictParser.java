package org.sipanalyzer.sip;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.SIPMessage;
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
        byte[] bytes = Arrays.copyOfRange(d, off, off + len);
        try {
            SIPMessage m = new StringMsgParser().parseSIPMessage(bytes, true, false, null);
            if (m == null) {
                return new Result(null, "no SIP message found");
            }
            if (m instanceof gov.nist.javax.sip.message.SIPResponse r) {
                int code = r.getStatusCode();
                if (code < 100 || code > 699) {
                    return new Result(null, "status code " + code + " outside 100-699");
                }
            }
            return new Result(m, null);
        } catch (ParseException e) {
            return new Result(null, oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            // JAIN-SIP signals some malformed input with NullPointerException or StringIndexOutOfBoundsException.
            return new Result(null, "parser failure (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "parse error";
        }
        String line = s.strip().replaceAll("[\\r\\n\\t]+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
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
