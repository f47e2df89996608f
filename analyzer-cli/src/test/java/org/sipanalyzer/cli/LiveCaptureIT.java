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
 * {@code sip-analyzer live -i lo}, in a network namespace of its own, analyses SIPp calls of every common outcome
 * (samples/make-samples.sh, over UDP then TCP) as they pass, while tcpdump records them; at SIGTERM its report must
 * equal {@code analyze} of tcpdump's captures: messages, requests, responses, retransmissions, calls and outcomes
 * (scripts/live-beside-tcpdump.sh, which starts and stops every process). Skipped, with the reason, where root,
 * network namespaces, libpcap, SIPp or tcpdump are missing.
 */
class LiveCaptureIT {

    private static final Path JAR = Path.of(System.getProperty("sipanalyzer.jar", "target/sip-analyzer.jar"));

    @Test
    void liveCaptureCountsWhatTcpdumpsCaptureOfTheSameCallsCounts() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "the runnable jar is built by the package phase");
        Path script = Path.of("..", "scripts", "live-beside-tcpdump.sh").toAbsolutePath().normalize();
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
        assertTrue(out.contains("SIP messages: live ") && !out.contains("differ"), out);
    }
}
