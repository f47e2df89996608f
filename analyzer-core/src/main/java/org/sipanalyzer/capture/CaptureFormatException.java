package org.sipanalyzer.capture;

import java.io.IOException;

/** The input is not a capture sip-analyzer can read; the message says what it is and what to do. */
public final class CaptureFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public CaptureFormatException(String message) {
        super(message);
    }
}
