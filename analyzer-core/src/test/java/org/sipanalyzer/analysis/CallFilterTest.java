package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.ResponseClass;
import org.sipanalyzer.net.Endpoint;

/**
 * Filters keep or leave out calls whole, on the SIPp sample whose 30 calls are known from its script: 2 busy (486),
 * 2 that ring 1.2 s at a slow callee, every message sent by SIPp's user agent.
 */
class CallFilterTest {

    private static final AnalysisInput SAMPLE = AnalysisInput.file(Path.of(System.getProperty("sipanalyzer.samples",
            "../samples")).resolve("sipp-calls-udp.pcap"));

    private record Filtered(AnalysisResult result, List<Call> calls, FilterSummary summary) {
    }

    /** The analysis a user runs: the core reads the input twice, through the filter. */
    private static Filtered run(CallFilter.Criterion... criteria) {
        List<Call> calls = new ArrayList<>();
        CallTracker tracker = new CallTracker(CallOptions.defaults(), calls::add);
        AnalysisResult r;
        try {
            r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(SAMPLE),
                    List.of(tracker), new CallFilter(List.of(criteria)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Filtered(r, calls, r.filter().orElseThrow());
    }

    private static Map<CallOutcome, Integer> outcomes(List<Call> calls) {
        Map<CallOutcome, Integer> m = new TreeMap<>();
        calls.forEach(c -> m.merge(c.outcome(), 1, Integer::sum));
        return m;
    }

    @Test
    void aCodeKeepsTheCallsThatMetItWholeAndSaysWhatItLeftOut() {
        Filtered f = run(CallFilter.codes("--code 486", Set.of(486), Set.of()));
        assertEquals(Map.of(CallOutcome.BUSY, 2), outcomes(f.calls()));
        // Each busy call whole: INVITE, 100 Trying, 180 Ringing, 486, ACK.
        assertEquals(10, f.result().total().messages().count());
        assertEquals(4, f.result().total().requests().count(), "the INVITE and ACK of each");
        assertEquals(176 - 10, f.summary().messagesRemoved());
        assertEquals(28, f.summary().callsRemoved());
        assertEquals(176 - 10, f.result().inputs().get(0).filteredOut());
    }

    @Test
    void criteriaAreEachMetByTheCallNotByOneMessage() {
        // A call with a 180 and a 486: both criteria met, by different messages.
        Filtered both = run(CallFilter.codes("--code 486", Set.of(486), Set.of()),
                CallFilter.codes("--code 180", Set.of(180), Set.of()));
        assertEquals(Map.of(CallOutcome.BUSY, 2), outcomes(both.calls()));
        Filtered classes = run(CallFilter.codes("--code 6xx", Set.of(), Set.of(ResponseClass.GLOBAL_FAILURE)));
        assertEquals(Map.of(CallOutcome.DECLINED, 2), outcomes(classes.calls()));
        Filtered none = run(CallFilter.codes("--code 486", Set.of(486), Set.of()),
                CallFilter.codes("--code 603", Set.of(603), Set.of()));
        assertTrue(none.calls().isEmpty(), "no call met both");
        assertEquals(0, none.result().total().messages().count());
    }

    @Test
    void hostsPortsHeadersCallIdsAndTimes() {
        Filtered callee = run(CallFilter.ports("--port 5064", Set.of(5064)));
        assertTrue(callee.calls().stream().allMatch(c -> c.callee().port() == 5064), callee.calls().toString());
        assertFalse(callee.calls().isEmpty());
        Filtered loopback = run(CallFilter.hosts("--src 127.0.0.0/8", List.of(CallFilter.Cidr.parse("127.0.0.0/8")),
                CallFilter.Side.SOURCE));
        assertEquals(30, loopback.calls().size(), "every call is on loopback");
        Filtered elsewhere = run(CallFilter.hosts("--host 10.0.0.0/8", List.of(CallFilter.Cidr.parse("10.0.0.0/8")),
                CallFilter.Side.EITHER));
        assertEquals(0, elsewhere.calls().size());
        Filtered agent = run(CallFilter.header("--match", "User-Agent~=sipp"));
        assertEquals(30, agent.calls().size(), "SIPp's User-Agent in every call");
        assertEquals(0, run(CallFilter.header("--match", "User-Agent~=Polycom")).calls().size());
        String id = agent.calls().get(0).callId();
        Filtered one = run(CallFilter.callId("--call-ids", id.substring(0, id.length() - 3) + "???"));
        assertTrue(one.calls().stream().allMatch(c -> c.callId().startsWith(id.substring(0, id.length() - 3))));
        Filtered late = run(CallFilter.time("--from +5s", 5_000_000_000L, null, true));
        assertTrue(late.calls().size() < 30 && !late.calls().isEmpty(), late.calls().size() + " calls");
        long first = agent.calls().stream().mapToLong(Call::start).min().orElseThrow();
        assertTrue(late.calls().stream().allMatch(c -> c.start() >= first), "calls with a message past 5 s");
    }

    @Test
    void anyHeaderCanBeMatchedByItsFullOrCompactNameInTheMessageText() {
        // Only the busy callee (port 5062) answers with Contact <sip:127.0.0.1:5062;...>: its 180 and 486.
        for (String name : List.of("Contact", "contact", "m")) {
            Filtered busy = run(CallFilter.header("--match", name + "~=:5062;"));
            assertEquals(Map.of(CallOutcome.BUSY, 2), outcomes(busy.calls()), name);
        }
        // Every Reason the sample's callees send is a Q.850 cause; the busy ones give 17.
        assertEquals(Map.of(CallOutcome.BUSY, 2), outcomes(run(CallFilter.header("--match", "Reason~=cause=17\\b"))
                .calls()));
        assertEquals(30, run(CallFilter.header("--match", "Via=branch=z9hG4bK")).calls().size(), "every Via has one");
        assertTrue(run(CallFilter.header("--match", "X-Not-Sent~=.")).calls().isEmpty(), "a header no message has");
        assertTrue(run(CallFilter.header("--match", "Content-Length~=.")).calls().size() == 30);
        assertTrue(CallFilter.header("--match", "Contact~=x").needsText());
        assertFalse(CallFilter.codes("--code 486", Set.of(486), Set.of()).needsText());
    }

    @Test
    void addressRangesAreParsedWithoutLookingUpNames() {
        CallFilter.Cidr v4 = CallFilter.Cidr.parse("192.0.2.0/24");
        assertTrue(v4.contains(new Endpoint(new byte[] {(byte) 192, 0, 2, 77}, 5060)));
        assertFalse(v4.contains(new Endpoint(new byte[] {(byte) 192, 0, 3, 77}, 5060)));
        CallFilter.Cidr v6 = CallFilter.Cidr.parse("2001:db8::/32");
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[15] = 1;
        assertTrue(v6.contains(new Endpoint(a, 5060)));
        assertFalse(v6.contains(new Endpoint(new byte[] {(byte) 192, 0, 2, 77}, 5060)), "another family");
        assertTrue(CallFilter.Cidr.parse("10.1.2.3").contains(new Endpoint(new byte[] {10, 1, 2, 3}, 1)));
        for (String bad : List.of("example.com", "10.0.0.0/33", "", "1.2.3.4/x")) {
            assertThrows(IllegalArgumentException.class, () -> CallFilter.Cidr.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> CallFilter.header("--match", "Con tact~=x"));
        assertThrows(IllegalArgumentException.class, () -> CallFilter.header("--match", "Contact~=(unclosed"));
        assertThrows(IllegalArgumentException.class, () -> CallFilter.header("--match", "User-Agent"));
    }
}
