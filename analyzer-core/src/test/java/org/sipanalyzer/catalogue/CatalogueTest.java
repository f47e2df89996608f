package org.sipanalyzer.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipanalyzer.testing.SharedData;

class CatalogueTest {

    private final Catalogue catalogue = Catalogue.standard();

    /** The codes of the document the project started from (71), and the six IANA codes it lacks. */
    static final Set<Integer> SEED_CODES = Set.of(100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302,
            305, 380, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417,
            420, 421, 422, 423, 424, 428, 429, 430, 433, 436, 437, 438, 439, 470, 480, 481, 482, 483, 484, 485,
            486, 487, 488, 489, 491, 493, 494, 500, 501, 502, 503, 504, 505, 513, 580, 600, 603, 604, 606);
    static final Set<Integer> IANA_ONLY = Set.of(425, 440, 469, 555, 607, 608);

    @Test
    void holdsEverySeedCodeAndTheSixIanaAdditions() {
        assertEquals(71, SEED_CODES.size());
        Set<Integer> codes = catalogue.entries().stream().map(ResponseCode::code).collect(Collectors.toSet());
        assertTrue(codes.containsAll(SEED_CODES), () -> "missing seed codes: " + missing(SEED_CODES, codes));
        assertTrue(codes.containsAll(IANA_ONLY), () -> "missing IANA codes: " + missing(IANA_ONLY, codes));
        assertEquals(77, codes.size());
    }

    @Test
    void entriesAreInCodeOrderAndComplete() {
        int previous = 0;
        for (ResponseCode e : catalogue.entries()) {
            assertTrue(e.code() > previous);
            previous = e.code();
            assertFalse(e.reason().isBlank(), e.code() + " reason");
            assertTrue(e.meaning().length() > 20, e.code() + " meaning");
            assertTrue(e.rfc().matches("RFC\\d{4}"), e.code() + " rfc " + e.rfc());
            assertEquals(e.code() / 100, e.responseClass().digit());
        }
    }

