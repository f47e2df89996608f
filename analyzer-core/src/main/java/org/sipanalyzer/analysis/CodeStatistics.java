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
    private final Map<String, Long> phrases = new LinkedHashMap<>();

    CodeStatistics(int code, CodeLookup lookup) {
        this.code = code;
        this.lookup = lookup;
    }

    /** The phrase last added and its count: responses of a code mostly repeat one phrase, the same string object. */
    private transient String lastPhrase;
    /** Counts of {@link #lastPhrase} not yet in {@link #phrases}. */
    private transient long pending;

    void add(String phrase, boolean retransmission) {
        counts.add(retransmission);
        String p = phrase == null ? "" : phrase;
        if (p == lastPhrase) {
            pending++; // the same string as the last: no lookup, counted into the map when the phrase changes or is read
            return;
        }
        settle();
        if (!phrases.containsKey(p) && phrases.size() >= MAX_PHRASES) {
            p = OTHER_PHRASES;
        }
        phrases.merge(p, 1L, Long::sum);
        lastPhrase = phrase == null ? "" : phrase;
    }

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        settle(); // the pending counts are not serialised
        out.defaultWriteObject();
    }

    /** Moves the pending counts of the last phrase into the map, under the key it went to. */
    private void settle() {
        if (pending > 0) {
            String p = lastPhrase;
            if (!phrases.containsKey(p)) {
                p = OTHER_PHRASES; // it was folded when first added: the map was full then, and still is
            }
            phrases.merge(p, pending, Long::sum);
            pending = 0;
        }
    }

    void add(CodeStatistics other) {
        settle();
        other.settle();
        counts.add(other.counts);
        other.phrases.forEach((p, n) -> {
            String key = !phrases.containsKey(p) && phrases.size() >= MAX_PHRASES ? OTHER_PHRASES : p;
            phrases.merge(key, n, Long::sum);
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
        settle();
        Map<String, Long> out = new LinkedHashMap<>();
        phrases.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> out.put(e.getKey(), e.getValue()));
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
