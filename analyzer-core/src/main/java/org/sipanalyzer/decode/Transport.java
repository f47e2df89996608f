package org.sipanalyzer.decode;

/** The transport a payload arrived on. */
public enum Transport {
    UDP, TCP, SCTP;
}
