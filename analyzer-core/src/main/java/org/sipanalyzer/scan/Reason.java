package org.sipanalyzer.scan;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Reason header (RFC 3326): which cause a message gives for ending a call or a request. */
public final class Reason {

    private static final Pattern Q850 = Pattern.compile("(?i)Q\\.850\\s*;(?:[^,]*;)?\\s*cause\\s*=\\s*(\\d{1,3})");

    private Reason() {
    }

    /**
     * The ITU-T Q.850 cause of a Reason header value ({@code Q.850;cause=17;text="User busy"}), when it gives one
     * from 1 to 127 (the causes Q.850 defines); empty otherwise, and for a null value.
     */
    public static OptionalInt q850Cause(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        Matcher m = Q850.matcher(value);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        int cause = Integer.parseInt(m.group(1));
        return cause >= 1 && cause <= 127 ? OptionalInt.of(cause) : OptionalInt.empty();
    }
}
