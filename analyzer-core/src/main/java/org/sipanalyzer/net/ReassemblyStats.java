package org.sipanalyzer.net;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What reassembly did and what it could not recover, per input: a count of each {@link ReassemblyCount} and the
 * first flows of the two kinds worth naming. Immutable; only counts and bounded lists.
 */
public final class ReassemblyStats implements java.io.Serializable {
    private static final long serialVersionUID = 2L;

    /** At most this many flows are named in each list; the rest are counted. */
    public static final int MAX_LISTED = 20;

    private final EnumMap<ReassemblyCount, Long> counts;
    private final List<String> incompleteDatagramFlows;
    private final List<String> encryptedFlows;
    private final long encryptedFlowsNotListed;

    /**
     * @param counts a count of each kind; kinds left out are 0
     * @param incompleteDatagramFlows flows ("src > dst") of the first incomplete datagrams, at most {@link #MAX_LISTED}
     * @param encryptedFlows TLS flows ("client > server"), at most {@link #MAX_LISTED}
     * @param encryptedFlowsNotListed TLS flows beyond those listed
     */
    public ReassemblyStats(Map<ReassemblyCount, Long> counts, List<String> incompleteDatagramFlows,
            List<String> encryptedFlows, long encryptedFlowsNotListed) {
        this.counts = counts.isEmpty() ? new EnumMap<>(ReassemblyCount.class) : new EnumMap<>(counts);
        this.incompleteDatagramFlows = List.copyOf(incompleteDatagramFlows);
        this.encryptedFlows = List.copyOf(encryptedFlows);
        this.encryptedFlowsNotListed = encryptedFlowsNotListed;
    }

    /** How many of this kind. */
    public long count(ReassemblyCount kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Flows ("src > dst") of the first incomplete datagrams. */
    public List<String> incompleteDatagramFlows() {
        return incompleteDatagramFlows;
    }

    /** TLS flows ("client > server"): encrypted SIP (or other traffic) that cannot be analysed. */
    public List<String> encryptedFlows() {
        return encryptedFlows;
    }

    /** Encrypted flows, listed or not. */
    public long encryptedFlowCount() {
        return encryptedFlows.size() + encryptedFlowsNotListed;
    }

    /** IP datagrams put back together from their fragments. */
    public long datagramsReassembled() {
        return count(ReassemblyCount.DATAGRAMS_REASSEMBLED);
    }

    /** IP datagrams that missed a fragment (at time-out or the end of the capture): never guessed. */
    public long datagramsIncomplete() {
        return count(ReassemblyCount.DATAGRAMS_INCOMPLETE);
    }

    public long fragmentsDuplicate() {
        return count(ReassemblyCount.FRAGMENTS_DUPLICATE);
    }

    public long fragmentsOverlapping() {
        return count(ReassemblyCount.FRAGMENTS_OVERLAPPING);
    }

    public long datagramsDroppedForLimit() {
        return count(ReassemblyCount.DATAGRAMS_DROPPED_FOR_LIMIT);
    }

    /** TCP directions seen. */
    public long tcpDirections() {
        return count(ReassemblyCount.TCP_DIRECTIONS);
    }

    public long tcpRetransmittedSegments() {
        return count(ReassemblyCount.TCP_RETRANSMITTED_SEGMENTS);
    }

    public long tcpOutOfOrderSegments() {
        return count(ReassemblyCount.TCP_OUT_OF_ORDER_SEGMENTS);
    }

    /** Stream bytes never captured (packet loss, or a stream whose start was not captured). */
    public long tcpGapBytes() {
        return count(ReassemblyCount.TCP_GAP_BYTES);
    }

    /** Stream bytes skipped to find the next SIP start line after a gap or in mid-stream. */
    public long tcpSkippedBytes() {
        return count(ReassemblyCount.TCP_SKIPPED_BYTES);
    }

    /** Messages begun but not finished when their stream ended or the capture did. */
    public long tcpUnfinishedMessages() {
        return count(ReassemblyCount.TCP_UNFINISHED_MESSAGES);
    }

    /** Bytes dropped because a per-flow or total buffer limit was reached. */
    public long bytesDroppedForLimit() {
        return count(ReassemblyCount.BYTES_DROPPED_FOR_LIMIT);
    }

    /** TCP directions dropped because too many were open at once. */
    public long flowsDroppedForLimit() {
        return count(ReassemblyCount.FLOWS_DROPPED_FOR_LIMIT);
    }

    /** Messages larger than the maximum message size. */
    public long oversizeMessages() {
        return count(ReassemblyCount.OVERSIZE_MESSAGES);
    }

    public long webSocketMessages() {
        return count(ReassemblyCount.WEB_SOCKET_MESSAGES);
    }

    /** HEP packets on a TCP stream whose length was impossible: the stream was resynchronised past them. */
    public long hepUnframed() {
        return count(ReassemblyCount.HEP_UNFRAMED);
    }

    /** SIP messages put back together from pieces carried in several SCTP DATA chunks. */
    public long sctpReassembled() {
        return count(ReassemblyCount.SCTP_REASSEMBLED);
    }

    /** SCTP DATA chunk pieces whose message never completed (lost pieces, limits, or the end of the input). */
    public long sctpPiecesUnfinished() {
        return count(ReassemblyCount.SCTP_PIECES_UNFINISHED);
    }
}
