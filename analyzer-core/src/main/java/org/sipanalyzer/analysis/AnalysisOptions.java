package org.sipanalyzer.analysis;

import java.time.Duration;
import org.sipanalyzer.capture.CaptureOpener;

/**
 * Every limit and switch of an analysis, in one immutable object (documented in docs/limits.md).
 *
 * @param maxFrameBytes the largest captured frame accepted; a record claiming more is corrupt and ends its input
 * @param retransmissionWindow how long after a message an identical one still counts as its retransmission
 * @param maxTrackedMessages how many message keys the retransmission detector remembers per input
 * @param maxWarningsPerInput how many individual warnings are listed per input; the rest are counted
 * @param strict whether every SIP message is also parsed by JAIN-SIP and its rejections reported
 * @param threads how many inputs are analysed at once
 * @param prefetch whether each input is read on a thread of its own, ahead of the analysis
 * @param scanThreads threads that scan one prefetched input's frames: 0 scans on the analysing thread, -1
 *     chooses (cores - 1 from three cores up, else 0)
 */
public record AnalysisOptions(int maxFrameBytes, Duration retransmissionWindow, int maxTrackedMessages,
        int maxWarningsPerInput, boolean strict, int threads, boolean prefetch, int scanThreads) {

    public AnalysisOptions {
        if (maxFrameBytes < 1024 || maxFrameBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be 1 KiB to 64 MiB, not " + maxFrameBytes);
        }
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
        if (scanThreads < -1) {
            throw new IllegalArgumentException("scanThreads must be -1 (automatic), 0 or more");
        }
    }

    /** The defaults: 256 KiB frames, a 64 s retransmission window (RFC 3261 Timer B), 1M keys, 50 warnings. */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(CaptureOpener.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(64), 1_000_000, 50, false,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                Runtime.getRuntime().availableProcessors() > 1, -1);
    }

    public AnalysisOptions withStrict(boolean s) {
        return new AnalysisOptions(maxFrameBytes, retransmissionWindow, maxTrackedMessages, maxWarningsPerInput, s,
                threads, prefetch, scanThreads);
    }

    public AnalysisOptions withThreads(int t) {
        return new AnalysisOptions(maxFrameBytes, retransmissionWindow, maxTrackedMessages, maxWarningsPerInput, strict,
                t, prefetch, scanThreads);
    }

    public AnalysisOptions withMaxFrameBytes(int m) {
        return new AnalysisOptions(m, retransmissionWindow, maxTrackedMessages, maxWarningsPerInput, strict, threads,
                prefetch, scanThreads);
    }

    public AnalysisOptions withRetransmissionWindow(Duration w) {
        return new AnalysisOptions(maxFrameBytes, w, maxTrackedMessages, maxWarningsPerInput, strict, threads, prefetch,
                scanThreads);
    }

    public AnalysisOptions withScanThreads(int n) {
        return new AnalysisOptions(maxFrameBytes, retransmissionWindow, maxTrackedMessages, maxWarningsPerInput, strict,
                threads, prefetch, n);
    }

    /** The scan threads to use for one input. */
    int effectiveScanThreads() {
        if (!prefetch) {
            return 0;
        }
        if (scanThreads >= 0) {
            return scanThreads;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return cores >= 3 ? cores - 1 : 0;
    }

    public AnalysisOptions withPrefetch(boolean p) {
        return new AnalysisOptions(maxFrameBytes, retransmissionWindow, maxTrackedMessages, maxWarningsPerInput, strict,
                threads, p, scanThreads);
    }
}
