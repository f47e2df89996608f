package org.sipanalyzer.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UdpDropsTest {

    @Test
    void aLineOfTheTableIsReadByPortAndInode() {
        String line = "  1234: 0100007F:4B90 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0"
                + " 556677 2 0000000000000000 42";
        assertEquals(42, UdpDrops.drops(line, Set.of(0x4B90), Set.of(556677L)));
        assertEquals(0, UdpDrops.drops(line, Set.of(5060), Set.of(556677L)), "another port");
        assertEquals(0, UdpDrops.drops(line, Set.of(0x4B90), Set.of(1L)), "another process's socket");
        assertEquals(0, UdpDrops.drops("garbage", Set.of(0x4B90), Set.of(556677L)));
    }

    /** A socket nobody reads overflows: what is then read and what the kernel counts as dropped make what was sent. */
    @Test
    void theKernelsDropsOnAFullSocketAreCounted() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "no /proc/net/udp: not Linux");
        try (DatagramSocket in = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket out = new DatagramSocket()) {
            in.setReceiveBufferSize(16 << 10);
            int port = in.getLocalPort();
            byte[] payload = new byte[1000];
            int sent = 2000;
            for (int i = 0; i < sent; i++) {
                out.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
            }
            long drops = UdpDrops.of(Set.of(port));
            assertTrue(drops > 0, "2,000 KB sent into a 16 KB buffer: some must be dropped");
            in.setSoTimeout(200);
            int read = 0;
            byte[] buf = new byte[2000];
            try {
                while (read < sent) {
                    in.receive(new DatagramPacket(buf, buf.length));
                    read++;
                }
            } catch (SocketTimeoutException e) {
                // drained
            }
            assertEquals(sent, read + drops, "read " + read + ", dropped " + drops);
            assertEquals(-1, UdpDrops.of(Set.of()));
        }
    }
}
