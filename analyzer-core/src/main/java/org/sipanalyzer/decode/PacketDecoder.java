package org.sipanalyzer.decode;

import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.net.Transport;

/**
 * The fast path from a frame to a transport payload, hand-written for the layouts found in SIP captures.
 * Every length read from the packet is checked against the captured bytes. One instance per thread.
 */
public final class PacketDecoder {

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88a8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    private static final int ETHERTYPE_MPLS = 0x8847;
    private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    private static final int MAX_VLAN_TAGS = 8;
    private static final int MAX_MPLS_LABELS = 16;
    private static final int MAX_TUNNEL_DEPTH = 4;
    private static final int MAX_IPV6_EXTENSIONS = 16;

    private final DecodedPacket out = new DecodedPacket();

    /** Decodes {@code frame}; the returned object is reused by the next call. */
    public DecodedPacket decode(Frame frame) {
        return decode(frame.linkType(), frame.data(), frame.offset(), frame.length());
    }

    /** Decodes the bytes {@code data[off .. off+len)} of a frame of the given link type. */
    public DecodedPacket decode(int linkType, byte[] data, int off, int len) {
        out.reset(data);
        int end = off + len;
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet(data, off, end);
            case LinkType.LINUX_SLL -> {
                if (len < 16) {
                    malformed("Linux cooked header cut short");
                } else {
                    etherType(data, u16(data, off + 14), off + 16, end);
                }
            }
            case LinkType.LINUX_SLL2 -> {
                if (len < 20) {
                    malformed("Linux cooked v2 header cut short");
                } else {
                    etherType(data, u16(data, off), off + 20, end);
                }
            }
            case LinkType.RAW, LinkType.RAW_OPENBSD, LinkType.RAW_BSDI -> rawIp(data, off, end);
            case LinkType.IPV4 -> ip(data, off, end, 4);
            case LinkType.IPV6 -> ip(data, off, end, 6);
            case LinkType.NULL, LinkType.LOOP -> loopback(data, off, end, linkType == LinkType.LOOP);
            default -> {
                out.kind = DecodedPacket.Kind.UNSUPPORTED_LINK;
                out.problem = "link type " + linkType;
            }
        }
        return out;
    }

    private void ethernet(byte[] d, int at, int end) {
        if (end - at < 14) {
            malformed("Ethernet header cut short");
            return;
        }
        int type = u16(d, at + 12);
        at += 14;
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (end - at < 4 || ++tags > MAX_VLAN_TAGS) {
                malformed(tags > MAX_VLAN_TAGS ? "more than " + MAX_VLAN_TAGS + " VLAN tags" : "VLAN tag cut short");
                return;
            }
            type = u16(d, at + 2);
            at += 4;
        }
        etherType(d, type, at, end);
    }

    private void etherType(byte[] d, int type, int at, int end) {
        switch (type) {
            case ETHERTYPE_IPV4 -> ip(d, at, end, 4);
            case ETHERTYPE_IPV6 -> ip(d, at, end, 6);
            case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD -> {
                if (end - at < 4) {
                    malformed("VLAN tag cut short");
                } else {
                    etherType(d, u16(d, at + 2), at + 4, end);
                }
            }
            case ETHERTYPE_PPPOE_SESSION -> pppoe(d, at, end);
            case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> mpls(d, at, end);
            default -> out.kind = DecodedPacket.Kind.NOT_IP;
        }
    }

    private void pppoe(byte[] d, int at, int end) {
        if (end - at < 8) {
            malformed("PPPoE header cut short");
            return;
        }
        int proto = u16(d, at + 6);
        if (proto == 0x0021) {
            ip(d, at + 8, end, 4);
        } else if (proto == 0x0057) {
            ip(d, at + 8, end, 6);
        } else {
            out.kind = DecodedPacket.Kind.NOT_IP;
        }
    }

    private void mpls(byte[] d, int at, int end) {
        for (int i = 0; i < MAX_MPLS_LABELS; i++) {
            if (end - at < 4) {
                malformed("MPLS label cut short");
                return;
            }
            boolean bottom = (d[at + 2] & 0x01) != 0;
            at += 4;
            if (bottom) {
                rawIp(d, at, end);
                return;
            }
        }
        malformed("more than " + MAX_MPLS_LABELS + " MPLS labels");
    }

    private void loopback(byte[] d, int at, int end, boolean networkOrder) {
        if (end - at < 4) {
            malformed("loopback header cut short");
            return;
        }
        long be = u32(d, at);
        long le = Integer.toUnsignedLong(Integer.reverseBytes((int) be));
        // DLT_NULL uses the capturing host's byte order; DLT_LOOP network order. Accept either for both.
        long family = networkOrder ? be : (isFamily(le) ? le : be);
        if (family == 2) {
            ip(d, at + 4, end, 4);
        } else if (family == 10 || family == 24 || family == 28 || family == 30) {
            ip(d, at + 4, end, 6);
        } else {
            out.kind = DecodedPacket.Kind.NOT_IP;
        }
    }

    private static boolean isFamily(long f) {
        return f == 2 || f == 10 || f == 24 || f == 28 || f == 30;
    }

    private void rawIp(byte[] d, int at, int end) {
        if (end - at < 1) {
            malformed("empty IP packet");
            return;
        }
        int v = (d[at] & 0xf0) >>> 4;
        if (v == 4 || v == 6) {
            ip(d, at, end, v);
        } else {
            out.kind = DecodedPacket.Kind.NOT_IP;
        }
    }

    private void ip(byte[] d, int at, int end, int version) {
        if (version == 4) {
            ipv4(d, at, end);
        } else {
            ipv6(d, at, end);
        }
    }

    private void ipv4(byte[] d, int at, int end) {
        if (end - at < 20) {
            malformed("IPv4 header cut short");
            return;
        }
        if ((d[at] & 0xf0) != 0x40) {
            malformed("IPv4 header with version " + ((d[at] & 0xf0) >>> 4));
            return;
        }
        int ihl = (d[at] & 0x0f) * 4;
        int total = u16(d, at + 2);
        if (ihl < 20 || end - at < ihl) {
            malformed("IPv4 header length " + ihl + " is invalid or cut short");
            return;
        }
        int ipEnd;
        if (total == 0) {
            ipEnd = end; // segmentation offload: the NIC fills the length in later
        } else if (total < ihl) {
            malformed("IPv4 total length " + total + " shorter than its header");
            return;
        } else if (at + total > end) {
            ipEnd = end;
            out.payloadTruncated = true;
        } else {
            ipEnd = at + total; // drops Ethernet padding
        }
        out.ipVersion = 4;
        out.addrLen = 4;
        out.addressData = d; // an inner header's addresses are in its own array (a reassembled datagram's payload)
        out.srcAddrAt = at + 12;
        out.dstAddrAt = at + 16;
        int flagsFrag = u16(d, at + 6);
        int proto = d[at + 9] & 0xff;
        out.ipProtocol = proto;
        if ((flagsFrag & 0x3fff) != 0) {
            out.kind = DecodedPacket.Kind.IP_FRAGMENT;
            out.fragmentId = u16(d, at + 4);
            out.fragmentOffset = (flagsFrag & 0x1fff) * 8;
            out.moreFragments = (flagsFrag & 0x2000) != 0;
            out.fragmentDataAt = at + ihl;
            out.fragmentDataLength = ipEnd - at - ihl;
            return;
        }
        transport(d, proto, at + ihl, ipEnd);
    }

    private void ipv6(byte[] d, int at, int end) {
        if (end - at < 40) {
            malformed("IPv6 header cut short");
            return;
        }
        if ((d[at] & 0xf0) != 0x60) {
            malformed("IPv6 header with version " + ((d[at] & 0xf0) >>> 4));
            return;
        }
        int payloadLen = u16(d, at + 4);
        int ipEnd = payloadLen == 0 ? end : at + 40 + payloadLen;
        if (ipEnd > end) {
            ipEnd = end;
            out.payloadTruncated = true;
        }
        out.ipVersion = 6;
        out.addrLen = 16;
        out.addressData = d;
        out.srcAddrAt = at + 8;
        out.dstAddrAt = at + 24;
        int next = d[at + 6] & 0xff;
        int p = at + 40;
        for (int i = 0; i < MAX_IPV6_EXTENSIONS; i++) {
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> {
                    if (ipEnd - p < 8) {
                        malformed("IPv6 extension header cut short");
                        return;
                    }
                    int hlen = ((d[p + 1] & 0xff) + 1) * 8;
                    next = d[p] & 0xff;
                    p += hlen;
                }
                case 51 -> {
                    if (ipEnd - p < 8) {
                        malformed("IPv6 authentication header cut short");
                        return;
                    }
                    int hlen = ((d[p + 1] & 0xff) + 2) * 4;
                    next = d[p] & 0xff;
                    p += hlen;
                }
                case 44 -> {
                    if (ipEnd - p < 8) {
                        malformed("IPv6 fragment header cut short");
                        return;
                    }
                    int offsetAndM = u16(d, p + 2);
                    out.ipProtocol = d[p] & 0xff;
                    if ((offsetAndM & 0xfff9) != 0) {
                        out.kind = DecodedPacket.Kind.IP_FRAGMENT;
                        out.fragmentId = u32(d, p + 4);
                        out.fragmentOffset = offsetAndM & 0xfff8;
                        out.moreFragments = (offsetAndM & 1) != 0;
                        out.fragmentDataAt = p + 8;
                        out.fragmentDataLength = Math.max(0, ipEnd - p - 8);
                        return;
                    }
                    next = d[p] & 0xff; // an atomic fragment: the whole datagram is here
                    p += 8;
                }
                default -> {
                    if (p > ipEnd) {
                        malformed("IPv6 extension headers overrun the packet");
                        return;
                    }
                    out.ipProtocol = next;
                    transport(d, next, p, ipEnd);
                    return;
                }
            }
        }
        malformed("more than " + MAX_IPV6_EXTENSIONS + " IPv6 extension headers");
    }

    private void transport(byte[] d, int proto, int at, int end) {
        switch (proto) {
            case 17 -> udp(d, at, end);
            case 6 -> tcp(d, at, end);
            case 4, 41 -> tunnel(() -> ip(d, at, end, proto == 4 ? 4 : 6));
            case 47 -> gre(d, at, end);
            case 132 -> sctp(d, at, end);
            case 1, 58 -> icmp(d, proto, at, end);
            default -> out.kind = DecodedPacket.Kind.OTHER_IP;
        }
    }

    /** Decodes an encapsulated packet, bounded in depth; the inner headers give the flow. */
    private void tunnel(Runnable inner) {
        if (++out.tunnelDepth > MAX_TUNNEL_DEPTH) {
            out.kind = DecodedPacket.Kind.OTHER_IP;
            return;
        }
        boolean truncated = out.payloadTruncated;
        inner.run();
        out.payloadTruncated |= truncated;
    }

    /** GRE (RFC 2784/2890): optional checksum, key and sequence words, then the protocol it carries. */
    private void gre(byte[] d, int at, int end) {
        if (end - at < 4) {
            malformed("GRE header cut short");
            return;
        }
        int flags = u16(d, at);
        int version = flags & 0x0007;
        int type = u16(d, at + 2);
        if (version == 1) {
            pptpGre(d, at, end, flags, type);
            return;
        }
        if (version != 0) {
            out.kind = DecodedPacket.Kind.OTHER_IP;
            return;
        }
        int p = at + 4 + ((flags & 0x8000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0)
                + ((flags & 0x1000) != 0 ? 4 : 0);
        if (p > end) {
            malformed("GRE header cut short");
            return;
        }
        int inner = p;
        tunnel(() -> {
            if (type == 0x6558) {
                ethernet(d, inner, end); // transparent Ethernet bridging
            } else {
                etherType(d, type, inner, end);
            }
        });
    }

    /** Enhanced GRE (RFC 2637, PPTP): key always present, optional sequence and acknowledgement, then PPP. */
    private void pptpGre(byte[] d, int at, int end, int flags, int type) {
        int p = at + 8 + ((flags & 0x1000) != 0 ? 4 : 0) + ((flags & 0x0080) != 0 ? 4 : 0);
        if (type != 0x880b || p >= end) {
            out.kind = DecodedPacket.Kind.OTHER_IP;
            return;
        }
        if (end - p >= 2 && (d[p] & 0xff) == 0xff && (d[p + 1] & 0xff) == 0x03) {
            p += 2; // PPP address and control, unless compressed away
        }
        int proto;
        if (p < end && (d[p] & 1) == 1) {
            proto = d[p] & 0xff; // protocol field compressed to one byte
            p += 1;
        } else if (end - p >= 2) {
            proto = u16(d, p);
            p += 2;
        } else {
            malformed("PPP header cut short");
            return;
        }
        int inner = p;
        if (proto == 0x21) {
            tunnel(() -> ip(d, inner, end, 4));
        } else if (proto == 0x57) {
            tunnel(() -> ip(d, inner, end, 6));
        } else {
            out.kind = DecodedPacket.Kind.OTHER_IP;
        }
    }

    /**
     * ICMP errors quote the start of the datagram they reject. When that is UDP carrying SIP, it is counted
     * apart, never as a message.
     */
    private void icmp(byte[] d, int proto, int at, int end) {
        out.kind = DecodedPacket.Kind.OTHER_IP;
        if (end - at < 8) {
            return;
        }
        int type = d[at] & 0xff;
        boolean error = proto == 1 ? (type == 3 || type == 4 || type == 5 || type == 11 || type == 12)
                : (type >= 1 && type <= 4);
        if (!error) {
            return;
        }
        int q = at + 8;
        if (end - q < 1) {
            return;
        }
        int v = (d[q] & 0xf0) >>> 4;
        int l4;
        int l4proto;
        if (v == 4 && end - q >= 20) {
            l4 = q + (d[q] & 0x0f) * 4;
            l4proto = d[q + 9] & 0xff;
        } else if (v == 6 && end - q >= 40) {
            l4 = q + 40;
            l4proto = d[q + 6] & 0xff;
        } else {
            return;
        }
        if (l4proto == 17 && end - l4 > 8) {
            out.icmpQuotedAt = l4 + 8;
            out.icmpQuotedLength = end - l4 - 8;
        }
    }

    private void udp(byte[] d, int at, int end) {
        if (end - at < 8) {
            malformed("UDP header cut short");
            return;
        }
        int udpLen = u16(d, at + 4);
        int payloadEnd;
        if (udpLen == 0) {
            payloadEnd = end; // jumbogram, or offload: trust the IP length
        } else if (udpLen < 8) {
            malformed("UDP length " + udpLen + " shorter than its header");
            return;
        } else if (at + udpLen > end) {
            payloadEnd = end;
            out.payloadTruncated = true;
        } else {
            payloadEnd = at + udpLen;
        }
        int srcPort = u16(d, at);
        int dstPort = u16(d, at + 2);
        int payload = at + 8;
        if ((dstPort == GTP_U_PORT || srcPort == GTP_U_PORT) && gtpU(d, payload, payloadEnd)) {
            return;
        }
        if (dstPort == VXLAN_PORT && vxlan(d, payload, payloadEnd)) {
            return;
        }
        out.transport = Transport.UDP;
        out.srcPort = srcPort;
        out.dstPort = dstPort;
        out.payloadAt = payload;
        out.payloadLength = payloadEnd - payload;
        out.kind = DecodedPacket.Kind.PAYLOAD;
    }

    static final int GTP_U_PORT = 2152;
    static final int VXLAN_PORT = 4789;

    /**
     * GTP-U (3GPP TS 29.281): version 1, protocol type GTP, message type 255 (G-PDU) carrying an IP packet.
     * Returns false, leaving the datagram as it is, when the bytes are not such a header.
     */
    private boolean gtpU(byte[] d, int at, int end) {
        if (end - at < 8) {
            return false;
        }
        int flags = d[at] & 0xff;
        if ((flags & 0xe0) != 0x20 || (flags & 0x10) == 0 || (d[at + 1] & 0xff) != 255) {
            return false;
        }
        int p = at + 8;
        if ((flags & 0x07) != 0) {
            if (end - p < 4) {
                return false;
            }
            int next = d[p + 3] & 0xff;
            p += 4;
            for (int i = 0; next != 0 && i < 8; i++) { // extension headers, length in 4-byte units
                if (end - p < 1) {
                    return false;
                }
                int len = (d[p] & 0xff) * 4;
                if (len == 0 || end - p < len) {
                    return false;
                }
                next = d[p + len - 1] & 0xff;
                p += len;
            }
        }
        if (p >= end) {
            return false;
        }
        int v = (d[p] & 0xf0) >>> 4;
        if (v != 4 && v != 6) {
            return false;
        }
        int inner = p;
        tunnel(() -> ip(d, inner, end, v));
        return true;
    }

    /** VXLAN (RFC 7348): 8 bytes with the I flag set, then an Ethernet frame. */
    private boolean vxlan(byte[] d, int at, int end) {
        if (end - at < 8 + 14 || (d[at] & 0x08) == 0) {
            return false;
        }
        tunnel(() -> ethernet(d, at + 8, end));
        return true;
    }

    /**
     * SCTP (RFC 9260): a common header, then chunks; each whole DATA chunk's user data is one message, and the
     * pieces of a larger one are listed with their TSNs for reassembly.
     */
    private void sctp(byte[] d, int at, int end) {
        if (end - at < 12) {
            malformed("SCTP header cut short");
            return;
        }
        out.transport = Transport.SCTP;
        out.srcPort = u16(d, at);
        out.dstPort = u16(d, at + 2);
        out.payloadAt = at + 12;
        out.payloadLength = 0;
        int p = at + 12;
        while (end - p >= 4) {
            int type = d[p] & 0xff;
            int flags = d[p + 1] & 0xff;
            int len = u16(d, p + 2);
            if (len < 4 || p + len > end) {
                break; // a chunk cut short by the capture: what came before it still counts
            }
            if (type == 0 && len >= 16) {
                if ((flags & 0x03) == 0x03) {
                    if (out.chunkCount < DecodedPacket.MAX_SCTP_CHUNKS) {
                        out.chunks[2 * out.chunkCount] = p + 16;
                        out.chunks[2 * out.chunkCount + 1] = len - 16;
                        out.chunkCount++;
                        out.payloadLength += len - 16;
                    }
                } else {
                    out.fragmentedChunks++;
                    if (out.pieceCount < DecodedPacket.MAX_SCTP_CHUNKS) {
                        int i = out.pieceCount++;
                        out.pieces[3 * i] = p + 16;
                        out.pieces[3 * i + 1] = len - 16;
                        out.pieces[3 * i + 2] = flags & 0x03;
                        out.pieceTsns[i] = u32(d, p + 4);
                    }
                }
            }
            p += (len + 3) & ~3;
        }
        out.kind = DecodedPacket.Kind.PAYLOAD;
    }

    private void tcp(byte[] d, int at, int end) {
        if (end - at < 20) {
            malformed("TCP header cut short");
            return;
        }
        int hlen = ((d[at + 12] & 0xf0) >>> 4) * 4;
        if (hlen < 20 || end - at < hlen) {
            malformed("TCP header length " + hlen + " is invalid or cut short");
            return;
        }
        out.transport = Transport.TCP;
        out.srcPort = u16(d, at);
        out.dstPort = u16(d, at + 2);
        out.tcpSeq = u32(d, at + 4);
        out.tcpFlags = d[at + 13] & 0xff;
        out.payloadAt = at + hlen;
        out.payloadLength = end - at - hlen;
        out.kind = DecodedPacket.Kind.PAYLOAD;
    }

    /**
     * Decodes the transport layer of a reassembled IP datagram: {@code addresses} holds source then destination
     * (8 or 32 bytes), {@code data[off .. off+len)} the datagram's payload.
     */
    public DecodedPacket decodeTransport(int ipVersion, byte[] addresses, int protocol, byte[] data, int off, int len) {
        out.reset(data);
        out.addressData = addresses;
        out.ipVersion = ipVersion;
        out.addrLen = addresses.length / 2;
        out.srcAddrAt = 0;
        out.dstAddrAt = out.addrLen;
        out.ipProtocol = protocol;
        transport(data, protocol, off, off + len);
        return out;
    }

    private void malformed(String why) {
        out.kind = DecodedPacket.Kind.MALFORMED;
        out.problem = why;
    }

    private static int u16(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static long u32(byte[] d, int at) {
        return ((d[at] & 0xffL) << 24) | ((d[at + 1] & 0xffL) << 16) | ((d[at + 2] & 0xffL) << 8) | (d[at + 3] & 0xffL);
    }
}
