package org.sipanalyzer.reassembly;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Set;
import org.sipanalyzer.net.ReassemblyCount;
import org.sipanalyzer.net.ReassemblyStats;

/** The counts of one input's reassembly while it runs; {@link #snapshot()} gives the reported figures. */
final class ReassemblyTally {

    private final long[] counts = new long[ReassemblyCount.values().length];
    private final Set<String> incompleteDatagramFlows = new LinkedHashSet<>();
    private final Set<String> encryptedFlows = new LinkedHashSet<>();
    private long encryptedFlowsNotListed;

    void add(ReassemblyCount kind) {
        counts[kind.ordinal()]++;
    }

    void add(ReassemblyCount kind, long n) {
        counts[kind.ordinal()] += n;
    }

    void incompleteDatagram(String flow) {
        add(ReassemblyCount.DATAGRAMS_INCOMPLETE);
        if (incompleteDatagramFlows.size() < ReassemblyStats.MAX_LISTED) {
            incompleteDatagramFlows.add(flow);
        }
    }

    void encryptedFlow(String flow) {
        if (encryptedFlows.contains(flow)) {
            return;
        }
        if (encryptedFlows.size() < ReassemblyStats.MAX_LISTED) {
            encryptedFlows.add(flow);
        } else {
            encryptedFlowsNotListed++;
        }
    }

    ReassemblyStats snapshot() {
        EnumMap<ReassemblyCount, Long> m = new EnumMap<>(ReassemblyCount.class);
        for (ReassemblyCount k : ReassemblyCount.values()) {
            if (counts[k.ordinal()] != 0) {
                m.put(k, counts[k.ordinal()]);
            }
        }
        return new ReassemblyStats(m, new ArrayList<>(incompleteDatagramFlows), new ArrayList<>(encryptedFlows),
                encryptedFlowsNotListed);
    }
}
