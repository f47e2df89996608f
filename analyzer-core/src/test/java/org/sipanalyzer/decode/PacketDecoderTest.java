package org.sipanalyzer.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipanalyzer.testing.Packets.ascii;
import static org.sipanalyzer.testing.Packets.ethernet;
import static org.sipanalyzer.testing.Packets.ipv4;
import static org.sipanalyzer.testing.Packets.ipv4Packet;
import static org.sipanalyzer.testing.Packets.ipv6;
import static org.sipanalyzer.testing.Packets.ipv6Packet;
import static org.sipanalyzer.testing.Packets.loopback;
import static org.sipanalyzer.testing.Packets.sll;
import static org.sipanalyzer.testing.Packets.sll2;
import static org.sipanalyzer.testing.Packets.tcp;
import static org.sipanalyzer.testing.Packets.udp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.net.Transport;

class PacketDecoderTest {

    private static final byte[] SRC = ipv4(192, 0, 2, 1);
    private static final byte[] DST = ipv4(198, 51, 100, 7);
    private static final byte[] SRC6 = ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
    private static final byte[] DST6 = ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2);
    private static final byte[] PAYLOAD = ascii("SIP/2.0 200 OK\r\n\r\n");

    private final PacketDecoder decoder = new PacketDecoder();

    private DecodedPacket decode(int linkType, byte[] frame) {
        return decoder.decode(linkType, frame, 0, frame.length);
    }

    private static byte[] payloadOf(DecodedPacket p, byte[] frame) {
        return Arrays.copyOfRange(frame, p.payloadOffset(), p.payloadOffset() + p.payloadLength());
    }

    private void assertUdp(DecodedPacket p, byte[] frame, String src, String dst) {
        assertEquals(DecodedPacket.Kind.PAYLOAD, p.kind(), p.problem());
        assertEquals(Transport.UDP, p.transport());
        assertEquals(src, p.source().toString());
        assertEquals(dst, p.destination().toString());
        assertArrayEquals(PAYLOAD, payloadOf(p, frame));
    }

    @Test
    void ethernetIpv4Udp() {
        byte[] f = ethernet(0x0800, ipv4Packet(SRC, DST, 17, udp(5060, 5080, PAYLOAD)));
        assertUdp(decode(LinkType.ETHERNET, f), f, "192.0.2.1:5060", "198.51.100.7:5080");
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] ip = ipv4Packet(SRC, DST, 17, udp(1, 2, new byte[] {'x'}));
        byte[] f = ethernet(0x0800, Arrays.copyOf(ip, ip.length + 20));
        assertEquals(1, decode(LinkType.ETHERNET, f).payloadLength());
    }

    @Test
    void vlanAndQinQTags() {
        byte[] ip = ipv4Packet(SRC, DST, 17, udp(5060, 5060, PAYLOAD));
        for (int[] tags : new int[][] {{0x8100}, {0x88a8, 0x8100}, {0x9100, 0x8100, 0x8100}}) {
            byte[] f = ethernet(0x0800, ip, tags);
            assertUdp(decode(LinkType.ETHERNET, f), f, "192.0.2.1:5060", "198.51.100.7:5060");
        }
    }

    @Test
    void linuxCookedV1AndV2() {
        byte[] ip = ipv6Packet(SRC6, DST6, 17, udp(5060, 5062, PAYLOAD));
        byte[] f1 = sll(0x86dd, ip);
        assertUdp(decode(LinkType.LINUX_SLL, f1), f1, "[2001:db8::1]:5060", "[2001:db8::2]:5062");
        byte[] f2 = sll2(0x86dd, ip);
        assertUdp(decode(LinkType.LINUX_SLL2, f2), f2, "[2001:db8::1]:5060", "[2001:db8::2]:5062");
    }

    @Test
    void rawIpLinkTypes() {
        byte[] v4 = ipv4Packet(SRC, DST, 17, udp(5060, 5060, PAYLOAD));
        byte[] v6 = ipv6Packet(SRC6, DST6, 17, udp(5060, 5060, PAYLOAD));
        for (int lt : new int[] {LinkType.RAW, LinkType.RAW_OPENBSD, LinkType.RAW_BSDI}) {
            assertEquals(4, decode(lt, v4).ipVersion());
            assertEquals(6, decode(lt, v6).ipVersion());
        }
        assertUdp(decode(LinkType.IPV4, v4), v4, "192.0.2.1:5060", "198.51.100.7:5060");
        assertUdp(decode(LinkType.IPV6, v6), v6, "[2001:db8::1]:5060", "[2001:db8::2]:5060");
    }

    @Test
    void bsdLoopbackInEitherByteOrder() {
        byte[] v4 = ipv4Packet(SRC, DST, 17, udp(5060, 5060, PAYLOAD));
        byte[] v6 = ipv6Packet(SRC6, DST6, 17, udp(5060, 5060, PAYLOAD));
        assertEquals(4, decode(LinkType.NULL, loopback(2, false, v4)).ipVersion());
        assertEquals(4, decode(LinkType.NULL, loopback(2, true, v4)).ipVersion());
        assertEquals(6, decode(LinkType.NULL, loopback(30, false, v6)).ipVersion());
        assertEquals(6, decode(LinkType.LOOP, loopback(24, true, v6)).ipVersion());
        assertEquals(6, decode(LinkType.NULL, loopback(10, false, v6)).ipVersion());
    }

    @Test
    void ipv6ExtensionHeadersAreSkipped() {
        byte[] l4 = udp(5060, 5060, PAYLOAD);
        ByteBuffer ext = ByteBuffer.allocate(8 + 16 + l4.length);
        ext.put((byte) 60).put((byte) 0).put(new byte[6]);   // hop-by-hop, next: destination options
        ext.put((byte) 17).put((byte) 1).put(new byte[14]);  // destination options of 16 bytes, next: UDP
        ext.put(l4);
        byte[] f = ipv6Packet(SRC6, DST6, 0, ext.array());
        assertUdp(decode(LinkType.RAW, f), f, "[2001:db8::1]:5060", "[2001:db8::2]:5060");
    }

    @Test
    void fragmentsAreRecognised() {
        byte[] first = ipv4Packet(SRC, DST, 17, udp(5060, 5060, PAYLOAD), 0x2000); // MF set
        assertEquals(DecodedPacket.Kind.IP_FRAGMENT, decode(LinkType.RAW, first).kind());
        byte[] later = ipv4Packet(SRC, DST, 17, PAYLOAD, 0x0010); // offset 128
        assertEquals(DecodedPacket.Kind.IP_FRAGMENT, decode(LinkType.RAW, later).kind());
        ByteBuffer frag = ByteBuffer.allocate(8 + PAYLOAD.length);
        frag.put((byte) 17).put((byte) 0).putShort((short) 0x0001).putInt(7).put(PAYLOAD); // offset 0, M set
        assertEquals(DecodedPacket.Kind.IP_FRAGMENT,
                decode(LinkType.RAW, ipv6Packet(SRC6, DST6, 44, frag.array())).kind());
        ByteBuffer atomic = ByteBuffer.allocate(8 + 8 + PAYLOAD.length);
        atomic.put((byte) 17).put((byte) 0).putShort((short) 0).putInt(7).put(udp(5060, 5060, PAYLOAD));
        assertEquals(DecodedPacket.Kind.PAYLOAD,
                decode(LinkType.RAW, ipv6Packet(SRC6, DST6, 44, atomic.array())).kind(),
                "an atomic fragment is a whole datagram");
    }

    @Test
    void tcpPayloadAndIpInIp() {
        byte[] seg = ipv4Packet(SRC, DST, 6, tcp(5060, 40000, 1000, PAYLOAD));
        DecodedPacket p = decode(LinkType.RAW, seg);
        assertEquals(Transport.TCP, p.transport());
        assertEquals(1000, p.tcpSequence());
        assertArrayEquals(PAYLOAD, payloadOf(p, seg));
        byte[] outer = ipv4Packet(ipv4(10, 0, 0, 1), ipv4(10, 0, 0, 2), 4, seg);
        DecodedPacket inner = decode(LinkType.RAW, outer);
        assertEquals("192.0.2.1:5060", inner.source().toString(), "the inner header gives the flow");
        assertEquals(1, inner.tunnelDepth());
    }

    @Test
    void pppoeSessionsAndMplsLabelStacks() {
        byte[] ip = ipv4Packet(SRC, DST, 17, udp(5060, 5080, PAYLOAD));
        ByteBuffer pppoe = ByteBuffer.allocate(8 + ip.length);
        pppoe.put((byte) 0x11).put((byte) 0).putShort((short) 0x1234).putShort((short) (2 + ip.length))
                .putShort((short) 0x0021).put(ip);
        byte[] f = ethernet(0x8864, pppoe.array());
        assertUdp(decode(LinkType.ETHERNET, f), f, "192.0.2.1:5060", "198.51.100.7:5080");
        ByteBuffer mpls = ByteBuffer.allocate(8 + ip.length);
        mpls.putInt(100 << 12 | 64).putInt(200 << 12 | 0x100 | 64).put(ip); // two labels, bottom of stack on the second
        byte[] g = ethernet(0x8847, mpls.array());
        assertUdp(decode(LinkType.ETHERNET, g), g, "192.0.2.1:5060", "198.51.100.7:5080");
    }

    @Test
    void ipv4InIpv6AndIpv6InIpv4() {
        byte[] v4 = ipv4Packet(SRC, DST, 17, udp(5060, 5080, PAYLOAD));
        byte[] f = ipv6Packet(SRC6, DST6, 4, v4);
        assertUdp(decode(LinkType.RAW, f), f, "192.0.2.1:5060", "198.51.100.7:5080");
        byte[] v6 = ipv6Packet(SRC6, DST6, 17, udp(5060, 5080, PAYLOAD));
        byte[] g = ipv4Packet(SRC, DST, 41, v6);
        DecodedPacket p = decode(LinkType.RAW, g);
        assertUdp(p, g, "[2001:db8::1]:5060", "[2001:db8::2]:5080");
        assertEquals(1, p.tunnelDepth());
    }

    @Test
    void gtpUCarriesTheSubscribersPackets() {
        byte[] inner = ipv6Packet(SRC6, DST6, 17, udp(5060, 5060, PAYLOAD));
        ByteBuffer gtp = ByteBuffer.allocate(8 + 4 + 4 + inner.length);
        gtp.put((byte) 0x34).put((byte) 0xff).putShort((short) (4 + 4 + inner.length)).putInt(0x1234);
        gtp.putShort((short) 0).put((byte) 0).put((byte) 0x85); // sequence, N-PDU, next extension: PDU session
        gtp.put((byte) 1).put((byte) 0x10).put((byte) 0x09).put((byte) 0); // one 4-byte extension, then none
        gtp.put(inner);
        byte[] f = ethernet(0x0800, ipv4Packet(ipv4(10, 0, 0, 1), ipv4(10, 0, 0, 2), 17, udp(2152, 2152, gtp.array())));
        DecodedPacket p = decode(LinkType.ETHERNET, f);
        assertUdp(p, f, "[2001:db8::1]:5060", "[2001:db8::2]:5060");
        assertEquals(1, p.tunnelDepth());
    }

    @Test
    void aPort2152DatagramThatIsNotGtpStaysAsItIs() {
        byte[] f = ethernet(0x0800, ipv4Packet(SRC, DST, 17, udp(2152, 5060, PAYLOAD)));
        assertUdp(decode(LinkType.ETHERNET, f), f, "192.0.2.1:2152", "198.51.100.7:5060");
    }

    @Test
    void vxlanAndGreOpenToTheInnerFrame() {
        byte[] innerFrame = ethernet(0x0800, ipv4Packet(SRC, DST, 17, udp(5060, 5080, PAYLOAD)));
        ByteBuffer vx = ByteBuffer.allocate(8 + innerFrame.length);
        vx.put((byte) 0x08).put(new byte[3]).putInt(42 << 8).put(innerFrame);
        byte[] f = ethernet(0x0800, ipv4Packet(ipv4(10, 0, 0, 1), ipv4(10, 0, 0, 2), 17, udp(49152, 4789, vx.array())));
        assertUdp(decode(LinkType.ETHERNET, f), f, "192.0.2.1:5060", "198.51.100.7:5080");

        byte[] innerIp = ipv4Packet(SRC, DST, 17, udp(5060, 5080, PAYLOAD));
        ByteBuffer gre = ByteBuffer.allocate(8 + innerIp.length);
        gre.putShort((short) 0x2000).putShort((short) 0x0800).putInt(7).put(innerIp); // with a key
        byte[] g = ethernet(0x0800, ipv4Packet(ipv4(10, 0, 0, 1), ipv4(10, 0, 0, 2), 47, gre.array()), 0x8100);
        assertUdp(decode(LinkType.ETHERNET, g), g, "192.0.2.1:5060", "198.51.100.7:5080");
    }

    @Test
    void anIcmpErrorsQuotedPayloadIsShownNotDelivered() {
        byte[] quoted = ipv4Packet(SRC, DST, 17, udp(5060, 5060, PAYLOAD));
        ByteBuffer icmp = ByteBuffer.allocate(8 + quoted.length);
        icmp.put((byte) 3).put((byte) 3).putShort((short) 0).putInt(0).put(quoted);
        DecodedPacket p = decode(LinkType.RAW, ipv4Packet(DST, SRC, 1, icmp.array()));
        assertEquals(DecodedPacket.Kind.OTHER_IP, p.kind());
        assertEquals(PAYLOAD.length, p.icmpQuotedPayloadLength(), "the quoted UDP payload, for the analysis to check");
        assertEquals(new String(PAYLOAD, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(p.payloadData(), p.icmpQuotedPayloadOffset(), p.icmpQuotedPayloadLength(),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
        ByteBuffer echo = ByteBuffer.allocate(8 + quoted.length);
        echo.put((byte) 8).put((byte) 0).putShort((short) 0).putInt(0).put(quoted);
        assertEquals(-1, decode(LinkType.RAW, ipv4Packet(DST, SRC, 1, echo.array())).icmpQuotedPayloadOffset(),
                "not an error");
    }

    @Test
    void otherKindsAreClassified() {
        assertEquals(DecodedPacket.Kind.NOT_IP, decode(LinkType.ETHERNET, ethernet(0x0806, new byte[28])).kind());
        assertEquals(DecodedPacket.Kind.OTHER_IP, decode(LinkType.RAW, ipv4Packet(SRC, DST, 1, new byte[8])).kind());
        assertEquals(DecodedPacket.Kind.UNSUPPORTED_LINK, decode(147, new byte[40]).kind());
        assertEquals(DecodedPacket.Kind.MALFORMED, decode(LinkType.ETHERNET, new byte[10]).kind());
        byte[] shortUdp = ipv4Packet(SRC, DST, 17, new byte[4]);
        assertEquals(DecodedPacket.Kind.MALFORMED, decode(LinkType.RAW, shortUdp).kind());
    }

    @Test
    void snaplenTruncationIsFlaggedNotFatal() {
        byte[] full = ipv4Packet(SRC, DST, 17, udp(5060, 5060, PAYLOAD));
        byte[] cut = Arrays.copyOf(full, full.length - 5);
        DecodedPacket p = decode(LinkType.RAW, cut);
        assertEquals(DecodedPacket.Kind.PAYLOAD, p.kind());
        assertTrue(p.isPayloadTruncated());
        assertEquals(PAYLOAD.length - 5, p.payloadLength());
    }

    @Test
    void neverThrowsOnGarbage() {
        Random rnd = new Random(7);
        byte[] good = ethernet(0x0800, ipv4Packet(SRC, DST, 17, udp(5060, 5060, PAYLOAD)), 0x8100);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = good.clone();
            for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            int len = rnd.nextInt(b.length + 1);
            for (int lt : new int[] {0, 1, 101, 108, 113, 228, 229, 276}) {
                DecodedPacket p = decoder.decode(lt, b, 0, len);
                if (p.kind() == DecodedPacket.Kind.PAYLOAD) {
                    assertTrue(p.payloadOffset() + p.payloadLength() <= len);
                }
            }
        }
    }
}
