/**
 * The {@code sip-analyzer} command: parses options into the core's option objects, calls the core,
 * renders the result and maps the outcome to an exit code. No analysis happens here.
 */
package org.sipanalyzer.cli;
