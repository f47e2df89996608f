package org.sipanalyzer.scan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time ("SIMD within a register"): the scanner's searches read a header block a word at a time and
 * stop only at the bytes they look for. In a word XORed with a byte in every lane, a lane is zero where the word holds
 * that byte; {@link #zeros} sets the top bit of the lowest zero lane, and may set it in lanes above that one too, never
 * below, so the lowest bit set marks the first match.
 */
final class Swar {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ONES = 0x0101010101010101L;
    static final long HIGHS = 0x8080808080808080L;

    private Swar() {
    }

    /** The eight bytes at {@code d[i]}, the first in the lowest lane. */
    static long word(byte[] d, int i) {
        return (long) LONGS.get(d, i);
    }

    /** {@code b} in every lane. */
    static long lanes(byte b) {
        return (b & 0xffL) * ONES;
    }

    /** The top bit of the lowest zero lane of {@code x} (and perhaps of lanes above it); 0 when no lane is zero. */
    static long zeros(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** The position in its word of the lane that {@code marks} (not 0) marks first. */
    static int first(long marks) {
        return Long.numberOfTrailingZeros(marks) >>> 3;
    }

    /** The first {@code b} in {@code d[from, end)}, or -1. */
    static int indexOf(byte[] d, int from, int end, byte b) {
        int i = from;
        long pattern = lanes(b);
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            long found = zeros(word(d, i) ^ pattern);
            if (found != 0) {
                return i + first(found);
            }
        }
        for (; i < end; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
