/**
 * Rendering: turns catalogue entries and analysis results into text, CSV, JSON, SQL and Markdown. Every
 * writer escapes what it prints, since names and phrases come from untrusted captures.
 */
package org.sipanalyzer.report;
