package org.sipanalyzer.capture;

/** The capture formats sip-analyzer reads (ERF: Endace's Extensible Record Format; NETMON: Microsoft
 * Network Monitor 2.x). */
public enum CaptureFormat {
    PCAP("pcap"),
    PCAPNG("pcapng"),
    ERF("erf"),
    NETMON("netmon");

    private final String word;

    CaptureFormat(String word) {
        this.word = word;
    }

    /** The name used in reports. */
    public String word() {
        return word;
    }
}
