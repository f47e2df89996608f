package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source tree's launcher, {@code ./sip-analyzer}, run for real (bash, java) in a copy of the tree's layout. Maven
 * is replaced by a stand-in that takes two seconds to "build" a small jar and counts its builds: what is under test is
 * the launcher, not Maven. Through a chain of symlinks, two first runs at once both succeed and build once; a rebuild
 * while a run is under way leaves that run alone.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherTest {

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** A jar whose main prints its arguments, after sleeping when the first is "sleep". */
    private static void writeJar(Path dir, Path jar, String greeting) throws IOException {
        Path src = dir.resolve("Hello.java");
        Files.writeString(src, "public class Hello { public static void main(String[] a) throws Exception {"
                + " if (a.length > 0 && a[0].equals(\"sleep\")) Thread.sleep(3000);"
                + " System.out.println(\"" + greeting + " \" + String.join(\" \", a)); } }");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(),
                src.toString()));
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.putNextEntry(new JarEntry("Hello.class"));
            out.write(Files.readAllBytes(dir.resolve("Hello.class")));
            out.closeEntry();
        }
    }

    private Path tree(Path dir) throws IOException {
        Path root = dir.resolve("tree");
        for (String d : List.of("analyzer-core/src/main/java", "analyzer-cli/src/main/java")) {
            Files.createDirectories(root.resolve(d));
        }
        for (String f : List.of("pom.xml", "analyzer-core/pom.xml", "analyzer-cli/pom.xml",
                "analyzer-core/src/main/java/A.java")) {
            Files.writeString(root.resolve(f), "");
        }
        Path launcher = root.resolve("sip-analyzer");
        Files.copy(Path.of("..", "sip-analyzer"), launcher);
        Path options = Path.of("analyzer-cli/src/dist/lib/jvm-options.sh"); // the JVM options it sources
        Files.createDirectories(root.resolve(options).getParent());
        Files.copy(Path.of("src/dist/lib/jvm-options.sh"), root.resolve(options));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        // bin/a -> ../links/b -> the launcher: a relative link to an absolute one.
        Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/b"), launcher);
        Files.createSymbolicLink(dir.resolve("bin/a"), Path.of("../links/b"));

        Path jars = Files.createDirectories(dir.resolve("jars"));
        writeJar(Files.createDirectories(jars.resolve("one")), jars.resolve("one.jar"), "first build:");
        writeJar(Files.createDirectories(jars.resolve("two")), jars.resolve("two.jar"), "second build:");
        Path mvn = Files.createDirectories(dir.resolve("fake-maven")).resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n"
                + "n=$(wc -l < \"$BUILDS\" 2>/dev/null || echo 0)\n"
                + "echo build >> \"$BUILDS\"\n"
                + "sleep 2\n"
                + "mkdir -p analyzer-cli/target\n"
                + "if [ \"$n\" -eq 0 ]; then cp \"$JARS/one.jar\" analyzer-cli/target/sip-analyzer.jar;"
                + " else cp \"$JARS/two.jar\" analyzer-cli/target/sip-analyzer.jar; fi\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    private Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(dir.resolve("bin/a").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("PATH", dir.resolve("fake-maven") + ":" + System.getenv("PATH"));
        pb.environment().put("BUILDS", dir.resolve("builds.txt").toString());
        pb.environment().put("JARS", dir.resolve("jars").toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static String finish(Process p) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static long builds(Path dir) throws IOException {
        Path f = dir.resolve("builds.txt");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    @Test
    void twoFirstRunsThroughSymlinksBuildOnceAndBothRun(@TempDir Path dir) throws Exception {
        tree(dir);
        Process a = start(dir, "analyze", "x.pcap");
        Process b = start(dir, "codes", "486");
        String outA = finish(a);
        String outB = finish(b);
        assertTrue(outA.contains("first build: analyze x.pcap"), outA);
        assertTrue(outB.contains("first build: codes 486"), outB);
        assertEquals(1, builds(dir), "built once");
        assertTrue((outA + outB).contains("waiting for another run to finish building"), outA + outB);
        finish(start(dir, "again"));
        assertEquals(1, builds(dir), "not rebuilt while the sources are older than the jar");
    }

    @Test
    void aRebuildLeavesARunningAnalysisAlone(@TempDir Path dir) throws Exception {
        Path root = tree(dir);
        finish(start(dir, "warm"));
        Process running = start(dir, "sleep", "long");
        Thread.sleep(500);
        Files.setLastModifiedTime(root.resolve("analyzer-core/src/main/java/A.java"),
                FileTime.from(Instant.now().plusSeconds(5)));
        String rebuilt = finish(start(dir, "after"));
        assertTrue(rebuilt.contains("second build: after"), rebuilt);
        assertTrue(finish(running).contains("first build: sleep long"), "the run that started first ends as it began");
        assertEquals(2, builds(dir));
    }
}
