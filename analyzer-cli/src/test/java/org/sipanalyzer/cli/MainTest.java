package org.sipanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void versionPrintsTheProjectVersionAndTheCommitOnEveryCommand() throws Exception {
        CliRun r = CliRun.of("--version");
        assertEquals(ExitCode.OK, r.exit());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "sip-analyzer \\d+\\.\\d+\\.\\d+(?:-SNAPSHOT)? \\((?:commit"
                + " ([0-9a-f]{12})(?: with local changes)?, \\d{4}-\\d{2}-\\d{2}|built outside a git checkout: commit"
                + " unknown)\\)\\R").matcher(r.out());
        assertTrue(m.matches(), r.out());
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(new java.io.File("..")).start();
        String head = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                .trim();
        // git-commit-id-maven-plugin reads a linked worktree's HEAD from the main checkout (.git is then a file):
        // the commit is only compared in an ordinary clone, as CI and users have.
        boolean linkedWorktree = java.nio.file.Files.isRegularFile(java.nio.file.Path.of("..", ".git"));
        if (git.waitFor() == 0 && m.group(1) != null && !linkedWorktree) {
            assertEquals(head.substring(0, 12), m.group(1), "the commit the build came from");
        }
        for (String command : List.of("analyze", "calls", "check", "codes")) {
            CliRun v = CliRun.of(command, "--version");
            assertEquals(ExitCode.OK, v.exit(), command);
            assertEquals(r.out(), v.out(), command);
        }
    }

    @Test
    void noArgumentsPrintsUsageOnStandardErrorAndExits2() {
        CliRun r = CliRun.of();
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().contains("Commands:"));
        assertTrue(r.err().contains("codes"));
        assertEquals("", r.out(), "nothing on standard output when a command fails (docs/cli.md)");
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        CliRun r = CliRun.of("--help");
        assertEquals(ExitCode.OK, r.exit());
        assertTrue(r.out().contains("Exit codes: 0 success, 1 a check failed, 2 usage or input error"));
    }

    @Test
    void everyCommandHasHelp() {
        CliRun r = CliRun.of("codes", "--help");
        assertEquals(ExitCode.OK, r.exit());
        assertTrue(r.out().contains("--format"), r.out());
        assertTrue(r.out().contains("--output"), r.out());
    }

    @Test
    void unknownCommandIsOneLineAndExit2() {
        CliRun r = CliRun.of("frobnicate");
        assertEquals(ExitCode.USAGE, r.exit());
        assertEquals(1, r.err().lines().count());
        assertTrue(r.err().contains("unknown command 'frobnicate'"), r.err());
    }

    @Test
    void unknownOptionIsOneLineAndExit2() {
        CliRun r = CliRun.of("codes", "--colour");
        assertEquals(ExitCode.USAGE, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("codes --help"), r.err());
    }

    @Test
    void debugIsAcceptedAnywhere() {
        assertEquals(ExitCode.OK, CliRun.of("--debug", "codes", "200").exit());
        assertEquals(ExitCode.OK, CliRun.of("codes", "200", "--debug").exit());
    }

    @Test
    void aReportThatCannotBeWrittenExits2() {
        // Standard output on a full disk (> /dev/full): every write fails.
        java.io.PrintStream full = new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        }, true);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        ExitCode code = new Main().run(new String[] {"codes"},
                new Console(full, new java.io.PrintStream(err, true), 100));
        assertEquals(ExitCode.USAGE, code);
        assertTrue(err.toString().contains("cannot write to standard output"), err.toString());
    }

    @Test
    void aReaderThatStopsReadingEndsTheCommandQuietly() {
        // | head -1: the pipe's reader has gone, and the system says so.
        java.io.OutputStream gone = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        assertTrue(Console.system().out() instanceof StandardOutput, "the command line writes through it");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        ExitCode code = new Main().run(new String[] {"codes"}, new Console(new StandardOutput(gone,
                java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintStream(err, true), 100));
        assertEquals(ExitCode.OK, code);
        assertEquals("", err.toString());
        // A full disk: an error, as before.
        java.io.OutputStream full = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        code = new Main().run(new String[] {"codes"}, new Console(new StandardOutput(full,
                java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintStream(err, true), 100));
        assertEquals(ExitCode.USAGE, code);
        assertTrue(err.toString().contains("cannot write to standard output (No space left on device)"),
                err.toString());
    }

    @Test
    void runningOutOfMemoryIsNamedAsSuch() {
        assertTrue(Main.outOfMemory(new IllegalStateException("analysis failed",
                new OutOfMemoryError("Java heap space"))));
        assertTrue(Main.outOfMemory(new OutOfMemoryError("Java heap space")));
        assertTrue(!Main.outOfMemory(new IllegalStateException("analysis interrupted")));
        assertTrue(Main.OUT_OF_MEMORY.contains("-Xmx") && Main.OUT_OF_MEMORY.contains("--threads 1"));
    }

    @Test
    void theWidthComesFromColumnsThenFromTheTerminal() {
        assertEquals(132, Console.widthFrom(java.util.Map.of("COLUMNS", "132"), () -> 80));
        assertEquals(80, Console.widthFrom(java.util.Map.of(), () -> 80), "no COLUMNS: the terminal says");
        assertEquals(80, Console.widthFrom(java.util.Map.of("COLUMNS", "wide"), () -> 80));
        assertEquals(Console.DEFAULT_WIDTH, Console.widthFrom(java.util.Map.of(), () -> 0), "not a terminal");
        assertEquals(Console.DEFAULT_WIDTH, Console.widthFrom(java.util.Map.of(), () -> 5), "an implausible width");
        assertEquals(0, Console.terminalWidth(), "under the build, standard output is not a terminal");
    }
}
