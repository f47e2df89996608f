package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every output of every sample in {@code samples/}, and of a chosen set of corpus captures, compared byte for byte
 * with the golden file committed under {@code src/test/resources/golden}: analyze as text, JSON, Markdown, HTML,
 * SQL and each CSV table; calls as text, CSV and JSON; check as text, JSON and JUnit, with each run's exit code and
 * standard error. One golden file per input, its sections in that order.
 *
 * <p>Every sample is given the same modification time first (a log of times of day is dated by it). Two things are
 * normalised before comparing: the folder the samples are in (written {@code samples/}), and the
 * charts drawn inline in HTML (their SVG is JFreeChart's drawing, whose coordinates follow the fonts installed; the
 * chart tests check them). After a change that is meant to change an output, write the new goldens with
 * {@code mvn -B -pl analyzer-cli test -Dtest=GoldenFilesTest -Dgolden.update=true}, and read the diff before
 * committing it.
 */
class GoldenFilesTest {

    private static final Path SAMPLES = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .toAbsolutePath().normalize();
    private static final Path CORPUS = Path.of(System.getProperty("sipanalyzer.shared", "../../shared"))
            .toAbsolutePath().normalize().resolve("corpus/captures");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    /** The modification time every sample is given before it is read, so that outputs do not follow the checkout. */
    private static final java.nio.file.attribute.FileTime SAMPLE_DAY = java.nio.file.attribute.FileTime.from(
            java.time.Instant.parse("2026-12-01T12:00:00Z"));

    /** What a sample of each kind is named: captures and logs; scenarios, scripts and truth files are not inputs. */
    private static final Pattern INPUT = Pattern.compile(".*\\.(pcap|pcapng|cap|erf|gz|log|txt|data)$");

    /**
     * Corpus captures with goldens too, one of each kind the samples lack: SIP over TCP, IP fragments, compressed
     * HEP, ERF over IPv6, registration failures, a CANCEL, a PBX's calls with RTP.
     */
    private static final List<String> CORPUS_CHOSEN = List.of("goffinet__SIP-Call-Flow-Over-TCP.pcap",
            "pkts__fragmented_udp_sip.pcap", "hepwireshark__hep3_compressed.pcap.pcapng",
            "trex__sip_short1_v6-0-ex.erf", "goffinet__sip-register-wrong_user-401-403-404.pcapng",
            "pkts__cancel.pcap", "sipnab__Asterisk_ZFONE_XLITE.pcap");

    /** The tables {@code analyze -f csv --table} writes. */
    private static final List<String> TABLES = List.of("codes", "methods", "method-codes", "senders", "outcomes",
            "finals", "peers", "time", "inputs");

    /** Rules that pass on some inputs and fail on others, covering ratios, counts, shares and delays. */
    private static final List<String> RULES = List.of("-r", "asr >= 50", "-r", "code.503 == 0", "-r",
            "class.4xx <= 20%", "-r", "pdd.p90 <= 2s", "-r", "calls >= 1");

