package org.sipanalyzer.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sipanalyzer.net.ReassemblyStats;

/**
 * What happened to one input: what it was, how many packets of each kind it held, the SIP statistics of
 * its messages, and every warning (listed up to a limit, then counted). Nothing is dropped silently.
 */
public final class InputReport implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private String format;
    private boolean readable;
    private String error;
    /** Null once condensed: then only {@link #counts} is kept. */
    MessageStatistics statistics;
    private MessageCounts messageCounts;
    private final int maxWarnings;
    private final List<Diagnostic> warnings = new ArrayList<>();
    private long warningsNotListed;
    /** Of those, a log's notes ({@link Diagnostic.Kind#isLoss()} false). */
    private long notesNotListed;

    long packets;
    long filteredOut;
    /** Frames by kind, indexed by {@link PacketCount#ordinal()}. */
    private final long[] counts = new long[PacketCount.SIZE];
    /** What was unwrapped, indexed by {@link UnwrapCount#ordinal()}. */
    private final long[] unwrapped = new long[UnwrapCount.SIZE];
    org.sipanalyzer.net.ReassemblyStats reassembly;
    long retransmissionKeysEvicted;
    /** For a text log: "full", "time of day", "partial" or "none"; null for a capture. */
    String logTimes;
    /** For a text log: "all", "some" or "none" of its messages with an address; null for a capture. */
    String logEndpoints;

    InputReport(String name, MessageStatistics statistics, int maxWarnings) {
        this.name = name;
        this.statistics = statistics;
        this.maxWarnings = maxWarnings;
    }

    void opened(String format) {
        this.format = format;
        this.readable = true;
    }

    void failed(String error) {
        this.error = error;
    }

    /** Warnings a reader met but, being bounded, only counted. */
    void warnedWithoutListing(long n) {
        warningsNotListed += n;
    }

    void warn(Diagnostic warning) {
        if (warnings.size() < maxWarnings) {
            warnings.add(warning);
        } else {
            warningsNotListed++;
            notesNotListed += warning.kind().isLoss() ? 0 : 1;
        }
    }

    /**
     * For a text log, how much of the time it gave its messages ("full", "time of day", "partial", "none"); else
     * empty.
     */
    public java.util.Optional<String> logTimes() {
        return java.util.Optional.ofNullable(logTimes);
    }

    /** For a text log, how many of its messages came with an address ("all", "some", "none"); else empty. */
    public java.util.Optional<String> logEndpoints() {
        return java.util.Optional.ofNullable(logEndpoints);
    }

    /** The input's name as given (a path, or "-"). */
    public String name() {
        return name;
    }

    /** "pcap", "pcapng", or either with "+gzip"; null when the input could not be read. */
    public String format() {
        return format;
    }

    /** False when the input could not be read at all; {@link #error()} says why. */
    public boolean readable() {
        return readable;
    }

    /** Why the input could not be read (without the input's name); null when it could. */
    public String error() {
        return error;
    }

    /** Warnings, one line each, in the order found (at most the configured number). */
    public List<String> warnings() {
        return warnings.stream().map(Diagnostic::text).toList();
    }

    /** The same warnings, typed: each one's kind and, where it is one place, its frame, byte offset and flow. */
    public List<Diagnostic> diagnostics() {
        return Collections.unmodifiableList(warnings);
    }

    /** Warnings beyond the listed ones. */
    public long warningsNotListed() {
        return warningsNotListed;
    }

    /**
     * Warnings that say the input's figures may lack something (every kind but a log's notes,
     * {@link Diagnostic.Kind#isLoss()}), listed or not: the {@code warnings} metric.
     */
    public long losses() {
        return lossWarnings().size() + warningsNotListed - notesNotListed;
    }

    /** The listed warnings that say the figures may lack something (not a log's notes), in the order found. */
    public List<String> lossWarnings() {
        return warnings.stream().filter(d -> d.kind().isLoss()).map(Diagnostic::text).toList();
    }

    /**
     * This input's statistics with every breakdown (by method, class, code, sender); null when the run had more
     * inputs than it keeps breakdowns for ({@link Analyzer#MAX_INPUT_BREAKDOWNS}): then {@link #counts()} has
     * the input's counts, and the run's total has everything.
     */
    public MessageStatistics statistics() {
        return statistics;
    }

    /** This input's message counts; always there. */
    public MessageCounts counts() {
        MessageCounts c = messageCounts;
        return c != null ? c : MessageCounts.of(statistics);
    }

    /** Whether {@link #statistics()} was dropped to bound the memory of a run of many inputs. */
    public boolean condensed() {
        return statistics == null;
    }

    /**
     * Keeps only what a run of many inputs lists per input: the counts, and the first {@code warningsKept}
     * warnings (the rest are counted in {@link #warningsNotListed()}).
     */
    void condense(int warningsKept) {
        messageCounts = MessageCounts.of(statistics);
        statistics = null;
        while (warnings.size() > warningsKept) {
            notesNotListed += warnings.remove(warnings.size() - 1).kind().isLoss() ? 0 : 1;
            warningsNotListed++;
        }
        if (warnings instanceof ArrayList<Diagnostic> a) {
            a.trimToSize();
        }
    }

    /**
     * A condensed copy ({@link #condense}): what a run of many inputs keeps of this one; this report is not changed.
     * Its statistics, if it has them, are read, not shared.
     */
    InputReport condensedCopy(int warningsKept) {
        if (condensed() && warnings.size() <= warningsKept) {
            return this; // nothing would change: condensed reports are not changed further by anyone
        }
        InputReport c = new InputReport(name, statistics, maxWarnings);
        c.format = format;
        c.readable = readable;
        c.error = error;
        c.messageCounts = messageCounts;
        c.warnings.addAll(warnings);
        c.warningsNotListed = warningsNotListed;
        c.notesNotListed = notesNotListed;
        c.packets = packets;
        c.filteredOut = filteredOut;
        System.arraycopy(counts, 0, c.counts, 0, counts.length);
        System.arraycopy(unwrapped, 0, c.unwrapped, 0, unwrapped.length);
        c.reassembly = reassembly;
        c.retransmissionKeysEvicted = retransmissionKeysEvicted;
        c.logTimes = logTimes;
        c.logEndpoints = logEndpoints;
        c.condense(warningsKept);
        return c;
    }

    /** The frames of one kind. */
    public long count(PacketCount kind) {
        return counts[kind.ordinal()];
    }

    void add(PacketCount kind, long n) {
        counts[kind.ordinal()] += n;
    }

    /** What was found wrapped around SIP (HEP) or quoting it (ICMP errors). */
    public long count(UnwrapCount kind) {
        return unwrapped[kind.ordinal()];
    }

    void add(UnwrapCount kind, long n) {
        unwrapped[kind.ordinal()] += n;
    }

    /** Frames read from the capture. */
    public long packets() {
        return packets;
    }

    /**
     * Frames at which a SIP message was found (for a stream, the frame with its last byte; for a text log, each
     * message). Every frame is counted once: {@code packets() == framesWithSip() + framesWithoutSip() +
     * undecodablePackets()}.
     */
    public long framesWithSip() {
        return count(PacketCount.WITH_SIP);
    }

    /** Frames decoded that gave no SIP message: RTP, other protocols, part of a message, a fragment, not IP. */
    public long framesWithoutSip() {
        return count(PacketCount.WITHOUT_SIP);
    }

    /** SIP messages a filter left out (their calls were not chosen); 0 without a filter. */
    public long filteredOut() {
        return filteredOut;
    }

    /** Frames the capture cut short of their length on the wire (snaplen). */
    public long truncatedFrames() {
        return count(PacketCount.TRUNCATED);
    }

    public long udpDatagrams() {
        return count(PacketCount.UDP_DATAGRAMS);
    }

    public long tcpSegments() {
        return count(PacketCount.TCP_SEGMENTS);
    }

    /** UDP datagrams and TCP segments without payload. */
    public long emptyPayloads() {
        return count(PacketCount.EMPTY_PAYLOADS);
    }

    /** Payloads that are not SIP (RTP, DNS, other protocols, TCP continuations). */
    public long nonSipPayloads() {
        return count(PacketCount.NON_SIP_PAYLOADS);
    }

    /** Payloads of blank lines only (SIP keep-alives). */
    public long keepAlives() {
        return count(PacketCount.KEEP_ALIVES);
    }

    /** IP fragments seen (reassembly figures are in {@link #reassembly()}). */
    public long ipFragments() {
        return count(PacketCount.IP_FRAGMENTS);
    }

    /** IP packets of other protocols (ICMP, SCTP, ESP...). */
    public long otherIp() {
        return count(PacketCount.OTHER_IP);
    }

    /** Frames without IP (ARP, LLDP...). */
    public long notIp() {
        return count(PacketCount.NOT_IP);
    }

    /** Frames of a link type that is not decoded. */
    public long unsupportedLink() {
        return count(PacketCount.UNSUPPORTED_LINK);
    }

    /** Frames whose headers are cut short or inconsistent. */
    public long malformedPackets() {
        return count(PacketCount.MALFORMED);
    }

    /** Frames that could not be decoded: malformed headers or an unsupported link type. */
    public long undecodablePackets() {
        return count(PacketCount.MALFORMED) + count(PacketCount.UNSUPPORTED_LINK);
    }

    /** What IP fragment and TCP stream reassembly did and could not recover; null if the input was unread. */
    public org.sipanalyzer.net.ReassemblyStats reassembly() {
        return reassembly;
    }

    /** SCTP packets. */
    public long sctpPackets() {
        return count(PacketCount.SCTP_PACKETS);
    }

    /** SCTP DATA chunks that were pieces of larger messages (not reassembled). */
    public long sctpFragments() {
        return count(PacketCount.SCTP_FRAGMENTED_CHUNKS);
    }

    /** Messages JAIN-SIP rejected under --strict. */
    public long strictRejected() {
        return count(PacketCount.STRICT_REJECTED);
    }

    /** Messages seen in this input. */
    public long sipMessages() {
        return counts().messages();
    }
}
