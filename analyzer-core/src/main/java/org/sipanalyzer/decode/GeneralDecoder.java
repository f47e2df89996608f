package org.sipanalyzer.decode;

import java.util.ArrayList;
import java.util.List;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IllegalPacket;
import org.pcap4j.packet.IpPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6ExtFragmentPacket;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.factory.PacketFactory;
import org.pcap4j.packet.namednumber.DataLinkType;
import org.pcap4j.packet.namednumber.IpVersion;
import org.sipanalyzer.net.Transport;

/**
 * The general decoder: pcap4j's pure-Java packet classes, for link layers and encapsulations the fast path
 * does not know. Slower (it builds an object per layer and copies), so it is the fallback, and the fast
 * path's reference: a test checks that both agree on every packet of the corpus. libpcap is never called.
 */
public final class GeneralDecoder {

    private static final PacketFactory<Packet, DataLinkType> FACTORY =
            PacketFactories.getFactory(Packet.class, DataLinkType.class);

    private final DecodedPacket out = new DecodedPacket();

    /** Decodes the bytes {@code data[off .. off+len)} of a frame; the result is reused by the next call. */
    public DecodedPacket decode(int linkType, byte[] data, int off, int len) {
        try {
            out.reset(data);
            return decodeLayers(linkType, data, off, len, 0);
        } catch (RuntimeException e) {
            // pcap4j throws on some malformed layers; that is a malformed packet, not a failure.
            return malformed("pcap4j: " + e.getClass().getSimpleName());
        }
    }

