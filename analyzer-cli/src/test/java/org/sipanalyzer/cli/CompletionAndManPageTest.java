package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * What the distribution carries besides the jar never falls behind the commands: the completion scripts are the ones
 * the commands make today, they complete in a real bash, and the man page names every option.
 */
class CompletionAndManPageTest {

    private static final Path DIST = Path.of("src/dist/completion");
    private final Main main = new Main();

    @Test
    void theShippedScriptsAreTheOnesTheCommandsMakeToday() throws Exception {
        CliRun bash = CliRun.of("completion", "bash");
        CliRun zsh = CliRun.of("completion", "zsh");
        assertEquals(ExitCode.OK, bash.exit(), bash.err());
        assertEquals(Files.readString(DIST.resolve("sip-analyzer.bash")), bash.out(),
                "regenerate: ./sip-analyzer completion bash -o analyzer-cli/src/dist/completion/sip-analyzer.bash");
        assertEquals(Files.readString(DIST.resolve("_sip-analyzer")), zsh.out(),
                "regenerate: ./sip-analyzer completion zsh -o analyzer-cli/src/dist/completion/_sip-analyzer");
        assertEquals(ExitCode.USAGE, CliRun.of("completion", "fish").exit());
    }

    /**
     * Sources the script in bash, completes {@code words} (the last one being typed), and returns the candidates,
     * sorted.
     */
    private static List<String> complete(String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        String script = "source " + DIST.resolve("sip-analyzer.bash") + "\nCOMP_WORDS=(" + array + ")\nCOMP_CWORD="
                + (words.length - 1) + "\n_sip_analyzer\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            return out.lines().filter(l -> !l.isEmpty()).sorted().toList();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void bashCompletesCommandsOptionsAndTheirValues() throws Exception {
        assertEquals(List.of("calls", "check", "codes", "completion"), complete("sip-analyzer", "c"));
        assertEquals(List.of("--format"), complete("sip-analyzer", "analyze", "--form"));
        assertEquals(List.of("busy"), complete("sip-analyzer", "calls", "--outcome", "bu"));
        assertEquals(List.of("junit"), complete("sip-analyzer", "check", "-f", "ju"));
        assertEquals(List.of("method-codes", "methods"), complete("sip-analyzer", "analyze", "--table", "meth"));
        assertEquals(List.of(), complete("sip-analyzer", "analyze", "--threads", ""), "a number: nothing offered");
        assertTrue(complete("sip-analyzer", "analyze", "src/dist/completion/sip").contains(
                "src/dist/completion/sip-analyzer.bash"), "inputs are files");
        assertEquals(List.of("tcp", "tls"), complete("sip-analyzer", "calls", "--transport", "t"));
        assertEquals(List.of("first"), complete("sip-analyzer", "check", "--delays-from", "f"));
        assertEquals(List.of("4xx"), complete("sip-analyzer", "codes", "4"), "codes takes classes, not files");
        assertEquals(List.of(), complete("sip-analyzer", "listen", "src"), "listen takes no files");
        if (Files.isDirectory(Path.of("/sys/class/net/lo"))) {
            assertEquals(List.of("lo"), complete("sip-analyzer", "live", "-i", "lo"), "the machine's interfaces");
        }
    }

    @Test
    void theManPageNamesEveryCommandAndOption() throws Exception {
        String man = Files.readString(Path.of("../docs/sip-analyzer.1"));
        for (Command c : main.commands().values()) {
            assertTrue(man.contains(".BR " + c.name()) || man.contains(".BI \"" + c.name() + " "), c.name());
            for (Option o : c.options().getOptions()) {
                assertTrue(man.contains("\\-\\-" + o.getLongOpt().replace("-", "\\-")),
                        c.name() + " --" + o.getLongOpt() + " is not in docs/sip-analyzer.1");
            }
        }
    }
}
