package org.sipanalyzer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.testing.CollectingListener;

/**
 * A logging system's prefix on each line is taken off whatever the format underneath: real samples, given the
 * prefixes that Asterisk's full log, RFC 5424 syslog and time-stamping loggers write, read as the samples do.
 */
class LinePrefixTest {

    static String sample(String name) throws IOException {
        return Files.readString(LogSamplesTest.samples().resolve(name), StandardCharsets.ISO_8859_1);
    }

    static AnalysisResult analyze(String text, List<SipEvent> events) {
        return new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(
                List.of(AnalysisInput.stream("prefixed.log",
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)))),
                List.of(new CollectingListener(events)));
    }

    @Test
    void asteriskFullLogPrefixesTheFirstLineOfEachMessage() throws IOException {
        // As Asterisk's full log writes a verbose message: the prefix on its first line only.
        String plain = sample("public/asterisk-pjsip-logger-docs-auth-failure.txt");
        StringBuilder full = new StringBuilder();
        int n = 0;
        for (String line : plain.split("\n", -1)) {
            if (line.startsWith("<--- ")) {
                full.append(String.format("[2016-09-20 10:53:05.%03d] VERBOSE[5926] res_pjsip_logger.c: ", 100 * n++));
            }
            full.append(line).append('\n');
        }
        List<SipEvent> events = new ArrayList<>();
        AnalysisResult r = analyze(full.toString(), events);
        InputReport in = r.inputs().get(0);
        assertEquals("Asterisk SIP debug (Asterisk full log)", in.format());
        assertEquals("full", in.logTimes().orElseThrow());
        assertEquals(6, events.size(),
                "INVITE=2 ACK=2, 401=2 (public/asterisk-pjsip-logger-docs-auth-failure.txt.truth)");
        assertEquals(Instant.parse("2016-09-20T10:53:05.100Z").toEpochMilli() * 1_000_000L,
                events.get(1).timestampNanos());
        assertEquals("10.24.16.37:5060", events.get(0).source().toString());
    }

    @Test
    void rfc5424SyslogIsTakenOff() throws IOException {
        // The same records as rsyslog's RFC 3339 file, written as RFC 5424 lines.
        Pattern rsyslog = Pattern.compile("^(\\S+) (\\S+) kamailio(?:\\[(\\d+)\\])?: (.*)$");
        StringBuilder out = new StringBuilder();
        for (String line : sample("relay/kamailio-syslog.log").split("\n")) {
            Matcher m = rsyslog.matcher(line);
            assertTrue(m.matches(), line);
            out.append("<134>1 ").append(m.group(1)).append(' ').append(m.group(2)).append(" kamailio ")
                    .append(m.group(3) == null ? "-" : m.group(3)).append(" - - ").append(m.group(4)).append('\n');
        }
        AnalysisResult r = analyze(out.toString(), new ArrayList<>());
        InputReport in = r.inputs().get(0);
        assertEquals("text log (syslog)", in.format());
        assertEquals(67, in.sipMessages(), "relay/kamailio-syslog.log.truth");
        assertEquals("full", in.logTimes().orElseThrow());
    }

    @Test
    void aTimeStampOnEveryLineGivesTimesToALogWithout() throws IOException {
        // Kamailio on standard error prints no times; a logger that stamps every line (message lines too) adds them.
        String plain = sample("relay/kamailio-stderr.log");
        StringBuilder out = new StringBuilder();
        long ms = 0;
        for (String line : plain.split("\n", -1)) {
            out.append(String.format("2026-12-02 10:%02d:%02d.%03d [INFO] ", ms / 60_000, ms / 1000 % 60, ms % 1000))
                    .append(line).append('\n');
            ms += 7;
        }
        List<SipEvent> events = new ArrayList<>();
        AnalysisResult r = analyze(out.toString(), events);
        InputReport in = r.inputs().get(0);
        assertEquals("text log (time-stamped lines)", in.format());
        assertEquals(67, in.sipMessages(), "relay/kamailio-stderr.log.truth");
        assertEquals("full", in.logTimes().orElseThrow());
        assertTrue(events.stream().allMatch(SipEvent::timed));
        assertEquals(0, r.total().malformed());
    }
}
