package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a HEP collector: it is sent the HEP packets Kamailio's siptrace made for the sample
 * (samples/kamailio-hep.pcap), writes a JSON line of figures per second while they come, and at SIGTERM writes a
 * report equal to analyze's of the sample file. The process is stopped by the test, also when it fails.
 */
class ListenIT {

    private static final Path JAR = Path.of(System.getProperty("sipanalyzer.jar", "target/sip-analyzer.jar"));
    private static final Path SAMPLE = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .resolve("kamailio-hep.pcap");

    /** The UDP payloads of a classic pcap with Ethernet frames and IPv4 (the sample's layout). */
    private static List<byte[]> udpPayloads(Path pcap) throws Exception {
        byte[] d = Files.readAllBytes(pcap);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(0), "a little-endian pcap");
        List<byte[]> out = new ArrayList<>();
        int at = 24;
        while (at + 16 <= d.length) {
            int incl = b.getInt(at + 8);
            int ip = at + 16 + 14;
            int ihl = (d[ip] & 0x0f) * 4;
            if (d[ip + 9] == 17) {
                int udp = ip + ihl;
                int len = ((d[udp + 4] & 0xff) << 8 | (d[udp + 5] & 0xff)) - 8;
                byte[] p = new byte[len];
                System.arraycopy(d, udp + 8, p, 0, len);
                out.add(p);
            }
            at += 16 + incl;
        }
        return out;
    }

    @Test
    void collectsHepReportsAsItComesAndWritesTheWholeReportAtSigterm(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "the runnable jar is built by the package phase");
        List<byte[]> packets = udpPayloads(SAMPLE);
        assertEquals(148, packets.size());
        Path report = dir.resolve("report.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process listen = new ProcessBuilder(java, "-jar", JAR.toString(), "listen", "--hep", "udp:127.0.0.1:0",
                "--interval", "1", "-f", "json", "-o", report.toString(), "--write", dir.resolve("kept.pcapng")
                        .toString()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(listen.getErrorStream(),
                    StandardCharsets.UTF_8));
            String first = err.readLine();
            Matcher m = Pattern.compile("listening for HEP on \\[/127\\.0\\.0\\.1:(\\d+)]").matcher(first);
            assertTrue(m.find(), first);
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
            try (DatagramSocket s = new DatagramSocket()) {
                for (byte[] p : packets) {
                    s.send(new DatagramPacket(p, p.length, to));
                    Thread.sleep(1);
                }
            }
            // Lines of figures follow the traffic: wait (bounded) for one that has counted every message.
            ObjectMapper json = new ObjectMapper();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            JsonNode line = null;
            while (System.nanoTime() < deadline) {
                String l = err.readLine();
                if (l == null) {
                    break;
                }
                line = json.readTree(l);
                if (line.get("metrics").get("messages").asInt() == 148) {
                    break;
                }
            }
            assertTrue(line != null && line.get("metrics").get("messages").asInt() == 148, String.valueOf(line));
            assertEquals(148, line.get("captured").asInt());
            assertTrue(new ProcessBuilder("kill", "-TERM", Long.toString(listen.pid())).start().waitFor() == 0);
            assertTrue(listen.waitFor(20, TimeUnit.SECONDS), "listen ends at SIGTERM");
            assertEquals(0, listen.exitValue());
            JsonNode live = json.readTree(report.toFile());
            Process analyze = new ProcessBuilder(java, "-jar", JAR.toString(), "analyze", "-f", "json",
                    SAMPLE.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            JsonNode file = json.readTree(analyze.getInputStream());
            assertTrue(analyze.waitFor(30, TimeUnit.SECONDS));
            for (String field : List.of("messages", "requests", "responses", "calls")) {
                assertEquals(file.get(field).toString(), live.get(field).toString(), field);
            }
            assertTrue(live.get("inputs").get(0).get("warnings").toString().contains("stopped by SIGTERM"));
        } finally {
            listen.destroyForcibly();
            listen.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
