package org.sipanalyzer.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class Q850CausesTest {

    @Test
    void namesTheCausesSipGatewaysSendMost() {
        // RFC 3398 section 8.2.3 maps SIP failures to these causes; the names are ITU-T Q.850's.
        assertEquals(Optional.of("Unallocated (unassigned) number"), Q850Causes.name(1));
        assertEquals(Optional.of("Normal call clearing"), Q850Causes.name(16));
        assertEquals(Optional.of("User busy"), Q850Causes.name(17));
        assertEquals(Optional.of("No answer from user (user alerted)"), Q850Causes.name(19));
        assertEquals(Optional.of("Call rejected"), Q850Causes.name(21));
        assertEquals(Optional.of("Temporary failure"), Q850Causes.name(41));
        assertEquals(Optional.of("Interworking, unspecified"), Q850Causes.name(127));
        assertEquals("17 User busy", Q850Causes.label(17));
    }

    @Test
    void unassignedValuesAreNumbersAlone() {
        for (int c : new int[] {0, 10, 24, 128, -1, 300}) {
            assertEquals(Optional.empty(), Q850Causes.name(c), Integer.toString(c));
        }
        assertEquals("24", Q850Causes.label(24));
    }

    @Test
    void everyEntryIsACauseOfOneToOneHundredTwentySeven() {
        assertEquals(70, Q850Causes.all().size());
        assertTrue(Q850Causes.all().keySet().stream().allMatch(c -> c >= 1 && c <= 127));
        assertTrue(Q850Causes.all().values().stream().noneMatch(String::isBlank));
    }
}
