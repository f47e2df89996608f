package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.CaptureWarning;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.capture.PrefetchingReader;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.sip.SipMessage;

/**
 * The pipeline for one input. Frames are read (on their own thread when prefetching), then decoded,
 * reassembled and scanned here in capture order, a chunk at a time; retransmission detection, statistics and
 * listeners see every message in the order it was completed.
 */
final class InputAnalysis {

    static final int CHUNK_FRAMES = 2048;
    private static final int MALFORMED_WARNINGS = 5;
    private static final int STRICT_WARNINGS = 20;

    private final int index;
    private final Catalogue catalogue;
    private final AnalysisOptions options;
    private final InputReport report;
    private final Analyzer.ListenerGroup shared;
    private final RetransmissionDetector retransmissions;
    private int malformedPacketWarnings;
    private int strictWarnings;

    InputAnalysis(int index, Catalogue catalogue, AnalysisOptions options, InputReport report,
            Analyzer.ListenerGroup shared) {
        this.index = index;
        this.catalogue = catalogue;
        this.options = options;
        this.report = report;
        this.shared = shared;
        this.retransmissions = new RetransmissionDetector(options.retransmissionWindow().toNanos(),
                options.maxTrackedMessages());
    }

    void run(InputStream in) throws IOException {
        CaptureReader opened = CaptureOpener.open(in, options.maxFrameBytes());
        report.opened(opened.format().word() + (opened.isCompressed() ? "+gzip" : ""));
        // With a second core, one thread reads (and decompresses) while this one scans and counts.
        CaptureReader reader = options.prefetch() ? new PrefetchingReader(opened) : opened;
        int[] warningsSeen = {0};
        FrameScanner scanner = new FrameScanner(options.strict(), options.reassembly());
        try {
            sequential(reader, scanner, reader != opened, warningsSeen);
        } finally {
            apply(scanner.finish()); // even after a read error: open streams still yield what they hold
            report.reassembly = scanner.reassembly().stats();
            if (reader != opened) {
                reader.close();
            }
            flushWarnings(reader, warningsSeen);
            report.truncatedFrames = reader.truncatedFrames();
            report.retransmissionKeysEvicted = retransmissions.evictedForSpace();
            summarise();
        }
    }

    /**
     * Scanning on this thread. A plain reader may reuse its array, so each frame is scanned before the next is
     * read; a prefetching reader's frames stay valid, so they are scanned a chunk at a time.
     */
    private void sequential(CaptureReader reader, FrameScanner scanner, boolean framesStayValid, int[] warningsSeen)
            throws IOException {
        int size = framesStayValid ? CHUNK_FRAMES : 1;
        List<Frame> chunk = new ArrayList<>(size);
        Frame f;
        IOException failure = null;
        try {
            while ((f = reader.next()) != null) {
                chunk.add(f);
                if (chunk.size() == size) {
                    apply(scanner.scan(new FrameScanner.Chunk(chunk)));
                    chunk = new ArrayList<>(size);
                    warningsSeen[0] = flushWarnings(reader, warningsSeen);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        if (!chunk.isEmpty()) {
            apply(scanner.scan(new FrameScanner.Chunk(chunk)));
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Adds a scanned chunk to the report and hands its messages, in order, to the statistics. */
    private void apply(FrameScanner.Chunk c) {
        report.packets += c.frames.size();
        report.udpDatagrams += c.udp;
        report.tcpSegments += c.tcp;
        report.emptyPayloads += c.empty;
        report.nonSipPayloads += c.nonSip;
        report.keepAlives += c.keepAlives;
        report.ipFragments += c.fragments;
        report.otherIp += c.otherIp;
        report.notIp += c.notIp;
        report.unsupportedLink += c.unsupportedLink;
        report.malformedPackets += c.malformed;
        for (String p : c.problems) {
            if (malformedPacketWarnings++ < MALFORMED_WARNINGS) {
                report.warn(p);
            }
        }
        for (FrameScanner.Found found : c.found) {
            SipMessage m = found.message();
            CodeLookup code = m.isResponse() ? catalogue.lookup(m.statusCode()) : null;
            boolean rtx = retransmissions.check(m, found.source(), found.destination(), found.timestampNanos());
            SipEvent e = new SipEvent(index, found.frame(), found.timestampNanos(), found.source(),
                    found.destination(), found.transport(), m, code, rtx);
            if (found.strictRejection() != null) {
                report.strictRejected++;
                if (strictWarnings++ < STRICT_WARNINGS) {
                    report.warn("frame " + found.frame() + ": JAIN-SIP rejects the "
                            + (m.isResponse() ? "response" : "request") + " (" + m.firstLineShort() + "): "
                            + found.strictRejection());
                }
            }
            report.statistics.onEvent(e);
            if (!shared.isEmpty()) {
                shared.onEvent(e);
            }
        }
    }

    private int flushWarnings(CaptureReader reader, int[] seen) {
        var all = reader.warnings();
        for (int i = seen[0]; i < all.size(); i++) {
            CaptureWarning w = all.get(i);
            report.warn(w.toString());
        }
        seen[0] = all.size();
        return seen[0];
    }

    private void summarise() {
        var r = report.reassembly;
        if (r != null) {
            if (r.datagramsIncomplete() > 0) {
                report.warn(r.datagramsIncomplete() + " IP datagrams missed a fragment and were not analysed (flows: "
                        + String.join(", ", r.incompleteDatagramFlows()) + ")");
            }
            if (r.tcpGapBytes() > 0) {
                report.warn(r.tcpGapBytes() + " bytes of TCP streams were never captured (loss, or streams begun"
                        + " before the capture); " + r.tcpSkippedBytes() + " bytes were skipped to find the next message");
            }
            if (r.tcpUnfinishedMessages() > 0) {
                report.warn(r.tcpUnfinishedMessages() + " messages over TCP were cut off by the end of their stream or"
                        + " of the capture");
            }
            if (r.bytesDroppedForLimit() > 0 || r.flowsDroppedForLimit() > 0 || r.datagramsDroppedForLimit() > 0
                    || r.oversizeMessages() > 0) {
                report.warn("reassembly limits reached: " + r.bytesDroppedForLimit() + " bytes, "
                        + r.flowsDroppedForLimit() + " TCP directions, " + r.datagramsDroppedForLimit()
                        + " IP datagrams dropped, " + r.oversizeMessages() + " messages over the size limit;"
                        + " raise the limits (docs/limits.md) to keep them");
            }
            if (r.encryptedFlowCount() > 0) {
                report.warn(r.encryptedFlowCount() + " encrypted (TLS) flows, not analysed: "
                        + String.join(", ", r.encryptedFlows()));
            }
            if (r.hepCompressed() > 0) {
                report.warn(r.hepCompressed() + " HEP packets carry a compressed payload that could not be opened");
            }
        }
        if (report.unsupportedLink > 0) {
            report.warn(report.unsupportedLink + " frames have a link type that is not decoded");
        }
        if (report.malformedPackets > MALFORMED_WARNINGS) {
            report.warn(report.malformedPackets + " frames in all were undecodable");
        }
        if (report.truncatedFrames > 0) {
            report.warn(report.truncatedFrames + " frames were cut short by the capture's snap length");
        }
        if (report.retransmissionKeysEvicted > 0) {
            report.warn(report.retransmissionKeysEvicted + " messages were forgotten by the retransmission detector"
                    + " (table full); later retransmissions of them count as unique");
        }
        if (report.strictRejected > STRICT_WARNINGS) {
            report.warn(report.strictRejected + " messages in all were rejected by JAIN-SIP");
        }
    }
}
