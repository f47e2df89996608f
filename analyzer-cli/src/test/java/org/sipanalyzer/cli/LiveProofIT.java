package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The live commands count what a capture of the same traffic counts, with real programs making the traffic:
 * <ul>
 * <li>{@code listen}: Kamailio (Debian's package, its siptrace module) sends HEP3 of SIPp calls over UDP then TCP,
 *     while tcpdump records the same packets (scripts/listen-beside-tcpdump.sh);</li>
 * <li>{@code live -i lo}: in a network namespace of its own, SIPp calls of every common outcome over UDP then TCP,
 *     while tcpdump records them (scripts/live-beside-tcpdump.sh).</li>
 * </ul>
 * At SIGTERM the command's report must equal {@code analyze} of tcpdump's capture: messages, requests, responses,
 * retransmissions, calls and outcomes. Each script starts and stops every process it runs; where root, namespaces,
 * libpcap, Kamailio, SIPp or tcpdump are missing, it says so and the test is skipped with that reason.
 */
class LiveProofIT {

    private static final Path JAR = Path.of(System.getProperty("sipanalyzer.jar", "target/sip-analyzer.jar"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"listen-beside-tcpdump.sh, listen", "live-beside-tcpdump.sh, live"})
    void theCommandCountsWhatTcpdumpsCaptureOfTheSameTrafficCounts(String script, String command) throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "the runnable jar is built by the package phase");
        Path path = Path.of("..", "scripts", script).toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", path.toString(), JAR.toAbsolutePath().toString())
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
        assertTrue(out.contains("SIP messages: " + command + " ") && !out.contains("differ"), out);
    }
}
