package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.CaptureWarning;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.capture.PrefetchingReader;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.sip.SipMessage;

/**
 * The pipeline for one input. Frames are read (on their own thread when prefetching), scanned in chunks on
 * as many threads as there are cores, and the chunks' results applied here strictly in capture order:
 * retransmission detection, statistics and listeners see every message in the order it was captured.
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
        // Two cores: one reads (and decompresses), one scans and counts. More cores: scanning fans out too; on
        // two it only adds hand-over costs (measured: docs/performance.md).
        int scanThreads = options.effectiveScanThreads();
        CaptureReader reader = options.prefetch() ? new PrefetchingReader(opened) : opened;
        ExecutorService pool = scanThreads > 0 ? Executors.newFixedThreadPool(scanThreads, r -> {
            Thread t = new Thread(r, "sip-analyzer-scan");
            t.setDaemon(true);
            return t;
        }) : null;
        int[] warningsSeen = {0};
        try {
            if (pool == null) {
                sequential(reader, reader != opened, warningsSeen);
            } else {
                parallel(reader, pool, warningsSeen);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
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
    private void sequential(CaptureReader reader, boolean framesStayValid, int[] warningsSeen) throws IOException {
        FrameScanner scanner = new FrameScanner(options.strict());
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

    /**
     * Chunks of frames are scanned on the pool while later ones are read; results are applied in order. The
     * prefetching reader never reuses a batch's array, so its frames stay valid while they are scanned.
     */
    private void parallel(CaptureReader reader, ExecutorService pool, int[] warningsSeen) throws IOException {
        ThreadLocal<FrameScanner> scanners = ThreadLocal.withInitial(() -> new FrameScanner(options.strict()));
        ArrayDeque<Future<FrameScanner.Chunk>> pending = new ArrayDeque<>();
        int maxPending = 4 * Runtime.getRuntime().availableProcessors();
        List<Frame> chunk = new ArrayList<>(CHUNK_FRAMES);
        Frame f;
        IOException failure = null;
        try {
            while ((f = reader.next()) != null) {
                chunk.add(f);
                if (chunk.size() == CHUNK_FRAMES) {
                    FrameScanner.Chunk c = new FrameScanner.Chunk(chunk);
                    pending.add(pool.submit(() -> scanners.get().scan(c)));
                    chunk = new ArrayList<>(CHUNK_FRAMES);
                    while (pending.size() >= maxPending) {
                        apply(take(pending));
                    }
                    warningsSeen[0] = flushWarnings(reader, warningsSeen);
                }
            }
        } catch (IOException e) {
            failure = e; // apply what was read before the failure first
        }
        if (!chunk.isEmpty()) {
            FrameScanner.Chunk c = new FrameScanner.Chunk(chunk);
            pending.add(pool.submit(() -> scanners.get().scan(c)));
        }
        while (!pending.isEmpty()) {
            apply(take(pending));
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static FrameScanner.Chunk take(ArrayDeque<Future<FrameScanner.Chunk>> pending) {
        try {
            return pending.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("analysis interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scanning failed", e.getCause());
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
        report.tcpIncomplete += c.tcpIncomplete;
        report.tcpTrailingBytes += c.tcpTrailingBytes;
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
        if (report.ipFragments > 0) {
            report.warn(report.ipFragments + " IP fragments were not reassembled; SIP carried in them is not counted");
        }
        if (report.tcpIncomplete > 0) {
            report.warn(report.tcpIncomplete + " SIP messages over TCP continue beyond their segment and need stream"
                    + " reassembly; they are not counted");
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
