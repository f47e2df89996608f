package org.sipanalyzer.cli;

/**
 * A problem the user can fix: bad options or arguments, an unreadable input, an unwritable output. Its
 * message is one line that says what is wrong, where, and what to do; it is printed without a stack trace.
 */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
