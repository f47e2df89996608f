package org.sipanalyzer.cli;

/** Makes user- or capture-supplied text safe to echo in a one-line error message. */
final class TextSafe {

    private static final int MAX = 300;

    private TextSafe() {
    }

    static String of(String s) {
        return of(s, MAX);
    }

    /** The same, cut at {@code max} characters: for messages of our own that quote a little of the user's text. */
    static String of(String s, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? '?' : c);
        }
        if (s.length() > max) {
            sb.append('…');
        }
        return sb.toString();
    }
}
