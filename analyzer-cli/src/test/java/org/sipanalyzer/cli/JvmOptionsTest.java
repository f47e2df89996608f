package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options both launchers take from {@code lib/jvm-options.sh}, sourced by bash as they source it: the heap and
 * collector of each command, the quick compiler for small inputs only, and transparent huge pages exactly where this
 * machine's kernel hands them out on request.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class JvmOptionsTest {

    private static final Path SCRIPT = Path.of("src/dist/lib/jvm-options.sh");
    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /** The options jvm_options gives for these arguments, one per element. */
    private static List<String> options(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c",
                ". \"$0\"; jvm_options \"$@\"; printf '%s\\n' \"${jvm[@]}\"", SCRIPT.toAbsolutePath().toString()));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return List.of(out.strip().split("\n"));
    }

    private static boolean kernelOffersHugePagesOnRequest() throws IOException {
        return Files.isReadable(THP) && Files.readString(THP).contains("[madvise]");
    }

    @Test
    void fileAnalysesGetTheThroughputHeapAndHugePagesWhereTheKernelOffersThem(@TempDir Path dir) throws Exception {
        Path small = Files.write(dir.resolve("small.pcap"), new byte[1000]);
        List<String> analyze = options("analyze", "-f", "json", small.toString());
        assertTrue(analyze.containsAll(List.of("-Xmx416m", "-Xmn192m", "-XX:+UseParallelGC")), analyze.toString());
        assertTrue(analyze.contains("-XX:TieredStopAtLevel=1"), "a small input: the quick compiler only");
        assertEquals(kernelOffersHugePagesOnRequest(), analyze.contains("-XX:+UseTransparentHugePages"),
                analyze + " with " + (Files.isReadable(THP) ? Files.readString(THP).strip() : "no " + THP));
        assertEquals(kernelOffersHugePagesOnRequest(), options("codes").contains("-XX:+UseTransparentHugePages"));
    }

    @Test
    void largeInputsKeepTheOptimisingCompilerWithLessInlining(@TempDir Path dir) throws Exception {
        Path large = dir.resolve("large.pcap");
        try (var f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(384L << 20); // sparse: no disk used
        }
        List<String> quick = options("analyze", large.toString());
        assertTrue(quick.contains("-XX:TieredStopAtLevel=1") && !quick.contains("-XX:FreqInlineSize=50"),
                "384 MB: the quick compiler only " + quick);
        try (var f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            f.setLength((384L << 20) + 1);
        }
        List<String> optimising = options("analyze", large.toString());
        assertFalse(optimising.contains("-XX:TieredStopAtLevel=1"), "past 384 MB " + optimising);
        assertTrue(optimising.contains("-XX:FreqInlineSize=50"), optimising.toString());
        // Standard input: its size is unknown, so it is treated as large.
        List<String> stream = options("analyze", "-");
        assertTrue(stream.contains("-XX:FreqInlineSize=50") && !stream.contains("-XX:TieredStopAtLevel=1"),
                stream.toString());
    }

    @Test
    void listenAndLiveKeepTheirPausesShortAndAskForNoHugePages() throws Exception {
        for (String command : List.of("listen", "live")) {
            List<String> o = options(command, "--duration", "5");
            assertEquals(List.of("-Xmx320m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50"), o, command);
        }
    }
}
