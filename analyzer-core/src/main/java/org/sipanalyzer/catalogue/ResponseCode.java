package org.sipanalyzer.catalogue;

import java.util.List;
import java.util.Objects;

/**
 * One catalogue entry.
 *
 * @param code the status code, 100-699
 * @param reason the canonical reason phrase (the IANA registry's, or the defining RFC's for historic codes)
 * @param aliases other phrases that denote the same code (older or variant spellings)
 * @param status registered, deprecated or historic
 * @param rfc the defining document, as the registry names it (e.g. {@code RFC3261})
 * @param meaning what the code tells an engineer
 */
public record ResponseCode(int code, String reason, List<String> aliases, CodeStatus status, String rfc,
        String meaning) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public ResponseCode {
        if (code < 100 || code > 699) {
            throw new IllegalArgumentException("status code " + code + " is outside 100-699");
        }
        Objects.requireNonNull(reason, "reason");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rfc, "rfc");
        Objects.requireNonNull(meaning, "meaning");
    }

    /** The class this code belongs to. */
    public ResponseClass responseClass() {
        return ResponseClass.of(code).orElseThrow();
    }

    /** True when {@code phrase} is the reason phrase or one of the aliases, ignoring case and outer blanks. */
    public boolean matchesReason(String phrase) {
        String p = phrase.strip();
        if (reason.equalsIgnoreCase(p)) {
            return true;
        }
        for (String alias : aliases) {
            if (alias.equalsIgnoreCase(p)) {
                return true;
            }
        }
        return false;
    }
}
