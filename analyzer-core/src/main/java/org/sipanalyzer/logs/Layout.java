package org.sipanalyzer.logs;

/**
 * How one log format marks its messages, for {@link BlockParser}: which lines describe the next message, what
 * part of a line inside a message is message text, and where a message ends. The defaults read a message as
 * it was sent, line for line, ended by an empty line (and Content-Length for the body).
 */
abstract class Layout {

    /**
     * A line outside any message. Returns true when it describes the next message (time, endpoints, direction),
     * having filled {@code meta}; such a line is never message text.
     */
    boolean describe(String line, Meta meta, LogTime time) {
        return false;
    }

    /**
     * Words one of which every line that {@link #describe} takes holds (ASCII, any case). Outside a message, a line
     * with none of them and no {@code SIP/} is passed over unread; the default lets every line that is not blank
     * through. A layout's cues must cover each of its patterns and every line it keeps something from, even a line
     * for which it answers false.
     */
    Cues cues() {
        return Cues.NOT_BLANK;
    }

    /** The message text a line holds (indentation and decoration removed), or null when the line ends the message. */
    String content(String line) {
        return line;
    }

    /**
     * Whether a start line counts only after a line described it. Formats that announce every message set this,
     * so that a start line quoted elsewhere (a debug line) is never a message.
     */
    boolean requiresDescription() {
        return false;
    }

    /** Whether the format's logs may leave a message's body out while keeping its Content-Length. */
    boolean mayOmitBodies() {
        return false;
    }

    /** Whether an empty line may stand inside the headers (some layouts put one after the start line). */
    boolean blankAfterStartLine() {
        return false;
    }
}
