package org.sipanalyzer.analysis;

/**
 * What the frames of an input were, counted once each where they are met and written from one list: the JSON
 * report's {@code packetsByKind} has one field per constant, in this order, named {@link #jsonName()}.
 */
public enum PacketCount {
    /** Frames at which a SIP message was found (for a stream, the frame with its last byte). */
    WITH_SIP("withSip"),
    /** Frames decoded that gave no SIP message: RTP, other protocols, part of a message, a fragment, not IP. */
    WITHOUT_SIP("withoutSip"),
    UDP_DATAGRAMS("udpDatagrams"),
    TCP_SEGMENTS("tcpSegments"),
    SCTP_PACKETS("sctpPackets"),
    /** SCTP DATA chunks that were pieces of larger messages. */
    SCTP_FRAGMENTED_CHUNKS("sctpFragmentedChunks"),
    /** UDP datagrams and TCP segments without payload. */
    EMPTY_PAYLOADS("emptyPayloads"),
    /** Payloads that are not SIP (RTP, DNS, other protocols, TCP continuations). */
    NON_SIP_PAYLOADS("nonSipPayloads"),
    /** Payloads of blank lines only (SIP keep-alives). */
    KEEP_ALIVES("keepAlives"),
    IP_FRAGMENTS("ipFragments"),
    /** IP packets of other protocols (ICMP, ESP...). */
    OTHER_IP("otherIp"),
    /** Frames without IP (ARP, LLDP...). */
    NOT_IP("notIp"),
    /** Frames of a link type that is not decoded. */
    UNSUPPORTED_LINK("unsupportedLink"),
    /** Frames whose headers are cut short or inconsistent. */
    MALFORMED("malformed"),
    /** Frames the capture cut short of their length on the wire (snaplen). */
    TRUNCATED("truncated"),
    /** Messages JAIN-SIP rejected under --strict. */
    STRICT_REJECTED("strictRejected");

    private final String jsonName;

    PacketCount(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The field's name in the JSON report's {@code packetsByKind}. */
    public String jsonName() {
        return jsonName;
    }

    static final int SIZE = values().length;
}
