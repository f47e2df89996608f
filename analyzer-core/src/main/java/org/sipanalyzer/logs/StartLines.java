package org.sipanalyzer.logs;

import java.util.regex.Pattern;

/**
 * SIP start lines in log text: {@code SIP/2.0 486 Busy Here}, or a request line of exactly three parts whose
 * Request-URI has a scheme ({@code INVITE sip:bob@example.com SIP/2.0}). A line that merely mentions one
 * ({@code DEBUG - sending INVITE sip:bob@x SIP/2.0}) has more parts and is not one.
 */
final class StartLines {

    private static final Pattern STATUS = Pattern.compile("SIP/\\d{1,3}\\.\\d{1,3}[ \\t]+\\d{1,9}(?:[ \\t].*)?");
    private static final Pattern REQUEST = Pattern.compile(
            "[A-Za-z0-9.!%*_+`'~-]{1,1024}[ \\t]+[A-Za-z][A-Za-z0-9+.-]{0,31}:\\S*[ \\t]+"
                    + "SIP/\\d{1,3}\\.\\d{1,3}[ \\t]*");

    private StartLines() {
    }

    static boolean is(String line) {
        if (line.length() < 10 || line.length() > 8192) {
            return false;
        }
        if (line.startsWith("SIP/")) {
            return STATUS.matcher(line).matches();
        }
        // Cheap tests first: most lines of a log are not start lines, and a request line ends in SIP/x.y.
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end < 8 || !Character.isDigit(line.charAt(end - 1)) || line.lastIndexOf("SIP/", end) < 0) {
            return false;
        }
        return REQUEST.matcher(line).matches();
    }

    /** The start line as sent: without trailing blanks. */
    static String strip(String line) {
        return line.stripTrailing();
    }
}
