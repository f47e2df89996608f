package org.sipanalyzer.reassembly;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What reassembly did and what it could not recover, per input. Only counts and bounded lists. */
public final class ReassemblyStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** At most this many flows are named in each list; the rest are counted. */
    public static final int MAX_LISTED = 20;

    long datagramsReassembled;
    long datagramsIncomplete;
    long fragmentsDuplicate;
    long fragmentsOverlapping;
    long datagramsDroppedForLimit;
    long tcpDirections;
    long tcpRetransmittedSegments;
    long tcpOutOfOrderSegments;
    long tcpGapBytes;
    long tcpSkippedBytes;
    long tcpUnfinishedMessages;
    long bytesDroppedForLimit;
    long flowsDroppedForLimit;
    long oversizeMessages;
    long webSocketMessages;
    /** HEP packets on a stream whose length could not be framed (the analysis counts those that do not parse). */
    long hepUnframed;
    long sctpReassembled;
    long sctpPiecesUnfinished;
    final Set<String> incompleteDatagramFlows = new LinkedHashSet<>();
    final Set<String> encryptedFlows = new LinkedHashSet<>();
    long encryptedFlowsNotListed;

    void incompleteDatagram(String flow) {
        datagramsIncomplete++;
        if (incompleteDatagramFlows.size() < MAX_LISTED) {
            incompleteDatagramFlows.add(flow);
        }
    }

    void encryptedFlow(String flow) {
        if (encryptedFlows.contains(flow)) {
            return;
        }
        if (encryptedFlows.size() < MAX_LISTED) {
            encryptedFlows.add(flow);
        } else {
            encryptedFlowsNotListed++;
        }
    }

    /** IP datagrams put back together from their fragments. */
    public long datagramsReassembled() {
        return datagramsReassembled;
    }

    /** IP datagrams that missed a fragment (at time-out or the end of the capture): never guessed. */
    public long datagramsIncomplete() {
        return datagramsIncomplete;
    }

    /** Flows ("src > dst") of the first incomplete datagrams. */
    public List<String> incompleteDatagramFlows() {
        return List.copyOf(incompleteDatagramFlows);
    }

    public long fragmentsDuplicate() {
        return fragmentsDuplicate;
    }

    public long fragmentsOverlapping() {
        return fragmentsOverlapping;
    }

    public long datagramsDroppedForLimit() {
        return datagramsDroppedForLimit;
    }

    /** TCP directions seen. */
    public long tcpDirections() {
        return tcpDirections;
    }

    public long tcpRetransmittedSegments() {
        return tcpRetransmittedSegments;
    }

    public long tcpOutOfOrderSegments() {
        return tcpOutOfOrderSegments;
    }

    /** Stream bytes never captured (packet loss, or a stream whose start was not captured). */
    public long tcpGapBytes() {
        return tcpGapBytes;
    }

    /** Stream bytes skipped to find the next SIP start line after a gap or in mid-stream. */
    public long tcpSkippedBytes() {
        return tcpSkippedBytes;
    }

    /** Messages begun but not finished when their stream ended or the capture did. */
    public long tcpUnfinishedMessages() {
        return tcpUnfinishedMessages;
    }

    /** Bytes dropped because a per-flow or total buffer limit was reached. */
    public long bytesDroppedForLimit() {
        return bytesDroppedForLimit;
    }

    /** TCP directions dropped because too many were open at once. */
    public long flowsDroppedForLimit() {
        return flowsDroppedForLimit;
    }

    /** Messages larger than the maximum message size. */
    public long oversizeMessages() {
        return oversizeMessages;
    }

    public long webSocketMessages() {
        return webSocketMessages;
    }

    /** HEP packets on a TCP stream whose length was impossible: the stream was resynchronised past them. */
    public long hepUnframed() {
        return hepUnframed;
    }

    /** TLS flows ("client > server"): encrypted SIP (or other traffic) that cannot be analysed. */
    public List<String> encryptedFlows() {
        return Collections.unmodifiableList(new ArrayList<>(encryptedFlows));
    }

    public long encryptedFlowCount() {
        return encryptedFlows.size() + encryptedFlowsNotListed;
    }

    /** SIP messages put back together from pieces carried in several SCTP DATA chunks. */
    public long sctpReassembled() {
        return sctpReassembled;
    }

    /** SCTP DATA chunk pieces whose message never completed (lost pieces, limits, or the end of the input). */
    public long sctpPiecesUnfinished() {
        return sctpPiecesUnfinished;
    }
}
