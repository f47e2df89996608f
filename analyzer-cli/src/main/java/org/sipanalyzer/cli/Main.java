package org.sipanalyzer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** Entry point of {@code sip-analyzer}: picks the sub-command, parses its options, maps errors to exit codes. */
public final class Main {

    static final String PROGRAM = "sip-analyzer";

    private final Map<String, Command> commands = new LinkedHashMap<>();

    Main() {
        register(new AnalyzeCommand());
        register(new CallsCommand());
        register(new CheckCommand());
        register(new CodesCommand());
        register(new ListenCommand());
        register(new LiveCommand());
        register(new CompletionCommand(commands));
    }

    /** Every command, by name, in the order the usage lists them. */
    Map<String, Command> commands() {
        return java.util.Collections.unmodifiableMap(commands);
    }

    private void register(Command c) {
        commands.put(c.name(), c);
    }

    public static void main(String[] args) {
        // Charts are drawn without a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Signals.install(System.err);
        Console console = Console.system();
        int status = new Main().run(args, console).code();
        console.out().flush();
        System.exit(status);
    }

    /** Runs one invocation; never throws and never exits, so tests can call it. */
    ExitCode run(String[] args, Console console) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean debug = rest.remove("--debug");
        try {
            ExitCode code = dispatch(rest, console);
            if (console.out().checkError()) {
                String why = "";
                if (console.out() instanceof StandardOutput o) {
                    if (o.readerLeft()) {
                        return code; // | head: the reader has what it wanted; the command's own result stands
                    }
                    why = o.failure() == null || o.failure().getMessage() == null ? ""
                            : " (" + o.failure().getMessage() + ")";
                }
                console.err().println(PROGRAM + ": cannot write to standard output" + why
                        + "; the report is incomplete: write it with -o FILE");
                return ExitCode.USAGE;
            }
            return code;
        } catch (UsageException e) {
            console.err().println(PROGRAM + ": " + e.getMessage());
            if (debug && e.getCause() != null) {
                e.getCause().printStackTrace(console.err());
            }
            return ExitCode.USAGE;
        } catch (IOException e) {
            console.err().println(PROGRAM + ": " + Output.describe(e)
                    + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                e.printStackTrace(console.err());
            }
            return ExitCode.USAGE;
        } catch (RuntimeException | Error e) {
            if (outOfMemory(e)) {
                console.err().println(PROGRAM + ": " + OUT_OF_MEMORY);
                if (debug) {
                    e.printStackTrace(console.err());
                }
                return ExitCode.USAGE;
            }
            console.err().println(PROGRAM + ": internal error: " + e
                    + (debug ? "" : "; run again with --debug and report the stack trace"));
            if (debug) {
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                console.err().print(sw);
            }
            return ExitCode.INTERNAL;
        }
    }

    static final String OUT_OF_MEMORY = "out of memory (the Java heap is full): give it more with"
            + " SIP_ANALYZER_JAVA_OPTS=-Xmx2g (java -Xmx2g for the jar), analyse one input at a time (--threads 1), or"
            + " lower the limits that hold data (--max-flows, --max-reassembly-bytes, --max-flow-bytes;"
            + " docs/limits.md)";

    /** Whether {@code e}, or what caused it, is the heap running out. */
    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private ExitCode dispatch(List<String> args, Console console) throws UsageException, IOException {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")
                || args.get(0).equals("help")) {
            if (args.size() > 1 && commands.containsKey(args.get(1))) {
                printHelp(commands.get(args.get(1)), console);
            } else {
                printUsage(args.isEmpty() ? console.err() : console.out());
            }
            return args.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
        }
        if (args.get(0).equals("--version") || args.get(0).equals("-V")) {
            console.out().println(PROGRAM + " " + version());
            return ExitCode.OK;
        }
        Command command = commands.get(args.get(0));
        if (command == null) {
            throw new UsageException("unknown command '" + args.get(0) + "'; commands are "
                    + String.join(", ", commands.keySet()) + " (see '" + PROGRAM + " --help')");
        }
        Options options = withCommonOptions(command.options());
        CommandLine line;
        try {
            line = DefaultParser.builder().get().parse(options, args.subList(1, args.size()).toArray(String[]::new));
        } catch (ParseException e) {
            throw new UsageException(command.name() + ": " + lowerFirst(e.getMessage()) + "; see '" + PROGRAM
                    + " " + command.name() + " --help'");
        }
        if (line.hasOption("help")) {
            printHelp(command, console);
            return ExitCode.OK;
        }
        if (line.hasOption("version")) {
            console.out().println(PROGRAM + " " + version());
            return ExitCode.OK;
        }
        return command.run(line, console);
    }

    private static Options withCommonOptions(Options own) {
        Options all = new Options();
        for (Option o : own.getOptions()) {
            all.addOption(o);
        }
        all.addOption(Option.builder("h").longOpt("help").desc("Show this help and exit.").get());
        all.addOption(Option.builder().longOpt("debug").desc("Print stack traces of errors.").get());
        all.addOption(Option.builder("V").longOpt("version").desc("Print the version and the commit it was built from,"
                + " and exit.").get());
        return all;
    }

    /** The usage: on standard output when asked for, on standard error when no command was given (exit 2). */
    private void printUsage(java.io.PrintStream to) {
        to.println("Usage: " + PROGRAM + " [--version] [--help] COMMAND [OPTIONS] [ARGS]");
        to.println();
        to.println("Finds SIP in packet captures and logs, explains every response code and reports why calls fail.");
        to.println();
        to.println("Commands:");
        for (Command c : commands.values()) {
            to.printf("  %-10s %s%n", c.name(), c.summary());
        }
        to.println();
        to.println("Run '" + PROGRAM + " COMMAND --help' for a command's options.");
        to.println("Exit codes: 0 success, 1 a check failed, 2 usage or input error, 3 internal error.");
    }

    // Commons CLI's newer help module lays options out differently; this one's output is what the docs show.
    @SuppressWarnings("deprecation")
    private static void printHelp(Command command, Console console) {
        HelpFormatter help = HelpFormatter.builder().setPrintWriter(new PrintWriter(console.out(), true)).get();
        help.printHelp(PROGRAM + " " + command.name() + " [OPTIONS] " + command.arguments(),
                command.summary(), withCommonOptions(command.options()),
                "Exit codes: 0 success, 1 a check failed, 2 usage or input error, 3 internal error.", false);
        console.out().flush();
    }

    /**
     * The version, and the commit the jar was built from when the build knew it:
     * "0.2.0 (commit 1a2b3c4d5e6f, 2026-12-02)".
     */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String version = p.getProperty("version", "unknown");
        String commit = p.getProperty("commit", "");
        if (commit.isEmpty() || commit.startsWith("${")) {
            return version + " (built outside a git checkout: commit unknown)";
        }
        return version + " (commit " + commit + ("true".equals(p.getProperty("dirty")) ? " with local changes" : "")
                + ", " + p.getProperty("date", "") + ")";
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "invalid arguments" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
