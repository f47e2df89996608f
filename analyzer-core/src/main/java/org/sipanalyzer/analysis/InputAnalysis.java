package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.CaptureWarning;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.capture.PrefetchingReader;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.logs.LogEntry;
import org.sipanalyzer.logs.LogReader;
import org.sipanalyzer.sip.SipMessage;

/**
 * The pipeline for one input, in capture order throughout: frames are read, decoded, reassembled and scanned
 * a chunk at a time, and each chunk's messages go to retransmission detection, statistics and listeners in
 * the order they were completed. With a second core the three steps run on three threads, linked by bounded
 * queues.
 */
final class InputAnalysis {

    static final int CHUNK_FRAMES = 2048;
    /** The kinds of counts, once: a live input applies a chunk per frame. */
    private static final PacketCount[] PACKET_COUNTS = PacketCount.values();
    private static final UnwrapCount[] UNWRAP_COUNTS = UnwrapCount.values();
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
    /** The latest time of a frame so far, and the frames whose time goes back more than a second from it. */
    private long latestNanos = Long.MIN_VALUE;
    private long backwards;
    private long firstBackwardsFrame;
    private long firstBackwardsNanos;
    /** Whether the input is a text log. */
    private boolean textLog;

    /** What a filtered analysis keeps (CallFilter); null for everything. */
    CallFilter.Gate gate;
    /** Asks the reading to end where it is; never null. */
    StopSignal stop = new StopSignal();
    /** Whether the frame loops watch {@link #stop} (a file), or the input itself ends at a stop (a stream). */
    private boolean stopAtFrame;
    /** How long the analysis waits, after a stop, for a reading blocked on its input (a quiet pipe). */
    static final long ABANDON_AFTER_NANOS = 1_000_000_000L;

    InputAnalysis(int index, Catalogue catalogue, AnalysisOptions options, InputReport report,
            Analyzer.ListenerGroup shared) {
        this.index = index;
        this.catalogue = catalogue;
        this.options = options;
        this.report = report;
        this.shared = shared;
        this.retransmissions = new RetransmissionDetector(options.retransmissionWindow().toNanos(),
                options.duplicateWindow().toNanos(), options.maxTrackedMessages());
    }

    /**
     * Below this size a file is read on the analysing thread: a second thread and its megabyte of batches cost
     * more than they save, and a directory of 100,000 small captures would spend its time allocating them.
     */
    static final long PREFETCH_FROM_BYTES = 1 << 20;

    /** Live traffic: each frame is analysed as it arrives, on one thread, with no batches to fill first. */
    boolean live;

    /**
     * Reads one input, a capture or a text log, to its end.
     *
     * @param fileDate the day the input file was last modified (dates a log's times of day), or null
     * @param size the file's size, or -1 when unknown (a stream)
     */
    void run(InputStream in, java.time.LocalDate fileDate, long size) throws IOException {
        // A file stops at the frame in hand; a stream (its input ends at the stop) delivers all it read before.
        stopAtFrame = size >= 0;
        CaptureOpener.Sniffed sniffed = CaptureOpener.sniff(in, options.maxDecompressedBytes());
        if (!sniffed.isCapture() && LogReader.looksLikeLog(sniffed.head(), sniffed.head().length)) {
            runLog(sniffed, fileDate);
            return;
        }
        runCapture(CaptureOpener.open(sniffed, options.maxFrameBytes()), size);
    }

