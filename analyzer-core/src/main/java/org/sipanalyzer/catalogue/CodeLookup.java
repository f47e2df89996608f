package org.sipanalyzer.catalogue;

import java.util.Optional;

/**
 * What the catalogue says about one status code, whether or not it is registered.
 *
 * @param code the code looked up, kept as it was seen
 * @param status the code's own standing: registered, deprecated, historic, unregistered or invalid
 * @param entry the entry that governs the code: its own, or for an unregistered code its class's default
 *     (RFC 3261 section 8.1.3.2); empty only for an invalid code
 */
public record CodeLookup(int code, CodeStatus status, Optional<ResponseCode> entry) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Serialised as its plain values (an Optional is not serialisable): null for no entry. */
    private Object writeReplace() {
        return new Serial(code, status, entry.orElse(null));
    }

    private record Serial(int code, CodeStatus status, ResponseCode entry) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return new CodeLookup(code, status, Optional.ofNullable(entry));
        }
    }

    /** True when the code has an entry of its own in the catalogue (historic codes included). */
    public boolean isKnown() {
        return status != CodeStatus.UNREGISTERED && status != CodeStatus.INVALID;
    }

    /** True for codes 100-699. */
    public boolean isValid() {
        return status != CodeStatus.INVALID;
    }

    /** The class of the code, empty when invalid. */
    public Optional<ResponseClass> responseClass() {
        return ResponseClass.of(code);
    }

    /** The code a client treats this one as: itself when known, the class default when unregistered. */
    public Optional<Integer> treatedAs() {
        return entry.map(ResponseCode::code);
    }

    /**
     * What the code means, in one text fit for a report: the entry's meaning for a known code, the class default it
     * is treated as for an unregistered one, and a plain statement for an invalid one.
     */
    public String meaning() {
        if (entry.isEmpty()) {
            return "Not a SIP status code (100-699).";
        }
        ResponseCode e = entry.get();
        return isKnown() ? e.meaning() : "Unregistered; treated as " + e.code() + " " + e.reason() + ".";
    }
}
