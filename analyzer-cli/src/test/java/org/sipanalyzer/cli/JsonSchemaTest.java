package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JSON the commands write validates against its schema in docs/schema (JSON Schema draft 2020-12): analyze,
 * calls and check (pooled and --each-input) over every capture and log of samples/ and, when present, the shared
 * corpus; codes over the whole catalogue and a subset; an analysis of several inputs with a missing and a damaged
 * one. The schemas forbid fields they do not name, so a field added or renamed without its schema fails here.
 */
class JsonSchemaTest {

    private static final Path SCHEMAS = Path.of("../docs/schema");
    private static final Path SAMPLES = Path.of(System.getProperty("sipanalyzer.samples", "../samples"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Schema> LOADED = new HashMap<>();

    /** Rules over every kind of metric, so that every unit (%, ms, s, count) and an unmeasurable delay are written. */
    private static final List<String> RULES = List.of("-r", "asr >= 50", "-r", "code.503 == 0", "-r", "pdd.p95 <= 2s",
            "-r", "setup.median <= 500ms", "-r", "class.5xx <= 1%", "-r", "calls >= 1", "-r", "final.none == 0");

    private static synchronized Schema schema(String command) throws IOException {
        Schema s = LOADED.get(command);
        if (s == null) {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            try (InputStream in = Files.newInputStream(SCHEMAS.resolve(command + ".schema.json"))) {
                s = registry.getSchema(in);
            }
            LOADED.put(command, s);
        }
        return s;
    }

    /** The validation errors of one command's output, each as "what: path: message". */
    private static List<String> errors(String what, String command, String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        List<String> out = new ArrayList<>();
        for (Error e : schema(command).validate(node)) {
            out.add(what + ": " + e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /** Runs the command line and validates what it wrote against the schema of its command. */
    private static List<String> run(String... args) throws IOException {
        CliRun r = CliRun.of(args);
        String what = label(args);
        if (r.out().isBlank()) {
            return List.of(what + ": no output (exit " + r.exit() + "): " + r.err());
        }
        return errors(what, args[0], r.out());
    }

    /** The command line, its inputs shortened to the first and how many there are. */
    private static String label(String... args) {
        List<String> words = new ArrayList<>();
        int files = 0;
        for (String a : args) {
            if (a.contains("/")) {
                files++;
                if (files == 1) {
                    words.add(a);
                }
            } else {
                words.add(a);
            }
        }
        return String.join(" ", words) + (files > 1 ? " (and " + (files - 1) + " more inputs)" : "");
    }

    private static void assertValid(List<String> errors) {
        if (!errors.isEmpty()) {
            errors.forEach(System.err::println);
            fail(errors.size() + " schema errors, the first: " + String.join("\n", errors.subList(0,
                    Math.min(20, errors.size()))));
        }
    }

    private static String[] args(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }

    /** Every capture and log of samples/ (files the analyser reads or refuses; scripts, notes and truths left out). */
    static List<Path> sampleInputs() throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng|pcap\\.gz|log|txt|csv|data)"))
                    .sorted().toList();
        }
    }

    @Test
    void samplesOneByOne() throws IOException {
        List<Path> inputs = sampleInputs();
        assertTrue(inputs.size() >= 40, "samples found: " + inputs);
        List<String> errors = new ArrayList<>();
        for (Path p : inputs) {
            String f = p.toString();
            CliRun analyze = CliRun.of("analyze", "-f", "json", f);
            if (analyze.out().isEmpty() && analyze.exit() == ExitCode.USAGE) {
                // Nothing readable, nothing written: only SIPp's statistics files, which are not message logs.
                assertTrue(f.endsWith(".csv"), f + ": " + analyze.err());
                continue;
            }
            errors.addAll(errors(label("analyze", "-f", "json", f), "analyze", analyze.out()));
            errors.addAll(run("calls", "-f", "json", f));
            errors.addAll(run(args(List.of("check", "-f", "json"), concat(RULES, f))));
        }
        assertValid(errors);
    }

    @Test
    void samplesAllTogetherAndEachInput() throws IOException {
        List<String> files = sampleInputs().stream().map(Path::toString).toList();
        List<String> errors = new ArrayList<>();
        errors.addAll(run(args(List.of("analyze", "-f", "json"), files)));
        errors.addAll(run(args(List.of("calls", "-f", "json"), files)));
        errors.addAll(run(args(List.of("check", "-f", "json"), concat(RULES, files))));
        errors.addAll(run(args(List.of("check", "-f", "json", "--each-input"), concat(RULES, files))));
        assertValid(errors);
    }

    @Test
    void unreadableAndDamagedInputs(@TempDir Path dir) throws IOException {
        Path udp = SAMPLES.resolve("sipp-calls-udp.pcap");
        byte[] capture = Files.readAllBytes(udp);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(capture, capture.length / 2 + 7)); // cut inside a record
        Path header = dir.resolve("header-only.pcap");
        Files.write(header, Arrays.copyOf(capture, 10)); // cut inside the file header
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, "not a capture at all, and no SIP either\n".repeat(20).getBytes());
        Path gzipCut = dir.resolve("cut.pcap.gz");
        byte[] gz = Files.readAllBytes(SAMPLES.resolve("sipp-calls-udp.pcap.gz"));
        Files.write(gzipCut, Arrays.copyOf(gz, gz.length / 2));
        Path missing = dir.resolve("missing.pcap");
        List<String> files = List.of(udp.toString(), missing.toString(), cut.toString(), header.toString(),
                garbage.toString(), gzipCut.toString(), SAMPLES.resolve("logs/relay/kamailio-syslog.log").toString());

        List<String> errors = new ArrayList<>();
        CliRun analyze = CliRun.of(args(List.of("analyze", "-f", "json"), files));
        JsonNode inputs = JSON.readTree(analyze.out()).get("inputs");
        assertEquals(files.size(), inputs.size(), analyze.out());
        assertTrue(!inputs.get(1).get("readable").asBoolean() && !inputs.get(3).get("readable").asBoolean(),
                "the missing file and the capture cut in its header are not read: " + inputs);
        assertTrue(inputs.get(2).get("warnings").size() > 0, "the cut capture says so: " + inputs.get(2));
        errors.addAll(errors("analyze with unreadable inputs", "analyze", analyze.out()));
        errors.addAll(run(args(List.of("calls", "-f", "json"), files)));
        errors.addAll(run(args(List.of("check", "-f", "json"), concat(RULES, files))));
        errors.addAll(run(args(List.of("check", "-f", "json", "--each-input"), concat(RULES, files))));
        assertValid(errors);
    }

