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

    /** Runs the command on parsed options. */
    ExitCode run(CommandLine line, Console console) throws UsageException, java.io.IOException;
}
