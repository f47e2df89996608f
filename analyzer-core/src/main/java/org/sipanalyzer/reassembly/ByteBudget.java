package org.sipanalyzer.reassembly;

/** The bytes all reassembly buffers of one input may hold together. */
final class ByteBudget {

    private final long limit;
    private long used;

    ByteBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code n} bytes if they fit; false (and nothing taken) when they do not. */
    boolean take(long n) {
        if (used + n > limit) {
            return false;
        }
        used += n;
        return true;
    }

    void give(long n) {
        used -= n;
    }

    long used() {
        return used;
    }
}
