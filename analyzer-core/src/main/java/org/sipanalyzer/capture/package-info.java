/**
 * Reading captures: pcap, pcapng, Endace ERF and Network Monitor 2.x (plain or gzip-compressed, from a file or a
 * stream) into frames, with every damage found reported as a warning that names the byte offset. Knows nothing of
 * protocols.
 */
package org.sipanalyzer.capture;