    private DecodedPacket decodeLayers(int linkType, byte[] data, int off, int len, int depth) {
        Packet packet;
        try {
            packet = FACTORY.newInstance(data, off, len, dataLinkType(linkType));
        } catch (RuntimeException e) {
            return malformed("pcap4j: " + e.getClass().getSimpleName());
        }
        List<Packet> layers = new ArrayList<>();
        for (Packet p : packet) {
            layers.add(p);
        }
        int ip = -1;
        for (int i = 0; i < layers.size(); i++) {
            Packet l = layers.get(i);
            if (l instanceof IcmpV4CommonPacket || l instanceof IcmpV6CommonPacket) {
                break; // what an ICMP error quotes did not travel as such
            }
            if (l instanceof IpPacket) {
                ip = i;
            }
        }
        if (ip < 0) {
            boolean unknownLink = packet.getClass().getSimpleName().startsWith("Unknown");
            if (unknownLink) {
                out.kind = DecodedPacket.Kind.UNSUPPORTED_LINK;
                out.problem = "link type " + linkType;
                return out;
            }
            if (layers.stream().anyMatch(l -> l instanceof IllegalPacket)) {
                return malformed("pcap4j: an illegal layer");
            }
            out.kind = DecodedPacket.Kind.NOT_IP;
            return out;
        }
        IpPacket ipPacket = (IpPacket) layers.get(ip);
        if (ipPacket instanceof IpV4Packet v4 && v4.getHeader().getVersion() != IpVersion.IPV4) {
            return malformed("IPv4 header with version " + v4.getHeader().getVersion().value());
        }
        byte[] src = ipPacket.getHeader().getSrcAddr().getAddress();
        byte[] dst = ipPacket.getHeader().getDstAddr().getAddress();
        byte[] addresses = new byte[src.length * 2];
        System.arraycopy(src, 0, addresses, 0, src.length);
        System.arraycopy(dst, 0, addresses, src.length, dst.length);
        out.addressData = addresses;
        out.addrLen = src.length;
        out.srcAddrAt = 0;
        out.dstAddrAt = src.length;
        out.ipVersion = ipPacket instanceof IpV4Packet ? 4 : 6;
        out.tunnelDepth = depth + (int) layers.stream().filter(l -> l instanceof IpPacket).count() - 1;
        out.ipProtocol = ipPacket.getHeader().getProtocol().value() & 0xff;
        if (isFragment(ipPacket, layers, ip)) {
            out.kind = DecodedPacket.Kind.IP_FRAGMENT;
            return out;
        }
        // Offsets come from the header lengths, never from re-serialising a decoded payload (pcap4j's DNS
        // encoder, for one, throws on some real packets).
        int ipStart = off;
        for (int i = 0; i < ip; i++) {
            ipStart += layers.get(i).getHeader().length();
        }
        int ipEnd = off + len;
        if (ipPacket instanceof IpV4Packet v4) {
            int total = v4.getHeader().getTotalLengthAsInt();
            if (total > 0) {
                ipEnd = Math.min(ipEnd, ipStart + total);
            }
        } else if (ipPacket.getHeader() instanceof org.pcap4j.packet.IpV6Packet.IpV6Header v6) {
            int payloadLen = v6.getPayloadLengthAsInt();
            if (payloadLen > 0) {
                ipEnd = Math.min(ipEnd, ipStart + 40 + payloadLen);
            }
        }
        int at = ipStart;
        int t = ip;
        Packet transport = null;
        while (t < layers.size()) {
            Packet l = layers.get(t);
            if (l instanceof UdpPacket || l instanceof TcpPacket) {
                transport = l;
                break;
            }
            if (l.getHeader() == null || l instanceof IcmpV4CommonPacket || l instanceof IcmpV6CommonPacket) {
                break;
            }
            at += l.getHeader().length(); // the IP header, then IPv6 extension headers
            t++;
        }
        if (transport instanceof UdpPacket udp) {
            out.transport = Transport.UDP;
            out.srcPort = udp.getHeader().getSrcPort().valueAsInt();
            out.dstPort = udp.getHeader().getDstPort().valueAsInt();
            int udpLen = udp.getHeader().getLengthAsInt();
            int end = udpLen >= 8 ? Math.min(ipEnd, at + udpLen) : ipEnd;
            payload(at + 8, end);
        } else if (transport instanceof TcpPacket tcp) {
            out.transport = Transport.TCP;
            out.srcPort = tcp.getHeader().getSrcPort().valueAsInt();
            out.dstPort = tcp.getHeader().getDstPort().valueAsInt();
            out.tcpSeq = Integer.toUnsignedLong(tcp.getHeader().getSequenceNumber());
            payload(at + tcp.getHeader().length(), ipEnd);
        } else if ((out.ipProtocol == 4 || out.ipProtocol == 41) && depth < MAX_TUNNEL_DEPTH && at < ipEnd) {
            // pcap4j leaves IP-in-IP undecoded: decode the inner packet as raw IP.
            return decodeLayers(LinkType.RAW, data, at, ipEnd - at, out.tunnelDepth + 1);
        } else if (layers.stream().anyMatch(l -> l instanceof IllegalPacket)) {
            return malformed("pcap4j: an illegal layer");
        } else {
            out.kind = DecodedPacket.Kind.OTHER_IP;
        }
        return out;
    }

    private static final int MAX_TUNNEL_DEPTH = 4;

    /** pcap4j names link types by their DLT_ values; files carry LINKTYPE_ values, which differ for raw IP. */
    private static DataLinkType dataLinkType(int linkType) {
        return switch (linkType) {
            case LinkType.RAW, LinkType.IPV4, LinkType.IPV6, LinkType.RAW_OPENBSD,
                    LinkType.RAW_BSDI -> DataLinkType.RAW;
            default -> DataLinkType.getInstance(linkType);
        };
    }

    private void payload(int start, int end) {
        out.payloadAt = start;
        out.payloadLength = Math.max(0, end - start);
        out.kind = DecodedPacket.Kind.PAYLOAD;
    }

    private static boolean isFragment(IpPacket ip, List<Packet> layers, int at) {
        if (ip instanceof IpV4Packet v4) {
            return v4.getHeader().getMoreFragmentFlag() || v4.getHeader().getFragmentOffset() != 0;
        }
        for (int i = at + 1; i < layers.size(); i++) {
            if (layers.get(i) instanceof IpV6ExtFragmentPacket f) {
                return f.getHeader().getM() || f.getHeader().getFragmentOffset() != 0;
            }
        }
        return false;
    }

    private DecodedPacket malformed(String why) {
        out.kind = DecodedPacket.Kind.MALFORMED;
        out.problem = why;
        return out;
    }
}
