package org.sipanalyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module's boundary, as an embedder on the module path meets it: what is exported, every public type an embedder
 * can reach (a committed list, so that a new one is a decision), an embedder that compiles and runs against the
 * module, and one that cannot reach a stage.
 */
class ModuleBoundaryTest {

    /** Dependencies read from the class path, not as modules (module-info.java says why). */
    private static final List<String> CLASS_PATH_JARS = List.of("pcap4j-", "jna-", "slf4j-api-", "jain-sip-ri-",
            "HdrHistogram-", "commons-csv-", "slf4j-nop-");
    /** The modules the core requires, and what they bring (automatic modules all read one another). */
    private static final List<String> MODULE_PATH_JARS = List.of("jackson-core-", "jfreechart-", "batik-",
            "xmlgraphics-commons-", "commons-io-", "commons-logging-");

    private static Path classes() throws URISyntaxException {
        return Path.of(SipAnalysis.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws URISyntaxException {
        return ModuleFinder.of(classes()).find("org.sipanalyzer.core").orElseThrow().descriptor();
    }

    @Test
    void theStagesAreNotExported() throws Exception {
        Set<String> exported = descriptor().exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("org.sipanalyzer", "org.sipanalyzer.analysis", "org.sipanalyzer.calls",
                "org.sipanalyzer.catalogue", "org.sipanalyzer.check", "org.sipanalyzer.live", "org.sipanalyzer.net",
                "org.sipanalyzer.report", "org.sipanalyzer.sip")), exported);
        assertTrue(descriptor().exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
        Set<String> hidden = new TreeSet<>(descriptor().packages());
        hidden.removeAll(exported);
        assertEquals(Set.of("org.sipanalyzer.capture", "org.sipanalyzer.decode", "org.sipanalyzer.logs",
                "org.sipanalyzer.reassembly", "org.sipanalyzer.scan"), hidden);
    }

    /**
     * Every public type of the exported packages, nested ones included, against the committed list
     * (src/test/resources/api-types.txt): the API grows only when that file is changed with it.
     */
    @Test
    void thePublicTypesAreTheCommittedList() throws Exception {
        Set<String> exported = descriptor().exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        Path root = classes();
        Set<String> api = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(f).toString().replace(File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                if (name.equals("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (exported.contains(c.getPackageName()) && reachable(c)) {
                    api.add(c.getName().substring("org.sipanalyzer.".length()));
                }
            }
        }
        List<String> committed;
        try (var in = getClass().getResourceAsStream("/api-types.txt")) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertEquals(String.join("\n", committed), String.join("\n", api),
                "the public types of the exported packages; update src/test/resources/api-types.txt with intent");
    }

    private static boolean reachable(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isSynthetic();
    }

    @Test
    void anEmbedderOnTheModulePathAnalysesASample(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        write(src.resolve("module-info.java"), "module embedder { requires org.sipanalyzer.core; }");
        write(src.resolve("embedder/Main.java"), """
                package embedder;
                import java.nio.file.Path;
                import java.util.List;
                import org.sipanalyzer.SipAnalysis;
                import org.sipanalyzer.analysis.AnalysisInput;
                import org.sipanalyzer.analysis.AnalysisOptions;
                import org.sipanalyzer.calls.CallOptions;
                import org.sipanalyzer.catalogue.Catalogue;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        SipAnalysis.Result r = new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(),
                                CallOptions.defaults()).run(List.of(AnalysisInput.file(Path.of(args[0]))));
                        System.out.println(r.analysis().total().messages().count() + " messages, "
                                + r.calls().total() + " calls, 486 is "
                                + Catalogue.standard().lookup(486).entry().orElseThrow().reason());
                    }
                }
                """);
        Path out = dir.resolve("out");
        String errors = compile(src, out);
        assertEquals("", errors, "the embedder compiles against the exported API");

        Path sample = Path.of(System.getProperty("sipanalyzer.samples", "../samples")).resolve("sipp-calls-udp.pcap");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", out + File.pathSeparator + modulePath(), "--class-path", classPath(),
                "--add-reads", "org.sipanalyzer.core=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-m", "embedder/embedder.Main", sample.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the embedder finishes");
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, p.exitValue(), said);
            // The SIPp sample's figures (docs/architecture.md's example): the catalogue is read as a module resource.
            assertEquals("176 messages, 30 calls, 486 is Busy Here", said);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void anEmbedderCannotReachAStage(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        write(src.resolve("module-info.java"), "module embedder { requires org.sipanalyzer.core; }");
        write(src.resolve("embedder/Main.java"), """
                package embedder;
                public class Main {
                    Object scanner = org.sipanalyzer.scan.SipScanner.class;
                    Object decoder = org.sipanalyzer.decode.PacketDecoder.class;
                }
                """);
        String errors = compile(src, dir.resolve("out"));
        assertTrue(errors.contains("package org.sipanalyzer.scan is not visible"), errors);
        assertTrue(errors.contains("package org.sipanalyzer.decode is not visible"), errors);
        assertFalse(errors.contains("cannot find symbol"), "the packages exist; they are closed: " + errors);
    }

    /** Compiles the sources against the module; javac's messages when it fails, else "". */
    private static String compile(Path src, Path out) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter said = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
                Stream<Path> sources = Files.walk(src)) {
            List<String> options = List.of("-d", out.toString(), "--module-path", modulePath(), "-proc:none");
            boolean ok = javac.getTask(said, files, null, options, null, files.getJavaFileObjectsFromPaths(
                    sources.filter(p -> p.toString().endsWith(".java")).toList())).call();
            return ok ? "" : said.toString();
        }
    }

    private static String modulePath() throws URISyntaxException {
        return jars(MODULE_PATH_JARS) + File.pathSeparator + classes();
    }

    private static String classPath() {
        return jars(CLASS_PATH_JARS);
    }

    private static String jars(List<String> prefixes) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(j -> j.endsWith(".jar"))
                .filter(j -> prefixes.stream().anyMatch(Path.of(j).getFileName().toString()::startsWith))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