    /** Past 1,000 inputs an input's statistics hold its messages object alone. */
    @Test
    void aRunOfManyInputs(@TempDir Path dir) throws IOException {
        Path log = SAMPLES.resolve("logs/relay/tshark-follow-tcp.txt");
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            Path p = dir.resolve("follow-" + i + ".txt");
            Files.copy(log, p);
            files.add(p.toString());
        }
        CliRun r = CliRun.of(args(List.of("analyze", "-f", "json"), files));
        JsonNode first = JSON.readTree(r.out()).get("inputs").get(0).get("statistics");
        assertEquals(1, first.size(), "condensed: " + first);
        assertValid(errors("analyze of 1,001 inputs", "analyze", r.out()));
    }

    @Test
    void codes() throws IOException {
        List<String> errors = new ArrayList<>();
        errors.addAll(run("codes", "-f", "json"));
        errors.addAll(run("codes", "-f", "json", "486", "202", "409", "499", "184", "699", "100"));
        errors.addAll(run("codes", "-f", "json", "4xx"));
        assertValid(errors);
    }

    /** The schemas reject what the writers must never write: a field unknown to them, a missing one, a wrong type. */
    @Test
    void schemasAreStrict() throws IOException {
        String udp = SAMPLES.resolve("sipp-calls-udp.pcap").toString();
        JsonNode analyze = JSON.readTree(CliRun.of("analyze", "-f", "json", udp).out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) analyze.get("calls")).put("surprise", 1);
        assertTrue(!errors("extra field", "analyze", analyze.toString()).isEmpty());
        JsonNode calls = JSON.readTree(CliRun.of("calls", "-f", "json", udp).out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) calls.get("calls").get(0)).remove("finalReason");
        assertTrue(!errors("missing field", "calls", calls.toString()).isEmpty());
        JsonNode codes = JSON.readTree(CliRun.of("codes", "-f", "json", "499").out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) codes.get("codes").get(0)).put("reason", "");
        assertTrue(!errors("empty reason", "codes", codes.toString()).isEmpty(),
                "an unregistered code's reason is null");
        JsonNode check = JSON.readTree(CliRun.of("check", "-f", "json", "-r", "asr >= 1", udp).out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) check.get("rules").get(0)).put("unit", "percent");
        assertTrue(!errors("bad unit", "check", check.toString()).isEmpty());
    }

    /** Every capture of the shared public corpus, when it is there (skipped otherwise). */
    @Test
    void sharedCorpus() throws IOException {
        String shared = System.getProperty("sipanalyzer.shared");
        Path captures = Path.of(shared != null ? shared : "../../shared").resolve("corpus/captures");
        assumeTrue(Files.isDirectory(captures), () -> "shared test data absent: " + captures);
        List<String> files;
        try (Stream<Path> list = Files.list(captures)) {
            files = list.filter(Files::isRegularFile).sorted().map(Path::toString).toList();
        }
        List<String> errors = new ArrayList<>();
        for (String f : files) {
            errors.addAll(run("analyze", "-f", "json", f));
            errors.addAll(run("calls", "-f", "json", f));
        }
        errors.addAll(run(args(List.of("analyze", "-f", "json"), files)));
        errors.addAll(run(args(List.of("check", "-f", "json", "--each-input"), concat(RULES, files))));
        assertValid(errors);
    }

    private static List<String> concat(List<String> head, String tail) {
        return concat(head, List.of(tail));
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }
}
