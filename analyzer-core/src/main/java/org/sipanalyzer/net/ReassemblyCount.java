package org.sipanalyzer.net;

/** The counts reassembly keeps of each input: what it rebuilt, and what it could not recover or dropped at a limit. */
public enum ReassemblyCount {
    /** IP datagrams put back together from their fragments. */
    DATAGRAMS_REASSEMBLED,

    /** IP datagrams that missed a fragment (at time-out or the end of the capture): never guessed. */
    DATAGRAMS_INCOMPLETE,

    /** IP fragments seen twice (the copy is ignored). */
    FRAGMENTS_DUPLICATE,

    /** IP fragments overlapping another of their datagram. */
    FRAGMENTS_OVERLAPPING,

    /** IP datagrams given up because the limit of datagrams being reassembled was reached. */
    DATAGRAMS_DROPPED_FOR_LIMIT,

    /** TCP directions seen. */
    TCP_DIRECTIONS,

    /** TCP segments whose bytes had been seen already. */
    TCP_RETRANSMITTED_SEGMENTS,

    /** TCP segments that arrived ahead of a gap. */
    TCP_OUT_OF_ORDER_SEGMENTS,

    /** Stream bytes never captured (packet loss, or a stream whose start was not captured). */
    TCP_GAP_BYTES,

    /** Stream bytes skipped to find the next SIP start line after a gap or in mid-stream. */
    TCP_SKIPPED_BYTES,

    /** Messages begun but not finished when their stream ended or the capture did. */
    TCP_UNFINISHED_MESSAGES,

    /** Bytes dropped because a per-flow or total buffer limit was reached. */
    BYTES_DROPPED_FOR_LIMIT,

    /** TCP directions dropped because too many were open at once. */
    FLOWS_DROPPED_FOR_LIMIT,

    /** Messages larger than the maximum message size. */
    OVERSIZE_MESSAGES,

    /** WebSocket messages unmasked and handed on. */
    WEB_SOCKET_MESSAGES,

    /** HEP packets on a TCP stream whose length was impossible: the stream was resynchronised past them. */
    HEP_UNFRAMED,

    /** SIP messages put back together from pieces carried in several SCTP DATA chunks. */
    SCTP_REASSEMBLED,

    /** SCTP DATA chunk pieces whose message never completed (lost pieces, limits, or the end of the input). */
    SCTP_PIECES_UNFINISHED
}
