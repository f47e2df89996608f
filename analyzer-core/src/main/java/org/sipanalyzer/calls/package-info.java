/**
 * From messages to calls: INVITE dialogs followed through challenges, retransmissions, CANCEL and re-INVITEs
 * to one outcome each; registrations and other transactions; RFC 6076 KPIs and delay distributions;
 * failure breakdowns by code, peer, time, Q.850 cause and method. Bounded: finished calls are folded into
 * the statistics and freed, open ones time out in capture time.
 */
package org.sipanalyzer.calls;
