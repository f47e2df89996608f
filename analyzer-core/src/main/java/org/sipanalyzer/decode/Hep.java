package org.sipanalyzer.decode;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;

/**
 * HEP, the Homer Encapsulation Protocol that Homer, Kamailio, OpenSIPS and FreeSWITCH use to ship captured
 * packets: version 3 (chunks after "HEP3") and versions 1 and 2 (a fixed header). The message inside is
 * analysed with HEP's own addresses, ports and time stamp, not those of the packet that carried it.
 */
public final class Hep {

    /** A HEP packet's contents. {@code payload} is null when it was compressed in a way that could not be opened. */
    public record Packet(Endpoint source, Endpoint destination, Transport transport, long timestampNanos,
            byte[] payload, boolean compressed) {
    }

    /** The largest payload accepted after decompression. */
    static final int MAX_PAYLOAD = 1 << 20;

    private Hep() {
    }

    /** True when the bytes start with HEP's version 3 magic. */
    public static boolean isHep3(byte[] d, int off, int len) {
        return len >= 6 && d[off] == 'H' && d[off + 1] == 'E' && d[off + 2] == 'P' && d[off + 3] == '3';
    }

    /** The total length a HEP3 packet announces (for framing on TCP); -1 when fewer than 6 bytes are there. */
    public static int hep3Length(byte[] d, int off, int len) {
        return len < 6 ? -1 : ((d[off + 4] & 0xff) << 8) | (d[off + 5] & 0xff);
    }

    /** Parses one HEP packet (any version), or returns null when the bytes are not a plausible one. */
    public static Packet parse(byte[] d, int off, int len) {
        if (isHep3(d, off, len)) {
            return parse3(d, off, len);
        }
        if (len >= 16 && (d[off] == 1 || d[off] == 2)) {
            return parse12(d, off, len);
        }
        return null;
    }

    private static Packet parse3(byte[] d, int off, int len) {
        int total = hep3Length(d, off, len);
        if (total < 6 || total > len) {
            return null;
        }
        int end = off + total;
        int p = off + 6;
        int family = 0;
        int protocol = 0;
        byte[] src4 = null;
        byte[] dst4 = null;
        byte[] src6 = null;
        byte[] dst6 = null;
        int sport = 0;
        int dport = 0;
        long sec = 0;
        long usec = 0;
        byte[] payload = null;
        boolean compressed = false;
        while (end - p >= 6) {
            int vendor = u16(d, p);
            int type = u16(d, p + 2);
            int clen = u16(d, p + 4);
            if (clen < 6 || p + clen > end) {
                return null;
            }
            int v = p + 6;
            int vlen = clen - 6;
            if (vendor == 0) {
                switch (type) {
                    case 1 -> family = vlen >= 1 ? d[v] & 0xff : 0;
                    case 2 -> protocol = vlen >= 1 ? d[v] & 0xff : 0;
                    case 3 -> src4 = vlen == 4 ? Arrays.copyOfRange(d, v, v + 4) : null;
                    case 4 -> dst4 = vlen == 4 ? Arrays.copyOfRange(d, v, v + 4) : null;
                    case 5 -> src6 = vlen == 16 ? Arrays.copyOfRange(d, v, v + 16) : null;
                    case 6 -> dst6 = vlen == 16 ? Arrays.copyOfRange(d, v, v + 16) : null;
                    case 7 -> sport = vlen >= 2 ? u16(d, v) : 0;
                    case 8 -> dport = vlen >= 2 ? u16(d, v) : 0;
                    case 9 -> sec = vlen >= 4 ? u32(d, v) : 0;
                    case 10 -> usec = vlen >= 4 ? u32(d, v) : 0;
                    case 15 -> payload = Arrays.copyOfRange(d, v, v + vlen);
                    case 16 -> {
                        payload = inflate(d, v, vlen);
                        compressed = true;
                    }
                    default -> {
                        // capture id, auth key, correlation id and others are not needed
                    }
                }
            }
            p += clen;
        }
        byte[] src = family == 10 || src4 == null ? src6 : src4;
        byte[] dst = family == 10 || dst4 == null ? dst6 : dst4;
        if (src == null || dst == null || src.length != dst.length) {
            return null;
        }
        return new Packet(new Endpoint(src, sport), new Endpoint(dst, dport), transport(protocol),
                sec * 1_000_000_000L + usec * 1000L, payload, compressed);
    }

    /** HEP versions 1 and 2: version, header length, family, protocol, ports, addresses, then (v2) time. */
    private static Packet parse12(byte[] d, int off, int len) {
        int version = d[off];
        int family = d[off + 2] & 0xff;
        int protocol = d[off + 3] & 0xff;
        int addrLen = family == 2 ? 4 : family == 10 ? 16 : -1;
        if (addrLen < 0) {
            return null;
        }
        int header = 4 + 4 + 2 * addrLen;
        int time = version == 2 ? 12 : 0;
        if (len < header + time || (d[off + 1] & 0xff) != header && (d[off + 1] & 0xff) != header + time) {
            return null;
        }
        int sport = u16(d, off + 4);
        int dport = u16(d, off + 6);
        byte[] src = Arrays.copyOfRange(d, off + 8, off + 8 + addrLen);
        byte[] dst = Arrays.copyOfRange(d, off + 8 + addrLen, off + 8 + 2 * addrLen);
        long ts = 0;
        if (version == 2) {
            // The time header is written in the sender's byte order, little-endian in practice.
            int t = off + header;
            long sec = Integer.toUnsignedLong(Integer.reverseBytes((int) u32(d, t)));
            long usec = Integer.toUnsignedLong(Integer.reverseBytes((int) u32(d, t + 4)));
            ts = sec * 1_000_000_000L + usec * 1000L;
        }
        int payloadAt = off + header + time;
        return new Packet(new Endpoint(src, sport), new Endpoint(dst, dport), transport(protocol), ts,
                Arrays.copyOfRange(d, payloadAt, off + len), false);
    }

    private static Transport transport(int protocol) {
        return protocol == 6 ? Transport.TCP : protocol == 132 ? Transport.SCTP : Transport.UDP;
    }

    /** Opens a compressed payload: gzip or zlib; null when it is neither, or grows past the limit. */
    static byte[] inflate(byte[] d, int off, int len) {
        if (len == 0) {
            return null; // nothing to open, and no first byte to tell zlib from raw deflate: d[off] is not ours
        }
        try {
            if (len >= 2 && (d[off] & 0xff) == 0x1f && (d[off + 1] & 0xff) == 0x8b) {
                try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(d, off, len))) {
                    byte[] out = in.readNBytes(MAX_PAYLOAD + 1);
                    return out.length > MAX_PAYLOAD ? null : out;
                }
            }
            Inflater inflater = new Inflater((d[off] & 0x0f) != 8); // a zlib header starts with method 8
            try {
                inflater.setInput(d, off, len);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buf);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        return null;
                    }
                    out.write(buf, 0, n);
                    if (out.size() > MAX_PAYLOAD) {
                        return null;
                    }
                }
                return out.toByteArray();
            } finally {
                inflater.end();
            }
        } catch (java.io.IOException | DataFormatException e) {
            return null;
        }
    }

    private static int u16(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static long u32(byte[] d, int at) {
        return ((d[at] & 0xffL) << 24) | ((d[at + 1] & 0xffL) << 16) | ((d[at + 2] & 0xffL) << 8) | (d[at + 3] & 0xffL);
    }
}
