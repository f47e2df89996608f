package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The live commands refuse what they cannot do in one line that says what to do, with exit status 2. */
class LiveCommandTest {

    private static void oneLine(CliRun r, String says) {
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(says), r.err());
        assertTrue(r.out().isEmpty(), "nothing on standard output");
    }

    @Test
    void liveNeedsAnInterfaceThatExists() {
        oneLine(CliRun.of("live"), "say which interface to capture on, e.g. -i eth0");
        oneLine(CliRun.of("live", "-i", "no-such-if0"), "no interface 'no-such-if0'; the interfaces are [");
        oneLine(CliRun.of("live", "-i", "lo", "capture.pcap"), "takes no files");
    }

    @Test
    void listenNeedsWhereToListen() {
        oneLine(CliRun.of("listen"), "say where to listen, e.g. --hep udp:9060");
        oneLine(CliRun.of("listen", "--hep", "sctp:9060"), "write udp:9060, tcp:9061 or udp:127.0.0.1:9060");
    }

    @Test
    void aRefusalToCaptureSaysWhichCapabilityToGrant() {
        String m = org.sipanalyzer.live.InterfaceCapture.explain("eth0",
                "eth0: You don't have permission to capture on that device (socket: Operation not permitted)");
        assertTrue(m.startsWith("no permission to capture on eth0: run as root, or grant the capabilities cap_net_raw"
                + " and cap_net_admin"), m);
    }
}
