package org.sipanalyzer.analysis;

/** How many messages were seen ({@code count}, what tshark counts) and how many without retransmissions. */
public final class Counts implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private long unique;

    /** Counts start at zero; the statistics make and fill them. */
    Counts() {
    }

    void add(boolean retransmission) {
        count++;
        if (!retransmission) {
            unique++;
        }
    }

    void add(Counts other) {
        count += other.count;
        unique += other.unique;
    }

    /** Every message, retransmissions included. */
    public long count() {
        return count;
    }

    /** Messages less retransmissions. */
    public long unique() {
        return unique;
    }

    @Override
    public String toString() {
        return count + "/" + unique;
    }
}
