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
                byte[] b = base.clone();
                switch (i % 3) {
                    case 0 -> {
                        for (int k = 0; k < 1 + rnd.nextInt(200); k++) {
                            b[24 + rnd.nextInt(b.length - 24)] ^= (byte) (1 << rnd.nextInt(8));
                        }
                    }
                    case 1 -> b = java.util.Arrays.copyOf(b, 24 + rnd.nextInt(b.length - 24));
                    default -> {
                        int from = 24 + rnd.nextInt(b.length - 24);
                        java.util.Arrays.fill(b, from, Math.min(b.length, from + rnd.nextInt(5000)), (byte) 0);
                    }
                }
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
            byte[] b = base.clone();
            switch (i % 3) {
                case 0 -> {
                    for (int k = 0; k < 1 + rnd.nextInt(40); k++) {
                        b[4 + rnd.nextInt(b.length - 4)] ^= (byte) (1 << rnd.nextInt(8)); // the magic stays
                    }
                }
                case 1 -> b = java.util.Arrays.copyOf(b, 4 + rnd.nextInt(b.length - 4));
                default -> {
                    int from = 4 + rnd.nextInt(b.length - 4);
                    java.util.Arrays.fill(b, from, Math.min(b.length, from + rnd.nextInt(2000)), (byte) 0);
                }
            }
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
