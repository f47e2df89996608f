package org.sipanalyzer.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sipanalyzer.catalogue.CodeLookup;

/** The figures for one response code: counts, what the catalogue says, and reason phrases seen on the wire. */
public final class CodeStatistics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** At most this many distinct reason phrases are kept per code; the rest are counted together. */
    static final int MAX_PHRASES = 8;
    static final String OTHER_PHRASES = "(other phrases)";

    private final int code;
    private final CodeLookup lookup;
    private final Counts counts = new Counts();
    /** Each phrase's count, in a cell of its own so that a repeat adds to it in place. */
    private final Map<String, long[]> phrases = new LinkedHashMap<>();

    CodeStatistics(int code, CodeLookup lookup) {
        this.code = code;
        this.lookup = lookup;
    }

    /** The phrase last added and its count's cell: responses of a code mostly repeat one phrase, the same string. */
    private transient String lastPhrase;
    private transient long[] lastCount;

    void add(String phrase, boolean retransmission) {
        counts.add(retransmission);
        String p = phrase == null ? "" : phrase;
        if (p == lastPhrase) {
            lastCount[0]++; // the same string as the last: its cell, without a lookup
            return;
        }
        long[] n = phrases.get(p);
        if (n == null) {
            n = phrases.computeIfAbsent(phrases.size() >= MAX_PHRASES ? OTHER_PHRASES : p, k -> new long[1]);
        }
        n[0]++;
        lastPhrase = p;
        lastCount = n;
    }

    void add(CodeStatistics other) {
        counts.add(other.counts);
        other.phrases.forEach((p, n) -> {
            String key = !phrases.containsKey(p) && phrases.size() >= MAX_PHRASES ? OTHER_PHRASES : p;
            phrases.computeIfAbsent(key, k -> new long[1])[0] += n[0];
        });
    }

    /** The status code as seen (-1 when it was not a number). */
    public int code() {
        return code;
    }

    public CodeLookup lookup() {
        return lookup;
    }

    public Counts counts() {
        return counts;
    }

    /**
     * Reason phrases as sent, with how often each was seen: the most seen first, ties in alphabetical order (an order
     * that does not depend on the order the inputs were read in).
     */
    public Map<String, Long> phrases() {
        Map<String, Long> out = new LinkedHashMap<>();
        phrases.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue()[0]))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    /** The phrases seen that match neither the catalogue's reason nor its aliases. */
    public Map<String, Long> unexpectedPhrases() {
        Map<String, Long> out = new LinkedHashMap<>();
        phrases().forEach((p, n) -> {
            boolean known = lookup.isKnown() && lookup.entry().map(e -> e.matchesReason(p)).orElse(false);
            if (!known) {
                out.put(p, n);
            }
        });
        return out;
    }
}
