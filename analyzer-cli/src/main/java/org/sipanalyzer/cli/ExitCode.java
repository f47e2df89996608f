package org.sipanalyzer.cli;

/** The exit codes of {@code sip-analyzer}, documented in README.md and docs/cli.md. */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** A check failed: the command ran, and what it checked did not pass. */
    CHECK_FAILED(1),
    /** Usage, input or output error: bad options or arguments, or nothing readable or writable. */
    USAGE(2),
    /** A defect in sip-analyzer itself; run again with {@code --debug} and report the stack trace. */
    INTERNAL(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
