package org.sipanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which characters from a capture no output shows as they are, and what the one-line echo makes of them. */
class TextSafeTest {

    @Test
    void controlsOfEveryKindAreHidden() {
        for (char c = 0; c < 0x20; c++) {
            assertTrue(TextSafe.isHidden(c), "C0 " + (int) c);
        }
        assertTrue(TextSafe.isHidden('\u007f'), "DEL");
        for (char c = 0x80; c <= 0x9f; c++) {
            assertTrue(TextSafe.isHidden(c), "C1 " + (int) c);
        }
    }

    @Test
    void bidirectionalFormattingAndSeparatorsAreHidden() {
        // Unicode's bidirectional formatting characters (UAX #9, table 4) and the two separators.
        char[] hidden = {'\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066',
            '\u2067', '\u2068', '\u2069', '\u2028', '\u2029'};
        for (char c : hidden) {
            assertTrue(TextSafe.isHidden(c), Integer.toHexString(c));
        }
    }

    @Test
    void textOfAnyScriptIsShown() {
        // Letters that are themselves right to left are not formatting: they are shown, and a terminal orders them.
        String shown = " ~aZ09é\u00a0ß\u05d0\u0627\u061b\u061d\u200b\u200d\u2010\u2065\u206a\u4e2d\ufffd\ud83d\ude00";
        for (char c : shown.toCharArray()) {
            assertFalse(TextSafe.isHidden(c), Integer.toHexString(c));
        }
    }

    @Test
    void theEchoShowsQuestionMarksInTheirPlace() {
        assertEquals("a?[2J?b?c", TextSafe.of("a\u001b[2J\u202eb\u0007c"));
        assertEquals("xy…", TextSafe.of("xyz", 2));
    }
}
