package org.sipanalyzer.logs;

import java.io.IOException;

/** Turns one log's lines into messages. */
interface LogParser {

    /** The next message, or null at the end of the log. */
    LogEntry next() throws IOException;
}
