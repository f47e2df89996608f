package org.sipanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * CSV cells hold text from captures: no formula a spreadsheet would run, no control character a terminal would
 * obey.
 */
class CsvTest {

    @Test
    void formulasAreQuoted() {
        assertEquals("'=HYPERLINK(\"http://evil.example\")", Csv.safe("=HYPERLINK(\"http://evil.example\")"));
        assertEquals("'@SUM(A1)", Csv.safe("@SUM(A1)"));
        assertEquals("alice@example.com", Csv.safe("alice@example.com"));
    }

    @Test
    void controlCharactersBecomeReplacementCharacters() {
        // An OSC 52 clipboard write, a colour escape, BEL, and a C1 CSI: none reaches the file.
        assertEquals("\uFFFD]52;c;ZXZpbA==\uFFFDcall\uFFFD[31mred\uFFFD\uFFFD",
                Csv.safe("\u001b]52;c;ZXZpbA==\u0007call\u001b[31mred\u009b\u007f"));
        assertEquals("a\tb", Csv.safe("a\tb"), "a tab inside a cell is kept");
        assertEquals("'-\uFFFDx", Csv.safe("-\u0000x"), "both guards at once");
    }

    @Test
    void bidirectionalOverridesBecomeReplacementCharacters() {
        // A right-to-left override would turn the rest of the row around in a viewer: "exe.gpj" reads as "jpg.exe".
        assertEquals("invoice\uFFFDgpj.exe", Csv.safe("invoice\u202egpj.exe"));
        assertEquals("\uFFFDa\uFFFD", Csv.safe("\u2066a\u2069"));
    }
}
