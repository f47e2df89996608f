package org.sipanalyzer.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One sub-command of {@code sip-analyzer}. */
interface Command {

    /** The word that selects the command, e.g. {@code codes}. */
    String name();

    /** The arguments after the options, as shown in the usage line, e.g. {@code [CODE|CLASS...]}. */
    String arguments();

    /** One line saying what the command does. */
    String summary();

    /** The command's own options; {@code --help} and {@code --debug} are added by {@link Main}. */
    Options options();

    /**
     * The words an option takes, for shell completion: {@code format} gives the formats the command writes. Empty
     * for options whose value is free (a number, a file).
     */
    default java.util.List<String> values(String longOption) {
        return java.util.List.of();
    }

    /**
     * The words the command's arguments are, for shell completion: null when they are files (the default), empty
     * when it takes none.
     */
    default java.util.List<String> argumentValues() {
        return null;
    }

    /** Runs the command on parsed options. */
    ExitCode run(CommandLine line, Console console) throws UsageException, java.io.IOException;
}
