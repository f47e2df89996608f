package org.sipanalyzer.analysis;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sipanalyzer.net.Endpoint;
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

    /**
     * A message's key, kept as two independent 64-bit hashes of its fields rather than the fields themselves:
     * a table of a few hundred thousand keys then holds no strings at all (about 100 bytes an entry instead of
     * 350), and two different messages share both hashes with a probability of about 2^-128 a pair.
     */
    private static final class Key {
        private final long a;
        private final long b;

        Key(long a, long b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public int hashCode() {
            return (int) (a ^ (a >>> 32));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.a == a && k.b == b;
        }
    }

    /** Two 64-bit hashes (FNV-1a and a multiply-rotate mix), fed the same fields with separators. */
    private static final class KeyHasher {
        long a = 0xcbf29ce484222325L;
        long b = 0x9e3779b97f4a7c15L;

        void add(long v) {
            a = (a ^ v) * 0x100000001b3L;
            a ^= a >>> 31;
            b = Long.rotateLeft((b ^ v) * 0xff51afd7ed558ccdL, 29);
        }

        void add(String s) {
            if (s == null) {
                add(-1L);
                return;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                a = (a ^ c) * 0x100000001b3L;
                b = Long.rotateLeft((b ^ c) * 0xff51afd7ed558ccdL, 29);
            }
            add(s.length());
        }

        void add(Endpoint e) {
            int n = e.addressLength();
            for (int i = 0; i < n; i++) {
                int x = e.addressByte(i);
                a = (a ^ x) * 0x100000001b3L;
                b = Long.rotateLeft((b ^ x) * 0xff51afd7ed558ccdL, 29);
            }
            add((long) n << 16 | e.port());
        }

        Key key() {
            long x = b ^ (b >>> 33);
            x *= 0xc4ceb9fe1a85ec53L;
            return new Key(a, x ^ (x >>> 29));
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
        KeyHasher h = new KeyHasher();
        h.add(m.callId());
        h.add(m.cseqNumber());
        if (m instanceof SipMessage.Response r) {
            h.add(m.cseqMethod());
            h.add(r.statusCode());
            h.add(m.toTag());
        } else if (m instanceof SipMessage.Request r) {
            h.add(r.method());
            h.add(0);
            h.add(m.viaBranch());
        }
        h.add(source);
        h.add(destination);
        Key key = h.key();
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
