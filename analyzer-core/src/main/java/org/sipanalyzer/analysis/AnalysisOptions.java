package org.sipanalyzer.analysis;

import java.time.Duration;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.net.ReassemblyLimits;

/**
 * Every switch and limit of an analysis, in one immutable object (documented in docs/limits.md).
 *
 * @param maxFrameBytes the largest captured frame accepted; a record claiming more is corrupt and ends its input
 * @param reassembly the bounds of IP fragment and TCP stream reassembly
 * @param retransmissionWindow how long after a message an identical one still counts as its retransmission
 * @param maxTrackedMessages how many message keys the retransmission detector remembers per input
 * @param maxWarningsPerInput how many individual warnings are listed per input; the rest are counted
 * @param strict whether every SIP message is also parsed by JAIN-SIP and its rejections reported
 * @param threads how many inputs are analysed at once
 * @param prefetch whether each input is read on a thread of its own, ahead of the analysis
 * @param duplicateWindow a message repeated sooner than this is the same packet captured twice, not a
 *     retransmission (SIP's timers start at T1 = 500 ms)
 * @param maxDecompressedBytes how far a gzip input is decompressed before it is stopped with a warning
 * @param keepText whether each {@link SipEvent} carries its message's text (up to {@link SipEvent#MAX_TEXT}
 *     characters), for header filters and ladders; off by default, since it copies every message
 * @param scanThreads how many threads scan the SIP of one input read ahead ({@code prefetch}), the payloads of a
 *     chunk of frames at a time, in parallel; results are applied in capture order whatever order they finish in.
 *     1 scans on the thread that decodes
 * @param callThreads how many threads follow the calls of one analysis, each the calls of a share of the Call-IDs
 *     ({@code CallShards}): the results are those of one thread, past the bound on open calls aside (docs/limits.md).
 *     1 follows them on the thread that counts; 0, the default, chooses: {@link #defaultCallThreads} when the inputs
 *     are large enough for it to pay, else 1
 */