    @Test
    void matchesTheIanaRegistry() throws IOException {
        Path tsv = SharedData.require("catalogue/iana-sip-response-codes.tsv");
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            int code = Integer.parseInt(f[0]);
            ResponseCode e = catalogue.entry(code).orElseThrow(() -> new AssertionError("missing " + code));
            assertEquals(f[1], e.reason(), "registry reason of " + code);
            assertEquals(f[2], e.rfc(), "RFC of " + code);
            assertTrue(e.status() == CodeStatus.REGISTERED || e.status() == CodeStatus.DEPRECATED, "status of " + code);
            rows++;
        }
        assertEquals(75, rows);
        long registered = catalogue.entries().stream().filter(e -> e.status() != CodeStatus.HISTORIC).count();
        assertEquals(75, registered, "exactly the registry's codes are registered");
    }

    @Test
    void coversEverySeedCodeWithItsPhraseAndOwnWords() throws IOException {
        Path seedDir = SharedData.require("seed");
        Map<Integer, String[]> seed = readSeed(seedDir);
        assertEquals(SEED_CODES, new TreeSet<>(seed.keySet()));
        for (Map.Entry<Integer, String[]> s : seed.entrySet()) {
            ResponseCode e = catalogue.entry(s.getKey()).orElseThrow();
            assertTrue(e.matchesReason(s.getValue()[0]),
                    () -> s.getKey() + ": seed phrase '" + s.getValue()[0] + "' matches neither reason nor alias");
            assertNotEquals(s.getValue()[1].strip(), e.meaning().strip(),
                    s.getKey() + " meaning is copied from the seed");
        }
    }

    @Test
    void differingPhrasesKeepTheRegistryPhraseAndTheOldOneAsAlias() {
        assertReasonAndAlias(181, "Call Is Being Forwarded", "Call is Being Forwarded");
        assertReasonAndAlias(183, "Session Progress", "Session in Progress");
        assertReasonAndAlias(202, "Accepted (deprecated)", "Accepted");
        assertReasonAndAlias(436, "Bad Identity Info", "Bad Identity-Info");
        assertReasonAndAlias(437, "Unsupported Credential", "Unsupported Certificate");
        assertEquals(CodeStatus.DEPRECATED, catalogue.entry(202).orElseThrow().status());
    }

    @ParameterizedTest
    @ValueSource(ints = {409, 411})
    void rfc2543CodesAreHistoric(int code) {
        ResponseCode e = catalogue.entry(code).orElseThrow();
        assertEquals(CodeStatus.HISTORIC, e.status());
        assertEquals("RFC2543", e.rfc());
        assertEquals(CodeStatus.HISTORIC, catalogue.lookup(code).status());
    }

    @ParameterizedTest
    @CsvSource({"499,400", "431,400", "599,500", "699,600", "299,200", "399,300", "184,183", "101,183", "198,183"})
    void unregisteredCodesFallBackToTheirClassDefault(int code, int treatedAs) {
        CodeLookup l = catalogue.lookup(code);
        assertEquals(CodeStatus.UNREGISTERED, l.status());
        assertEquals(code, l.code(), "the code itself is kept");
        assertEquals(treatedAs, l.treatedAs().orElseThrow());
        assertTrue(l.isValid());
        assertFalse(l.isKnown());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 42, 99, 700, 999, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void codesOutside100To699AreInvalid(int code) {
        CodeLookup l = catalogue.lookup(code);
        assertEquals(CodeStatus.INVALID, l.status());
        assertTrue(l.entry().isEmpty());
        assertTrue(l.responseClass().isEmpty());
        assertTrue(catalogue.entry(code).isEmpty());
    }

    @Test
    void registeredCodesAreTheirOwnEntry() {
        CodeLookup l = catalogue.lookup(486);
        assertEquals(CodeStatus.REGISTERED, l.status());
        assertEquals("Busy Here", l.entry().orElseThrow().reason());
        assertEquals(486, l.treatedAs().orElseThrow());
        assertEquals(CodeStatus.REGISTERED, catalogue.lookup(199).status(), "199 is registered");
    }

    @Test
    void classesListTheirOwnCodes() {
        assertEquals(List.of(600, 603, 604, 606, 607, 608),
                catalogue.entries(ResponseClass.GLOBAL_FAILURE).stream().map(ResponseCode::code).toList());
        assertEquals(ResponseClass.CLIENT_FAILURE, ResponseClass.parse("4XX").orElseThrow());
        assertTrue(ResponseClass.parse("7xx").isEmpty());
        assertTrue(ResponseClass.parse("4x").isEmpty());
    }

    private void assertReasonAndAlias(int code, String reason, String alias) {
        ResponseCode e = catalogue.entry(code).orElseThrow();
        assertEquals(reason, e.reason());
        assertTrue(e.aliases().contains(alias), code + " aliases " + e.aliases());
        assertTrue(e.matchesReason(alias.toUpperCase()));
    }

    /** Reads "NNN - Phrase" headings and the paragraph under each from the seed document. */
    static Map<Integer, String[]> readSeed(Path dir) throws IOException {
        Map<Integer, String[]> out = new LinkedHashMap<>();
        Pattern heading = Pattern.compile("^(\\d{3}) - (.+)$");
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = heading.matcher(lines.get(i).strip());
                    if (m.matches()) {
                        String meaning = i + 1 < lines.size() ? lines.get(i + 1) : "";
                        out.put(Integer.parseInt(m.group(1)), new String[] {m.group(2).strip(), meaning});
                    }
                }
            }
        }
        return out;
    }

    private static Set<Integer> missing(Set<Integer> want, Set<Integer> have) {
        Set<Integer> m = new TreeSet<>(want);
        m.removeAll(have);
        return m;
    }
}
