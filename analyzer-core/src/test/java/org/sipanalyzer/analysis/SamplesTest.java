package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.sip.SipMessage;

/**
 * The project's own samples hold exactly what samples/make-samples.sh placed in them (see samples/README.md):
 * 30 calls over UDP, gzip-compressed UDP and TCP, with every outcome. Message counts are those of the
 * scenarios in samples/sipp, retransmissions left out; over UDP, SIPp's timers add retransmissions.
 */
class SamplesTest {

    static final Map<Integer, Long> UNIQUE_RESPONSES = Map.ofEntries(Map.entry(100, 20L), Map.entry(180, 30L),
            Map.entry(200, 22L), Map.entry(302, 2L), Map.entry(403, 2L), Map.entry(404, 2L), Map.entry(407, 4L),
            Map.entry(480, 2L), Map.entry(486, 2L), Map.entry(487, 2L), Map.entry(500, 2L), Map.entry(503, 2L),
            Map.entry(603, 2L));
    static final Map<String, Long> UNIQUE_REQUESTS = Map.of("INVITE", 34L, "ACK", 32L, "BYE", 8L, "CANCEL", 4L);
    static final Map<CallOutcome, Long> OUTCOMES = Map.of(CallOutcome.ANSWERED, 8L, CallOutcome.BUSY, 2L,
            CallOutcome.DECLINED, 2L, CallOutcome.FORBIDDEN, 2L, CallOutcome.NOT_FOUND, 2L, CallOutcome.UNAVAILABLE, 4L,
            CallOutcome.CANCELLED, 4L, CallOutcome.REDIRECTED, 2L, CallOutcome.FAILED, 4L);

