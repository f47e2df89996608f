package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.testing.SyntheticCapture;

/**
 * Damage is contained: captures with bytes flipped anywhere (headers, lengths, payloads), cut anywhere, or
 * with whole regions zeroed are analysed to the end with warnings, never an exception, never a hang, and the
 * statistics never fail.
 */
class DamagedCapturesTest {

    /**
     * A damaged copy of {@code base}, its first {@code keep} bytes left alone: by turns up to {@code flips} bits
     * flipped, the end cut off anywhere, or up to {@code zeroes} bytes zeroed from anywhere.
     */
    private static byte[] damage(byte[] base, int i, Random rnd, int keep, int flips, int zeroes) {
        byte[] b = base.clone();
        switch (i % 3) {
            case 0 -> {
                for (int k = 0; k < 1 + rnd.nextInt(flips); k++) {
                    b[keep + rnd.nextInt(b.length - keep)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, keep + rnd.nextInt(b.length - keep));
            default -> {
                int from = keep + rnd.nextInt(b.length - keep);
                java.util.Arrays.fill(b, from, Math.min(b.length, from + rnd.nextInt(zeroes)), (byte) 0);
            }
        }
        return b;
    }

    @Test
    void flippedCutAndZeroedCapturesNeverBreakTheAnalysis() throws IOException {
        ByteArrayOutputStream clean = new ByteArrayOutputStream();
        SyntheticCapture.write(clean, 3_000, 23, false);
        ByteArrayOutputStream tcp = new ByteArrayOutputStream();
        SyntheticCapture.write(tcp, 3_000, 29, true);
        Random rnd = new Random(99);
        int runs = 0;
        for (byte[] base : List.of(clean.toByteArray(), tcp.toByteArray())) {
            for (int i = 0; i < 60; i++) {
                byte[] b = damage(base, i, rnd, 24, 200, 5000);
                CallTracker calls = new CallTracker(CallOptions.defaults());
                AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                        .analyze(List.of(AnalysisInput.stream("damaged", new ByteArrayInputStream(b))), List.of(calls));
                calls.finish();
                assertTrue(r.inputs().get(0).readable(), r.inputs().get(0).error());
                assertEquals(List.of(), r.failedListeners());
                assertTrue(r.inputs().get(0).packets() > 0);
                assertTrue(r.inputs().get(0).warnings().stream().noneMatch(w -> w.contains("could not be analysed")),
                        () -> "a decoder failed instead of reporting damage: " + r.inputs().get(0).warnings());
                runs++;
            }
        }
        assertEquals(120, runs);
    }

    /** The same for the formats without a pcap header: the corpus's ERF and Network Monitor captures. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"trex__sip_short1_v6-0-ex.erf", "sipnab__c07-sip-r2.cap"})
    void damagedErfAndNetmonCapturesNeverBreakTheAnalysis(String name) throws IOException {
        byte[] base = java.nio.file.Files.readAllBytes(
                org.sipanalyzer.testing.SharedData.require("corpus/captures").resolve(name));
        Random rnd = new Random(name.hashCode());
        for (int i = 0; i < 90; i++) {
            byte[] b = damage(base, i, rnd, 4, 40, 2000); // the magic stays
            CallTracker calls = new CallTracker(CallOptions.defaults());
            AnalysisResult r = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults())
                    .analyze(List.of(AnalysisInput.stream("damaged", new ByteArrayInputStream(b))), List.of(calls));
            calls.finish();
            InputReport in = r.inputs().get(0);
            // Damage to the first record or header may leave nothing recognisable: then one line says so.
            assertTrue(in.readable() || in.error().lines().count() == 1, in.error());
            assertEquals(List.of(), r.failedListeners());
            assertTrue(in.warnings().stream().noneMatch(w -> w.contains("could not be analysed")),
                    () -> "a reader or decoder failed instead of reporting damage: " + in.warnings());
        }
    }
}
