/**
 * Reassembly: IP fragments into datagrams, TCP segments into per-direction byte streams, and streams into
 * framed units (SIP cut by its Content-Length, WebSocket messages, HEP packets over TCP), handed on as bytes to a
 * {@link org.sipanalyzer.reassembly.StreamSink}: nothing here parses SIP or opens HEP. Every table and buffer is
 * bounded by {@link org.sipanalyzer.net.ReassemblyLimits}; what a limit drops is counted.
 */
package org.sipanalyzer.reassembly;
