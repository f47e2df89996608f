package org.sipanalyzer.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Words of which a line must hold one to matter outside a message: a line holding none can neither start a
 * message nor describe the next one, so the reader passes it over as bytes, without making text of it or asking
 * the layout. Case is ignored (ASCII letters only), which can only let more lines through, never fewer.
 */
final class Cues {

    /** For layouts that name no cues: any line with more than blanks in it may matter. */
    static final Cues NOT_BLANK = new Cues(null);

    private static final byte[] LOWER = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }

    /** The words in lower case; null for {@link #NOT_BLANK}. */
    private final byte[][] words;
    /** The bytes a word starts with, in either case. */
    private final boolean[] first = new boolean[256];

    private Cues(byte[][] words) {
        this.words = words;
        if (words != null) {
            for (byte[] w : words) {
                first[w[0]] = true;
                first[w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0]] = true;
            }
        }
    }

    /** Lines that hold one of {@code words} (ASCII), in any case. */
    static Cues of(String... words) {
        byte[][] w = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            if (words[i].isEmpty() || !words[i].chars().allMatch(c -> c < 0x80)) {
                throw new IllegalArgumentException("a cue is a word of ASCII: \"" + words[i] + "\"");
            }
            w[i] = words[i].toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
        }
        return new Cues(w);
    }

    /** These cues and {@code more}; {@link #NOT_BLANK} stays as it is (it lets every line with text through). */
    Cues and(String... more) {
        if (words == null) {
            return this;
        }
        Cues added = of(more);
        byte[][] all = Arrays.copyOf(words, words.length + added.words.length);
        System.arraycopy(added.words, 0, all, words.length, added.words.length);
        return new Cues(all);
    }

    /** Whether the line {@code b[from, to)} may matter: it holds a cue (or, for {@link #NOT_BLANK}, text). */
    boolean in(byte[] b, int from, int to) {
        if (words == null) {
            return !blank(b, from, to);
        }
        for (int i = from; i < to; i++) {
            if (first[b[i] & 0xff]) {
                for (byte[] w : words) {
                    if (at(b, i, to, w)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean at(byte[] b, int i, int to, byte[] w) {
        if (to - i < w.length) {
            return false;
        }
        for (int k = 0; k < w.length; k++) {
            if (LOWER[b[i + k] & 0xff] != w[k]) {
                return false;
            }
        }
        return true;
    }

    /** Only spaces, tabs and CRs, or nothing. */
    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
