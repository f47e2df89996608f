package org.sipanalyzer.reassembly;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.ReassemblyCount;
import org.sipanalyzer.net.ReassemblyLimits;

/**
 * Puts SIP messages larger than one SCTP DATA chunk back together (RFC 9260 section 6.9): the pieces of a
 * message carry consecutive TSNs, the first flagged B and the last E, in order or not, retransmitted or not.
 * Pieces wait per direction of an association; bounded by the message size, the number of directions and the
 * input's byte budget, and what is dropped or never completed is counted.
 */
final class SctpReassembler {

    private record Piece(boolean begins, boolean ends, byte[] data) {
    }

    private record Direction(Endpoint source, Endpoint destination) {
    }

    /** One direction's pieces, and the TSNs of pieces it recently delivered, so a late retransmission is known. */
    private static final class State {
        final Map<Long, Piece> pieces = new HashMap<>();
        long held;
        final long[] delivered = new long[RECENT];
        int next;
        int known;

        boolean delivered(long tsn) {
            for (int i = 0; i < known; i++) {
                if (delivered[i] == tsn) {
                    return true;
                }
            }
            return false;
        }

        void remember(long tsn) {
            delivered[next] = tsn;
            next = (next + 1) % RECENT;
            known = Math.min(known + 1, RECENT);
        }
    }

    /** Directions followed at most (SIP over SCTP runs on few associations: trunks between servers). */
    private static final int MAX_DIRECTIONS = 10_000;
    /** Pieces waiting per direction, whatever their size (empty ones included). */
    private static final int MAX_PIECES = 1024;
    /** Delivered TSNs remembered per direction. */
    private static final int RECENT = 16;

    private static final long TSN_MASK = 0xffffffffL;

    private final ReassemblyLimits limits;
    private final ReassemblyTally stats;
    private final ByteBudget budget;
    /** Directions in the order they were last used, so the idlest goes first when there are too many. */
    private final LinkedHashMap<Direction, State> directions = new LinkedHashMap<>(16, 0.75f, true);

    SctpReassembler(ReassemblyLimits limits, ReassemblyTally stats, ByteBudget budget) {
        this.limits = limits;
        this.stats = stats;
        this.budget = budget;
    }

    /** Adds one piece; the whole message when this completes it, else null. */
    byte[] piece(Endpoint source, Endpoint destination, long tsn, boolean begins, boolean ends, byte[] d, int off,
            int len) {
        Direction dir = new Direction(source, destination);
        State st = directions.get(dir);
        if (st == null) {
            if (directions.size() >= Math.min(limits.maxFlows(), MAX_DIRECTIONS)) {
                Iterator<Map.Entry<Direction, State>> idlest = directions.entrySet().iterator();
                State gone = idlest.next().getValue();
                if (!gone.pieces.isEmpty()) {
                    stats.add(ReassemblyCount.FLOWS_DROPPED_FOR_LIMIT);
                }
                drop(gone);
                idlest.remove();
            }
            st = new State();
            directions.put(dir, st);
        }
        if (st.pieces.containsKey(tsn) || st.delivered(tsn)) {
            return null; // a retransmitted piece
        }
        if (st.pieces.size() >= MAX_PIECES || st.held + len > limits.maxMessageBytes() || !budget.take(len)) {
            stats.add(ReassemblyCount.OVERSIZE_MESSAGES);
            stats.add(ReassemblyCount.BYTES_DROPPED_FOR_LIMIT, st.held + len);
            drop(st);
            return null;
        }
        byte[] copy = new byte[len];
        System.arraycopy(d, off, copy, 0, len);
        st.pieces.put(tsn, new Piece(begins, ends, copy));
        st.held += len;
        return complete(st, tsn);
    }

    /** The message {@code tsn} belongs to, if all its pieces are here: from the B piece through the E piece. */
    private byte[] complete(State st, long tsn) {
        Map<Long, Piece> pieces = st.pieces;
        long first = tsn;
        for (int n = 0; !pieces.get(first).begins(); n++) {
            long before = (first - 1) & TSN_MASK;
            if (n == pieces.size() || !pieces.containsKey(before)) {
                return null;
            }
            first = before;
        }
        long last = first;
        int total = 0;
        for (int n = 0; ; n++) {
            Piece p = pieces.get(last);
            if (p == null || n > pieces.size() || n > 0 && p.begins()) {
                return null;
            }
            total += p.data().length;
            if (p.ends()) {
                break;
            }
            last = (last + 1) & TSN_MASK;
        }
        byte[] whole = new byte[total];
        int at = 0;
        for (long t = first; ; t = (t + 1) & TSN_MASK) {
            Piece p = pieces.remove(t);
            System.arraycopy(p.data(), 0, whole, at, p.data().length);
            at += p.data().length;
            st.remember(t);
            if (t == last) {
                break;
            }
        }
        budget.give(total);
        st.held -= total;
        stats.add(ReassemblyCount.SCTP_REASSEMBLED);
        return whole;
    }

    private void drop(State st) {
        budget.give(st.held);
        stats.add(ReassemblyCount.SCTP_PIECES_UNFINISHED, st.pieces.size());
        st.pieces.clear();
        st.held = 0;
    }

    /** At the end of the input: pieces still waiting belong to messages that never completed. */
    void finish() {
        directions.values().forEach(this::drop);
        directions.clear();
    }
}
