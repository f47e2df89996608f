/**
 * Finding and parsing SIP: a fast scanner that recognises SIP by content and extracts the fields the
 * analysis needs, and a strict mode that checks messages with JAIN-SIP. Knows nothing of captures.
 */
package org.sipanalyzer.sip;
