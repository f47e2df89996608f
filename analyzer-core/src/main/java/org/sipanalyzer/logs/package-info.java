/**
 * Text logs that hold SIP: proxy and application logs with whole messages (plain text, or JAIN-SIP's XML
 * message log), and Zeek sip.log files. Each yields SIP messages with whatever time and endpoints the log
 * gives; every line and message is bounded.
 */
package org.sipanalyzer.logs;
