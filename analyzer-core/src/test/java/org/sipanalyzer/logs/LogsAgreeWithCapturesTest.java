package org.sipanalyzer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.calls.Call;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;

/**
 * The same SIPp calls captured by tcpdump and logged by SIPp itself (samples/logs/sipp, made in one run): the
 * log's analysis must give what the capture's gives, call by call.
 */
class LogsAgreeWithCapturesTest {

    record Run(AnalysisResult result, Map<String, Call> calls) {
    }

    static Run analyze(Path file) {
        Map<String, Call> calls = new TreeMap<>();
        CallTracker tracker = new CallTracker(CallOptions.defaults(), c -> calls.put(c.callId(), c));
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                .analyze(List.of(AnalysisInput.file(file)), List.of(tracker));
        tracker.finish();
        assertTrue(r.inputs().get(0).readable(), file + ": " + r.inputs().get(0).error());
        return new Run(r, calls);
    }

    static Map<String, String> byMethodAndCode(AnalysisResult r) {
        Map<String, String> m = new TreeMap<>();
        r.total().byMethod().forEach((k, c) -> m.put(k, c.count() + "/" + c.unique()));
        r.total().byCode().forEach((k, s) -> m.put(k.toString(), s.counts().count() + "/" + s.counts().unique()));
        return m;
    }

    /**
     * @param delayToleranceMicros how far a delay from the log may be from the capture's: the log's resolution
     *     (1 us) plus the time between SIPp writing its log line and the packet reaching the wire; -1 where the log
     *     gives no delays to compare
     */
    @ParameterizedTest
    @CsvSource({
        "sipp/sipp-uac-udp_messages.log, sipp/sipp-uac-udp_messages.pcap, 1000",
        "sipp/sipp-uac-udp_shortmessages.log, sipp/sipp-uac-udp_messages.pcap, 1000",
        "sipp/sipp-uas-udp_messages.log, sipp/sipp-uas-udp_messages.pcap, 1000",
        "sipp/sipp-uac-tcp_messages.log, sipp/sipp-uac-tcp_messages.pcap, -1",
        "sipp/sipp-uac-tcp_shortmessages.log, sipp/sipp-uac-tcp_messages.pcap, -1",
    })
    void aLogOfSippCallsGivesWhatTheirCaptureGives(String log, String capture, long delayToleranceMicros) {
        Run fromLog = analyze(LogSamplesTest.samples().resolve(log));
        Run fromCapture = analyze(LogSamplesTest.samples().resolve(capture));
        assertEquals(byMethodAndCode(fromCapture.result()), byMethodAndCode(fromLog.result()),
                log + ": messages by method and code, count/unique");
        assertEquals(fromCapture.calls().keySet(), fromLog.calls().keySet(), log + ": the same calls");
        List<String> delays = new ArrayList<>();
        for (Call c : fromCapture.calls().values()) {
            Call l = fromLog.calls().get(c.callId());
            assertEquals(c.outcome(), l.outcome(), c.callId());
            assertEquals(c.finalCode(), l.finalCode(), c.callId());
            assertEquals(c.challenged(), l.challenged(), c.callId());
            assertEquals(c.invites(), l.invites(), c.callId());
            assertTrue(l.timed(), "SIPp's logs give every message a time");
            if (delayToleranceMicros >= 0) {
                delays.add(within(c.callId() + " PDD", c.pdd(), l.pdd(), delayToleranceMicros));
                delays.add(within(c.callId() + " setup", c.setupTime(), l.setupTime(), delayToleranceMicros));
                delays.add(within(c.callId() + " duration", c.duration(), l.duration(), delayToleranceMicros));
            }
        }
        assertTrue(delays.stream().allMatch(String::isEmpty), String.join("; ", delays));
    }

    private static String within(String what, java.util.OptionalLong capture, java.util.OptionalLong log,
            long toleranceMicros) {
        if (capture.isPresent() != log.isPresent()) {
            return what + ": capture " + capture + ", log " + log;
        }
        return capture.isEmpty() || Math.abs(capture.getAsLong() - log.getAsLong()) <= toleranceMicros * 1000 ? ""
                : what + ": capture " + capture.getAsLong() + " ns, log " + log.getAsLong() + " ns";
    }
}
