package org.sipanalyzer.decode;

import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;

/**
 * What {@link PacketDecoder} found in one frame. Mutable and reused from frame to frame for speed: copy what
 * you keep. Offsets index the frame's own array.
 */
public final class DecodedPacket {

    /** How far decoding got. */
    public enum Kind {
        /** A UDP datagram or TCP segment: flow and payload are set (the payload may be empty). */
        PAYLOAD,
        /** A fragment of an IP datagram; reassembly is not done, so its payload is not analysed. */
        IP_FRAGMENT,
        /** IP carrying another protocol (ICMP, SCTP, ESP...), or a tunnel nesting too deep. */
        OTHER_IP,
        /** A link-layer frame that carries no IP (ARP, LLDP, STP...). */
        NOT_IP,
        /** A link type the decoder does not know. */
        UNSUPPORTED_LINK,
        /** Headers that are cut short or inconsistent; {@link #problem} says how. */
        MALFORMED
    }

    Kind kind;
    String problem;
    Transport transport;
    int ipVersion;
    byte[] data;
    /** Where the addresses are; the frame's own array for the fast path, a copy for the general decoder. */
    byte[] addressData;
    int srcAddrAt;
    int dstAddrAt;
    int addrLen;
    int srcPort;
    int dstPort;
    int payloadAt;
    int payloadLength;
    boolean payloadTruncated;
    long tcpSeq;
    int tcpFlags;
    int tunnelDepth;
    int ipProtocol;
    long fragmentId;
    int fragmentOffset;
    boolean moreFragments;
    int fragmentDataAt;
    int fragmentDataLength;
    /** An ICMP error's quoted UDP payload (what the error was about): its offset, and -1 when there is none. */
    int icmpQuotedAt = -1;
    int icmpQuotedLength;
    /** SCTP: the user data of each whole DATA chunk, as offset and length pairs. */
    final int[] chunks = new int[2 * MAX_SCTP_CHUNKS];
    int chunkCount;
    int fragmentedChunks;
    /** SCTP: DATA chunks that carry a piece of a larger message: offset, length and B/E flags, and their TSNs. */
    final int[] pieces = new int[3 * MAX_SCTP_CHUNKS];
    final long[] pieceTsns = new long[MAX_SCTP_CHUNKS];
    int pieceCount;

    /** The most SCTP DATA chunks taken from one packet. */
    public static final int MAX_SCTP_CHUNKS = 32;

    void reset(byte[] data) {
        this.data = data;
        this.addressData = data;
        kind = Kind.MALFORMED;
        problem = null;
        transport = null;
        ipVersion = 0;
        payloadAt = 0;
        payloadLength = 0;
        payloadTruncated = false;
        srcPort = 0;
        dstPort = 0;
        tcpSeq = 0;
        tcpFlags = 0;
        tunnelDepth = 0;
        ipProtocol = -1;
        fragmentId = 0;
        fragmentOffset = 0;
        moreFragments = false;
        fragmentDataAt = 0;
        fragmentDataLength = 0;
        icmpQuotedAt = -1;
        icmpQuotedLength = 0;
        chunkCount = 0;
        fragmentedChunks = 0;
        pieceCount = 0;
    }

    /** SCTP: how many whole DATA chunks the packet carries (their user data are the messages). */
    public int sctpChunkCount() {
        return chunkCount;
    }

    /** Where SCTP DATA chunk {@code i}'s user data starts in {@link #payloadData()}. */
    public int sctpChunkOffset(int i) {
        return chunks[2 * i];
    }

    public int sctpChunkLength(int i) {
        return chunks[2 * i + 1];
    }

    /** SCTP DATA chunks that are pieces of a larger message (RFC 9260 section 6.9). */
    public int sctpFragmentedChunks() {
        return fragmentedChunks;
    }

    /** How many of those pieces the packet's fields below describe (at most {@link #MAX_SCTP_CHUNKS}). */
    public int sctpPieceCount() {
        return pieceCount;
    }

    /** Where piece {@code i}'s user data starts in {@link #payloadData()}. */
    public int sctpPieceOffset(int i) {
        return pieces[3 * i];
    }

    public int sctpPieceLength(int i) {
        return pieces[3 * i + 1];
    }

