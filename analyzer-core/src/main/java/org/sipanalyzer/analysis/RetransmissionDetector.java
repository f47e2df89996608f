package org.sipanalyzer.analysis;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sipanalyzer.decode.Endpoint;
import org.sipanalyzer.sip.SipMessage;

/**
 * Recognises a message that the same side already sent in the same transaction. A response is the same when
 * Call-ID, CSeq, status code, To tag and direction match; a request when Call-ID, CSeq, top Via branch and
 * direction match. Keys are forgotten after a window of capture time, and their number is bounded.
 */
final class RetransmissionDetector {

    private final long windowNanos;
    private final int maxEntries;
    // Access order: a key seen again moves to the tail, so the head is always the longest unseen.
    private final LinkedHashMap<Key, Long> seen = new LinkedHashMap<>(1024, 0.75f, true);
    private long evictedForSpace;

    /** A plain class, not a record: its hash and equality are hot, and hand-written ones are cheaper. */
    private static final class Key {
        private final String callId;
        private final long cseq;
        private final String cseqMethod;
        private final int code;
        private final String tagOrBranch;
        private final Endpoint source;
        private final Endpoint destination;
        private final int hash;

        Key(String callId, long cseq, String cseqMethod, int code, String tagOrBranch, Endpoint source,
                Endpoint destination) {
            this.callId = callId;
            this.cseq = cseq;
            this.cseqMethod = cseqMethod;
            this.code = code;
            this.tagOrBranch = tagOrBranch;
            this.source = source;
            this.destination = destination;
            int h = callId == null ? 0 : callId.hashCode();
            h = h * 31 + Long.hashCode(cseq);
            h = h * 31 + code;
            h = h * 31 + (tagOrBranch == null ? 0 : tagOrBranch.hashCode());
            h = h * 31 + source.hashCode();
            this.hash = h * 31 + destination.hashCode();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.cseq == cseq && k.code == code
                    && Objects.equals(k.callId, callId) && Objects.equals(k.cseqMethod, cseqMethod)
                    && Objects.equals(k.tagOrBranch, tagOrBranch) && k.source.equals(source)
                    && k.destination.equals(destination);
        }
    }

    /** What a message is to the detector. */
    enum Repeat {
        /** The first time it was seen. */
        FIRST,
        /** Sent again by the same side within the window: a SIP retransmission. */
        RETRANSMISSION,
        /** The same message again within the duplicate window: the same packet captured twice. */
        DUPLICATE
    }

    private final long duplicateNanos;

    RetransmissionDetector(long windowNanos, long duplicateNanos, int maxEntries) {
        this.windowNanos = windowNanos;
        this.duplicateNanos = duplicateNanos;
        this.maxEntries = maxEntries;
    }

    /**
     * Whether {@code m} repeats a message seen within the window, and if so whether so soon after that it is
     * the same packet captured twice (no SIP timer fires that fast: T1 is 500 ms); records it either way.
     */
    Repeat check(SipMessage m, Endpoint source, Endpoint destination, long timestampNanos) {
        Key key = m.isResponse()
                ? new Key(m.callId(), m.cseqNumber(), m.cseqMethod(), m.statusCode(), m.toTag(), source, destination)
                : new Key(m.callId(), m.cseqNumber(), m.method(), 0, m.viaBranch(), source, destination);
        expire(timestampNanos);
        Long previous = seen.put(key, timestampNanos);
        if (seen.size() > maxEntries) {
            Iterator<Map.Entry<Key, Long>> it = seen.entrySet().iterator();
            it.next();
            it.remove();
            evictedForSpace++;
        }
        if (previous == null || timestampNanos - previous > windowNanos) {
            return Repeat.FIRST;
        }
        return timestampNanos - previous < duplicateNanos ? Repeat.DUPLICATE : Repeat.RETRANSMISSION;
    }

    private void expire(long now) {
        Iterator<Map.Entry<Key, Long>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Long> e = it.next();
            if (now - e.getValue() <= windowNanos) {
                break;
            }
            it.remove();
        }
    }

    /** Keys forgotten early because the table was full: a retransmission after that is counted as unique. */
    long evictedForSpace() {
        return evictedForSpace;
    }
}
