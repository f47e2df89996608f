package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kamailio (Debian's package, its siptrace module) sends HEP3 of real SIPp calls to {@code sip-analyzer listen}, over
 * UDP then TCP, while tcpdump records the same packets; the collector's report must equal {@code analyze} of the
 * capture: messages, requests, responses, retransmissions, calls, outcomes and HEP packets
 * (scripts/listen-beside-tcpdump.sh, which starts and stops every process). Skipped, with the reason, where the
 * programs or root (tcpdump on lo) are missing.
 */
class KamailioHepIT {

    private static final Path JAR = Path.of(System.getProperty("sipanalyzer.jar", "target/sip-analyzer.jar"));

    @Test
    void listenCountsWhatACaptureOfTheSameHepCounts() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "the runnable jar is built by the package phase");
        Path script = Path.of("..", "scripts", "listen-beside-tcpdump.sh").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", script.toString(), JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the proof ends within its bounds");
        } finally {
            p.destroyForcibly();
        }
        assumeTrue(p.exitValue() != 2, () -> "cannot run here: " + out.strip());
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("SIP messages: listen ") && !out.contains("differ"), out);
    }
}
