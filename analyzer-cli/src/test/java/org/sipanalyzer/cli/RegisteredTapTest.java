package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.Mergeable;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.analysis.Published;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.analysis.Tap;
import org.sipanalyzer.analysis.Taps;

/**
 * Adding a statistic is one class: the tap below, registered, is in the JSON report's metrics and is a name
 * {@code check} rules take, with no other file touched.
 */
class RegisteredTapTest {

    private static final String UDP = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .resolve("sipp-calls-udp.pcap").toString();

    /** Distinct Call-IDs, and how many of them some message's User-Agent names SIPp in. */
    static final class CallIds implements Tap<CallIds.Seen> {

        record Seen(Set<String> all, Set<String> fromSipp) implements Mergeable<Seen>, Published {
            @Override
            public Seen merge(Seen o) {
                Set<String> a = new HashSet<>(all);
                a.addAll(o.all);
                Set<String> s = new HashSet<>(fromSipp);
                s.addAll(o.fromSipp);
                return new Seen(Set.copyOf(a), Set.copyOf(s));
            }

            @Override
            public void publish(MetricRegistry metrics) {
                metrics.count("callids.distinct", all.size(), all.size());
                metrics.count("callids.sipp", fromSipp.size(), all.size());
            }
        }

        private final Set<String> all = new HashSet<>();
        private final Set<String> fromSipp = new HashSet<>();

        @Override
        public String name() {
            return "callids";
        }

        @Override
        public void onEvent(SipEvent e) {
            String id = e.message().callId();
            if (id != null) {
                all.add(id);
                String agent = e.message().userAgent();
                if (agent != null && agent.toLowerCase(java.util.Locale.ROOT).contains("sipp")) {
                    fromSipp.add(id);
                }
            }
        }

        @Override
        public Seen snapshot() {
            return new Seen(Set.copyOf(all), Set.copyOf(fromSipp));
        }

    }

    @AfterEach
    void unregister() {
        Taps.unregister("callids");
    }

    @Test
    void aRegisteredTapIsInTheJsonReportAndUsableInCheck() throws Exception {
        Taps.register("callids", CallIds::new);
        JsonNode metrics = new ObjectMapper().readTree(CliRun.of("analyze", "-f", "json", UDP).out()).get("metrics");
        JsonNode distinct = null;
        for (JsonNode m : metrics) {
            if (m.get("name").asText().equals("callids.distinct")) {
                distinct = m;
            }
        }
        assertTrue(distinct != null, metrics.toString());
        assertEquals(30, distinct.get("value").asInt(), "the sample's 30 Call-IDs (the challenged calls keep theirs)");
        assertEquals("count", distinct.get("kind").asText());

        assertEquals(ExitCode.OK, CliRun.of("check", "-r", "callids.distinct == 30", "-r", "callids.sipp >= 100%",
                UDP).exit());
        CliRun over = CliRun.of("check", "-r", "callids.distinct > 30", UDP);
        assertEquals(ExitCode.CHECK_FAILED, over.exit(), over.out());
        assertTrue(over.out().contains("FAIL  callids.distinct > 30  measured 30"), over.out());
        CliRun unknown = CliRun.of("check", "-r", "callids.bogus > 1", UDP);
        assertEquals(ExitCode.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("unknown metric 'callids.bogus'") && unknown.err().contains("callids"),
                unknown.err());
    }

    @Test
    void withoutTheTapItsNamesAreUnknownBeforeAnythingIsRead() {
        CliRun r = CliRun.of("check", "-r", "callids.distinct == 30", UDP);
        assertEquals(ExitCode.USAGE, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
