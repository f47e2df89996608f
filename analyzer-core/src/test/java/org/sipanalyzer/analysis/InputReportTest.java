package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sipanalyzer.catalogue.Catalogue;

/** What an input's warnings say its figures may lack, listed or not, condensed or copied. */
class InputReportTest {

    @Test
    void aLogsNotesAreNeverCountedAsLossesWhereverTheyAreKept() {
        InputReport r = new InputReport("x.log", new MessageStatistics(Catalogue.standard()), 1);
        r.warn(Diagnostic.of(Diagnostic.Kind.LOG_NOTE, "the log gives no times")); // listed
        r.warn(Diagnostic.of(Diagnostic.Kind.LOG, "1 message cut off by the end of the log")); // past the list
        r.warn(Diagnostic.of(Diagnostic.Kind.LOG_NOTE, "the log gives no addresses")); // past the list
        assertEquals(2, r.warningsNotListed());
        assertEquals(1, r.losses());
        assertEquals(1, r.condensedCopy(0).losses(), "a copy for a run of many inputs");
        r.condense(0);
        assertEquals(1, r.losses(), "condensed in place");
        assertEquals(3, r.warningsNotListed());
    }
}
