package org.sipanalyzer.report;

/** Escaping for text placed in a Markdown (GitHub-flavoured) table cell. */
final class Markdown {

    private Markdown() {
    }

    /**
     * Makes {@code text} safe inside a table cell: line breaks become spaces, control characters are
     * dropped, and characters that Markdown or inline HTML would interpret are backslash-escaped.
     */
    static String cell(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                sb.append(' ');
            } else if (TextSafe.isHidden(c)) {
                continue;
            } else if ("\\|`*_[]<>#!~&".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
