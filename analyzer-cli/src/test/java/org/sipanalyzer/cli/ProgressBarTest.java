package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void drawsHowFarTheReadingHasGotInPlaceAndErasesItselfAtTheEnd() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(b, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(err, 2, 100);
        long gib = 1L << 30;
        bar.progress(1, "captures/day-2.pcap\u001b[31m", gib / 2, gib, 2_000_000_000L, false);
        String drawn = b.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.startsWith("\r2/2 captures/day-2.pcap?[31m ["), "in place, the input's number, its name"
                + " with control characters made harmless: " + drawn);
        assertTrue(drawn.contains("[############............]  50% 512 MB of 1.0 GB, 256 MB/s, 2s left"), drawn);
        assertTrue(drawn.length() < 100 + 10, "within the terminal's width: " + drawn.length());
        b.reset();
        bar.progress(1, "captures/day-2.pcap", gib, gib, 4_000_000_000L, true);
        assertEquals("\r\u001b[K", b.toString(StandardCharsets.UTF_8), "erased before the report");
    }

    @Test
    void aLongNameIsCutFromTheLeft() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(b, true, StandardCharsets.UTF_8), 1, 80);
        bar.progress(0, "/very/long/path/".repeat(10) + "last.pcap", 10, 100, 1_000_000_000L, false);
        String drawn = b.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.startsWith("\r…") && drawn.contains("last.pcap ["), drawn);
    }
}
