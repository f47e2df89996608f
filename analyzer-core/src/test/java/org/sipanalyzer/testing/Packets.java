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
        bb.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length))
                .putShort((short) 0);
        bb.put(payload);
        return bb.array();
    }

    /** A TCP segment with a 20-byte header (flags: ACK|PSH). */
    public static byte[] tcp(int srcPort, int dstPort, long seq, byte[] payload) {
        return tcp(srcPort, dstPort, seq, 0x18, payload);
    }

    public static final int SYN = 0x02;
    public static final int FIN = 0x01;
    public static final int ACK_PSH = 0x18;

    /** A TCP segment with a 20-byte header and the given flags. */
    public static byte[] tcp(int srcPort, int dstPort, long seq, int flags, byte[] payload) {
        ByteBuffer bb = ByteBuffer.allocate(20 + payload.length);
        bb.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt(0);
        bb.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        bb.put(payload);
        return bb.array();
    }

    /** The usual TCP case: Ethernet, IPv4, TCP. */
    public static byte[] tcpFrame(byte[] src, int srcPort, byte[] dst, int dstPort, long seq, int flags,
            byte[] payload) {
        return ethernet(0x0800, ipv4Packet(src, dst, 6, tcp(srcPort, dstPort, seq, flags, payload)));
    }

    /** IPv4 fragments of a UDP datagram: the datagram's bytes cut at the given offsets (multiples of 8). */
    public static byte[][] ipv4Fragments(byte[] src, byte[] dst, int id, byte[] udpDatagram, int... cuts) {
        return ipv4Fragments(src, dst, 17, id, udpDatagram, cuts);
    }

    /** IPv4 fragments of a datagram of any protocol (GRE 47, IP-in-IP 4, ...) cut at the given offsets. */
    public static byte[][] ipv4Fragments(byte[] src, byte[] dst, int protocol, int id, byte[] udpDatagram,
            int... cuts) {
        byte[][] out = new byte[cuts.length + 1][];
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : udpDatagram.length;
            byte[] part = java.util.Arrays.copyOfRange(udpDatagram, from, to);
            int field = (i < cuts.length ? 0x2000 : 0) | (from / 8);
            byte[] ip = ipv4Packet(src, dst, protocol, part, field);
            ip[4] = (byte) (id >>> 8);
            ip[5] = (byte) id;
            out[i] = ethernet(0x0800, ip);
            from = to;
        }
        return out;
    }

    /** IPv6 fragments (fragment extension header) of a UDP datagram cut at the given offsets. */
    public static byte[][] ipv6Fragments(byte[] src, byte[] dst, int id, byte[] udpDatagram, int... cuts) {
        byte[][] out = new byte[cuts.length + 1][];
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : udpDatagram.length;
            ByteBuffer frag = ByteBuffer.allocate(8 + to - from);
            frag.put((byte) 17).put((byte) 0).putShort((short) (from | (i < cuts.length ? 1 : 0))).putInt(id);
            frag.put(udpDatagram, from, to - from);
            out[i] = ethernet(0x86dd, ipv6Packet(src, dst, 44, frag.array()));
            from = to;
        }
        return out;
    }

    /** A WebSocket frame (RFC 6455), masked with {@code mask} when it is not null. */
    public static byte[] webSocketFrame(boolean fin, int opcode, byte[] mask, byte[] payload) {
        ByteBuffer bb = ByteBuffer.allocate(14 + payload.length);
        bb.put((byte) ((fin ? 0x80 : 0) | opcode));
        int m = mask != null ? 0x80 : 0;
        if (payload.length < 126) {
            bb.put((byte) (m | payload.length));
        } else if (payload.length < 65536) {
            bb.put((byte) (m | 126)).putShort((short) payload.length);
        } else {
            bb.put((byte) (m | 127)).putLong(payload.length);
        }
        if (mask != null) {
            bb.put(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            bb.put(mask != null ? (byte) (payload[i] ^ mask[i & 3]) : payload[i]);
        }
        return java.util.Arrays.copyOf(bb.array(), bb.position());
    }

    /** A HEPv3 packet carrying {@code payload} with the given IPv4 endpoints and time. */
    public static byte[] hep3(byte[] src, int sport, byte[] dst, int dport, long seconds, int micros, byte[] payload) {
        ByteBuffer bb = ByteBuffer.allocate(6 + 7 + 7 + 10 + 10 + 8 + 8 + 10 + 10 + 7 + 10 + 6 + payload.length);
        bb.put(new byte[] {'H', 'E', 'P', '3'}).putShort((short) 0);
        bb.putShort((short) 0).putShort((short) 1).putShort((short) 7).put((byte) 2);
        bb.putShort((short) 0).putShort((short) 2).putShort((short) 7).put((byte) 17);
        bb.putShort((short) 0).putShort((short) 3).putShort((short) 10).put(src);
        bb.putShort((short) 0).putShort((short) 4).putShort((short) 10).put(dst);
        bb.putShort((short) 0).putShort((short) 7).putShort((short) 8).putShort((short) sport);
        bb.putShort((short) 0).putShort((short) 8).putShort((short) 8).putShort((short) dport);
        bb.putShort((short) 0).putShort((short) 9).putShort((short) 10).putInt((int) seconds);
        bb.putShort((short) 0).putShort((short) 10).putShort((short) 10).putInt(micros);
        bb.putShort((short) 0).putShort((short) 11).putShort((short) 7).put((byte) 1);
        bb.putShort((short) 0).putShort((short) 12).putShort((short) 10).putInt(2001);
        bb.putShort((short) 0).putShort((short) 15).putShort((short) (6 + payload.length)).put(payload);
        byte[] out = java.util.Arrays.copyOf(bb.array(), bb.position());
        out[4] = (byte) (out.length >>> 8);
        out[5] = (byte) out.length;
        return out;
    }

    /** A HEPv2 packet (IPv4): fixed header, little-endian time header, then the payload. */
    public static byte[] hep2(byte[] src, int sport, byte[] dst, int dport, long seconds, int micros, byte[] payload) {
        ByteBuffer bb = ByteBuffer.allocate(16 + 12 + payload.length);
        bb.put((byte) 2).put((byte) 16).put((byte) 2).put((byte) 17);
        bb.putShort((short) sport).putShort((short) dport).put(src).put(dst);
        bb.putInt(Integer.reverseBytes((int) seconds)).putInt(Integer.reverseBytes(micros));
        bb.putShort((short) 0).putShort((short) 0);
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
