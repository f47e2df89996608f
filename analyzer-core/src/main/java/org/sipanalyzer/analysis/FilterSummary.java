package org.sipanalyzer.analysis;

/**
 * What a filter was and what it left out of an analysis ({@link Analyzer#analyze(java.util.List, java.util.List,
 * CallFilter)}).
 *
 * @param applied the filter as written ("--code 5xx, --host 10.0.0.5")
 * @param messagesRemoved SIP messages left out (their calls were not chosen)
 * @param callsRemoved calls (Call-IDs with an initial INVITE) left out
 * @param notExamined messages of Call-IDs past {@link CallFilter.Selection#MAX_CALL_IDS} per input, left out
 *     unexamined
 */
public record FilterSummary(String applied, long messagesRemoved, long callsRemoved, long notExamined)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

}
