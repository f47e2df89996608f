package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as a user installs it (run by Failsafe after the package phase made it): unpacked with
 * tar, its launcher linked from a directory on PATH, run from elsewhere on a sample.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DistributionIT {

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(Process::destroyForcibly);
    }

    private String run(Path dir, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString()); // the class-data archive goes here
        Process p = pb.start();
        started.add(p);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static long archives(Path cache) throws java.io.IOException {
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        try (var s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsa")).count();
        }
    }

    @Test
    void theArchiveUnpacksAndRunsThroughASymlinkOnPath(@TempDir Path dir) throws Exception {
        Path archive = Path.of(System.getProperty("sipanalyzer.dist"));
        assertTrue(Files.isRegularFile(archive), archive + " is made by mvn package");
        run(dir, List.of("tar", "xzf", archive.toString()));
        Path home;
        try (var s = Files.list(dir)) {
            home = s.filter(p -> p.getFileName().toString().startsWith("sip-analyzer-")).findFirst().orElseThrow();
        }
        for (String f : List.of("lib/sip-analyzer.jar", "lib/jvm-options.sh", "bin/sip-analyzer",
                "man/man1/sip-analyzer.1", "completion/bash/sip-analyzer", "completion/zsh/_sip-analyzer",
                "README.md", "LICENSE", "NOTICE", "CHANGELOG.md", "docs/cli.md", "docs/third-party.md",
                "docs/schema/analyze.schema.json")) {
            assertTrue(Files.isRegularFile(home.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/sip-analyzer")));
        // Every file the installed docs link to is installed beside them.
        try (var docs = Files.list(home.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)")
                        .matcher(Files.readString(doc));
                while (m.find()) {
                    assertTrue(Files.exists(doc.resolveSibling(m.group(1))), doc.getFileName() + " links to "
                            + m.group(1) + ", which the distribution lacks");
                }
            }
        }
        Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(dir.resolve("bin/sip-analyzer"), home.resolve("bin/sip-analyzer"));
        Path sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap")
                .toAbsolutePath();
        // Found on PATH by the shell, as a user types it.
        String report = run(dir, List.of("sh", "-c", "sip-analyzer analyze \"$0\"", sample.toString()));
        assertTrue(report.startsWith("1 of 1 input read: 176 packets, 176 SIP messages"), report);
        // Beside the first run, a short analysis of the bundled sample archived its classes in the user's cache
        // (XDG_CACHE_HOME, here in the test's directory); the next run starts from them and says the same.
        Path cache = dir.resolve("cache/sip-analyzer");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (archives(cache) == 0 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertEquals(1, archives(cache), "one class-data archive made");
        assertEquals(report, run(dir, List.of("sh", "-c", "sip-analyzer analyze \"$0\"", sample.toString())));
        assertTrue(Files.isRegularFile(home.resolve("samples/sipp-calls-udp.pcap")), "the samples to try it on");
        String version = run(dir, List.of("sh", "-c", "sip-analyzer --version"));
        assertTrue(version.startsWith("sip-analyzer "), version);
        String bash = Files.readString(home.resolve("completion/bash/sip-analyzer"));
        assertEquals(CliRun.of("completion", "bash").out(), bash);
    }
}
