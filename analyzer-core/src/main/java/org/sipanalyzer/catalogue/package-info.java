/**
 * The catalogue of SIP response codes: reason phrases, meanings, defining RFCs and status, and the
 * RFC 3261 rule for codes a client does not recognise. Loaded once from a reviewable resource file.
 */
package org.sipanalyzer.catalogue;
