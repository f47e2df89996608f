package org.sipanalyzer.reassembly;

import org.sipanalyzer.decode.DecodedPacket;
import org.sipanalyzer.net.ReassemblyLimits;
import org.sipanalyzer.net.ReassemblyStats;

/**
 * The stateful stage of one input: IP fragments and TCP streams, sharing one byte budget. Fed in capture
 * order; {@link #finish()} at the end reports what stayed incomplete.
 */
public final class Reassembly {

    private final ReassemblyTally stats = new ReassemblyTally();
    private final ByteBudget budget;
    private final FragmentReassembler fragments;
    private final TcpReassembler tcp;
    private final SctpReassembler sctp;

    public Reassembly(ReassemblyLimits limits, StreamSink sink) {
        this.budget = new ByteBudget(limits.maxBytesTotal());
        this.fragments = new FragmentReassembler(limits, stats, budget);
        this.tcp = new TcpReassembler(limits, stats, budget, sink);
        this.sctp = new SctpReassembler(limits, stats, budget);
    }

    /**
     * Piece {@code i} of an SCTP packet (a DATA chunk without both B and E): the whole message once its last
     * missing piece arrives, else null.
     */
    public byte[] sctpPiece(DecodedPacket p, int i) {
        return sctp.piece(p.source(), p.destination(), p.sctpPieceTsn(i), p.sctpPieceBegins(i), p.sctpPieceEnds(i),
                p.payloadData(), p.sctpPieceOffset(i), p.sctpPieceLength(i));
    }

    public ReassemblyStats stats() {
        return stats.snapshot();
    }

    /** Adds a fragment; returns its whole datagram when this completes it. */
    public FragmentReassembler.Datagram fragment(DecodedPacket p, long nowNanos) {
        return fragments.add(p.ipVersion(), p.addresses(), p.fragmentId(), p.ipProtocol(), p.fragmentOffset(),
                p.moreFragments(), p.payloadData(), p.fragmentDataOffset(), p.fragmentDataLength(), nowNanos);
    }

    /** Adds a TCP segment whose payload is {@code p}'s. */
    public void tcpSegment(DecodedPacket p, long frame, long nowNanos) {
        tcp.segment(p.source(), p.destination(), p.tcpSequence(), p.tcpFlags(), p.payloadData(), p.payloadOffset(),
                p.payloadLength(), frame, nowNanos);
    }

    /** At the end of the input: closes every stream and gives up every incomplete datagram. */
    public void finish() {
        tcp.finish();
        fragments.finish();
        sctp.finish();
    }

    /** Bytes held in all buffers now (for tests of the bounds). */
    public long bytesHeld() {
        return budget.used();
    }

    /** TCP directions open now. */
    public int openTcpDirections() {
        return tcp.openDirections();
    }
}
