package org.sipanalyzer.catalogue;

/** Where a response code stands in the IANA registry. */
public enum CodeStatus {
    /** In the IANA registry and in use. */
    REGISTERED,
    /** In the IANA registry, marked deprecated (202). */
    DEPRECATED,
    /** Defined by RFC 2543 and dropped by RFC 3261; not in the registry (409, 411). */
    HISTORIC,
    /** A valid code (100-699) that is not in the registry; handled as its class's default. */
    UNREGISTERED,
    /** Outside 100-699: not a SIP status code at all. */
    INVALID;

    /** The lower-case word used in every output format. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
