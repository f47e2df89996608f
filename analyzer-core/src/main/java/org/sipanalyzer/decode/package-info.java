/**
 * Decoding frames into datagrams: link layers (Ethernet with VLAN tags, Linux cooked SLL and SLL2, raw IP,
 * BSD loopback), IPv4 and IPv6 with extension headers, and the transport header, down to a flow and its
 * payload. Knows nothing of SIP.
 */
package org.sipanalyzer.decode;