    /** True when piece {@code i} is the first of its message (the B flag). */
    public boolean sctpPieceBegins(int i) {
        return (pieces[3 * i + 2] & 0x02) != 0;
    }

    /** True when piece {@code i} is the last of its message (the E flag). */
    public boolean sctpPieceEnds(int i) {
        return (pieces[3 * i + 2] & 0x01) != 0;
    }

    /** The transmission sequence number of piece {@code i}: a message's pieces have consecutive TSNs. */
    public long sctpPieceTsn(int i) {
        return pieceTsns[i];
    }

    /** The identification of a fragment's datagram (16 bits for IPv4, 32 for IPv6). */
    public long fragmentId() {
        return fragmentId;
    }

    /** Where a fragment's data belongs in its datagram, in bytes. */
    public int fragmentOffset() {
        return fragmentOffset;
    }

    /** True unless this is the last fragment of its datagram. */
    public boolean moreFragments() {
        return moreFragments;
    }

    /** Where a fragment's data starts in the frame's array. */
    public int fragmentDataOffset() {
        return fragmentDataAt;
    }

    public int fragmentDataLength() {
        return fragmentDataLength;
    }

    /** The source and destination addresses, concatenated (8 or 32 bytes), as a new array. */
    public byte[] addresses() {
        byte[] a = new byte[addrLen * 2];
        System.arraycopy(addressData, srcAddrAt, a, 0, addrLen);
        System.arraycopy(addressData, dstAddrAt, a, addrLen, addrLen);
        return a;
    }

    /**
     * For an ICMP error about a UDP datagram: where the payload it quotes starts in {@link #data()} (what the
     * analysis checks for SIP, since such a message did not travel as such); -1 otherwise.
     */
    public int icmpQuotedPayloadOffset() {
        return icmpQuotedAt;
    }

    /** The length of the quoted UDP payload; 0 when there is none. */
    public int icmpQuotedPayloadLength() {
        return icmpQuotedLength;
    }

    public Kind kind() {
        return kind;
    }

    /** Why the packet is {@link Kind#MALFORMED}; null otherwise. */
    public String problem() {
        return problem;
    }

    public Transport transport() {
        return transport;
    }

    public int ipVersion() {
        return ipVersion;
    }

    /** The IP protocol number of the innermost IP header, -1 when there is none. */
    public int ipProtocol() {
        return ipProtocol;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    /** The array that holds the payload: the frame's own (fast path) or a copy (general decoder). */
    public byte[] payloadData() {
        return data;
    }

    /** Where the payload starts in {@link #payloadData()}. */
    public int payloadOffset() {
        return payloadAt;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** True when the capture cut the packet short, so the payload lacks its end. */
    public boolean isPayloadTruncated() {
        return payloadTruncated;
    }

    public long tcpSequence() {
        return tcpSeq;
    }

    public int tcpFlags() {
        return tcpFlags;
    }

    /** How many IP-in-IP layers were unwrapped to reach the payload. */
    public int tunnelDepth() {
        return tunnelDepth;
    }

    /** The source address and port (an immutable value, shared with earlier packets of the same endpoint). */
    public Endpoint source() {
        return endpoint(srcAddrAt, srcPort);
    }

    /** The destination address and port (an immutable value, shared with earlier packets of the same endpoint). */
    public Endpoint destination() {
        return endpoint(dstAddrAt, dstPort);
    }

    /**
     * Endpoints seen lately, by a hash of address and port: most packets come from and go to a few endpoints, and one
     * value each saves two allocations a packet and lets the host's text be made once. Direct-mapped and bounded: a
     * collision only replaces the entry.
     */
    private final Endpoint[] endpoints = new Endpoint[1024];

    private Endpoint endpoint(int at, int port) {
        int h = port;
        for (int i = 0; i < addrLen; i++) {
            h = h * 31 + addressData[at + i];
        }
        int slot = (h ^ (h >>> 15)) & (endpoints.length - 1);
        Endpoint e = endpoints[slot];
        if (e == null || !e.is(addressData, at, addrLen, port)) {
            e = Endpoint.of(addressData, at, addrLen, port);
            endpoints[slot] = e;
        }
        return e;
    }
}
