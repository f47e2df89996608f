package org.sipanalyzer.net;

/** The transport a SIP message arrived on. */
public enum Transport {
    UDP, TCP, SCTP,
    /** SIP over WebSocket (RFC 7118), itself over TCP. */
    WS,
    /** SIP over TLS, as a log names it (in a capture, TLS flows are encrypted and not analysed). */
    TLS;
}
