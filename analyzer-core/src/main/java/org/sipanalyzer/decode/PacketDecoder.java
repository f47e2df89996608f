package org.sipanalyzer.decode;

import org.sipanalyzer.capture.Frame;

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
        out.srcAddrAt = at + 12;
        out.dstAddrAt = at + 16;
        int flagsFrag = u16(d, at + 6);
        int proto = d[at + 9] & 0xff;
        out.ipProtocol = proto;
        if ((flagsFrag & 0x3fff) != 0) {
            out.kind = DecodedPacket.Kind.IP_FRAGMENT;
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
            case 4, 41 -> {
                if (++out.tunnelDepth > MAX_TUNNEL_DEPTH) {
                    out.kind = DecodedPacket.Kind.OTHER_IP;
                    return;
                }
                boolean truncated = out.payloadTruncated;
                ip(d, at, end, proto == 4 ? 4 : 6);
                out.payloadTruncated |= truncated;
            }
            default -> out.kind = DecodedPacket.Kind.OTHER_IP;
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
        out.transport = Transport.UDP;
        out.srcPort = u16(d, at);
        out.dstPort = u16(d, at + 2);
        out.payloadAt = at + 8;
        out.payloadLength = payloadEnd - at - 8;
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
