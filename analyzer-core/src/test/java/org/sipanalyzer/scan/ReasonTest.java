package org.sipanalyzer.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReasonTest {

    @Test
    void theQ850CauseOfAReasonHeader() {
        assertEquals(OptionalInt.of(17), Reason.q850Cause("Q.850;cause=17;text=\"User busy\""));
        assertEquals(OptionalInt.of(16), Reason.q850Cause("q.850 ; text=\"Normal\" ; cause = 16"), "any case, order");
        assertEquals(OptionalInt.of(31), Reason.q850Cause("SIP;cause=200;text=\"Call completed elsewhere\", "
                + "Q.850;cause=31"), "the Q.850 value among several (RFC 3326 allows a list)");
        assertEquals(OptionalInt.empty(), Reason.q850Cause("SIP;cause=487"), "a SIP cause is not a Q.850 one");
        assertEquals(OptionalInt.empty(), Reason.q850Cause("Q.850;cause=0"), "causes run from 1 to 127");
        assertEquals(OptionalInt.empty(), Reason.q850Cause("Q.850;cause=128"));
        assertEquals(OptionalInt.empty(), Reason.q850Cause(null));
    }

    /** The pattern the parser is written from, as the oracle. */
    private static final Pattern Q850 = Pattern.compile("(?i)Q\\.850\\s*;(?:[^,]*;)?\\s*cause\\s*=\\s*(\\d{1,3})");

    private static OptionalInt byPattern(String value) {
        Matcher m = Q850.matcher(value);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        int cause = Integer.parseInt(m.group(1));
        return cause >= 1 && cause <= 127 ? OptionalInt.of(cause) : OptionalInt.empty();
    }

    /**
     * Values put together at random from the pieces that matter (the protocol in either case and near misses, blanks
     * of every kind, semicolons, commas, the parameter name in either case and with a letter that only Unicode folds
     * to it, digits, quotes) give the cause the pattern gives.
     */
    private static final String[][] ORDERED = {{"Q.850", "q.850", "SIP"}, {"", " ", "\t"}, {";"},
        {"", "text=\"a;b\";", " "}, {"cause", "CAUSE", "cauSe"}, {"", " "}, {"="}, {"", " ", "\r\n "},
        {"1", "16", "127", "128", "0", "1234"}, {"", ";", ",", ", Q.850;cause=9"}};

    @Test
    void findsWhatThePatternFinds() {
        String[] pieces = {"Q.850", "q.850", "Q.85", "Q850", "Q.8500", "SIP", ";", ";", ";", ",", " ", "\t", "\r\n",
            "\u000b", "\f", "cause", "CAUSE", "Cause", "cau\u017fe", "causes", "=", "=", "1", "7", "0", "12", "127",
            "128", "999", "1000", "016", "text=\"Busy\"", "\"", "x", ".", "\u00a0", "\u0663"};
        Random random = new Random(850);
        int found = 0;
        for (int i = 0; i < 300_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(14);
            for (int k = 0; k < n; k++) {
                // Half the time the pieces come in the order of a real value, so that many have a cause to find.
                b.append(random.nextBoolean() ? pieces[random.nextInt(pieces.length)] : ORDERED[k % ORDERED.length][
                        random.nextInt(ORDERED[k % ORDERED.length].length)]);
            }
            String v = b.toString();
            OptionalInt expected = byPattern(v);
            assertEquals(expected, Reason.q850Cause(v), v);
            if (expected.isPresent()) {
                found++;
            }
        }
        assertTrue(found > 5_000, found + " values with a cause: too few to say much");
    }
}