    @TestFactory
    Stream<DynamicTest> everySampleGivesItsGoldenOutputs() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            inputs = files.filter(Files::isRegularFile).filter(p -> INPUT.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !p.toString().contains("node_modules")).sorted().toList();
        }
        assertTrue(inputs.size() >= 40, "the samples are there: " + inputs.size());
        return inputs.stream().map(p -> DynamicTest.dynamicTest(SAMPLES.relativize(p).toString(), () -> {
            // A log of times of day is dated by its file's modification date, which a checkout sets to its own day.
            Files.setLastModifiedTime(p, SAMPLE_DAY);
            compare(p, GOLDEN.resolve("samples").resolve(SAMPLES.relativize(p) + ".txt"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> chosenCorpusCapturesGiveTheirGoldenOutputs() {
        return CORPUS_CHOSEN.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path p = CORPUS.resolve(name);
            assumeTrue(Files.isRegularFile(p), "the shared corpus is not at hand");
            compare(p, GOLDEN.resolve("corpus").resolve(name + ".txt"));
        }));
    }

    /**
     * Calls followed on several threads ({@code --call-threads}) give every output byte for byte as one thread does:
     * the statistics, the tables past their bounds, and the calls listed in the order they ended.
     */
    @TestFactory
    Stream<DynamicTest> callsOnSeveralThreadsGiveTheSameOutputs() throws IOException {
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            files.filter(Files::isRegularFile).filter(p -> INPUT.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !p.toString().contains("node_modules")).sorted().forEach(inputs::add);
        }
        CORPUS_CHOSEN.stream().map(CORPUS::resolve).filter(Files::isRegularFile).forEach(inputs::add);
        return inputs.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Path golden = p.startsWith(SAMPLES) ? GOLDEN.resolve("samples").resolve(SAMPLES.relativize(p) + ".txt")
                    : GOLDEN.resolve("corpus").resolve(p.getFileName() + ".txt");
            assumeTrue(!UPDATE && Files.isRegularFile(golden), "no golden file to compare with");
            if (p.startsWith(SAMPLES)) {
                Files.setLastModifiedTime(p, SAMPLE_DAY);
            }
            String expected = Files.readString(golden, StandardCharsets.UTF_8);
            String actual = outputs(p, "--call-threads", "3");
            if (!expected.equals(actual)) {
                fail("with --call-threads 3, the outputs of " + p.getFileName() + " differ from " + golden
                        + " first at: " + firstDifference(expected, actual));
            }
        }));
    }

    /** The golden files that no input makes any more (a sample renamed or removed) would test nothing. */
    @TestFactory
    Stream<DynamicTest> everyGoldenFileHasItsInput() throws IOException {
        Path dir = GOLDEN.resolve("samples");
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        List<Path> goldens;
        try (Stream<Path> files = Files.walk(dir)) {
            goldens = files.filter(Files::isRegularFile).sorted().toList();
        }
        return goldens.stream().map(g -> DynamicTest.dynamicTest(dir.relativize(g).toString(), () -> {
            String rel = dir.relativize(g).toString();
            Path input = SAMPLES.resolve(rel.substring(0, rel.length() - ".txt".length()));
            assertTrue(Files.isRegularFile(input), "a golden file without its sample: " + g);
        }));
    }

    private static void compare(Path input, Path golden) throws IOException {
        String actual = outputs(input);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.isRegularFile(golden)) {
            fail("no golden file " + golden + " for " + input + "; write it with -Dgolden.update=true, then read it");
        }
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("the outputs of " + input.getFileName() + " differ from " + golden + " first at: "
                    + firstDifference(expected, actual) + "\n(after an intended change: -Dgolden.update=true, then"
                    + " read the diff)");
        }
    }

    /** Every output of one input, as one text. */
    static String outputs(Path input) {
        return outputs(input, new String[0]);
    }

    /** Every output of one input with {@code options} added to each command (and not shown), as one text. */
    static String outputs(Path input, String... options) {
        String in = input.toString();
        StringBuilder sb = new StringBuilder();
        Run run = (out, args) -> {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(1, List.of(options));
            GoldenFilesTest.run(out, args.length, all.toArray(String[]::new));
        };
        run.run(sb, "analyze", in);
        run.run(sb, "analyze", "-f", "json", in);
        run.run(sb, "analyze", "-f", "markdown", in);
        run.run(sb, "analyze", "-f", "html", in);
        run.run(sb, "analyze", "-f", "sql", "--analysis-id", "golden", in);
        for (String t : TABLES) {
            run.run(sb, "analyze", "-f", "csv", "--table", t, in);
        }
        run.run(sb, "calls", in);
        run.run(sb, "calls", "-f", "csv", in);
        run.run(sb, "calls", "-f", "json", in);
        for (String f : List.of("text", "json", "junit")) {
            List<String> args = new ArrayList<>(List.of("check", "-f", f));
            args.addAll(RULES);
            args.add(in);
            run.run(sb, args.toArray(String[]::new));
        }
        return sb.toString();
    }

    private interface Run {
        void run(StringBuilder sb, String... args);
    }

    /** Runs {@code args} and writes what it gave, showing the command and its arguments but not the options added. */
    private static void run(StringBuilder sb, int shownArgs, String... args) {
        CliRun r = CliRun.of(args);
        List<String> shown = new ArrayList<>();
        int added = args.length - shownArgs;
        for (int i = 0; i < args.length; i++) {
            if (i == 0 || i > added) {
                shown.add(normalise(args[i]));
            }
        }
        sb.append("=== ").append(String.join(" ", shown)).append('\n');
        sb.append("--- exit ").append(r.exit()).append('\n');
        sb.append("--- stdout\n").append(normalise(r.out()));
        if (!r.out().isEmpty() && !r.out().endsWith("\n")) {
            sb.append("\n(no newline at the end)\n");
        }
        sb.append("--- stderr\n").append(normalise(r.err()));
    }

    private static final Pattern CHART = Pattern.compile("<figure>\n<svg.*?</svg>", Pattern.DOTALL);

    private static String normalise(String s) {
        String t = s.replace(SAMPLES.toString() + "/", "samples/").replace(CORPUS.toString() + "/", "corpus/");
        return CHART.matcher(t).replaceAll("<figure>\n<svg><!-- a chart, compared by the chart tests --></svg>");
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        String section = "";
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i].startsWith("=== ")) {
                section = x[i];
            }
            if (!x[i].equals(y[i])) {
                return section + ", line " + (i + 1) + ":\n  golden: " + cut(x[i]) + "\n  now:    " + cut(y[i]);
            }
        }
        return "line " + (Math.min(x.length, y.length) + 1) + " (one output is longer: " + x.length + " against "
                + y.length + " lines)";
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
