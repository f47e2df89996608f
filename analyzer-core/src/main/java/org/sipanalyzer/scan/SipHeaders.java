package org.sipanalyzer.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values of one header in a message's text, as RFC 3261 section 7.3 reads them: any case, the compact forms
 * (RFC 3261, 3265, 3515, 3841, 3892, 4028, 4474), LF or CRLF line ends, folded lines joined with one space, every
 * occurrence in order. Only the header section is read: the start line and the body are not headers.
 */
public final class SipHeaders {

    /** Compact form to full name, lower case. */
    private static final Map<String, String> COMPACT = Map.ofEntries(Map.entry("i", "call-id"),
            Map.entry("m", "contact"), Map.entry("e", "content-encoding"), Map.entry("l", "content-length"),
            Map.entry("c", "content-type"), Map.entry("f", "from"), Map.entry("s", "subject"),
            Map.entry("k", "supported"), Map.entry("t", "to"), Map.entry("v", "via"), Map.entry("o", "event"),
            Map.entry("u", "allow-events"), Map.entry("r", "refer-to"), Map.entry("b", "referred-by"),
            Map.entry("a", "accept-contact"), Map.entry("j", "reject-contact"), Map.entry("d", "request-disposition"),
            Map.entry("x", "session-expires"), Map.entry("y", "identity"), Map.entry("n", "identity-info"));

    private SipHeaders() {
    }

    /** Whether {@code name} is a header name: an RFC 3261 token. */
    public static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-.!%*_+`'~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** The full name of a header, lower case: {@code "i"} and {@code "Call-ID"} both give {@code "call-id"}. */
    public static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }

    /** Every value of header {@code name} (full or compact, any case) in {@code text}, in order; empty when none. */
    public static List<String> values(String text, String name) {
        String wanted = canonical(name);
        List<String> out = new ArrayList<>();
        int p = lineEnd(text, 0); // the start line is not a header
        p = next(text, p);
        StringBuilder value = null;
        while (p < text.length()) {
            int end = lineEnd(text, p);
            if (end == p) {
                break; // the empty line: the body follows
            }
            char first = text.charAt(p);
            if (first == ' ' || first == '\t') {
                if (value != null) {
                    value.append(' ').append(text.substring(p, end).strip()); // a folded line: one space
                }
            } else {
                if (value != null) {
                    out.add(value.toString().strip());
                    value = null;
                }
                int colon = text.indexOf(':', p);
                if (colon > p && colon < end && canonical(text.substring(p, colon).strip()).equals(wanted)) {
                    value = new StringBuilder(text.substring(colon + 1, end));
                }
            }
            p = next(text, end);
        }
        if (value != null) {
            out.add(value.toString().strip());
        }
        return out;
    }

    private static int lineEnd(String text, int from) {
        int lf = text.indexOf('\n', from);
        int end = lf < 0 ? text.length() : lf;
        return end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    private static int next(String text, int lineEnd) {
        if (lineEnd < text.length() && text.charAt(lineEnd) == '\r') {
            lineEnd++;
        }
        return lineEnd < text.length() && text.charAt(lineEnd) == '\n' ? lineEnd + 1 : text.length();
    }
}
