package org.sipanalyzer.analysis;

import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.sip.SipMessage;

/**
 * Recognises a message that the same side already sent in the same transaction. A response is the same when
 * Call-ID, CSeq, status code, To tag and direction match; a request when Call-ID, CSeq, top Via branch and
 * direction match. Keys are forgotten after a window of capture time, and their number is bounded.
 */
final class RetransmissionDetector {

    private final long windowNanos;
    private final Table seen;
    private long evictedForSpace;

    /**
     * The keys seen, oldest use first: an open table of longs, without an object per key. Each entry is an index into
     * parallel arrays holding its two 64-bit hashes and when it was last seen; entries chain from their hash bucket,
     * and a doubly linked list through all of them keeps the order of use, so that the head is always the key
     * longest unseen (what a {@code LinkedHashMap} in access order would keep, in a tenth of the memory and with no
     * allocation per message). The arrays grow by doubling up to the bound.
     */
    static final class Table {
        private static final int NONE = -1;
        private final int max;
        private long[] hashA = new long[0];
        private long[] hashB = new long[0];
        private long[] lastSeen = new long[0];
        private int[] chain = new int[0]; // next entry in the same bucket, or in the free list
        private int[] older = new int[0];
        private int[] newer = new int[0];
        private int[] buckets = new int[0];
        private int size;
        private int used; // entries ever handed out from the arrays (the free list holds the rest)
        private int free = NONE;
        private int oldest = NONE;
        private int newest = NONE;

        Table(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("the retransmission table must hold at least one key");
            }
            this.max = max;
            resize(Math.min(1024, Integer.highestOneBit(Math.max(1, max - 1)) << 1));
        }

        int size() {
            return size;
        }

        /** The entry of the key, or -1. */
        int find(long a, long b) {
            if (buckets.length == 0) {
                return NONE;
            }
            for (int i = buckets[bucket(b)]; i != NONE; i = chain[i]) {
                if (hashA[i] == a && hashB[i] == b) {
                    return i;
                }
            }
            return NONE;
        }

        long lastSeen(int entry) {
            return lastSeen[entry];
        }

        /** Records that the entry's key was seen again: it becomes the newest. */
        void touch(int entry, long when) {
            lastSeen[entry] = when;
            if (entry != newest) {
                unlink(entry);
                append(entry);
            }
        }

        /** Adds a key not in the table, as the newest; the caller makes room first. */
        void add(long a, long b, long when) {
            if (size == hashA.length) {
                resize(hashA.length * 2);
            }
            int e;
            if (free != NONE) {
                e = free;
                free = chain[e];
            } else {
                e = used++;
            }
            hashA[e] = a;
            hashB[e] = b;
            lastSeen[e] = when;
            int k = bucket(b);
            chain[e] = buckets[k];
            buckets[k] = e;
            append(e);
            size++;
        }

        /** When the oldest key was last seen; the table must not be empty. */
        long oldestSeen() {
            return lastSeen[oldest];
        }

        boolean isEmpty() {
            return size == 0;
        }

        boolean isFull() {
            return size >= max;
        }

        void removeOldest() {
            int e = oldest;
            unlink(e);
            int k = bucket(hashB[e]);
            if (buckets[k] == e) {
                buckets[k] = chain[e];
            } else {
                int i = buckets[k];
                while (chain[i] != e) {
                    i = chain[i];
                }
                chain[i] = chain[e];
            }
            chain[e] = free;
            free = e;
            size--;
        }

        private int bucket(long b) {
            return (int) (b ^ (b >>> 32)) & (buckets.length - 1);
        }

        private void unlink(int e) {
            int o = older[e];
            int n = newer[e];
            if (o != NONE) {
                newer[o] = n;
            } else {
                oldest = n;
            }
            if (n != NONE) {
                older[n] = o;
            } else {
                newest = o;
            }
        }

        private void append(int e) {
            older[e] = newest;
            newer[e] = NONE;
            if (newest != NONE) {
                newer[newest] = e;
            } else {
                oldest = e;
            }
            newest = e;
        }