    /**
     * A capture already opened (a file's, or several read one after another as one): frames decoded, reassembled,
     * scanned and applied in order.
     *
     * @param size the bytes to read, or -1 when unknown (a stream)
     */
    void runCapture(CaptureReader opened, long size) throws IOException {
        stopAtFrame = size >= 0;
        report.opened(opened.format().word() + (opened.isCompressed() ? "+gzip" : ""));
        if (live || !options.prefetch() || size >= 0 && size < PREFETCH_FROM_BYTES) {
            FrameScanner scanner = new FrameScanner(options.strict(), options.reassembly(), options.keepText());
            try {
                produce(opened, scanner, false, n -> Integer.MAX_VALUE, this::apply);
            } finally {
                finish(opened, scanner);
            }
            return;
        }
        // Stages on their own threads: reading (and decompressing); decoding with reassembly; scanning SIP, a chunk
        // per task on scanThreads threads (or on the decoding thread); and here, in capture order, retransmission
        // detection, statistics and listeners. The queue holds chunks, or the scans of chunks, in capture order.
        PrefetchingReader reader = new PrefetchingReader(opened, true); // released below, a chunk at a time
        ScanPool pool = options.scanThreads() > 1 ? new ScanPool(options) : null;
        FrameScanner scanner = new FrameScanner(options.strict(), options.reassembly(), options.keepText());
        // Room for each scanning thread's chunk and one more: chunks waiting for the counting thread are live data
        // the young collections copy, so no more wait than keep every thread busy.
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(pool == null ? QUEUED_CHUNKS
                : Math.min(QUEUED_CHUNKS, options.scanThreads() + 1));
        ScanSharing sharing = new ScanSharing(queue);
        Thread producer = new Thread(() -> {
            Object last = END;
            try {
                produce(reader, scanner, true, pool == null ? sharing::deferFrom : n -> 0,
                        chunk -> put(queue, pool == null ? chunk : pool.scan(chunk)));
            } catch (Throwable e) { // an Error too: the run must fail with its cause, never end as if the input had
                last = e;
            } finally {
                handOver(queue, last);
            }
        }, pool == null ? "sip-analyzer-scan" : "sip-analyzer-decode");
        producer.setDaemon(true);
        producer.start();
        boolean abandoned = false;
        long applied = 0;
        try {
            while (true) {
                Object o = poll(queue);
                if (o == null) {
                    if (stop.sinceRequestNanos() > ABANDON_AFTER_NANOS) {
                        abandoned = true; // the reading is blocked on a quiet input: end without it
                        break;
                    }
                    continue;
                }
                if (o == END) {
                    break;
                }
                if (o instanceof CompletableFuture<?> scanning) {
                    o = ScanPool.result(scanning);
                }
                if (o instanceof IOException e) {
                    throw e;
                }
                if (o instanceof RuntimeException e) {
                    throw e;
                }
                if (o instanceof Error e) {
                    throw e;
                }
                FrameScanner.Chunk chunk = (FrameScanner.Chunk) o;
                if (chunk.pending) { // payloads the decoding thread left: scanned here, in order, before counting
                    FrameScanner.scanUnits(chunk, countingStage());
                }
                apply(chunk);
                // Every chunk is decoded, scanned and counted in order: no stage reads the frames of this one or any
                // before it again (what reassembly keeps, it copies), so their bytes can be read into again.
                applied += chunk.frames.size();
                reader.release(applied);
            }
        } finally {
            producer.interrupt();
            try {
                producer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (pool != null) {
                pool.close();
            }
            reader.close();
            if (abandoned) {
                // The scanning thread may still hold the reassembly: what it held is left out, and said so.
                report.reassembly = null;
                stopped();
                report.retransmissionKeysEvicted = retransmissions.evictedForSpace();
                summarise();
            } else {
                finish(reader, scanner);
            }
        }
    }

    private void warn(Diagnostic.Kind kind, String text) {
        report.warn(Diagnostic.of(kind, text));
    }

    /** The reports say the input was cut by a stop, and where. */
    private void stopped() {
        if (stop.requested()) {
            warn(Diagnostic.Kind.STOPPED, "stopped by " + stop.reason() + " after " + report.packets()
                    + (report.packets() == 1 ? " frame" : " frames") + "; the report covers what was read before it");
        }
    }

    /** A text log: its messages are scanned and applied like those of a capture, a chunk at a time. */
    private void runLog(CaptureOpener.Sniffed sniffed, java.time.LocalDate fileDate) throws IOException {
        textLog = true;
        LogReader log = LogReader.open(sniffed.stream(), sniffed.head(), sniffed.head().length, fileDate);
        report.opened(log.formatName() + (sniffed.compressed() ? "+gzip" : ""));
        SipStage sip = new SipStage(options.strict(), options.keepText());
        FrameScanner.Chunk chunk = new FrameScanner.Chunk(List.of());
        LogEntry e;
        try {
            while (!(stopAtFrame && stop.requested()) && (e = log.next()) != null) {
                report.packets++;
                if (e.truncated()) {
                    chunk.count(PacketCount.TRUNCATED); // cut off by the log's end, as a snap length cuts a frame
                }
                byte[] b = e.bytes();
                if (sip.scan(chunk, e.line(), e.timestampNanos(), e.source(), e.destination(), e.transport(),
                        e.timed(), b, 0, b.length)) {
                    chunk.count(PacketCount.WITH_SIP);
                } else {
                    chunk.count(PacketCount.WITHOUT_SIP);
                }
                if (chunk.found.size() >= CHUNK_FRAMES) {
                    apply(chunk);
                    chunk = new FrameScanner.Chunk(List.of());
                }
            }
        } finally {
            apply(chunk);
            if (CaptureOpener.endedEarly(sniffed)) {
                warn(Diagnostic.Kind.TRUNCATED_GZIP, "the gzip data ends early (the file was cut short) after "
                        + log.messages() + " messages; everything before the cut was read");
            }
            if (CaptureOpener.stoppedAtLimit(sniffed) >= 0) {
                warn(Diagnostic.Kind.DECOMPRESSION_LIMIT,
                        CaptureOpener.decompressionLimitWarning(CaptureOpener.stoppedAtLimit(sniffed)) + " ("
                        + log.messages() + (log.messages() == 1 ? " message before it was read)"
                                : " messages before it were read)"));
            }
            for (String w : log.warnings()) {
                warn(Diagnostic.Kind.LOG, w);
            }
            for (String w : log.notes()) {
                warn(Diagnostic.Kind.LOG_NOTE, w);
            }
            stopped();
            report.logTimes = log.times();
            report.logEndpoints = log.endpoints();
            report.retransmissionKeysEvicted = retransmissions.evictedForSpace();
            summarise();
        }
    }

    /** The SIP stage of the counting thread, for the payloads the decoding thread leaves to it. */
    private SipStage countingStage;

    private SipStage countingStage() {
        if (countingStage == null) {
            countingStage = new SipStage(options.strict(), options.keepText());
        }
        return countingStage;
    }

    /**
     * How the decoding thread and the counting thread share the scanning of SIP when there is no pool (two cores):
     * the decoding thread scans the payloads of the first part of each chunk's frames as it finds them and leaves
     * the rest to the counting thread. The part it scans itself grows, a sixteenth at a time, while two chunks or more
     * wait for the counting thread, and shrinks while none does (the counting thread waits), from all of them to no
     * less than a quarter: the queue stays short (chunks waiting are live data every young collection copies). The
     * messages and counts are the same whatever the share; only the time changes.
     */
    static final class ScanSharing {
        private static final int WHOLE = 16;
        private static final int LEAST = 4;
        private final BlockingQueue<Object> queue;
        private int share = WHOLE;

        ScanSharing(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        /** For a chunk of {@code frames}: the position from which its frames' payloads are left to scan. */
        int deferFrom(int frames) {
            int waiting = queue.size();
            if (waiting >= 2) {
                share = Math.min(WHOLE, share + 1);
            } else if (waiting == 0) {
                share = Math.max(LEAST, share - 1);
            }
            return share == WHOLE ? Integer.MAX_VALUE : frames * share / WHOLE;
        }
    }

    private static final Object END = new Object();
    static final int QUEUED_CHUNKS = 8;

    private static void put(BlockingQueue<Object> q, Object o) {
        try {
            q.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("analysis interrupted", e);
        }
    }

    /**
     * The producer's last word (the end, or its failure). When the consumer has already stopped (it failed, or ran
     * out of memory) and interrupted the producer, nobody is listening: the thread ends quietly instead of
     * printing a stack trace over the one-line error.
     */
    private static void handOver(BlockingQueue<Object> q, Object o) {
        if (Thread.currentThread().isInterrupted()) {
            q.offer(o);
            return;
        }
        try {
            q.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next chunk, or null after a short wait (so that a stop is noticed while the input is quiet). */
    private static Object poll(BlockingQueue<Object> q) {
        try {
            return q.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("analysis interrupted", e);
        }
    }

    /** After the last chunk: streams still open yield what they hold, and the input's figures are closed. */
    private void finish(CaptureReader reader, FrameScanner scanner) {
        stopped();
        FrameScanner.Chunk last = scanner.finish();
        addCaptureWarnings(reader, last);
        apply(last);
        report.reassembly = scanner.reassembly().stats();
        report.add(PacketCount.TRUNCATED, reader.truncatedFrames());
        report.warnedWithoutListing(reader.warningsNotListed());
        report.retransmissionKeysEvicted = retransmissions.evictedForSpace();
        summarise();
    }

    private int captureWarningsSeen;

    /** Moves the reader's new warnings into the chunk, so they reach the report in order with the frames. */
    private void addCaptureWarnings(CaptureReader reader, FrameScanner.Chunk chunk) {
        var all = reader.warnings();
        for (int i = captureWarningsSeen; i < all.size(); i++) {
            CaptureWarning w = all.get(i);
            chunk.captureWarnings.add(Diagnostic.atFrame(Diagnostic.Kind.DAMAGED_CAPTURE, w.frame(), w.byteOffset(),
                    w.toString()));
        }
        captureWarningsSeen = all.size();
    }

    /**
     * Decodes and reassembles frames a chunk at a time, and hands each chunk to {@code out} to be scanned. A plain
     * reader may reuse its array, so then each frame is scanned before the next is read; a prefetching reader's
     * frames stay valid, so they go by chunks.
     */
    private void produce(CaptureReader reader, FrameScanner scanner, boolean framesStayValid,
            java.util.function.IntUnaryOperator deferFrom, java.util.function.Consumer<FrameScanner.Chunk> out)
            throws IOException {
        int size = framesStayValid ? CHUNK_FRAMES : 1;
        List<Frame> frames = new ArrayList<>(size);
        Frame f;
        IOException failure = null;
        try {
            while (!(stopAtFrame && stop.requested()) && (f = reader.next()) != null) {
                frames.add(f);
                if (frames.size() == size) {
                    FrameScanner.Chunk c = scanner.decode(new FrameScanner.Chunk(frames), deferFrom.applyAsInt(size));
                    addCaptureWarnings(reader, c);
                    out.accept(c);
                    frames = new ArrayList<>(size);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        FrameScanner.Chunk c = scanner.decode(new FrameScanner.Chunk(frames), deferFrom.applyAsInt(frames.size()));
        addCaptureWarnings(reader, c);
        out.accept(c);
        if (failure != null) {
            throw failure;
        }
    }

    /** Adds a scanned chunk to the report and hands its messages, in order, to the statistics. */
    private void apply(FrameScanner.Chunk c) {
        report.packets += c.frames.size();
        for (PacketCount k : PACKET_COUNTS) {
            report.add(k, c.get(k));
        }
        for (UnwrapCount k : UNWRAP_COUNTS) {
            report.add(k, c.unwrapped[k.ordinal()]);
        }
        for (Diagnostic w : c.captureWarnings) {
            report.warn(w);
        }
        for (Diagnostic p : c.problems) {
            if (malformedPacketWarnings++ < MALFORMED_WARNINGS) {
                report.warn(p);
            }
        }
        // The capture's own clock, frame by frame (not the times HEP agents or logs give their messages: a log may
        // well list them out of order, as Zeek's sip.log does, and then no reordering of the file is wrong).
        for (org.sipanalyzer.capture.Frame f : c.frames) {
            long t = f.timestampNanos();
            if (latestNanos > Long.MIN_VALUE + BACKWARDS_NANOS && t < latestNanos - BACKWARDS_NANOS) {
                if (backwards++ == 0) {
                    firstBackwardsFrame = f.number();
                    firstBackwardsNanos = latestNanos - t;
                }
            } else if (t > latestNanos) {
                latestNanos = t;
            }
        }
        for (FrameScanner.Found found : c.found) {
            SipMessage m = found.message();
            CodeLookup code = m instanceof SipMessage.Response r ? catalogue.lookup(r.statusCode()) : null;
            RetransmissionDetector.Repeat repeat = retransmissions.check(found.keyA(), found.keyB(),
                    found.timestampNanos());
            SipEvent e = new SipEvent(index, found.frame(), found.timestampNanos(), found.source(),
                    found.destination(), found.transport(), m, code, repeat != RetransmissionDetector.Repeat.FIRST,
                    repeat == RetransmissionDetector.Repeat.DUPLICATE, found.timed(), found.text());
            if (gate != null && !gate.keep(e)) {
                report.filteredOut++;
                continue; // a call the filter left out: none of its messages counts
            }
            if (found.strictRejection() != null) {
                report.add(PacketCount.STRICT_REJECTED, 1);
                if (strictWarnings++ < STRICT_WARNINGS) {
                    report.warn(Diagnostic.atFrame(Diagnostic.Kind.STRICT_REJECTED, found.frame(), -1, "frame "
                            + found.frame() + ": JAIN-SIP rejects the " + (m.isResponse() ? "response" : "request")
                            + " (" + m.firstLineShort() + "): " + found.strictRejection())
                            .onFlow(found.source() + " -> " + found.destination()));
                }
            }
            report.statistics.onEvent(e);
            if (!shared.isEmpty()) {
                shared.onEvent(e);
            }
        }
    }

    /** How far back a message's time may go (captures merged from several interfaces go back a little). */
    static final long BACKWARDS_NANOS = 1_000_000_000L;

    private void summarise() {
        if (backwards > 0) {
            report.warn(Diagnostic.atFrame(Diagnostic.Kind.TIME_BACKWARDS, firstBackwardsFrame, -1, backwards
                    + (backwards == 1 ? " frame has" : " frames have")
                    + " a time more than a second before an earlier one's (the first: frame " + firstBackwardsFrame
                    + ", " + String.format(java.util.Locale.ROOT, "%.3f", firstBackwardsNanos / 1e9)
                    + " s back): the capture's clock was set back, or the file was merged out of order; delays and"
                    + " retransmissions around them may be wrong (reorder it with 'reordercap IN OUT')"));
        }
        var r = report.reassembly;
        if (r != null) {
            if (r.datagramsIncomplete() > 0) {
                warn(Diagnostic.Kind.MISSING_FRAGMENTS, (r.datagramsIncomplete() == 1
                        ? "1 IP datagram missed a fragment and was not analysed (flow: "
                        : r.datagramsIncomplete() + " IP datagrams missed a fragment and were not analysed (flows: ")
                        + String.join(", ", r.incompleteDatagramFlows()) + ")");
            }
            if (r.tcpGapBytes() > 0) {
                warn(Diagnostic.Kind.TCP_GAP, r.tcpGapBytes()
                        + " bytes of TCP streams were never captured (loss, or streams begun"
                        + " before the capture); " + r.tcpSkippedBytes()
                        + " bytes were skipped to find the next message");
            }
            if (r.tcpUnfinishedMessages() > 0) {
                warn(Diagnostic.Kind.TCP_UNFINISHED, r.tcpUnfinishedMessages()
                        + " messages over TCP were cut off by the end of their stream or"
                        + " of the capture");
            }
            if (r.bytesDroppedForLimit() > 0 || r.flowsDroppedForLimit() > 0 || r.datagramsDroppedForLimit() > 0
                    || r.oversizeMessages() > 0) {
                warn(Diagnostic.Kind.REASSEMBLY_LIMIT, "reassembly limits reached: " + r.bytesDroppedForLimit()
                        + " bytes, " + r.flowsDroppedForLimit() + " TCP directions, " + r.datagramsDroppedForLimit()
                        + " IP datagrams dropped, " + r.oversizeMessages() + " messages over the size limit;"
                        + " raise the limits (docs/limits.md) to keep them");
            }
            if (r.encryptedFlowCount() > 0) {
                warn(Diagnostic.Kind.ENCRYPTED_FLOWS, r.encryptedFlowCount() + " encrypted (TLS) flows, not analysed: "
                        + String.join(", ", r.encryptedFlows()));
            }
            long unopened = report.count(UnwrapCount.HEP_COMPRESSED_UNOPENED);
            if (unopened > 0) {
                warn(Diagnostic.Kind.HEP_COMPRESSED,
                        unopened + " HEP packets carry a compressed payload that could not be opened");
            }
        }
        var sctp = report.reassembly;
        if (sctp != null && sctp.sctpPiecesUnfinished() > 0) {
            warn(Diagnostic.Kind.SCTP_UNFINISHED, sctp.sctpPiecesUnfinished()
                    + " pieces of SCTP messages (DATA chunks without both B and E)"
                    + " never made a whole message (a piece lost, or the end of the capture); the SIP in them is not"
                    + " counted");
        }
        if (report.unsupportedLink() > 0) {
            warn(Diagnostic.Kind.UNSUPPORTED_LINK,
                    report.unsupportedLink() + " frames have a link type that is not decoded");
        }
        if (report.malformedPackets() > MALFORMED_WARNINGS) {
            warn(Diagnostic.Kind.UNDECODABLE_FRAME, report.malformedPackets() + " frames in all were undecodable");
        }
        if (report.truncatedFrames() > 0 && !textLog) { // a log's cut-off messages have a warning of their own
            warn(Diagnostic.Kind.SNAP_LENGTH, report.truncatedFrames() == 1
                    ? "1 frame was cut short by the capture's snap length"
                    : report.truncatedFrames() + " frames were cut short by the capture's snap length");
        }
        if (report.retransmissionKeysEvicted > 0) {
            warn(Diagnostic.Kind.RETRANSMISSION_TABLE_FULL, report.retransmissionKeysEvicted
                    + " messages were forgotten by the retransmission detector"
                    + " (table full); later retransmissions of them count as unique");
        }
        if (report.strictRejected() > STRICT_WARNINGS) {
            warn(Diagnostic.Kind.STRICT_REJECTED,
                    report.strictRejected() + " messages in all were rejected by JAIN-SIP");
        }
    }
}
