/**
 * Reassembly: IP fragments into datagrams, TCP segments into per-direction byte streams, and streams into
 * messages (SIP framed by Content-Length, SIP over WebSocket, HEP over TCP). Every table and buffer is
 * bounded by {@link org.sipanalyzer.reassembly.ReassemblyLimits}; what a limit drops is counted.
 */
package org.sipanalyzer.reassembly;