        /** Grows the arrays (never past what {@code max} keys need) and rebuilds the buckets. */
        private void resize(int capacity) {
            int cap = Math.max(capacity, 1);
            hashA = java.util.Arrays.copyOf(hashA, cap);
            hashB = java.util.Arrays.copyOf(hashB, cap);
            lastSeen = java.util.Arrays.copyOf(lastSeen, cap);
            chain = java.util.Arrays.copyOf(chain, cap);
            older = java.util.Arrays.copyOf(older, cap);
            newer = java.util.Arrays.copyOf(newer, cap);
            buckets = new int[Integer.highestOneBit(cap - 1 | 1) << 1];
            java.util.Arrays.fill(buckets, NONE);
            for (int e = oldest; e != NONE; e = newer[e]) {
                int k = bucket(hashB[e]);
                chain[e] = buckets[k];
                buckets[k] = e;
            }
            // The free list is empty when the table grows: it grows only when every entry is in use.
        }
    }

    /** Two 64-bit hashes (FNV-1a and a multiply-rotate mix), fed the same fields with separators. */
    static final class KeyHasher {
        private static final long A0 = 0xcbf29ce484222325L;
        private static final long B0 = 0x9e3779b97f4a7c15L;
        private long a = A0;
        private long b = B0;

        /** Back to the start, to hash another key (a scanning thread keeps one hasher). */
        KeyHasher reset() {
            a = A0;
            b = B0;
            return this;
        }

        void add(long v) {
            a = (a ^ v) * 0x100000001b3L;
            a ^= a >>> 31;
            b = Long.rotateLeft((b ^ v) * 0xff51afd7ed558ccdL, 29);
        }

        /** A string, four characters to a step (the characters of SIP fields fit in 16 bits). */
        void add(String s) {
            if (s == null) {
                add(-1L);
                return;
            }
            int n = s.length();
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                add((long) s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                        | (long) s.charAt(i + 3) << 48);
            }
            long tail = 0;
            for (; i < n; i++) {
                tail = tail << 16 | s.charAt(i);
            }
            add(tail);
            add(n);
        }

        /** An address and port, the address four bytes to a step. */
        void add(Endpoint e) {
            int n = e.addressLength();
            for (int i = 0; i < n; i += 4) {
                add((long) e.addressByte(i) << 24 | e.addressByte(i + 1) << 16 | e.addressByte(i + 2) << 8
                        | e.addressByte(i + 3));
            }
            add((long) n << 16 | e.port());
        }

        long first() {
            return a;
        }

        /** The second hash, finished: its bits are spread well enough to pick a bucket. */
        long finishedB() {
            long x = b ^ (b >>> 33);
            x *= 0xc4ceb9fe1a85ec53L;
            return x ^ (x >>> 29);
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
        this.seen = new Table(maxEntries);
    }

    /**
     * The key of a message: Call-ID, CSeq, and for a response the CSeq method, status code and To tag, for a request
     * its method and top Via branch; and the direction. Hashed where the message is scanned, while its bytes are
     * in that core's cache ({@link FrameScanner.Found}), rather than where it is counted; into {@code h}, reset first
     * (a scanning thread keeps one hasher, not one per message).
     */
    static KeyHasher hash(KeyHasher h, SipMessage m, Endpoint source, Endpoint destination) {
        h.reset();
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
        return h;
    }

    /**
     * Whether the message whose key hashes to {@code a} and {@code b} ({@link #hash}) repeats one seen within the
     * window, and if so whether so soon after that it is the same packet captured twice (no SIP timer fires that fast:
     * T1 is 500 ms); records it either way.
     */
    Repeat check(long a, long b, long timestampNanos) {
        expire(timestampNanos);
        int entry = seen.find(a, b);
        if (entry < 0) {
            if (seen.isFull()) {
                seen.removeOldest();
                evictedForSpace++;
            }
            seen.add(a, b, timestampNanos);
            return Repeat.FIRST;
        }
        long previous = seen.lastSeen(entry);
        seen.touch(entry, timestampNanos);
        if (timestampNanos - previous > windowNanos) {
            return Repeat.FIRST;
        }
        return timestampNanos - previous < duplicateNanos ? Repeat.DUPLICATE : Repeat.RETRANSMISSION;
    }

    private void expire(long now) {
        while (!seen.isEmpty() && now - seen.oldestSeen() > windowNanos) {
            seen.removeOldest();
        }
    }

    /** Keys forgotten early because the table was full: a retransmission after that is counted as unique. */
    long evictedForSpace() {
        return evictedForSpace;
    }
}
