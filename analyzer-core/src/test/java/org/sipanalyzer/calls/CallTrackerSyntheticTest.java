package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.testing.SyntheticCapture;

/**
 * The synthetic capture knows the outcome of every call it wrote (challenges, retransmitted INVITEs and
 * finals, CANCEL, calls never answered): the tracker must find exactly those, over UDP and TCP.
 */
class CallTrackerSyntheticTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void outcomesKpisAndRegistrationsAreExact(boolean tcp, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("calls.pcap");
        SyntheticCapture.Expected x;
        try (OutputStream out = Files.newOutputStream(file)) {
            x = SyntheticCapture.write(out, 40_000, 17, tcp);
        }
        List<Call> calls = new ArrayList<>();
        CallTracker tracker = new CallTracker(CallOptions.defaults(), calls::add);
        new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(AnalysisInput.file(file)),
                List.of(tracker));
        tracker.finish();
        CallStatistics s = tracker.statistics();

        assertEquals(x.count("calls"), s.total());
        assertEquals(x.count("calls"), calls.size());
        for (CallOutcome o : CallOutcome.values()) {
            assertEquals(x.count("outcome " + o.word()), s.byOutcome().get(o), o.word());
        }
        s.byFinalCode().forEach((code, n) -> assertEquals(x.count("final " + code), n, "final " + code));
        assertEquals(x.count("challenged"), s.challenged());
        assertEquals(x.count("completed"), s.completed());

        long total = x.count("calls");
        long answered = x.count("outcome answered");
        long redirected = x.count("final 302");
        assertEquals(100.0 * answered / total, s.asr(), 1e-9);
        assertEquals(100.0 * answered / (total - redirected), s.ser(), 1e-9);
        long seer = answered + x.count("final 480") + x.count("final 486") + x.count("final 600")
                + x.count("final 603");
        assertEquals(100.0 * seer / (total - redirected), s.seer(), 1e-9);
        long isa = x.count("final 408") + x.count("final 500") + x.count("final 503") + x.count("final 0");
        assertEquals(100.0 * isa / total, s.isa(), 1e-9);
        assertEquals(100.0 * x.count("completed") / total, s.scr(), 1e-9);

        assertEquals(x.count("registration 200") + x.count("registration 403"), s.registrations());
        assertEquals(s.registrations(), s.registrationsChallenged(), "every synthetic registration is challenged");
        assertEquals(x.count("registration 403"), s.registrationsByFinalCode().getOrDefault(403, 0L));
        assertEquals(x.count("registration 200"), s.rrd().count());

        assertEquals(answered, s.setupTime().count());
        assertEquals(answered, s.duration().count());
        assertTrue(s.pdd().count() >= total - x.count("final 0"), "every call that got past 100 has a PDD");
        assertTrue(s.pdd().min() > 0 && s.pdd().median() <= s.pdd().p95() && s.pdd().p95() <= s.pdd().max());
        assertEquals(0, s.callsEvicted());
        assertEquals(0, tracker.openCalls());
        Call busy = calls.stream().filter(c -> c.finalCode().orElse(0) == 486).findFirst().orElseThrow();
        assertEquals(CallOutcome.BUSY, busy.outcome());
        assertEquals(java.util.OptionalInt.of(17), busy.q850Cause());
        assertEquals(java.util.Optional.of("synthetic-uas/2.1"), busy.answeringAgent());
    }
}