    /** Analyses one of the samples with the default options, calls followed by {@code tracker} (finished). */
    private static AnalysisResult analyse(String sample, CallTracker tracker) {
        Path file = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve(sample);
        assertTrue(Files.exists(file), file.toString());
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                .analyze(List.of(AnalysisInput.file(file)), List.of(tracker));
        tracker.finish();
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sipp-calls-udp.pcap", "sipp-calls-udp.pcap.gz", "sipp-calls-tcp.pcap"})
    void samplesHoldTheCallsTheirScriptMade(String name) {
        List<Call> calls = new ArrayList<>();
        CallTracker tracker = new CallTracker(CallOptions.defaults(), calls::add);
        AnalysisResult r = analyse(name, tracker);
        MessageStatistics t = r.total();
        Map<Integer, Long> responses = new TreeMap<>();
        t.byCode().forEach((code, s) -> responses.put(code, s.counts().unique()));
        assertEquals(new TreeMap<>(UNIQUE_RESPONSES), responses);
        Map<String, Long> requests = new TreeMap<>();
        t.byMethod().forEach((m, c) -> requests.put(m, c.unique()));
        assertEquals(new TreeMap<>(UNIQUE_REQUESTS), requests);
        assertEquals(0, t.malformed());
        if (name.contains("tcp")) {
            assertEquals(0, t.retransmissions(), "TCP is reliable: SIP does not retransmit over it");
        } else {
            assertTrue(t.retransmissions() > 0, "the slow callees make SIPp retransmit over UDP");
        }
        assertTrue(r.inputs().get(0).warnings().isEmpty(), r.inputs().get(0).warnings().toString());

        CallStatistics s = tracker.statistics();
        assertEquals(30, s.total());
        Map<CallOutcome, Long> outcomes = new TreeMap<>(s.byOutcome());
        outcomes.values().removeIf(v -> v == 0);
        assertEquals(new TreeMap<>(OUTCOMES), outcomes);
        assertEquals(4, s.challenged(), "two challenges answered, two not");
        assertEquals(2, s.reInvites());
        assertEquals(8, s.completed(), "every answered call ends with a completed BYE");
        Call failedChallenge = calls.stream().filter(c -> c.finalCode().orElse(0) == 407).findFirst().orElseThrow();
        assertEquals(CallOutcome.FAILED, failedChallenge.outcome());
        assertTrue(failedChallenge.challenged());
        Call passedChallenge = calls.stream().filter(c -> c.challenged() && c.outcome() == CallOutcome.ANSWERED)
                .findFirst().orElseThrow();
        assertEquals(2, passedChallenge.invites());
        assertTrue(failedChallenge.q850Cause().isEmpty(), "cause 0 is not a Q.850 cause");
    }

    /**
     * samples/kamailio-hep.pcap and kamailio-hep-tcp.pcap (samples/make-hep-sample.sh) hold only HEP3, over UDP and
     * over one TCP connection: Kamailio's siptrace mirrored every message its stateless proxy received and sent. Routed
     * calls are thus seen on both legs, caller to proxy and proxy to callee, and must still count once each; the proxy
     * answers two calls itself (404).
     */
    @ParameterizedTest
    @ValueSource(strings = {"kamailio-hep.pcap", "kamailio-hep-tcp.pcap"})
    void kamailioHepSamplesHoldTheCallsTheirScriptMade(String name) {
        List<Call> calls = new ArrayList<>();
        CallTracker tracker = new CallTracker(CallOptions.defaults(), calls::add);
        AnalysisResult r = analyse(name, tracker);
        InputReport in = r.inputs().get(0);
        assertTrue(in.warnings().isEmpty(), in.warnings().toString());
        assertEquals(148, in.count(UnwrapCount.HEP_PACKETS), "every message Kamailio traced");
        assertEquals(148, in.sipMessages(), "every HEP packet carries one SIP message");
        if (name.contains("tcp")) {
            assertEquals(2, in.reassembly().tcpDirections(), "one connection to the collector");
            assertEquals(0, in.reassembly().tcpGapBytes());
        } else {
            assertEquals(in.packets(), in.sipMessages(), "over UDP, one HEP packet per datagram");
        }
        MessageStatistics t = r.total();
        assertEquals(0, t.malformed());
        // INVITEs: routed calls 3 + 2 + 2 + 2, challenged calls 2 x 2 INVITEs, each on two legs; 2 to the proxy.
        assertEquals(28, t.byMethod().get("INVITE").unique());
        assertEquals(4, t.byMethod().get("CANCEL").unique(), "2 CANCELs, each on both legs");
        assertEquals(2, t.byCode().get(404).counts().unique(), "the proxy's own 404s pass it once");
        assertEquals(4, t.byCode().get(486).counts().unique());
        assertEquals(4, t.byCode().get(407).counts().unique());

        CallStatistics s = tracker.statistics();
        assertEquals(13, s.total());
        Map<CallOutcome, Long> outcomes = new TreeMap<>(s.byOutcome());
        outcomes.values().removeIf(v -> v == 0);
        assertEquals(new TreeMap<>(Map.of(CallOutcome.ANSWERED, 5L, CallOutcome.BUSY, 2L, CallOutcome.UNAVAILABLE, 2L,
                CallOutcome.CANCELLED, 2L, CallOutcome.NOT_FOUND, 2L)), outcomes);
        assertEquals(2, s.challenged());
        assertEquals(5, s.completed(), "every answered call ends with a completed BYE");
        assertTrue(calls.stream().filter(c -> c.finalCode().orElse(0) == 486)
                .allMatch(c -> c.q850Cause().orElse(-1) == 17));
        assertTrue(calls.stream().filter(c -> c.finalCode().orElse(0) == 503)
                .allMatch(c -> c.q850Cause().orElse(-1) == 41));
    }

    /**
     * samples/kamailio-fork.pcap (samples/make-fork-sample.sh): Kamailio forks each INVITE to two callees. Three
     * calls to forkA: one callee answers, the proxy cancels the other. Two calls to forkB: both callees refuse, and
     * the proxy passes one refusal to the caller, which decides the call. Every call had two early dialogs.
     */
    @Test
    void forkedCallsAreOneCallEachJudgedByWhatTheCallerGot() {
        List<Call> calls = new ArrayList<>();
        CallTracker tracker = new CallTracker(CallOptions.defaults(), calls::add);
        Map<String, Integer> finalToCaller = new TreeMap<>();
        StatisticsListener callerView = new StatisticsListener() {
            @Override
            public String name() {
                return "the caller's final responses";
            }

            @Override
            public void onEvent(SipEvent e) {
                SipMessage m = e.message();
                // The caller is SIPp on port 7090 (the script's -p 7090): what reached it is what it was told.
                if (m instanceof SipMessage.Response r && r.statusCode() >= 200 && "INVITE".equals(m.cseqMethod())
                        && e.destination().port() == 7090 && !e.retransmission()) {
                    finalToCaller.put(m.callId(), r.statusCode());
                }
            }
        };
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(
                List.of(AnalysisInput.file(Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
                        .resolve("kamailio-fork.pcap"))), List.of(tracker, callerView));
        tracker.finish();
        assertTrue(r.inputs().get(0).warnings().isEmpty(), r.inputs().get(0).warnings().toString());
        assertEquals(5, calls.size());
        assertEquals(15, r.total().byMethod().get("INVITE").unique(), "each INVITE on three legs");
        assertEquals(3, r.total().byMethod().get("CANCEL").unique(), "the proxy cancels the losing fork");
        assertEquals(5, tracker.statistics().forked());
        for (Call c : calls) {
            assertEquals(2, c.dialogs(), c.callId());
            assertTrue(c.forked());
            assertEquals(finalToCaller.get(c.callId()), c.finalCode().orElse(0),
                    c.callId() + ": judged by the caller's final");
        }
        assertEquals(3, calls.stream().filter(c -> c.outcome() == CallOutcome.ANSWERED).count());
        assertEquals(2, calls.stream()
                .filter(c -> c.finalCode().orElse(0) == 486 || c.finalCode().orElse(0) == 480).count(),
                "forkB: one of its callees' refusals");
        assertEquals(0, calls.stream().filter(c -> c.outcome() == CallOutcome.CANCELLED).count(),
                "a fork cancelled by the proxy does not make the call cancelled");
    }
}
