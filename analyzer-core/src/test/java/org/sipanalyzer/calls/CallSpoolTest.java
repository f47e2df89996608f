package org.sipanalyzer.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.report.CallsReport;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.sip.SipMessage;

/**
 * Calls listed in start order whatever order they finish in, with a bounded number held in memory: a scanner
 * flood makes a call per INVITE, too many to keep until the end.
 */
class CallSpoolTest {

    @TempDir
    Path dir;

    private static String text(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "sip:caf\u00e9@h\u00f4te.example";
            case 3 -> "a\ud800b"; // an unpaired surrogate, as lenient decoding can leave
            case 4 -> "x".repeat(r.nextInt(70_000)); // longer than DataOutput's 64 KiB strings
            default -> "call-" + r.nextInt(1000) + "@host";
        };
    }

    private static Endpoint endpoint(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> new Endpoint(new byte[] {10, 0, 0, (byte) r.nextInt(256)}, r.nextInt(65536));
            default -> {
                byte[] a = new byte[16];
                r.nextBytes(a);
                yield new Endpoint(a, r.nextInt(65536));
            }
        };
    }

    private static Call randomCall(Random r) {
        CallOutcome[] outcomes = CallOutcome.values();
        return new Call(r.nextInt(3), text(r), r.nextInt(50) * 1_000L, text(r), text(r), endpoint(r), endpoint(r),
                outcomes[r.nextInt(outcomes.length)], r.nextInt(700), text(r), r.nextInt(130) - 1, text(r), text(r),
                text(r), endpoint(r), text(r), r.nextBoolean(), r.nextLong(), r.nextLong(), -1, r.nextInt(5),
                r.nextInt(3), r.nextInt(17), r.nextBoolean());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void callsComeBackWholeInInputThenStartOrderAndTiesInTheOrderTheyCame() throws IOException {
        Random r = new Random(42);
        List<Call> given = new ArrayList<>();
        try (CallSpool spool = new CallSpool(7, dir)) {
            for (int i = 0; i < 1_000; i++) { // 142 runs of 7: past MAX_RUNS, so runs are merged while taking
                Call c = randomCall(r);
                given.add(c);
                spool.add(c);
            }
            List<Call> expected = new ArrayList<>(given);
            expected.sort(Comparator.comparingInt(Call::input).thenComparingLong(Call::start)); // stable
            List<Call> first = new ArrayList<>();
            spool.forEach(first::add);
            assertEquals(expected, first);
            List<Call> second = new ArrayList<>();
            spool.forEach(second::add);
            assertEquals(expected, second, "a text table reads the calls twice");
            assertEquals(1_000, spool.size());
            assertTrue(spool.runs() >= 1 && spool.runs() <= CallSpool.MAX_RUNS + 1, "runs: " + spool.runs());
            assertTrue(files().size() <= CallSpool.MAX_RUNS + 1);
        }
        assertEquals(List.of(), files(), "the temporary files are deleted");
    }

    @Test
    void fewCallsNeverTouchTheDisk() throws IOException {
        Random r = new Random(7);
        try (CallSpool spool = new CallSpool(100, dir)) {
            for (int i = 0; i < 99; i++) {
                spool.add(randomCall(r));
            }
            int n = 0;
            for (Call c : spool) {
                n++;
            }
            assertEquals(99, n);
            assertEquals(0, spool.runs());
            assertEquals(List.of(), files());
        }
    }

    @Test
    void aDiskThatCannotTakeTheCallsIsReportedWhenTheyAreRead() throws IOException {
        Path gone = dir.resolve("not-there");
        try (CallSpool spool = new CallSpool(2, gone)) {
            Random r = new Random(1);
            for (int i = 0; i < 10; i++) {
                spool.add(randomCall(r));
            }
            assertEquals(10, spool.size());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, spool::iterator);
            assertTrue(e.getMessage().contains("java.io.tmpdir"), e.getMessage());
        }
    }

    /**
     * A flood where every other INVITE is refused at once (486, finished after the 32 s linger) and the rest are
     * never answered (finished after the 180 s set-up time-out): calls finish far out of start order, and there
     * are many more than the spool holds in memory. The listing still has every call once, in start order.
     */
    @Test
    void aFloodOfCallsFinishingOutOfOrderIsListedInStartOrder() throws IOException {
        SipScanner scanner = new SipScanner();
        Endpoint attacker = new Endpoint(new byte[] {(byte) 203, 0, 113, 9}, 5060);
        Endpoint victim = new Endpoint(new byte[] {(byte) 192, 0, 2, 1}, 5060);
        int calls = 40_000;
        List<Integer> finishedAt = new ArrayList<>();
        try (CallSpool spool = new CallSpool(1_000, dir)) {
            CallTracker tracker = new CallTracker(CallOptions.defaults(), c -> {
                spool.add(c);
                finishedAt.add(Integer.parseInt(c.callId().substring("flood-".length())));
            });
            long frame = 0;
            for (int i = 0; i < calls; i++) {
                long t = 1_700_000_000_000_000_000L + i * 10_000_000L;
                String head = "Via: SIP/2.0/UDP 203.0.113.9;branch=z9hG4bK" + i + "\r\nFrom: <sip:x@y>;tag=" + i
                        + "\r\nTo: <sip:" + i + "@victim>";
                String tail = "\r\nCall-ID: flood-" + i + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
                byte[] b = ("INVITE sip:" + i + "@victim SIP/2.0\r\n" + head + tail)
                        .getBytes(StandardCharsets.US_ASCII);
                SipMessage m = scanner.scanDatagram(b, 0, b.length).message();
                tracker.onEvent(new SipEvent(0, ++frame, t, attacker, victim, Transport.UDP, m, null, false, false));
                if (i % 2 == 0) {
                    b = ("SIP/2.0 486 Busy Here\r\n" + head + ";tag=v" + i + tail).getBytes(StandardCharsets.US_ASCII);
                    m = scanner.scanDatagram(b, 0, b.length).message();
                    tracker.onEvent(new SipEvent(0, ++frame, t + 5_000_000L, victim, attacker, Transport.UDP, m, null,
                            false, false));
                }
            }
            tracker.finish();
            assertTrue(spool.runs() > 1, "the spool went to disk");
            int outOfOrder = 0;
            for (int i = 1; i < finishedAt.size(); i++) {
                outOfOrder += finishedAt.get(i) < finishedAt.get(i - 1) ? 1 : 0;
            }
            assertTrue(outOfOrder > 100, "calls finished out of start order " + outOfOrder + " times");

            StringWriter out = new StringWriter();
            new CallsReport(spool, List.of("flood.pcap"), Catalogue.standard()).write(OutputFormat.CSV, out, 120);
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(out.toString())).getRecords();
            assertEquals(calls, rows.size());
            for (int i = 0; i < calls; i++) {
                CSVRecord row = rows.get(i);
                assertEquals("flood-" + i, row.get("call_id"));
                assertEquals(i % 2 == 0 ? "busy" : "timeout", row.get("outcome"), row.get("call_id"));
            }
        }
        assertEquals(List.of(), files());
    }
}
