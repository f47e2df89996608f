package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoppableInputStreamTest {

    @Test
    void everyByteOfASourceArrivesThenItsEnd() throws Exception {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        try (StoppableInputStream in = new StoppableInputStream(new ByteArrayInputStream(data), new StopSignal())) {
            assertArrayEquals(data, in.readAllBytes());
            assertEquals(-1, in.read());
        }
    }

    /** A pipe whose writer stays open and quiet ends at a stop, after the bytes already written. */
    @Test
    void aStopEndsAQuietSourceAfterWhatItSent() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream source = new PipedInputStream(writer, 1 << 16);
        writer.write("INVITE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        writer.flush();
        StopSignal stop = new StopSignal();
        try (StoppableInputStream in = new StoppableInputStream(source, stop)) {
            byte[] first = new byte[6];
            assertEquals(6, in.readNBytes(first, 0, 6));
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stop.request("a test");
            });
            stopper.start();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            in.transferTo(rest); // blocks on the quiet pipe until the stop
            assertEquals(0, rest.size(), "nothing more was written");
            assertEquals("a test", stop.reason());
            stopper.join(5_000);
        } finally {
            writer.close();
        }
    }
}
