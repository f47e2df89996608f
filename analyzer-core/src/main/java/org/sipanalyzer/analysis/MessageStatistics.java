package org.sipanalyzer.analysis;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.ResponseClass;
import org.sipanalyzer.sip.SipMessage;
import org.sipanalyzer.sip.SipProblem;

/**
 * Counts SIP messages: requests by method, responses by class, by code and by CSeq method and code, each
 * with and without retransmissions; malformed messages by problem. Bounded whatever the input.
 */
public final class MessageStatistics implements java.io.Serializable, Tap<MessageStatistics>,
        Mergeable<MessageStatistics>, Published {
    private static final long serialVersionUID = 1L;

    /** Distinct methods kept apart; further ones are counted under {@link #OTHER_METHOD}. */
    public static final int MAX_METHODS = 256;
    /** Distinct status codes kept apart; further ones are counted under {@link #OTHER_CODE}. */
    public static final int MAX_CODES = 1024;
    public static final String OTHER_METHOD = "(other)";
    /** Hosts kept apart in {@link #failuresBySender()}; further ones are counted under {@link #OTHER_SENDER}. */
    public static final int MAX_SENDERS = 1024;
    public static final String OTHER_SENDER = "(other hosts)";
    public static final String NO_METHOD = "(none)";
    /** The key for codes past {@link #MAX_CODES}. */
    public static final int OTHER_CODE = Integer.MIN_VALUE;
    /** The key for a status "code" that is not a number. */
    public static final int NON_NUMERIC_CODE = -1;

    private final Catalogue catalogue;
    private final Counts messages = new Counts();
    private final Counts requests = new Counts();
    private final Counts responses = new Counts();
    private long malformed;
    private long duplicates;
    private final BoundedCounter<String, Counts> byMethod =
            new BoundedCounter<>(MAX_METHODS, OTHER_METHOD, k -> new Counts());
    private final EnumMap<ResponseClass, Counts> byClass = new EnumMap<>(ResponseClass.class);
    private final Counts invalidCodes = new Counts();
    private final BoundedCounter<Integer, CodeStatistics> byCode;
    private final BoundedCounter<String, BoundedCounter<Integer, Counts>> byMethodAndCode =
            new BoundedCounter<>(MAX_METHODS, OTHER_METHOD, k -> codeCounter());
    private final EnumMap<SipProblem, Long> problems = new EnumMap<>(SipProblem.class);
    /** Failure responses (4xx-6xx) by the host that sent them, then code: which server returned which failures. */
    private final BoundedCounter<String, BoundedCounter<Integer, Counts>> failuresBySender =
            new BoundedCounter<>(MAX_SENDERS, OTHER_SENDER, k -> codeCounter());

    public MessageStatistics(Catalogue catalogue) {
        this.catalogue = catalogue;
        this.byCode = new BoundedCounter<>(MAX_CODES, OTHER_CODE, k -> new CodeStatistics(k, catalogue.lookup(k)));
    }

    private static BoundedCounter<Integer, Counts> codeCounter() {
        return new BoundedCounter<>(MAX_CODES, OTHER_CODE, k -> new Counts());
    }

    @Override
    public String name() {
        return "messages";
    }

    /**
     * The entries of {@link #byCode} for three-digit codes, as looked up: a bounded table never forgets a key, and once
     * full it sends every new key to its overflow entry for good, so what a code found once it finds again. Not
     * serialised (made again on first use).
     */
    private transient CodeStatistics[] codeEntries;
    /** The last entries of byMethodAndCode and failuresBySender looked up (see {@link RecentEntries}). */
    private transient RecentEntries recentByMethod;
    private transient RecentEntries recentBySender;

    private CodeStatistics codeEntry(Integer code) {
        int c = code;
        if (c < 0 || c >= CODES.length) {
            return byCode.get(code);
        }
        if (codeEntries == null) {
            codeEntries = new CodeStatistics[CODES.length];
        }
        CodeStatistics s = codeEntries[c];
        if (s == null) {
            s = byCode.get(code);
            codeEntries[c] = s;
        }
        return s;
    }

    /**
     * The counts of a (key, code) pair in a table of tables, remembered in a small direct-mapped cache: the keys, CSeq
     * methods and sending hosts, are the same string objects from one message to the next, so most lookups are one
     * comparison of references rather than two hash lookups. Exact for the reason {@link #codeEntries} is.
     */
    private static final class RecentEntries {
        private static final int SLOTS = 64;
        private final BoundedCounter<String, BoundedCounter<Integer, Counts>> table;
        private final String[] keys = new String[SLOTS];
        private final int[] codes = new int[SLOTS];
        private final Counts[] entries = new Counts[SLOTS];

        RecentEntries(BoundedCounter<String, BoundedCounter<Integer, Counts>> table) {
            this.table = table;
        }

        Counts get(String key, Integer code) {
            int c = code;
            int slot = (key.hashCode() * 31 + c) & (SLOTS - 1);
            if (keys[slot] == key && codes[slot] == c) {
                return entries[slot];
            }
            Counts n = table.get(key).get(code);
            keys[slot] = key;
            codes[slot] = c;
            entries[slot] = n;
            return n;
        }
    }

    /** The codes a status line can hold (three digits), boxed once: Integer.valueOf caches only up to 127. */
    private static final Integer[] CODES = new Integer[1000];

    static {
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = i;
        }
    }

    private static Integer boxed(int code) {
        return code >= 0 && code < CODES.length ? CODES[code] : Integer.valueOf(code);
    }

    @Override
    public void onEvent(SipEvent e) {
        SipMessage m = e.message();
        boolean rtx = e.retransmission();
        messages.add(rtx);
        if (e.duplicate()) {
            duplicates++;
        }
        if (!m.isWellFormed()) {
            malformed++;
            for (SipProblem p : m.problems()) {
                problems.merge(p, 1L, Long::sum);
            }
        }
        if (m instanceof SipMessage.Response r) {
            responses.add(rtx);
            Integer code = boxed(r.statusCode());
            ResponseClass cls = e.code() != null && e.code().isValid() ? e.code().responseClass().orElse(null) : null;
            if (cls != null) {
                byClass.computeIfAbsent(cls, k -> new Counts()).add(rtx);
            } else {
                invalidCodes.add(rtx);
            }
            codeEntry(code).add(r.reasonPhrase(), rtx);
            String method = m.cseqMethod() == null ? NO_METHOD : m.cseqMethod();
            if (recentByMethod == null) {
                recentByMethod = new RecentEntries(byMethodAndCode);
                recentBySender = new RecentEntries(failuresBySender);
            }
            recentByMethod.get(method, code).add(rtx);
            if (code >= 400 && code <= 699 && e.source() != null) {
                recentBySender.get(e.source().hostOrUnknown(), code).add(rtx);
            }
        } else if (m instanceof SipMessage.Request r) {
            requests.add(rtx);
            byMethod.get(r.method()).add(rtx);
        }
    }

    /**
     * Publishes the message counts: {@code messages}, {@code retransmissions}, {@code duplicates} and
     * {@code malformed} (of all messages); {@code requests} and {@code responses} (unique, of unique messages);
     * {@code code.CODE} and {@code class.Nxx} (unique, of unique responses); {@code method.METHOD} (unique, of unique
     * requests).
     */
    @Override
    public void publish(MetricRegistry r) {
        // As every report counts them, retransmissions included; .unique leaves them out, as codes and methods do.
        r.count("messages", messages.count(), messages.count());
        r.count("requests", requests.count(), messages.count());
        r.count("responses", responses.count(), messages.count());
        r.count("messages.unique", messages.unique(), messages.count());
        r.count("requests.unique", requests.unique(), messages.unique());
        r.count("responses.unique", responses.unique(), messages.unique());
        r.count("retransmissions", retransmissions(), messages.count());
        r.count("duplicates", duplicates, messages.count());
        r.count("malformed", malformed, messages.count());
        for (ResponseClass c : ResponseClass.values()) {
            Counts n = byClass.get(c);
            r.count("class." + c.digit() + "xx", n == null ? 0 : n.unique(), responses.unique());
        }
        byCode.view().forEach((code, s) -> {
            if (code >= 100 && code <= 699) {
                r.count("code." + code, s.counts().unique(), responses.unique());
            }
        });
        r.family("code", responses.unique(), s -> s.matches("[1-6]\\d\\d"));
        byMethod.view().forEach((m, n) -> {
            if (!m.equals(OTHER_METHOD)) {
                r.count("method." + m, n.unique(), requests.unique());
            }
        });
        r.family("method", requests.unique(), s -> !s.isEmpty());
    }

    /** A copy that later events leave as it is. */
    @Override
    public MessageStatistics snapshot() {
        MessageStatistics c = new MessageStatistics(catalogue);
        c.add(this);
        return c;
    }

    /** The figures of both, as one count of every message would give them; neither is changed. */
    @Override
    public MessageStatistics merge(MessageStatistics other) {
        MessageStatistics c = snapshot();
        c.add(other);
        return c;
    }

    /**
     * Adds another input's figures to these (exact while the bounded tables stay under their bounds; past one, which
     * keys fold into the overflow key may differ with the order).
     */
    public void add(MessageStatistics o) {
        messages.add(o.messages);
        requests.add(o.requests);
        responses.add(o.responses);
        malformed += o.malformed;
        duplicates += o.duplicates;
        o.byMethod.view().forEach((k, v) -> byMethod.get(k).add(v));
        o.byClass.forEach((k, v) -> byClass.computeIfAbsent(k, x -> new Counts()).add(v));
        invalidCodes.add(o.invalidCodes);
        o.byCode.view().forEach((k, v) -> byCode.get(k).add(v));
        o.byMethodAndCode.view().forEach((m, codes) -> {
            BoundedCounter<Integer, Counts> mine = byMethodAndCode.get(m);
            codes.view().forEach((c, n) -> mine.get(c).add(n));
        });
        o.problems.forEach((k, v) -> problems.merge(k, v, Long::sum));
        o.failuresBySender.view().forEach((h, codes) -> {
            BoundedCounter<Integer, Counts> mine = failuresBySender.get(h);
            codes.view().forEach((c, n) -> mine.get(c).add(n));
        });
    }

    /** Failure responses (4xx-6xx) by the host that sent them, then by code; bounded ({@link #MAX_SENDERS}). */
    public Map<String, Map<Integer, Counts>> failuresBySender() {
        Map<String, Map<Integer, Counts>> out = new TreeMap<>();
        failuresBySender.view().forEach((h, c) -> out.put(h, c.view()));
        return Collections.unmodifiableMap(out);
    }

    public Counts messages() {
        return messages;
    }

    public Counts requests() {
        return requests;
    }

    public Counts responses() {
        return responses;
    }

    /** SIP retransmissions: messages re-sent by the same side in the same transaction (duplicates apart). */
    public long retransmissions() {
        return messages.count() - messages.unique() - duplicates;
    }

    /** The same packet captured twice (on two interfaces, say): not counted as unique, nor as retransmissions. */
    public long duplicates() {
        return duplicates;
    }

    /** Messages with at least one {@link SipProblem}. */
    public long malformed() {
        return malformed;
    }

    public Map<String, Counts> byMethod() {
        return byMethod.view();
    }

    public Map<ResponseClass, Counts> byClass() {
        return Collections.unmodifiableMap(byClass);
    }

    /** Responses whose code is outside 100-699 or not a number. */
    public Counts invalidCodes() {
        return invalidCodes;
    }

    public Map<Integer, CodeStatistics> byCode() {
        return byCode.view();
    }

    /** Responses by CSeq method, then code. */
    public Map<String, Map<Integer, Counts>> byMethodAndCode() {
        Map<String, Map<Integer, Counts>> out = new TreeMap<>();
        byMethodAndCode.view().forEach((m, c) -> out.put(m, c.view()));
        return Collections.unmodifiableMap(out);
    }

    public Map<SipProblem, Long> problems() {
        return Collections.unmodifiableMap(problems);
    }

    /** The catalogue the codes were looked up in: reports name codes from it. */
    public Catalogue catalogue() {
        return catalogue;
    }
}
