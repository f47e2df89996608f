package org.sipanalyzer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.testing.SharedData;

/**
 * Zeek writes the same sip.log as JSON when {@code LogAscii::use_json} is set: the corpus's TSV sip.log, written as
 * Zeek's JSON writer would (one object a line, unset fields left out, ports and counts as numbers, vectors as
 * arrays), must give exactly the TSV's analysis.
 */
class ZeekJsonTest {

    @Test
    void theJsonFormOfASipLogGivesWhatItsTsvFormGives() throws IOException {
        Path tsv = SharedData.require("corpus/logs/zeek__sip.wireshark.sip.log");
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.ISO_8859_1);
        List<String> columns = null;
        List<String> types = null;
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("#fields\t")) {
                columns = List.of(line.substring(8).split("\t", -1));
            } else if (line.startsWith("#types\t")) {
                types = List.of(line.substring(7).split("\t", -1));
            } else if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split("\t", -1);
                ObjectNode o = json.createObjectNode();
                for (int i = 0; i < f.length; i++) {
                    String v = f[i];
                    String type = types.get(i);
                    if (v.equals("-")) {
                        continue;
                    }
                    if (type.startsWith("vector")) {
                        var a = o.putArray(columns.get(i));
                        for (String e : v.split(",")) {
                            a.add(e);
                        }
                    } else if ((type.equals("port") || type.equals("count")) && v.matches("\\d+")) {
                        o.put(columns.get(i), Long.parseLong(v));
                    } else {
                        o.put(columns.get(i), v.equals("(empty)") ? "" : v);
                    }
                }
                out.append(json.writeValueAsString(o)).append('\n');
            }
        }
        AnalysisResult fromTsv = analyze(Files.readAllBytes(tsv));
        AnalysisResult fromJson = analyze(out.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals("Zeek sip.log (JSON)", fromJson.inputs().get(0).format());
        assertTrue(fromJson.total().messages().count() > 0);
        assertEquals(counts(fromTsv), counts(fromJson));
        assertEquals(fromTsv.total().messages().count(), fromJson.total().messages().count());
    }

    static AnalysisResult analyze(byte[] b) {
        return new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                .analyze(List.of(AnalysisInput.stream("sip.log", new ByteArrayInputStream(b))), List.of());
    }

    static Map<String, Long> counts(AnalysisResult r) {
        Map<String, Long> m = new TreeMap<>();
        r.total().byMethod().forEach((k, c) -> m.put(k, c.count()));
        r.total().byCode().forEach((k, s) -> m.put(k.toString(), s.counts().count()));
        return m;
    }

    /**
     * A table cut from a sip.log with its header (zeek-cut -c drops #fields) is read; a table of status codes and
     * their counts, which has a status_code column too, is not a log of messages.
     */
    @Test
    void aHeaderNeedsAColumnOnlyASipLogHas() {
        byte[] cut = ("ts\tuid\tcall_id\tmethod\tstatus_code\n1600000000.0\tC1\tabc\tINVITE\t486\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(LogReader.looksLikeLog(cut, cut.length));
        byte[] codes = "status_code\tclass\tcount\n100\t1xx\t1\n180\t1xx\t1\n200\t2xx\t2\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(!LogReader.looksLikeLog(codes, codes.length));
    }

    /** A sip.log cut in the middle of its last row: the rows before it are read, the cut one is skipped and named. */
    @Test
    void aRowCutShortIsSkippedAndNamed() throws IOException {
        String log = "#fields\tts\tuid\tcall_id\tseq\tmethod\tstatus_code\n"
                + "1600000000.0\tC1\ta\t1 INVITE\tINVITE\t486\n1600000001.0\tC2\tb\t1 INV";
        AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(
                AnalysisInput.stream("cut.log", new ByteArrayInputStream(log.getBytes(StandardCharsets.US_ASCII)))));
        var in = r.inputs().get(0);
        assertEquals(2, in.sipMessages(), "the whole row's INVITE and 486");
        assertTrue(in.warnings().stream().anyMatch(w -> w.contains("could not be read, skipped")
                && w.contains("line 3")), in.warnings().toString());
    }
}
