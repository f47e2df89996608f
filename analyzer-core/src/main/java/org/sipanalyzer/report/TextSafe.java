package org.sipanalyzer.report;

/** Makes user- or capture-supplied text safe to echo in a one-line error message. */
public final class TextSafe {

    private static final int MAX = 300;

    private TextSafe() {
    }

    /** {@code s} with control characters as {@code ?}, cut at 300 characters. */
    public static String of(String s) {
        return of(s, MAX);
    }

    /** The same, cut at {@code max} characters: for messages of our own that quote a little of the user's text. */
    public static String of(String s, int max) {
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
