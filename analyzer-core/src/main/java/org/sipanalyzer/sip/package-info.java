/**
 * SIP as the analysis sees it: a message ({@link org.sipanalyzer.sip.SipMessage}, a request or a response with
 * the header fields the statistics need) and the problems a malformed one can have. Reading SIP text into these
 * is the scanner's work, in a package of the module's own.
 */
package org.sipanalyzer.sip;
