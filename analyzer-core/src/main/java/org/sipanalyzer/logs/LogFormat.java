package org.sipanalyzer.logs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One log format: it recognises its logs from their first lines, with a confidence so that the best match wins,
 * and reads them into messages with whatever time, endpoints and transport the format states. Adding a format is
 * one subclass, listed in {@link LogFormats}, and its tests.
 */
abstract class LogFormat {

    /** The format's name, as reports show it ("SIPp -trace_msg"). */
    abstract String name();

    /**
     * How sure this format is that the head is one of its logs: 0 not at all, 100 certain. The generic reader
     * answers 10 for any text with a SIP message in it, so a format must be surer than that to win.
     */
    abstract int confidence(Head head);

    /** A reader of one log of this format. */
    abstract LogParser parser(LineSource lines, LogContext ctx);

    /** For a file of this format that holds no messages (aggregate statistics): the one line that says so. */
    String refusal() {
        return null;
    }

    /** The first lines of a log, with the logging system's prefixes taken off and escaped line ends opened. */
    record Head(List<String> lines) {

        /** How many lines match {@code p} somewhere. */
        int count(Pattern p) {
            int n = 0;
            for (String l : lines) {
                if (p.matcher(l).find()) {
                    n++;
                }
            }
            return n;
        }

        boolean any(Pattern p) {
            for (String l : lines) {
                if (p.matcher(l).find()) {
                    return true;
                }
            }
            return false;
        }

        /** How many lines, as {@code layout} reads them, are SIP start lines. */
        int startLines(Layout layout) {
            int n = 0;
            for (String l : lines) {
                String c = layout.content(l);
                if (c != null && StartLines.is(c)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** A format read by {@link BlockParser} with its own {@link Layout}. */
    abstract static class Blocks extends LogFormat {

        abstract Layout layout();

        @Override
        LogParser parser(LineSource lines, LogContext ctx) {
            return new BlockParser(lines, layout(), ctx);
        }
    }
}
