package org.sipanalyzer.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
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
}
