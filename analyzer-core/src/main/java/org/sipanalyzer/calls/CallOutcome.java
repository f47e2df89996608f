package org.sipanalyzer.calls;

import java.util.Optional;

/** How a call ended, judged by its last final response (docs/calls.md). */
public enum CallOutcome {
    /** A 2xx answered it. */
    ANSWERED("answered"),
    /** 486 Busy Here or 600 Busy Everywhere. */
    BUSY("busy"),
    /** 603 Decline, 607 Unwanted or 608 Rejected. */
    DECLINED("declined"),
    /** 403 Forbidden. */
    FORBIDDEN("forbidden"),
    /** 404 Not Found or 604 Does Not Exist Anywhere. */
    NOT_FOUND("notFound"),
    /** 480 Temporarily Unavailable or 503 Service Unavailable. */
    UNAVAILABLE("unavailable"),
    /** The caller sent CANCEL and the INVITE ended with 487. */
    CANCELLED("cancelled"),
    /** A 3xx redirected it. */
    REDIRECTED("redirected"),
    /** 408, or no final response by the end of the capture or the call time-out. */
    TIMEOUT("timeout"),
    /** Any other 4xx, 5xx or 6xx (a challenge never answered included). */
    FAILED("failed");

    private final String word;

    CallOutcome(String word) {
        this.word = word;
    }

    /** The name used in reports and on the command line. */
    public String word() {
        return word;
    }

    public static Optional<CallOutcome> parse(String s) {
        for (CallOutcome o : values()) {
            if (o.word.equalsIgnoreCase(s.trim()) || o.name().equalsIgnoreCase(s.trim())) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The outcome of a call whose last final response had {@code code} (0: none), and whether it was cancelled. */
    static CallOutcome of(int code, boolean cancelled) {
        if (code >= 200 && code < 300) {
            return ANSWERED;
        }
        if (code == 0 && cancelled) {
            // the caller gave up; the 487 that should follow never came (the CANCEL may have had its 200)
            return CANCELLED;
        }
        if (code == 0 || code == 408) {
            return TIMEOUT;
        }
        if (code == 487 && cancelled) {
            return CANCELLED;
        }
        if (code >= 300 && code < 400) {
            return REDIRECTED;
        }
        return switch (code) {
            case 486, 600 -> BUSY;
            case 603, 607, 608 -> DECLINED;
            case 403 -> FORBIDDEN;
            case 404, 604 -> NOT_FOUND;
            case 480, 503 -> UNAVAILABLE;
            default -> FAILED;
        };
    }
}
