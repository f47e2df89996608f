package org.sipanalyzer.reassembly;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.ReassemblyCount;
import org.sipanalyzer.net.ReassemblyLimits;
import org.sipanalyzer.scan.SipScanner;

/**
 * Per-direction TCP reassembly: segments in sequence order, whatever order they arrived in; retransmitted and
 * overlapping bytes delivered once; a stream whose start was not captured taken from its first segment; a
 * hole that stays open past the per-flow buffer, or at the end, counted as lost. Bounded in flows and bytes.
 */
final class TcpReassembler {

    private static final int SYN = 0x02;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;

    /** A plain class, not a record: its hash and equality are hot. */
    private static final class Key {
        private final Endpoint source;
        private final Endpoint destination;
        private final int hash;

        Key(Endpoint source, Endpoint destination) {
            this.source = source;
            this.destination = destination;
            this.hash = source.hashCode() * 31 + destination.hashCode();
        }

        Endpoint source() {
            return source;
        }

        Endpoint destination() {
            return destination;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.source.equals(source) && k.destination.equals(destination);
        }
    }

    private final class Direction {
        final StreamFramer framer;
        long next = Long.MIN_VALUE; // unwrapped sequence number expected next; MIN_VALUE until known
        final TreeMap<Long, byte[]> outOfOrder = new TreeMap<>();
        long outOfOrderBytes;
        long lastSeen;
        long lastFrame;

        Direction(Key key) {
            framer = new StreamFramer(key.source(), key.destination(), limits, stats, budget, sink, scanner);
        }

        long held() {
            return framer.held() + outOfOrderBytes;
        }

        /** The stream ends: holes still open are lost, and what was queued after them is delivered. */
        void close() {
            while (!outOfOrder.isEmpty()) {
                skipTo(this, outOfOrder.firstKey(), lastFrame, lastSeen);
            }
            framer.finish();
        }

        void releaseOutOfOrder() {
            budget.give(outOfOrderBytes);
            outOfOrder.clear();
            outOfOrderBytes = 0;
        }
    }

    private final ReassemblyLimits limits;
    private final ReassemblyTally stats;
    private final ByteBudget budget;
    private final StreamSink sink;
    private final SipScanner scanner = new SipScanner();
    private final LinkedHashMap<Key, Direction> flows = new LinkedHashMap<>(1024, 0.75f, true);

    TcpReassembler(ReassemblyLimits limits, ReassemblyTally stats, ByteBudget budget, StreamSink sink) {
        this.limits = limits;
        this.stats = stats;
        this.budget = budget;
        this.sink = sink;
    }

    void segment(Endpoint source, Endpoint destination, long seq32, int flags, byte[] d, int off, int len,
            long frame, long nowNanos) {
        expireIdle(nowNanos);
        Key key = new Key(source, destination);
        Direction dir = flows.get(key);
        if (dir == null) {
            if (len == 0 && (flags & SYN) == 0) {
                return; // a bare ACK or FIN of a flow we are not following
            }
            if (flows.size() >= limits.maxFlows()) {
                Iterator<Map.Entry<Key, Direction>> it = flows.entrySet().iterator();
                it.next().getValue().close();
                it.remove();
                stats.add(ReassemblyCount.FLOWS_DROPPED_FOR_LIMIT);
            }
            dir = new Direction(key);
            flows.put(key, dir);
            stats.add(ReassemblyCount.TCP_DIRECTIONS);
        }
        dir.lastSeen = nowNanos;
        dir.lastFrame = frame;
        if ((flags & SYN) != 0) {
            dir.next = seq32 + 1;
            dir.releaseOutOfOrder();
            return;
        }
        if (len > 0) {
            long seq = dir.next == Long.MIN_VALUE ? seq32 : unwrap(seq32, dir.next);
            if (dir.next == Long.MIN_VALUE) {
                dir.next = seq; // the start of this stream was not captured: take it from here
            }
            data(dir, seq, d, off, len, frame, nowNanos);
        }
        if ((flags & (FIN | RST)) != 0) {
            dir.close();
            flows.remove(key);
        }
    }

    private void data(Direction dir, long seq, byte[] d, int off, int len, long frame, long now) {
        long diff = seq - dir.next;
        if (diff + len <= 0) {
            stats.add(ReassemblyCount.TCP_RETRANSMITTED_SEGMENTS);
            return;
        }
        if (diff < 0) {
            off += (int) -diff; // the front was delivered already
            len -= (int) -diff;
            seq = dir.next;
            diff = 0;
            stats.add(ReassemblyCount.TCP_RETRANSMITTED_SEGMENTS);
        }
        if (diff > 0) {
            stats.add(ReassemblyCount.TCP_OUT_OF_ORDER_SEGMENTS);
            if (dir.held() + len <= limits.maxBytesPerFlow() && budget.take(len)) {
                byte[] copy = Arrays.copyOfRange(d, off, off + len);
                byte[] old = dir.outOfOrder.put(seq, copy);
                dir.outOfOrderBytes += len;
                if (old != null) {
                    dir.outOfOrderBytes -= old.length;
                    budget.give(old.length);
                }
                return;
            }
            // The hole will not be filled within the limits: count it lost and go on from here.
            skipTo(dir, Math.min(seq, dir.outOfOrder.isEmpty() ? seq : dir.outOfOrder.firstKey()), frame, now);
            data(dir, seq, d, off, len, frame, now);
            return;
        }
        dir.framer.feed(d, off, len, frame, now);
        dir.next += len;
        drain(dir, frame, now);
    }

    /** Delivers queued segments that now follow on. */
    private void drain(Direction dir, long frame, long now) {
        while (!dir.outOfOrder.isEmpty()) {
            Map.Entry<Long, byte[]> first = dir.outOfOrder.firstEntry();
            long s = first.getKey();
            byte[] b = first.getValue();
            if (s > dir.next) {
                return;
            }
            dir.outOfOrder.pollFirstEntry();
            dir.outOfOrderBytes -= b.length;
            budget.give(b.length);
            long skip = dir.next - s;
            if (skip < b.length) {
                dir.framer.feed(b, (int) skip, b.length - (int) skip, frame, now);
                dir.next += b.length - skip;
            }
        }
    }

    /** Declares the bytes before {@code seq} lost. */
    private void skipTo(Direction dir, long seq, long frame, long now) {
        if (seq > dir.next) {
            dir.framer.gap(seq - dir.next);
            dir.next = seq;
        }
        drain(dir, frame, now);
    }

    /** Closes directions silent for longer than the idle time-out (capture time). */
    private void expireIdle(long now) {
        long timeout = limits.flowIdleTimeout().toNanos();
        Iterator<Map.Entry<Key, Direction>> it = flows.entrySet().iterator();
        while (it.hasNext()) {
            Direction d = it.next().getValue();
            if (now - d.lastSeen <= timeout) {
                return; // access order: the rest were seen later
            }
            d.close();
            it.remove();
        }
    }

    void finish() {
        for (Direction d : flows.values()) {
            d.close();
        }
        flows.clear();
    }

    int openDirections() {
        return flows.size();
    }

    /** The 64-bit sequence number nearest to {@code reference} whose low 32 bits are {@code seq32}. */
    static long unwrap(long seq32, long reference) {
        int delta = (int) seq32 - (int) reference;
        return reference + delta;
    }
}
