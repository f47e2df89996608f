package org.sipanalyzer.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds link-layer frames around a payload, for tests and for the synthetic capture generator. */
public final class Packets {

    private Packets() {
    }

    public static byte[] ipv4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    /** An IPv6 address from eight 16-bit groups. */
    public static byte[] ipv6(int... groups) {
        ByteBuffer bb = ByteBuffer.allocate(16);
        for (int g : groups) {
            bb.putShort((short) g);
        }
        return bb.array();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A UDP datagram (header and payload). */
    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer bb = ByteBuffer.allocate(8 + payload.length);
        bb.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0);
        bb.put(payload);
        return bb.array();
    }

    /** A TCP segment with a 20-byte header (flags: ACK|PSH). */
    public static byte[] tcp(int srcPort, int dstPort, long seq, byte[] payload) {
        ByteBuffer bb = ByteBuffer.allocate(20 + payload.length);
        bb.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt(0);
        bb.put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        bb.put(payload);
        return bb.array();
    }

    /** An IPv4 packet; {@code fragmentField} is the flags and fragment offset word (0 for a whole datagram). */
    public static byte[] ipv4Packet(byte[] src, byte[] dst, int protocol, byte[] l4, int fragmentField) {
        ByteBuffer bb = ByteBuffer.allocate(20 + l4.length);
        bb.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 1)
                .putShort((short) fragmentField).put((byte) 64).put((byte) protocol).putShort((short) 0);
        bb.put(src).put(dst).put(l4);
        return bb.array();
    }

    public static byte[] ipv4Packet(byte[] src, byte[] dst, int protocol, byte[] l4) {
        return ipv4Packet(src, dst, protocol, l4, 0x4000);
    }

    /** An IPv6 packet, optionally with extension headers already encoded before {@code l4}. */
    public static byte[] ipv6Packet(byte[] src, byte[] dst, int nextHeader, byte[] l4) {
        ByteBuffer bb = ByteBuffer.allocate(40 + l4.length);
        bb.putInt(0x60000000).putShort((short) l4.length).put((byte) nextHeader).put((byte) 64);
        bb.put(src).put(dst).put(l4);
        return bb.array();
    }

    /** An Ethernet II frame, with 802.1Q/802.1ad tags when {@code vlanTpids} are given (outermost first). */
    public static byte[] ethernet(int etherType, byte[] payload, int... vlanTpids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10});
        int vid = 100;
        for (int tpid : vlanTpids) {
            out.write(tpid >>> 8);
            out.write(tpid);
            out.write(vid >>> 8);
            out.write(vid++);
        }
        out.write(etherType >>> 8);
        out.write(etherType);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A Linux cooked (SLL) header around an IP packet. */
    public static byte[] sll(int protocol, byte[] payload) {
        ByteBuffer bb = ByteBuffer.allocate(16 + payload.length);
        bb.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[8]).putShort((short) protocol);
        bb.put(payload);
        return bb.array();
    }

    /** A Linux cooked v2 (SLL2) header around an IP packet. */
    public static byte[] sll2(int protocol, byte[] payload) {
        ByteBuffer bb = ByteBuffer.allocate(20 + payload.length);
        bb.putShort((short) protocol).putShort((short) 0).putInt(3).putShort((short) 1).put((byte) 0).put((byte) 6)
                .put(new byte[8]);
        bb.put(payload);
        return bb.array();
    }

    /** A BSD loopback header (family 2 or an IPv6 family) in the given byte order. */
    public static byte[] loopback(int family, boolean bigEndian, byte[] payload) {
        ByteBuffer bb = ByteBuffer.allocate(4 + payload.length);
        bb.putInt(bigEndian ? family : Integer.reverseBytes(family));
        bb.put(payload);
        return bb.array();
    }

    /** The usual case: Ethernet, IPv4, UDP. */
    public static byte[] udpFrame(byte[] src, int srcPort, byte[] dst, int dstPort, byte[] payload) {
        return ethernet(0x0800, ipv4Packet(src, dst, 17, udp(srcPort, dstPort, payload)));
    }
}
