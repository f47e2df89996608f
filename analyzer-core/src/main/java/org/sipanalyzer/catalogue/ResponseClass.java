package org.sipanalyzer.catalogue;

import java.util.Locale;
import java.util.Optional;

/** The six classes of SIP status codes (RFC 3261 section 21), named by their first digit. */
public enum ResponseClass {
    PROVISIONAL(1, "Provisional"),
    SUCCESS(2, "Success"),
    REDIRECTION(3, "Redirection"),
    CLIENT_FAILURE(4, "Client Failure"),
    SERVER_FAILURE(5, "Server Failure"),
    GLOBAL_FAILURE(6, "Global Failure");

    private final int digit;
    private final String label;

    /** The class of each first digit 1-6, made once: {@code values()} copies its array at every call. */
    private static final Optional<ResponseClass>[] OF_DIGIT = ofEachDigit();

    @SuppressWarnings("unchecked")
    private static Optional<ResponseClass>[] ofEachDigit() {
        ResponseClass[] all = values();
        Optional<ResponseClass>[] of = new Optional[all.length];
        for (int i = 0; i < all.length; i++) {
            of[i] = Optional.of(all[i]);
        }
        return of;
    }

    ResponseClass(int digit, String label) {
        this.digit = digit;
        this.label = label;
    }

    /** The class of a status code, or empty when the code lies outside 100-699. */
    public static Optional<ResponseClass> of(int code) {
        if (code < 100 || code > 699) {
            return Optional.empty();
        }
        return OF_DIGIT[code / 100 - 1]; // every response's lookup asks: nothing is allocated
    }

    /** Parses a class written as {@code 4xx} (any case). */
    public static Optional<ResponseClass> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() == 3 && t.endsWith("xx") && t.charAt(0) >= '1' && t.charAt(0) <= '6') {
            return OF_DIGIT[t.charAt(0) - '1'];
        }
        return Optional.empty();
    }

    /** The first digit of the codes in this class. */
    public int digit() {
        return digit;
    }

    /** The short name used in reports: {@code 1xx} to {@code 6xx}. */
    public String shortName() {
        return digit + "xx";
    }

    /** The RFC 3261 name of the class, e.g. {@code Client Failure}. */
    public String label() {
        return label;
    }

    /** True for 4xx, 5xx and 6xx: the classes that end a transaction in failure. */
    public boolean isFailure() {
        return digit >= 4;
    }

    /**
     * The code a client falls back to when it does not recognise a code of this class: x00, except
     * that an unknown provisional response is handled as 183 (RFC 3261 section 8.1.3.2).
     */
    public int defaultCode() {
        return this == PROVISIONAL ? 183 : digit * 100;
    }
}
