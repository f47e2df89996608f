package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.testing.SharedData;

/**
 * Calls on real captures, with the expected outcomes worked out from tshark's field output of each INVITE
 * transaction: retransmitted finals and re-INVITEs must not multiply calls or change their outcome.
 */
class CorpusCallsTest {

    private static CallTracker run(String capture, List<Call> calls) {
        Path file = SharedData.require("corpus/captures/" + capture);
        CallTracker tracker = new CallTracker(CallOptions.defaults(), calls::add);
        new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(AnalysisInput.file(file)),
                List.of(tracker));
        tracker.finish();
        return tracker;
    }

    @Test
    void faxCallWithRetransmittedFinalsAndT38ReInvitesIsTwoAnsweredLegs() {
        List<Call> calls = new ArrayList<>();
        CallStatistics s = run("ndpi__FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", calls).statistics();
        // Two Call-IDs (the two legs through the SBC), each answered by 200 (frames 48 and 49-51, one of them
        // retransmitted), then re-INVITEs for T.38, one of which fails with 488: still two answered calls.
        assertEquals(2, s.total());
        assertEquals(2L, s.byOutcome().get(CallOutcome.ANSWERED));
        assertEquals(java.util.Map.of(200, 2L), s.byFinalCode());
        assertTrue(s.reInvites() >= 2);
        assertTrue(calls.stream().allMatch(c -> c.setupTime().orElse(0) > 0 && c.pdd().orElse(0) > 0));
    }

    @Test
    void scannerTrafficOfUnansweredInvitesAndOneChallenge() {
        List<Call> calls = new ArrayList<>();
        CallStatistics s = run("ipfixprobe__sip.pcap", calls).statistics();
        // Nine INVITE Call-IDs: one answered by 401 (frame 6) and never retried, eight never answered at all.
        assertEquals(9, s.total());
        assertEquals(8L, s.byOutcome().get(CallOutcome.TIMEOUT));
        assertEquals(1L, s.byOutcome().get(CallOutcome.FAILED));
        assertEquals(1, s.challenged());
        assertEquals(8L, s.byFinalCode().get(0));
        // REGISTERs: six Call-IDs; the client re-sends with new branches, so the repeats are new transactions of
        // the same attempts, and the 401s that end them are one final response each.
        assertEquals(6, s.registrations());
        assertEquals(1L, s.registrationsByFinalCode().get(200));
    }
}
