package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.net.ReassemblyLimits;
import org.sipanalyzer.testing.SyntheticCapture;

/**
 * The decoding thread scans the payloads of a chunk's first frames and leaves the rest to the counting thread: wherever
 * the chunk is cut, the messages found, their order, the counts and the problems are those of a chunk scanned whole
 * as it is decoded (UDP, TCP streams reassembled across chunks, dense SIP and floods, the last frame cut short).
 */
class ScanSharingTest {

    /** Every frame of a generated capture, each with its own copy of its bytes. */
    private static List<Frame> frames(String kind, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticCapture.write(out, 6_000, seed, kind);
        byte[] capture = out.toByteArray();
        capture = Arrays.copyOf(capture, capture.length - 300); // the last frame cut short
        List<Frame> frames = new ArrayList<>();
        try (CaptureReader r = CaptureOpener.open(new ByteArrayInputStream(capture), 262_144)) {
            Frame f;
            while ((f = r.next()) != null) {
                byte[] d = Arrays.copyOfRange(f.data(), f.offset(), f.offset() + f.length());
                frames.add(new Frame(f.number(), f.timestampNanos(), f.linkType(), f.interfaceId(), d, 0, d.length,
                        f.originalLength(), f.fileOffset()));
            }
        }
        return frames;
    }

    /** What a chunk holds for the counting thread, as text to compare. */
    private static String summary(FrameScanner.Chunk c) {
        StringBuilder b = new StringBuilder();
        b.append(Arrays.toString(c.counts)).append(Arrays.toString(c.unwrapped)).append(Arrays.toString(c.withSip))
                .append(Arrays.toString(c.undecodable)).append(c.problems).append('\n');
        for (FrameScanner.Found f : c.found) {
            b.append(f.frame()).append(' ').append(f.timestampNanos()).append(' ').append(f.source()).append(' ')
                    .append(f.destination()).append(' ').append(f.transport()).append(' ').append(f.message())
                    .append(' ').append(f.keyA()).append(' ').append(f.keyB()).append('\n');
        }
        return b.toString();
    }

    private static List<String> decode(List<Frame> frames, int chunkFrames, int deferFrom) {
        FrameScanner decoding = new FrameScanner(false, ReassemblyLimits.defaults(), false);
        SipStage counting = new SipStage(false, false);
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < frames.size(); i += chunkFrames) {
            FrameScanner.Chunk c = decoding.decode(new FrameScanner.Chunk(
                    frames.subList(i, Math.min(frames.size(), i + chunkFrames))), deferFrom);
            FrameScanner.scanUnits(c, counting);
            assertTrue(!c.pending && c.units.isEmpty());
            chunks.add(summary(c));
        }
        chunks.add(summary(decoding.finish()));
        return chunks;
    }

    @Test
    void whereverAChunkIsCutTheSameMessagesComeOutInTheSameOrder() throws IOException {
        for (String kind : List.of("tcp", "sip-only", "flood", "rtp-mix")) {
            List<Frame> frames = frames(kind, 7);
            List<String> whole = decode(frames, 500, Integer.MAX_VALUE);
            assertTrue(whole.stream().mapToInt(s -> s.split("\n").length).sum() > 1_000, kind + ": messages found");
            for (int deferFrom : new int[] {0, 1, 137, 250, 499}) {
                assertEquals(whole, decode(frames, 500, deferFrom), kind + ", frames from " + deferFrom + " left");
            }
        }
    }

    @Test
    void theDecodingThreadTakesMoreWhileChunksWaitAndLessWhileNoneDoes() {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
        InputAnalysis.ScanSharing sharing = new InputAnalysis.ScanSharing(queue);
        assertEquals(2048 * 15 / 16, sharing.deferFrom(2048), "the counting thread waits: a sixteenth is left to it");
        for (int i = 0; i < 20; i++) {
            sharing.deferFrom(2048);
        }
        assertEquals(2048 / 4, sharing.deferFrom(2048), "never less than a quarter scanned while decoding");
        queue.add(1);
        assertEquals(2048 / 4, sharing.deferFrom(2048), "one chunk waiting: the share holds");
        queue.add(2);
        assertEquals(2048 * 5 / 16, sharing.deferFrom(2048), "two waiting: the decoding thread scans more");
        for (int i = 0; i < 20; i++) {
            sharing.deferFrom(2048);
        }
        assertEquals(Integer.MAX_VALUE, sharing.deferFrom(2048), "all of it, as long as the counting thread lags");
    }
}