public record AnalysisOptions(int maxFrameBytes, ReassemblyLimits reassembly, Duration retransmissionWindow,
        int maxTrackedMessages, int maxWarningsPerInput, boolean strict, int threads, boolean prefetch,
        Duration duplicateWindow, long maxDecompressedBytes, boolean keepText, int scanThreads, int callThreads)
        implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The most scanning threads one input may have. */
    public static final int MAX_SCAN_THREADS = 64;
    /** The most threads that follow calls. */
    public static final int MAX_CALL_THREADS = 64;


    public AnalysisOptions {
        if (maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("maxDecompressedBytes must be at least 1");
        }
        if (maxFrameBytes < 1024 || maxFrameBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be 1 KiB to 64 MiB, not " + maxFrameBytes);
        }
        java.util.Objects.requireNonNull(reassembly, "reassembly");
        if (retransmissionWindow.isNegative()) {
            throw new IllegalArgumentException("retransmissionWindow must not be negative");
        }
        if (maxTrackedMessages < 1) {
            throw new IllegalArgumentException("maxTrackedMessages must be at least 1");
        }
        if (maxWarningsPerInput < 0) {
            throw new IllegalArgumentException("maxWarningsPerInput must not be negative");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (scanThreads < 1 || scanThreads > MAX_SCAN_THREADS) {
            throw new IllegalArgumentException("scanThreads must be 1 to " + MAX_SCAN_THREADS + ", not " + scanThreads);
        }
        if (callThreads < 0 || callThreads > MAX_CALL_THREADS) {
            throw new IllegalArgumentException("callThreads must be 0 (chosen) to " + MAX_CALL_THREADS + ", not "
                    + callThreads);
        }
        if (duplicateWindow.isNegative()) {
            throw new IllegalArgumentException("duplicateWindow must not be negative");
        }
    }

    /**
     * The defaults: 256 KiB frames, {@link ReassemblyLimits#defaults()}, a 64 s retransmission window (RFC 3261
     * Timer B), 200,000 keys, 50 warnings, one input at a time (each input's tables are bounded, so N inputs at
     * once need up to N times the memory), and, when there is a second core, the pipeline of reading, decoding with
     * scanning, and counting, each on its own thread; with more than two cores, scanning on threads of its own
     * ({@link #defaultScanThreads}).
     */
    public static AnalysisOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new AnalysisOptions(CaptureOpener.DEFAULT_MAX_FRAME_BYTES, ReassemblyLimits.defaults(),
                Duration.ofSeconds(64), 200_000, 50, false, 1, cores > 1, Duration.ofMillis(10),
                CaptureOpener.DEFAULT_MAX_DECOMPRESSED_BYTES, false, defaultScanThreads(cores), 0);
    }

    /**
     * The cores less one, at most 8; 1 (scanning on the decoding thread) on two cores or fewer, where the reading,
     * decoding and counting threads already keep both busy and more threads only cost (docs/performance.md).
     */
    public static int defaultScanThreads(int cores) {
        return cores <= 2 ? 1 : Math.min(cores - 1, 8);
    }

    /**
     * 1 below four cores, where the counting thread keeps up with the others (a thread more only costs); then one
     * thread more for every four cores, at most 4: following calls takes about a fifth of the work of a dense capture,
     * scanning about two fifths (docs/performance.md).
     */
    public static int defaultCallThreads(int cores) {
        return cores < 4 ? 1 : Math.min(cores / 4 + 1, 4);
    }

    public AnalysisOptions withMaxFrameBytes(int m) {
        return new AnalysisOptions(m, reassembly, retransmissionWindow, maxTrackedMessages, maxWarningsPerInput, strict,
                threads, prefetch, duplicateWindow, maxDecompressedBytes, keepText, scanThreads, callThreads);
    }

    public AnalysisOptions withReassembly(ReassemblyLimits r) {
        return new AnalysisOptions(maxFrameBytes, r, retransmissionWindow, maxTrackedMessages, maxWarningsPerInput,
                strict, threads, prefetch, duplicateWindow, maxDecompressedBytes, keepText, scanThreads, callThreads);
    }

    public AnalysisOptions withRetransmissionWindow(Duration w) {
        return new AnalysisOptions(maxFrameBytes, reassembly, w, maxTrackedMessages, maxWarningsPerInput, strict,
                threads, prefetch, duplicateWindow, maxDecompressedBytes, keepText, scanThreads, callThreads);
    }

    public AnalysisOptions withStrict(boolean s) {
        return new AnalysisOptions(maxFrameBytes, reassembly, retransmissionWindow, maxTrackedMessages,
                maxWarningsPerInput, s, threads, prefetch, duplicateWindow, maxDecompressedBytes, keepText,
                scanThreads, callThreads);
    }

    public AnalysisOptions withThreads(int t) {
        return new AnalysisOptions(maxFrameBytes, reassembly, retransmissionWindow, maxTrackedMessages,
                maxWarningsPerInput, strict, t, prefetch, duplicateWindow, maxDecompressedBytes, keepText,
                scanThreads, callThreads);
    }

    public AnalysisOptions withDuplicateWindow(Duration d) {
        return new AnalysisOptions(maxFrameBytes, reassembly, retransmissionWindow, maxTrackedMessages,
                maxWarningsPerInput, strict, threads, prefetch, d, maxDecompressedBytes, keepText,
                scanThreads, callThreads);
    }

    public AnalysisOptions withPrefetch(boolean p) {
        return new AnalysisOptions(maxFrameBytes, reassembly, retransmissionWindow, maxTrackedMessages,
                maxWarningsPerInput, strict, threads, p, duplicateWindow, maxDecompressedBytes, keepText,
                scanThreads, callThreads);
    }

    public AnalysisOptions withMaxDecompressedBytes(long m) {
        return new AnalysisOptions(maxFrameBytes, reassembly, retransmissionWindow, maxTrackedMessages,
                maxWarningsPerInput, strict, threads, prefetch, duplicateWindow, m, keepText, scanThreads, callThreads);
    }

    public AnalysisOptions withKeepText(boolean k) {
        return new AnalysisOptions(maxFrameBytes, reassembly, retransmissionWindow, maxTrackedMessages,
                maxWarningsPerInput, strict, threads, prefetch, duplicateWindow, maxDecompressedBytes, k,
                scanThreads, callThreads);
    }

    public AnalysisOptions withScanThreads(int n) {
        return new AnalysisOptions(maxFrameBytes, reassembly, retransmissionWindow, maxTrackedMessages,
                maxWarningsPerInput, strict, threads, prefetch, duplicateWindow, maxDecompressedBytes, keepText,
                n, callThreads);
    }

    public AnalysisOptions withCallThreads(int n) {
        return new AnalysisOptions(maxFrameBytes, reassembly, retransmissionWindow, maxTrackedMessages,
                maxWarningsPerInput, strict, threads, prefetch, duplicateWindow, maxDecompressedBytes, keepText,
                scanThreads, n);
    }
}
