/**
 * The CI gate: rules such as {@code asr >= 50} or {@code code.503 == 0} checked against an analysis, each
 * passing or failing with the value measured.
 */
package org.sipanalyzer.check;
