package org.sipanalyzer.analysis;

/**
 * What the analysis found wrapped around or quoted beside SIP, counted where it unwraps it: HEP packets (over UDP,
 * SCTP or TCP) and ICMP errors quoting SIP. The JSON report writes them in its {@code reassembly} object, as it
 * always has.
 */
public enum UnwrapCount {
    /** HEP packets opened (their SIP is analysed as the message they carry). */
    HEP_PACKETS,
    /** HEP packets whose payload is compressed in a way that could not be opened. */
    HEP_COMPRESSED_UNOPENED,
    /** HEP packets framed on a stream that did not parse. */
    HEP_UNDECODABLE,
    /** ICMP errors quoting a SIP message: it did not travel as such, and is not counted as a message. */
    ICMP_QUOTED_SIP;

    static final int SIZE = values().length;
}
