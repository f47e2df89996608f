package org.sipanalyzer.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.capture.CaptureFormatException;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.check.Check;
import org.sipanalyzer.check.Rule;
import org.sipanalyzer.logs.LogEntry;
import org.sipanalyzer.logs.LogReader;
import org.sipanalyzer.scan.NameAddr;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.scan.StrictParser;

/**
 * Every entry point that reads outside bytes, under Jazzer. An ordinary build runs each target over its committed
 * inputs (src/test/resources/org/sipanalyzer/fuzz/FuzzTargetsTestInputs/TARGET/, findings included) as regression
 * tests; {@code JAZZER_FUZZ=1} fuzzes one (docs/reliability.md). Beyond "no exception", each target checks what a
 * user relies on: counts that add up, bounds that hold, and no frame that "could not be analysed".
 */
class FuzzTargetsTest {

    private static final AnalysisOptions OPTIONS = AnalysisOptions.defaults().withPrefetch(false);

    /** The whole analysis of one input, capture or log of any format, with calls followed. */
    @FuzzTest(maxDuration = "10m")
    void analysis(byte[] input) {
        CallTracker calls = new CallTracker(CallOptions.defaults());
        AnalysisResult r = new Analyzer(Catalogue.standard(), OPTIONS)
                .analyze(List.of(AnalysisInput.stream("fuzz", new ByteArrayInputStream(input))), List.of(calls));
        calls.finish();
        InputReport in = r.inputs().get(0);
        assertTrue(in.readable() || in.error() != null && !in.error().isBlank(), "an unread input says why");
        assertFalse(in.readable() && in.error() != null && in.error().contains("Exception"), in.error());
        var t = r.total();
        assertEquals(t.messages().count(), t.requests().count() + t.responses().count(), "messages add up");
        assertEquals(in.packets(), in.framesWithSip() + in.framesWithoutSip() + in.undecodablePackets(),
                "every frame counted once");
        assertTrue(t.retransmissions() <= t.messages().count());
        for (String w : in.warnings()) {
            assertFalse(w.contains("could not be analysed"), w);
        }
        assertTrue(calls.statistics().total() <= t.requests().count(), "no call without a request");
    }

    /** Every log format's reader, straight: messages bounded, lines numbered in order. */
    @FuzzTest(maxDuration = "10m")
    void logs(byte[] input) throws IOException {
        int head = Math.min(input.length, 64 * 1024);
        if (!LogReader.looksLikeLog(input, head)) {
            return;
        }
        LogReader reader;
        try {
            reader = LogReader.open(new ByteArrayInputStream(input), input, head, null);
        } catch (CaptureFormatException refused) {
            return; // a format that holds no messages, refused in one line
        }
        long lastLine = 0;
        long n = 0;
        LogEntry e;
        while ((e = reader.next()) != null) {
            assertTrue(e.bytes().length <= LogReader.MAX_MESSAGE + 64 * 1024, "a message is bounded");
            assertTrue(e.line() >= 1 && e.line() >= lastLine - 1, "messages come in log order");
            lastLine = Math.max(lastLine, e.line());
            assertTrue(++n <= input.length, "never more messages than bytes");
        }
        assertEquals(n, reader.messages());
    }

    /** The SIP scanner on a datagram and on a stream: never throws, never reads past what it was given. */
    @FuzzTest(maxDuration = "10m")
    void scanner(byte[] input) {
        SipScanner s = new SipScanner();
        SipScanner.Scan d = s.scanDatagram(input, 0, input.length);
        if (d.outcome() == SipScanner.Outcome.MESSAGE) {
            assertTrue(d.message().bodyLength() <= input.length);
        }
        SipScanner.Scan st = s.scanStream(input, 0, input.length);
        assertTrue(st.consumed() >= 0 && st.consumed() <= input.length, "a stream scan consumes what it was given");
    }

    /** JAIN-SIP under --strict: every failure becomes a rejection, never an exception. */
    @FuzzTest(maxDuration = "10m")
    void strict(byte[] input) {
        StrictParser.Result r = new StrictParser().parse(input, 0, input.length);
        assertTrue(r.accepted() || r.rejection() != null);
    }

    /** From and To values: any text. */
    @FuzzTest(maxDuration = "10m")
    void nameAddr(byte[] input) {
        String value = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        String uri = NameAddr.uri(value);
        assertTrue(uri.length() <= value.length());
        String without = NameAddr.withoutTag(value);
        assertTrue(without.length() <= value.length());
    }

    /**
     * Rules for check, as written in a rules file: a bad one is an IllegalArgumentException naming it, nothing
     * else.
     */
    @FuzzTest(maxDuration = "10m")
    void rules(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        try {
            Rule r = Rule.parse(text);
            Check.validate(List.of(r));
        } catch (IllegalArgumentException expected) {
            assertFalse(expected.getMessage() == null || expected.getMessage().isBlank(), "it says why");
        }
    }
}
