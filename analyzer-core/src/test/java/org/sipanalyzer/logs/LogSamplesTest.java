package org.sipanalyzer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;

/**
 * Every log sample in samples/logs against its truth file, written from how the sample was made (the calls placed,
 * and tshark on the capture recorded at the same time), never from this program's output: messages by method and
 * code, call outcomes, challenges, and whether the log gave times and addresses.
 */
class LogSamplesTest {

    /** The reader each sample must be recognised as (the generic "text log" only where no format names the layout). */
    static final Map<String, String> READERS = Map.ofEntries(
            Map.entry("sipp-uac-udp_messages.log", "SIPp -trace_msg"),
            Map.entry("sipp-uac-tcp_messages.log", "SIPp -trace_msg"),
            Map.entry("sipp-uas-udp_messages.log", "SIPp -trace_msg"),
            Map.entry("sipp-uac-udp_shortmessages.log", "SIPp -trace_shortmsg"),
            Map.entry("sipp-uac-tcp_shortmessages.log", "SIPp -trace_shortmsg"),
            Map.entry("sipp-uac-udp_errors.log", "SIPp -trace_err"),
            Map.entry("baresip-trace.log", "baresip SIP trace"),
            Map.entry("linphonec-debug.log", "liblinphone log"),
            Map.entry("sofia-tport-log.log", "sofia-sip transport log"),
            Map.entry("sofia-tport-dump.log", "sofia-sip transport log"),
            Map.entry("kamailio-sipdump.data", "Kamailio sipdump"),
            Map.entry("kamailio-stderr.log", "text log"),
            Map.entry("kamailio-syslog.log", "text log (syslog)"),
            Map.entry("kamailio-syslog-traditional.log", "text log (syslog)"),
            Map.entry("ngrep.txt", "ngrep"),
            Map.entry("ngrep-byline.txt", "ngrep -W byline"),
            Map.entry("sngrep-export.txt", "sngrep text export"),
            Map.entry("tshark-V.txt", "tshark packet details"),
            Map.entry("tshark-O-sip.txt", "tshark packet details"),
            Map.entry("tshark-follow-udp.txt", "tshark follow stream"),
            Map.entry("tshark-follow-tcp.txt", "tshark follow stream"),
            Map.entry("asterisk-pjsip-logger-docs-auth-failure.txt", "Asterisk SIP debug"),
            Map.entry("asterisk-chansip-debug-docs-subscribe.txt", "Asterisk SIP debug"),
            Map.entry("freeswitch-siptrace-drachtio-mrf-tcp.log", "sofia-sip transport log"),
            Map.entry("freeswitch-siptrace-sipjs-ws.log", "sofia-sip transport log"),
            Map.entry("drachtio-b2bua-ws-to-tcp.log", "sofia-sip transport log"),
            Map.entry("drachtio-b2bua-ws-to-udp-reinvite.log", "sofia-sip transport log"),
            Map.entry("jssip-console.log", "browser SIP stack console (JsSIP, SIP.js)"),
            Map.entry("jssip-console-nodate.log", "browser SIP stack console (JsSIP, SIP.js)"),
            Map.entry("sipjs-console.log", "browser SIP stack console (JsSIP, SIP.js)"),
            Map.entry("jainsip-messagelog-nist-shootme.txt", "JAIN-SIP message log"),
            Map.entry("jainsip-debuglog-nist-shootme-run1.txt", "JAIN-SIP message log"));

    static Path samples() {
        return Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("logs");
    }

    static Stream<String> truths() throws IOException {
        try (Stream<Path> s = Files.walk(samples())) {
            return s.filter(p -> p.toString().endsWith(".truth")).map(p -> samples().relativize(p).toString())
                    .sorted().toList().stream();
        }
    }

    /** The truth file's lines, {@code key: value}; repeated keys (notes) are joined. */
    static Map<String, String> truth(Path file) throws IOException {
        Map<String, String> t = new LinkedHashMap<>();
        for (String l : Files.readAllLines(file)) {
            int colon = l.indexOf(':');
            if (colon > 0 && !l.startsWith("#")) {
                t.merge(l.substring(0, colon).strip(), l.substring(colon + 1).strip(), (a, b) -> a + " | " + b);
            }
        }
        return t;
    }

    /** {@code INVITE=4 ACK=4} as a map; empty for "none", "-" or nothing. */
    static Map<String, Long> counts(String s) {
        Map<String, Long> m = new TreeMap<>();
        if (s == null) {
            return m;
        }
        for (String part : s.split("[\\s,]+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                long n = Long.parseLong(part.substring(eq + 1).replaceAll("\\D.*", ""));
                if (n > 0) {
                    m.put(part.substring(0, eq), n);
                }
            }
        }
        return m;
    }

