package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipanalyzer.catalogue.Catalogue;

/**
 * The project's own samples hold exactly the calls samples/make-samples.sh placed in them: 4 answered calls,
 * and 2 calls failing with each of 302, 404, 480, 486, 503 and 603; over UDP, gzip-compressed UDP and TCP.
 */
class SamplesTest {

    static final Map<Integer, Long> RESPONSES = Map.of(100, 12L, 180, 16L, 200, 8L, 302, 2L, 404, 2L, 480, 2L,
            486, 2L, 503, 2L, 603, 2L);
    static final Map<String, Long> REQUESTS = Map.of("INVITE", 16L, "ACK", 16L, "BYE", 4L);

    @ParameterizedTest
    @ValueSource(strings = {"sipp-calls-udp.pcap", "sipp-calls-udp.pcap.gz", "sipp-calls-tcp.pcap"})
    void samplesHoldTheCallsTheirScriptMade(String name) {
        Path file = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve(name);
        assertTrue(Files.exists(file), file.toString());
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                .analyze(List.of(AnalysisInput.file(file)));
        MessageStatistics t = r.total();
        Map<Integer, Long> responses = new TreeMap<>();
        t.byCode().forEach((code, s) -> responses.put(code, s.counts().count()));
        assertEquals(new TreeMap<>(RESPONSES), responses);
        Map<String, Long> requests = new TreeMap<>();
        t.byMethod().forEach((m, c) -> requests.put(m, c.count()));
        assertEquals(new TreeMap<>(REQUESTS), requests);
        assertEquals(0, t.malformed());
        assertEquals(0, t.retransmissions());
        assertTrue(r.inputs().get(0).warnings().isEmpty(), r.inputs().get(0).warnings().toString());
    }
}
