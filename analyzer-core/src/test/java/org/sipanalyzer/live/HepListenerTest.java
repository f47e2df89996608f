package org.sipanalyzer.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.decode.DecodedPacket;
import org.sipanalyzer.decode.PacketDecoder;

/**
 * The collector receives what Kamailio's siptrace sent in the sample (samples/kamailio-hep.pcap: 148 HEP3 packets,
 * made by samples/make-hep-sample.sh), over UDP and over TCP, and its analysis equals the analysis of the sample
 * file: the same messages, calls and HEP packets.
 */
class HepListenerTest {

    private static final Path SAMPLE = Path.of(System.getProperty("sipanalyzer.samples", "../samples"))
            .resolve("kamailio-hep.pcap");

    /** The UDP payloads of the sample: the HEP packets Kamailio sent. */
    private static List<byte[]> hepPackets() throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (CaptureReader r = CaptureOpener.open(java.nio.file.Files.newInputStream(SAMPLE),
                CaptureOpener.DEFAULT_MAX_FRAME_BYTES)) {
            PacketDecoder decoder = new PacketDecoder();
            Frame f;
            while ((f = r.next()) != null) {
                DecodedPacket p = decoder.decode(f);
                if (p.kind() == DecodedPacket.Kind.PAYLOAD) {
                    byte[] b = new byte[p.payloadLength()];
                    System.arraycopy(p.payloadData(), p.payloadOffset(), b, 0, b.length);
                    out.add(b);
                }
            }
        }
        return out;
    }

    private static SipAnalysis analysis() {
        return new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(), CallOptions.defaults());
    }

    /**
     * A stop (SIGINT) while packets wait for the analysis: the source ends its stream after what it had received, and
     * all of that is analysed, not only what the analysis had reached. Here the stop comes with the first read.
     */
    @Test
    void whatWasReceivedBeforeAStopIsAllAnalysed() throws Exception {
        byte[] capture = java.nio.file.Files.readAllBytes(Path.of(System.getProperty("sipanalyzer.samples",
                "../samples")).resolve("sipp-calls-udp.pcap"));
        assertTrue(capture.length > 64 * 1024, "more than one read's worth");
        org.sipanalyzer.analysis.StopSignal stop = new org.sipanalyzer.analysis.StopSignal();
        java.io.InputStream received = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(capture)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                stop.request("SIGINT"); // the source had received all of it; it ends its stream at its end
                return super.read(b, off, len);
            }
        };
        SipAnalysis.Result r = analysis().withStop(stop).run(List.of(AnalysisInput.live("live", received)));
        assertEquals(176, r.analysis().total().messages().count(), "samples/README.md: 176 messages");
    }

    /**
     * A TCP sender of what is not HEP3 (plain SIP, say) is closed and counted as refused; senders that come and go
     * leave nothing held; a second collector on a UDP port in use is refused, as on a TCP one.
     */
    @Test
    void sendersThatAreNotHepAreRefusedAndNothingIsHeldForSendersGone() throws Exception {
        HepListener l = new HepListener(List.of(new HepListener.Bind(true, "127.0.0.1", 0),
                new HepListener.Bind(false, "127.0.0.1", 0)), null);
        try {
            InetSocketAddress tcp = l.bound().get(0);
            try (Socket s = new Socket(tcp.getAddress(), tcp.getPort()); OutputStream o = s.getOutputStream()) {
                o.write(("INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKa\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            for (int i = 0; i < 50; i++) {
                new Socket(tcp.getAddress(), tcp.getPort()).close();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((l.refused() < 1 || l.socketsHeld() > 2) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, l.refused(), "the plain SIP sender");
            assertEquals(2, l.socketsHeld(), "the two bound sockets, no sender gone");
            InetSocketAddress udp = l.bound().get(1);
            assertThrows(java.net.BindException.class, () -> new HepListener(List.of(
                    new HepListener.Bind(false, "127.0.0.1", udp.getPort())), null));
        } finally {
            l.close();
        }
    }

    @Test
    void whatArrivesOverUdpAndTcpIsAnalysedAsTheSampleFileIs() throws Exception {
        List<byte[]> packets = hepPackets();
        assertEquals(148, packets.size());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        SipAnalysis.Result fromFile = analysis().run(List.of(AnalysisInput.file(SAMPLE)));
        for (boolean tcp : new boolean[] {false, true}) {
            written.reset();
            HepListener l = new HepListener(List.of(new HepListener.Bind(tcp, "127.0.0.1", 0)), written);
            try {
                CompletableFuture<SipAnalysis.Result> run = CompletableFuture.supplyAsync(() -> {
                    try {
                        return analysis().run(List.of(AnalysisInput.live("hep", l.capture(), l::losses)));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                InetSocketAddress to = l.bound().get(0);
                if (tcp) {
                    try (Socket s = new Socket(to.getAddress(), to.getPort()); OutputStream o = s.getOutputStream()) {
                        for (byte[] p : packets) {
                            o.write(p);
                        }
                    }
                } else {
                    try (DatagramSocket s = new DatagramSocket()) {
                        for (byte[] p : packets) {
                            s.send(new DatagramPacket(p, p.length, to));
                            Thread.sleep(1); // loopback: no drop, but no burst beyond the socket's buffer either
                        }
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (l.packets() < packets.size() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(packets.size(), l.packets(), (tcp ? "TCP" : "UDP") + ": every packet received");
                l.close();
                SipAnalysis.Result live = run.get(20, TimeUnit.SECONDS);
                assertEquals(fromFile.analysis().total().messages().count(),
                        live.analysis().total().messages().count(), "the same SIP messages");
                assertEquals(fromFile.calls().total(), live.calls().total(), "the same calls");
                assertEquals(fromFile.metrics().get("asr").orElseThrow().value(),
                        live.metrics().get("asr").orElseThrow().value(), 1e-9);
                assertEquals(0, l.dropped());
                assertEquals(null, l.losses());
                assertEquals(List.of(), live.analysis().inputs().get(0).warnings(), "nothing lost, nothing said");
                if (tcp) {
                    assertEquals(-1, l.droppedByKernel(), "no UDP socket: the kernel's count does not apply");
                } else if (java.nio.file.Files.isReadable(Path.of("/proc/net/udp"))) {
                    assertEquals(0, l.droppedByKernel(), "read when the socket closed");
                }
            } finally {
                l.close();
            }
            // What --write kept is a capture of its own, with the same analysis.
            AnalysisResult kept = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults()).analyze(List.of(
                    AnalysisInput.stream("kept.pcapng", new java.io.ByteArrayInputStream(written.toByteArray()))));
            assertEquals("pcapng", kept.inputs().get(0).format());
            assertEquals(fromFile.analysis().total().messages().count(), kept.total().messages().count());
        }
    }

    /** What a live source lost before the analysis saw it is a warning of the input, in every report. */
    @Test
    void whatTheSourceLostIsAWarningOfTheInput() throws Exception {
        LiveSource lossy = new LiveSource() {
            @Override
            public java.io.InputStream capture() {
                return java.io.InputStream.nullInputStream();
            }

            @Override
            public long packets() {
                return 10;
            }

            @Override
            public long dropped() {
                return 3;
            }

            @Override
            public long droppedByKernel() {
                return 2;
            }

            @Override
            public String describe() {
                return "a test source";
            }

            @Override
            public void close() {
            }
        };
        assertEquals("3 packets dropped because the analysis fell behind, 2 dropped by the kernel (its receive buffer"
                + " was full)", lossy.losses());
        SipAnalysis.Result r = analysis().run(List.of(AnalysisInput.live("hep", java.nio.file.Files.newInputStream(
                SAMPLE), lossy::losses)));
        assertEquals(List.of(lossy.losses()), r.analysis().inputs().get(0).warnings());
        assertEquals(148, r.analysis().inputs().get(0).packets(), "and the rest analysed");
    }

    @Test
    void whereToListenIsParsedOrRefusedWithAnExample() {
        assertEquals(new HepListener.Bind(false, null, 9060), HepListener.Bind.parse("udp:9060"));
        assertEquals(new HepListener.Bind(true, "127.0.0.1", 9061), HepListener.Bind.parse("TCP:127.0.0.1:9061"));
        assertEquals(new HepListener.Bind(false, "::1", 9060), HepListener.Bind.parse("udp:[::1]:9060"));
        for (String bad : List.of("9060", "sctp:9060", "udp:70000", "udp:", "udp:host:port")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HepListener.Bind.parse(bad));
            assertTrue(e.getMessage().contains("udp:9060"), e.getMessage());
        }
    }
}
