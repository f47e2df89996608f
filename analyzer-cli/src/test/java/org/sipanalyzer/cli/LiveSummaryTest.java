package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.live.LiveSource;

/** The terminal summary of a live run, drawn from the SIPp sample's figures as if they had come in one minute. */
class LiveSummaryTest {

    @Test
    void showsTrafficCallsAndKpisForTheLastMinuteAndSinceTheStart() throws Exception {
        AtomicReference<SipAnalysis.Snapshot> last = new AtomicReference<>();
        new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(), CallOptions.defaults())
                .withSnapshots(Duration.ofHours(1), last::set).run(List.of(AnalysisInput.file(Path.of(
                        System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap"))));
        SipAnalysis.Snapshot full = last.get();
        SipAnalysis.Snapshot empty = new SipAnalysis.Snapshot(Instant.EPOCH, Duration.ZERO,
                new org.sipanalyzer.analysis.MetricRegistry(), new org.sipanalyzer.calls.CallStatistics(
                        org.sipanalyzer.calls.KpiDefinitions.defaults()));
        SipAnalysis.Snapshot later = new SipAnalysis.Snapshot(Instant.EPOCH.plusSeconds(61), Duration.ofSeconds(61),
                full.metrics(), full.calls());
        LiveSource source = new FixedSource(176, 0);
        LiveSummary s = new LiveSummary();
        s.render(empty, source, "capturing on lo");
        String drawn = s.render(later, source, "capturing on lo");
        assertTrue(drawn.startsWith("sip-analyzer: capturing on lo, 0h01m01s"), drawn);
        assertTrue(drawn.contains("packets 176 captured, 0 dropped"), drawn);
        assertTrue(drawn.contains("SIP messages 176 (4 retransmissions), 2.9/s over the last 61s"), drawn);
        assertTrue(drawn.contains("responses 1xx 50  2xx 22"), drawn);
        assertTrue(drawn.lines().anyMatch(l -> l.matches("\\s+busy\\s+2\\s+2")), drawn);
        assertTrue(drawn.lines().anyMatch(l -> l.matches("\\s+total\\s+30\\s+30")), drawn);
        assertTrue(drawn.lines().anyMatch(l -> l.matches("\\s+ASR\\s+26\\.7%\\s+26\\.7%")), drawn);
        assertTrue(drawn.contains("failing peers: 127.0.0.1 "), drawn);
    }
}
