package org.sipanalyzer.scan;

import java.util.OptionalInt;

/** The Reason header (RFC 3326): which cause a message gives for ending a call or a request. */
public final class Reason {

    private static final int MAX_CAUSE = 127;
    private static final OptionalInt[] CAUSES = new OptionalInt[MAX_CAUSE + 1];

    static {
        for (int i = 1; i <= MAX_CAUSE; i++) {
            CAUSES[i] = OptionalInt.of(i);
        }
    }

    private Reason() {
    }

    /**
     * The ITU-T Q.850 cause of a Reason header value ({@code Q.850;cause=17;text="User busy"}), when it gives one
     * from 1 to 127 (the causes Q.850 defines); empty otherwise, and for a null value.
     *
     * <p>What it finds is what the pattern {@code (?i)Q\.850\s*;(?:[^,]*;)?\s*cause\s*=\s*(\d{1,3})} finds first (a
     * test holds the two to each other): the first "Q.850" followed by a semicolon from which a cause parameter is
     * reached without crossing a comma, the last such parameter before the comma, else the one right after the
     * semicolon; at most three digits of it. Written out, because every call judged with a Reason header asks, and a
     * matcher per call was a measurable share of the counting thread.
     */
    public static OptionalInt q850Cause(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        int n = value.length();
        for (int dot = value.indexOf('.', 1); dot >= 0; dot = value.indexOf('.', dot + 1)) {
            if (!isQ850(value, dot - 1, n)) {
                continue;
            }
            int j = skipSpace(value, dot + 4, n);
            if (j >= n || value.charAt(j) != ';') {
                continue;
            }
            j++;
            int comma = value.indexOf(',', j);
            int limit = comma < 0 ? n : comma;
            int cause = -1;
            for (int semi = value.lastIndexOf(';', limit - 1); semi >= j && cause < 0;
                    semi = value.lastIndexOf(';', semi - 1)) {
                cause = causeAt(value, semi + 1, n);
            }
            if (cause < 0) {
                cause = causeAt(value, j, n);
            }
            if (cause >= 0) {
                return cause >= 1 && cause <= MAX_CAUSE ? CAUSES[cause] : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /** "Q.850" at {@code q}, the letter in either case. */
    private static boolean isQ850(String v, int q, int n) {
        return q + 5 <= n && (v.charAt(q) | 0x20) == 'q' && v.charAt(q + 1) == '.' && v.charAt(q + 2) == '8'
                && v.charAt(q + 3) == '5' && v.charAt(q + 4) == '0';
    }

    /** The number of {@code \s*cause\s*=\s*(\d{1,3})} at {@code p}, or -1 where that does not match. */
    private static int causeAt(String v, int p, int n) {
        p = skipSpace(v, p, n);
        if (p + 5 > n || !asciiIgnoreCase(v, p, "cause")) {
            return -1;
        }
        p = skipSpace(v, p + 5, n);
        if (p >= n || v.charAt(p) != '=') {
            return -1;
        }
        p = skipSpace(v, p + 1, n);
        int cause = 0;
        int digits = 0;
        while (digits < 3 && p + digits < n && v.charAt(p + digits) >= '0' && v.charAt(p + digits) <= '9') {
            cause = cause * 10 + v.charAt(p + digits) - '0';
            digits++;
        }
        return digits == 0 ? -1 : cause;
    }

    /** A lower-case ASCII word at {@code p}, in any case of ASCII letters only (as {@code (?i)} compares). */
    private static boolean asciiIgnoreCase(String v, int p, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = v.charAt(p + i);
            if (c != lower.charAt(i) && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == lower.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Past the characters of {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static int skipSpace(String v, int p, int n) {
        while (p < n) {
            char c = v.charAt(p);
            if (c != ' ' && (c < '\t' || c > '\r')) {
                break;
            }
            p++;
        }
        return p;
    }
}