    /**
     * The sample a truth file describes: {@code X.truth} describes the file {@code X} when it exists, else the one
     * file beside it named {@code X.<extension>} that is not a capture or a script.
     */
    static Path sampleOf(Path truth) throws IOException {
        String base = truth.getFileName().toString().replaceFirst("\\.truth$", "");
        if (Files.isRegularFile(truth.resolveSibling(base))) {
            return truth.resolveSibling(base);
        }
        try (Stream<Path> s = Files.list(truth.getParent())) {
            List<Path> found = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(base + ".") && !n.endsWith(".truth") && !n.endsWith(".pcap") && !n.endsWith(".sh");
            }).toList();
            assertEquals(1, found.size(), "one sample beside " + truth + ": " + found);
            return found.get(0);
        }
    }

    record Analysis(AnalysisResult result, CallTracker calls) {
        InputReport input() {
            return result.inputs().get(0);
        }
    }

    static Analysis analyze(Path file) {
        CallTracker calls = new CallTracker(CallOptions.defaults());
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                .analyze(List.of(AnalysisInput.file(file)), List.of(calls));
        calls.finish();
        return new Analysis(r, calls);
    }

    @ParameterizedTest
    @MethodSource("truths")
    void eachLogSampleHoldsWhatItsTruthSays(String name) throws IOException {
        Path truthFile = samples().resolve(name);
        Map<String, String> t = truth(truthFile);
        Path sample = sampleOf(truthFile);
        Analysis a = analyze(sample);
        InputReport in = a.input();
        if (counts(t.get("requests")).isEmpty() && counts(t.get("responses")).isEmpty()) {
            assertFalse(in.readable(), sample + " holds no messages: it is refused with a reason");
            assertFalse(in.error().isBlank());
            return;
        }
        assertTrue(in.readable(), sample + ": " + in.error());
        String reader = READERS.get(sample.getFileName().toString());
        if (!sample.toString().endsWith(".pcap")) {
            assertEquals(reader, in.format(), sample + ": the reader that recognised it");
        }
        Map<String, Long> requests = new TreeMap<>();
        a.result().total().byMethod().forEach((m, c) -> requests.put(m, c.count()));
        assertEquals(counts(t.get("requests")), requests, sample + ": requests by method");
        Map<String, Long> responses = new TreeMap<>();
        a.result().total().byCode().forEach((c, s) -> responses.put(Integer.toString(c), s.counts().count()));
        assertEquals(counts(t.get("responses")), responses, sample + ": responses by code");
        assertEquals(0, a.result().total().malformed(), sample + ": malformed messages");
        if (t.containsKey("retransmissions")) {
            assertEquals(Long.parseLong(t.get("retransmissions").replaceAll("\\D.*", "")),
                    a.result().total().retransmissions(), sample + ": retransmissions");
        }
        Map<String, Long> outcomes = new TreeMap<>();
        a.calls().statistics().byOutcome().forEach((o, n) -> {
            if (n > 0) {
                outcomes.put(o.word(), n);
            }
        });
        Map<String, Long> expectedOutcomes = counts(t.get("calls"));
        assertEquals(expectedOutcomes, outcomes, sample + ": calls by outcome");
        if (t.containsKey("challenged")) {
            assertEquals(Long.parseLong(t.get("challenged").replaceAll("\\D.*", "")),
                    a.calls().statistics().challenged(), sample + ": calls challenged first");
        }
        if (in.logTimes().isEmpty()) {
            assertTrue(sample.toString().endsWith(".pcap"), sample + " was read as a log");
            return; // a capture: times and addresses come with every packet
        }
        String times = t.getOrDefault("times", "").split("[\\s(]")[0];
        String expectedTimes = switch (times) {
            case "full" -> "full";
            case "time-of-day" -> "time of day";
            case "none" -> "none";
            default -> throw new AssertionError(truthFile + ": times must be full, time-of-day or none");
        };
        assertEquals(expectedTimes, in.logTimes().orElse("?"), sample + ": times");
        String endpoints = t.getOrDefault("endpoints", "").split("[\\s(]")[0];
        assertEquals(endpoints.equals("no") ? "none" : "all", in.logEndpoints().orElse("?"), sample + ": addresses");
        if (expectedTimes.equals("none") && a.calls().statistics().total() > 0) {
            assertEquals(0, a.calls().statistics().pdd().count(), "no delay is made up where the log has no times");
            assertTrue(in.warnings().stream().anyMatch(w -> w.contains("gives no times")), in.warnings().toString());
        }
    }

}
