package org.sipanalyzer.analysis;

import java.util.EnumMap;
import java.util.Map;
import org.sipanalyzer.sip.SipProblem;

/**
 * The message counts of one input without the breakdowns by method, class, code and sender: what a run of many
 * inputs keeps per input (see {@link InputReport#statistics()}), a few dozen bytes instead of kilobytes.
 *
 * @param messages every message, and those less retransmissions
 * @param requests requests, with and without retransmissions
 * @param responses responses, with and without retransmissions
 * @param retransmissions messages that repeated one already sent in the same transaction
 * @param duplicates the same packet captured twice
 * @param malformed messages with some problem
 * @param problems malformed messages by problem
 */
public record MessageCounts(long messages, long uniqueMessages, long requests, long uniqueRequests, long responses,
        long uniqueResponses, long retransmissions, long duplicates, long malformed, Map<SipProblem, Long> problems)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public MessageCounts {
        problems = problems.isEmpty() ? Map.of() : Map.copyOf(problems);
    }

    /** The counts of full statistics. */
    public static MessageCounts of(MessageStatistics s) {
        return new MessageCounts(s.messages().count(), s.messages().unique(), s.requests().count(),
                s.requests().unique(), s.responses().count(), s.responses().unique(), s.retransmissions(),
                s.duplicates(), s.malformed(), s.problems());
    }

    /** Malformed messages by problem, in the problems' order. */
    public Map<SipProblem, Long> problemsInOrder() {
        return problems.isEmpty() ? Map.of() : new EnumMap<>(problems);
    }
}
