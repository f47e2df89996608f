package org.sipanalyzer.reassembly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.ReassemblyCount;
import org.sipanalyzer.net.ReassemblyLimits;

/**
 * Puts IPv4 and IPv6 fragments back together. Fragments may arrive in any order, twice, or overlapping (the
 * bytes that arrived first are kept). A datagram still missing a fragment when it times out, or at the end of
 * the capture, is counted and its flow named, never guessed. Bounded in datagrams and bytes.
 */
public final class FragmentReassembler {

    /** A whole datagram: its transport protocol, addresses (source then destination) and payload. */
    public record Datagram(int ipVersion, byte[] addresses, int protocol, byte[] payload) {
    }

    private record Key(int ipVersion, long id, int protocol, String addresses) {
    }

    private static final class Pending {
        final int ipVersion;
        final byte[] addresses;
        final int protocol;
        final long firstSeen;
        byte[] data = new byte[0];
        final List<int[]> have = new ArrayList<>(); // sorted, disjoint [start, end) ranges
        int total = -1;
        long charged;

        Pending(int ipVersion, byte[] addresses, int protocol, long firstSeen) {
            this.ipVersion = ipVersion;
            this.addresses = addresses;
            this.protocol = protocol;
            this.firstSeen = firstSeen;
        }

        boolean complete() {
            return total >= 0 && have.size() == 1 && have.get(0)[0] == 0 && have.get(0)[1] == total;
        }
    }

    /** An IP datagram has at most 65,535 bytes (jumbograms are not fragmented). */
    private static final int MAX_DATAGRAM = 65_535;

    private final ReassemblyLimits limits;
    private final ReassemblyTally stats;
    private final ByteBudget budget;
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();

    FragmentReassembler(ReassemblyLimits limits, ReassemblyTally stats, ByteBudget budget) {
        this.limits = limits;
        this.stats = stats;
        this.budget = budget;
    }

    /**
     * Adds one fragment. {@code data[off .. off+len)} holds its payload, which belongs at {@code offset} of the
     * datagram. Returns the whole datagram when this fragment completes it, otherwise null.
     */
    public Datagram add(int ipVersion, byte[] addresses, long id, int protocol, int offset, boolean more, byte[] data,
            int off, int len, long nowNanos) {
        expire(nowNanos);
        int end = offset + len;
        if (end > MAX_DATAGRAM || len < 0) {
            stats.incompleteDatagram(flow(ipVersion, addresses) + " (fragment beyond 65,535 bytes)");
            return null;
        }
        Key key = new Key(ipVersion, id, protocol, Arrays.toString(addresses));
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= limits.maxPendingDatagrams()) {
                dropOldest();
            }
            p = new Pending(ipVersion, addresses, protocol, nowNanos);
            pending.put(key, p);
        }
        if (!more) {
            if (p.total >= 0 && p.total != end) {
                stats.add(ReassemblyCount.FRAGMENTS_OVERLAPPING); // two different "last" fragments: keep the first
            } else {
                p.total = end;
            }
        }
        if (end > p.data.length) {
            int grow = end - p.data.length;
            if (!budget.take(grow)) {
                stats.add(ReassemblyCount.DATAGRAMS_DROPPED_FOR_LIMIT);
                remove(key, p);
                return null;
            }
            p.charged += grow;
            p.data = Arrays.copyOf(p.data, end);
        }
        insert(p, data, off, offset, end);
        if (!p.complete()) {
            return null;
        }
        remove(key, p);
        stats.add(ReassemblyCount.DATAGRAMS_REASSEMBLED);
        return new Datagram(p.ipVersion, p.addresses, p.protocol, Arrays.copyOf(p.data, p.total));
    }

    /** Copies the bytes of [start, end) not yet held, and merges the ranges. */
    private void insert(Pending p, byte[] src, int srcOff, int start, int end) {
        if (start == end) {
            return;
        }
        int covered = 0;
        int cursor = start;
        List<int[]> merged = new ArrayList<>();
        int[] mine = {start, end};
        boolean placed = false;
        for (int[] r : p.have) {
            if (r[1] < start || r[0] > end) {
                if (!placed && r[0] > end) {
                    merged.add(mine);
                    placed = true;
                }
                merged.add(r);
                continue;
            }
            // Overlap or adjacency: copy the part before this range, then skip what it holds.
            if (r[0] > cursor) {
                System.arraycopy(src, srcOff + cursor - start, p.data, cursor, r[0] - cursor);
            }
            int ovStart = Math.max(r[0], start);
            int ovEnd = Math.min(r[1], end);
            covered += Math.max(0, ovEnd - ovStart);
            cursor = Math.max(cursor, Math.min(end, r[1]));
            mine[0] = Math.min(mine[0], r[0]);
            mine[1] = Math.max(mine[1], r[1]);
        }
        if (cursor < end) {
            System.arraycopy(src, srcOff + cursor - start, p.data, cursor, end - cursor);
        }
        if (!placed) {
            merged.add(mine);
        }
        merged.sort((a, b) -> Integer.compare(a[0], b[0]));
        p.have.clear();
        p.have.addAll(merged);
        if (covered == end - start) {
            stats.add(ReassemblyCount.FRAGMENTS_DUPLICATE);
        } else if (covered > 0) {
            stats.add(ReassemblyCount.FRAGMENTS_OVERLAPPING);
        }
    }

    /** Gives up datagrams older than the fragment time-out. */
    public void expire(long nowNanos) {
        long timeout = limits.fragmentTimeout().toNanos();
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Pending> e = it.next();
            if (nowNanos - e.getValue().firstSeen <= timeout) {
                break;
            }
            giveUp(e.getValue());
            it.remove();
        }
    }

    /** At the end of the input: whatever is still incomplete is reported. */
    public void finish() {
        for (Pending p : pending.values()) {
            giveUp(p);
        }
        pending.clear();
    }

    private void giveUp(Pending p) {
        budget.give(p.charged);
        stats.incompleteDatagram(flow(p.ipVersion, p.addresses));
    }

    private void dropOldest() {
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        Map.Entry<Key, Pending> e = it.next();
        budget.give(e.getValue().charged);
        stats.add(ReassemblyCount.DATAGRAMS_DROPPED_FOR_LIMIT);
        it.remove();
    }

    private void remove(Key key, Pending p) {
        pending.remove(key);
        budget.give(p.charged);
    }

    static String flow(int ipVersion, byte[] addresses) {
        int n = addresses.length / 2;
        return host(addresses, 0, n) + " > " + host(addresses, n, n);
    }

    private static String host(byte[] a, int at, int n) {
        return new org.sipanalyzer.net.Endpoint(Arrays.copyOfRange(a, at, at + n), 0).host();
    }
}
