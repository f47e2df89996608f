package org.sipanalyzer.analysis;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that scan one input's SIP, a decoded chunk per task ({@link FrameScanner#scanUnits}). Each thread has
 * its own {@link SipStage} (the scanner's caches, JAIN-SIP's parser), so no state is shared between tasks; the
 * caller keeps the results in capture order (a queue of the futures, in the order the chunks were decoded).
 */
final class ScanPool implements AutoCloseable {

    private final ExecutorService threads;
    private final ThreadLocal<SipStage> stages;

    ScanPool(AnalysisOptions options) {
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(options.scanThreads(), r -> {
            Thread t = new Thread(r, "sip-analyzer-scan-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.stages = ThreadLocal.withInitial(() -> new SipStage(options.strict(), options.keepText()));
    }

    /** The chunk, scanned on one of the threads. */
    CompletableFuture<FrameScanner.Chunk> scan(FrameScanner.Chunk decoded) {
        return CompletableFuture.supplyAsync(() -> FrameScanner.scanUnits(decoded, stages.get()), threads);
    }

    /**
     * The scanned chunk, once ready; a failure of the scan is thrown as it was (an Error stays an Error), as it would
     * have been on one thread.
     */
    static FrameScanner.Chunk result(CompletableFuture<?> scanning) {
        try {
            return (FrameScanner.Chunk) scanning.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("analysis interrupted", e);
        } catch (ExecutionException e) {
            throw Analyzer.asOnOneThread(e);
        } catch (CancellationException e) {
            throw new IllegalStateException("scanning cancelled", e);
        }
    }

    /** Stops the threads; scans still queued are dropped (the analysis has ended or failed). */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
