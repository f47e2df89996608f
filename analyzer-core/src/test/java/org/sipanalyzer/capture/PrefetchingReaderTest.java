package org.sipanalyzer.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.testing.CaptureWriter;

/** Frames read ahead stay as they were read until released, and released batches are filled again. */
class PrefetchingReaderTest {

    private static final int FRAMES = 3_000;

    /** Frame {@code i}'s bytes: its own length (60 to 1,500) and pattern, so that a frame overwritten is seen. */
    private static byte[] frame(int i) {
        byte[] b = new byte[60 + new Random(i).nextInt(1_441)];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (i * 31 + k);
        }
        return b;
    }

    private static byte[] capture() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter.Pcap w = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 65535);
        for (int i = 0; i < FRAMES; i++) {
            w.packet(1_700_000_000_000_000_000L + i * 1_000L, frame(i));
        }
        return out.toByteArray();
    }

    private static PrefetchingReader open(byte[] capture) throws IOException {
        return open(capture, true);
    }

    private static PrefetchingReader open(byte[] capture, boolean recycle) throws IOException {
        return new PrefetchingReader(CaptureOpener.open(new ByteArrayInputStream(capture),
                CaptureOpener.DEFAULT_MAX_FRAME_BYTES), recycle);
    }

    private static void assertIntact(Frame f, int i) {
        assertEquals(i + 1, f.number());
        byte[] got = new byte[f.length()];
        System.arraycopy(f.data(), f.offset(), got, 0, f.length());
        assertArrayEquals(frame(i), got, "frame " + (i + 1));
    }

    @Test
    void framesHeldUnreleasedStayIntactWhileReleasedBatchesAreFilledAgain() throws IOException {
        try (SmallBatches small = SmallBatches.poisoned(16 * 1024); PrefetchingReader r = open(capture())) {
            ArrayDeque<Frame> held = new ArrayDeque<>();
            Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
            Random lag = new Random(7);
            int read = 0;
            int released = 0;
            Frame f;
            while ((f = r.next()) != null) {
                arrays.add(f.data());
                held.add(f);
                read++;
                // Hold a varying window of frames (up to about eight batches' worth), as chunks in flight are held.
                int keep = lag.nextInt(80);
                while (held.size() > keep) {
                    assertIntact(held.poll(), released);
                    released++;
                    r.release(released);
                }
            }
            while (!held.isEmpty()) {
                assertIntact(held.poll(), released++);
            }
            assertEquals(FRAMES, read);
            // About 2.3 MB went through batches of 16 KB: some 140 batches, refilled from a pool of a few.
            assertTrue(arrays.size() < 30, arrays.size() + " arrays for " + FRAMES + " frames");
        }
    }

    /** Reads the whole capture, keeping every frame (releasing each as read when asked), then checks them all. */
    private static void readAllKeepingEveryFrame(boolean recycle, boolean release) throws IOException {
        try (SmallBatches small = SmallBatches.poisoned(16 * 1024); PrefetchingReader r = open(capture(), recycle)) {
            List<Frame> all = new ArrayList<>();
            Frame f;
            while ((f = r.next()) != null) {
                all.add(f);
                if (release) {
                    r.release(all.size());
                }
            }
            assertEquals(FRAMES, all.size());
            for (int i = 0; i < FRAMES; i++) {
                assertIntact(all.get(i), i);
            }
        }
    }

    /**
     * A reader that does not recycle, released or not, never fills a batch again: every frame it gave stays as
     * read.
     */
    @Test
    void aReaderThatDoesNotRecycleKeepsEveryFrame() throws IOException {
        readAllKeepingEveryFrame(false, true);
    }

    @Test
    void aConsumerThatNeverReleasesKeepsEveryFrame() throws IOException {
        readAllKeepingEveryFrame(true, false);
    }

    @Test
    void releasingMoreThanWasHandedOutReleasesOnlyWhatWas() throws IOException {
        try (SmallBatches small = SmallBatches.poisoned(16 * 1024); PrefetchingReader r = open(capture())) {
            Frame first = r.next();
            r.release(Long.MAX_VALUE); // the batch of the first frame is handed out: it may be released
            List<Frame> later = new ArrayList<>();
            Frame f;
            while ((f = r.next()) != null) {
                later.add(f);
            }
            assertEquals(FRAMES - 1, later.size());
            for (int i = 0; i < later.size(); i++) {
                assertIntact(later.get(i), i + 1); // none of these was released, whatever the count said
            }
            assertEquals(1, first.number());
        }
    }
}
