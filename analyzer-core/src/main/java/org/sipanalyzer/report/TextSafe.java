package org.sipanalyzer.report;

/**
 * Makes user- or capture-supplied text safe to show: {@link #isHidden} says which characters no output shows as they
 * are, and {@link #of} makes text safe to echo in a one-line error message.
 */
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
            sb.append(isHidden(c) ? '?' : c);
        }
        if (s.length() > max) {
            sb.append('…');
        }
        return sb.toString();
    }

    /**
     * Whether {@code c} could drive a terminal or change how a viewer orders what it shows, so that text from a capture
     * must not carry it as it is: C0 and C1 controls and DEL (escape sequences, BEL, a carriage return that writes over
     * a line), Unicode's bidirectional formatting characters (U+061C, U+200E-200F, U+202A-202E, U+2066-2069: an
     * override turns the rest of a row around, so a row can be made to read as another) and the line and paragraph
     * separators (U+2028-2029). Each format decides what stands in its place; tab and line feed are the caller's to
     * allow.
     */
    public static boolean isHidden(char c) {
        if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
            return true;
        }
        if (c < 0x61c) {
            return false;
        }
        return c == 0x61c || c == 0x200e || c == 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x2028 || c == 0x2029;
    }
}
