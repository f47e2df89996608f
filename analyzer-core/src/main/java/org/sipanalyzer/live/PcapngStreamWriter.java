package org.sipanalyzer.live;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes packets as a pcapng stream: a section header, one interface of a link type with nanosecond times, then an
 * enhanced packet block per frame. A collector's datagrams are wrapped in the IPv4 or IPv6 and UDP headers they
 * travelled with ({@link #udp}); an interface's frames go as captured ({@link #frame}). What is received is then a
 * capture like any other: the analysis reads it as it reads a file, and {@code --write} keeps it for Wireshark.
 */
final class PcapngStreamWriter {

    /** LINKTYPE_RAW: each packet starts with its IP header. */
    private static final int LINKTYPE_RAW = 101;

    private final OutputStream out;

    /** A stream of raw IP datagrams (a collector's). */
    PcapngStreamWriter(OutputStream out) throws IOException {
        this(out, LINKTYPE_RAW);
    }

    /** A stream of frames of {@code linkType} (an interface's). */
    PcapngStreamWriter(OutputStream out, int linkType) throws IOException {
        this.out = out;
        ByteBuffer shb = le(28);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)
                .putInt(28);
        ByteBuffer idb = le(32);
        // if_tsresol = 9 (nanoseconds): option 9, length 1, value 9, three bytes of padding; then opt_endofopt.
        idb.putInt(1).putInt(32).putShort((short) linkType).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(0).putInt(32);
        out.write(shb.array());
        out.write(idb.array());
        out.flush();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * One UDP datagram of {@code len} bytes at {@code d[off]}, from {@code from} to {@code to}, received at
     * {@code nanos} since the epoch. The two addresses must be of one family.
     */
    synchronized void udp(long nanos, InetSocketAddress from, InetSocketAddress to, byte[] d, int off, int len)
            throws IOException {
        boolean v4 = from.getAddress() instanceof Inet4Address;
        InetAddress dst = to.getAddress();
        if (v4 != (dst instanceof Inet4Address)) {
            dst = v4 ? InetAddress.getByAddress(new byte[4]) : InetAddress.getByAddress(new byte[16]);
        }
        int ip = v4 ? 20 : 40;
        int udpLength = 8 + len;
        int captured = ip + udpLength;
        ByteBuffer p = ByteBuffer.allocate(captured); // network order
        if (v4) {
            p.put((byte) 0x45).put((byte) 0).putShort((short) captured).putInt(0).put((byte) 64).put((byte) 17)
                    .putShort((short) 0).put(from.getAddress().getAddress()).put(dst.getAddress());
        } else {
            p.putInt(0x60000000).putShort((short) udpLength).put((byte) 17).put((byte) 64)
                    .put(from.getAddress().getAddress()).put(dst.getAddress());
        }
        p.putShort((short) from.getPort()).putShort((short) to.getPort()).putShort((short) udpLength)
                .putShort((short) 0).put(d, off, len);
        frame(nanos, p.array(), captured, captured);
    }

    /** One frame as captured: {@code length} bytes of {@code d}, {@code originalLength} on the wire. */
    synchronized void frame(long nanos, byte[] d, int length, int originalLength) throws IOException {
        int padded = (length + 3) & ~3;
        int total = 32 + padded;
        ByteBuffer epb = le(total);
        epb.putInt(6).putInt(total).putInt(0).putInt((int) (nanos >>> 32)).putInt((int) nanos).putInt(length)
                .putInt(originalLength).put(d, 0, length).put(new byte[padded - length]).putInt(total);
        out.write(epb.array());
    }

    synchronized void flush() throws IOException {
        out.flush();
    }
}
