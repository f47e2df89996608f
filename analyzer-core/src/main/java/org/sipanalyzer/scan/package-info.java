/**
 * Reading SIP text: the fast scanner that recognises SIP by content and extracts the fields of a
 * {@link org.sipanalyzer.sip.SipMessage}, the strict mode that checks messages with JAIN-SIP, and the small
 * readers of header values (name-addr, Reason, any header by full or compact name). Knows nothing of captures.
 * Internal to the module: not exported.
 */
package org.sipanalyzer.scan;
