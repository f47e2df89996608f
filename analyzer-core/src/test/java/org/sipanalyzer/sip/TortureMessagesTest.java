package org.sipanalyzer.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.scan.StrictParser;
import org.sipanalyzer.testing.SharedData;

/** The RFC 4475 and RFC 5118 torture messages: never a crash, the right fields, the right problems. */
class TortureMessagesTest {

    record Torture(String set, String name, String verdict, String startLine, byte[] bytes, String notes) {
        @Override
        public String toString() {
            return set + "/" + name;
        }
    }

    /** What the fast scanner itself must flag in the invalid messages that concern the fields it extracts. */
    static final Map<String, Set<SipProblem>> SCANNER_FLAGS = Map.ofEntries(
            Map.entry("clerr", Set.of(SipProblem.BODY_TRUNCATED)),
            Map.entry("ncl", Set.of(SipProblem.BAD_CONTENT_LENGTH)),
            Map.entry("scalar02", Set.of(SipProblem.BAD_CSEQ)),
            Map.entry("scalarlg", Set.of(SipProblem.BAD_CSEQ)),
            Map.entry("mismatch01", Set.of(SipProblem.CSEQ_METHOD_MISMATCH)),
            Map.entry("mismatch02", Set.of(SipProblem.CSEQ_METHOD_MISMATCH)),
            Map.entry("bigcode", Set.of(SipProblem.INVALID_STATUS_CODE)),
            Map.entry("badvers", Set.of(SipProblem.UNSUPPORTED_VERSION)),
            Map.entry("insuf", Set.of(SipProblem.MISSING_CALL_ID, SipProblem.MISSING_FROM, SipProblem.MISSING_TO)),
            Map.entry("multi01", Set.of(SipProblem.DUPLICATE_HEADER)),
            Map.entry("mcl01", Set.of(SipProblem.DUPLICATE_HEADER)),
            Map.entry("baddn", Set.of(SipProblem.NO_HEADER_END)));

    /** Invalid messages that strict parsing (JAIN-SIP plus the RFC 3261 checks) must reject. */
    static final Set<String> STRICT_REJECTS = Set.of("quotbal", "ltgtruri", "lwsruri", "baddate", "badinv01", "clerr",
            "ncl", "scalar02", "scalarlg", "mismatch01", "mismatch02", "bigcode", "insuf");

    static Stream<Torture> messages() throws IOException {
        Path root = SharedData.root().resolve("torture");
        if (!Files.isDirectory(root)) {
            return Stream.of(new Torture("absent", "absent", "", "", new byte[0], ""));
        }
        List<Torture> all = new ArrayList<>();
        for (String set : List.of("rfc4475", "rfc5118")) {
            List<String> index = Files.readAllLines(root.resolve(set + "/INDEX.tsv"), StandardCharsets.UTF_8);
            List<String> header = List.of(index.get(0).split("\t"));
            int nameCol = header.indexOf("name");
            int classCol = header.indexOf("class");
            int startCol = header.indexOf("start_line");
            for (String line : index.subList(1, index.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                Path file = root.resolve(set + "/" + f[nameCol] + ".dat");
                byte[] bytes = Files.readAllBytes(file);
                if (set.equals("rfc5118")) {
                    bytes = asWireSip(bytes, line.contains("no empty line ending the header section"));
                }
                all.add(new Torture(set, f[nameCol], f[classCol], startCol >= 0 ? f[startCol] : "", bytes, line));
            }
        }
        return all.stream();
    }

    /**
     * RFC 5118 is published with LF line ends and its Content-Length values count CRLF; as wire SIP, lines end
     * in CRLF, and the two archived without the closing empty line get it back.
     */
    static byte[] asWireSip(byte[] lf, boolean addEmptyLine) {
        String s = new String(lf, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        if (addEmptyLine) {
            s += "\r\n";
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void scannerRecognisesEveryMessageAndNeverFails(Torture t) {
        SharedData.require("torture");
        SipScanner scanner = new SipScanner();
        SipScanner.Scan s = scanner.scanDatagram(t.bytes(), 0, t.bytes().length);
        assertEquals(SipScanner.Outcome.MESSAGE, s.outcome(), t.toString());
        SipMessage m = s.message();
        String first = t.startLine().isEmpty() ? "" : t.startLine();
        if (first.startsWith("SIP/")) {
            assertTrue(m.isResponse(), t.toString());
        } else if (!first.isEmpty()) {
            assertEquals(first.substring(0, first.indexOf(' ')), ((SipMessage.Request) m).method(), t.toString());
        }
        for (int cut = 0; cut <= t.bytes().length; cut += 7) {
            scanner.scanDatagram(t.bytes(), 0, cut);
            scanner.scanStream(t.bytes(), 0, cut);
        }
        if (SCANNER_FLAGS.containsKey(t.name())) {
            assertTrue(m.problems().containsAll(SCANNER_FLAGS.get(t.name())),
                    t + " should be flagged " + SCANNER_FLAGS.get(t.name()) + ", was " + m.problems());
        }
    }

    @ParameterizedTest
    @MethodSource("messages")
    void validMessagesAreWellFormed(Torture t) {
        SharedData.require("torture");
        org.junit.jupiter.api.Assumptions.assumeTrue(t.verdict().equals("valid"));
        byte[] bytes = t.bytes();
        SipMessage m = new SipScanner().scanDatagram(bytes, 0, bytes.length).message();
        Set<SipProblem> problems = new java.util.HashSet<>(m.problems());
        if (t.notes().matches(".*Content-Length \\d+ but \\d+ bytes follow.*")) {
            // The published text itself disagrees with its Content-Length (RFC 5118 as archived).
            problems.remove(SipProblem.BODY_TRUNCATED);
        }
        assertTrue(problems.isEmpty(), t + ": " + m.problems());
        assertFalse(m.callId() == null || m.callId().isEmpty(), t.toString());
        assertTrue(m.cseqNumber() >= 0, t.toString());
        assertTrue(m.viaSentBy() != null, t.toString());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void strictParserNeverFailsAndRejectsWhatTheScannerFlags(Torture t) {
        SharedData.require("torture");
        StrictParser.Result r = new StrictParser().parse(t.bytes(), 0, t.bytes().length);
        if (r.accepted()) {
            assertTrue(r.message() != null);
        } else {
            assertFalse(r.rejection().isBlank());
            assertFalse(r.rejection().contains("\n"), "one line");
        }
        if (STRICT_REJECTS.contains(t.name())) {
            assertFalse(r.accepted(), t + " must be rejected under --strict");
        }
        if (t.verdict().equals("valid") && !t.set().equals("rfc5118")) {
            assertTrue(r.accepted(), t + " is valid but was rejected: " + r.rejection());
        }
    }
}
