package org.sipanalyzer.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.decode.PacketDecoder;
import org.sipanalyzer.logs.LogReader;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.testing.CaptureWriter;
import org.sipanalyzer.testing.Packets;
import org.sipanalyzer.testing.SyntheticCapture;

/** Throughput of each stage, and of the whole analysis on an in-memory synthetic capture. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class StageBenchmarks {

    static final int CAPTURE_PACKETS = 200_000;
    static final int READER_FRAMES = 100_000;
    static final int LOG_BYTES = 16 * 1024 * 1024;

    private final SipScanner scanner = new SipScanner();
    private final PacketDecoder decoder = new PacketDecoder();
    private byte[] invite;
    private byte[] response;
    private byte[] rtp;
    private byte[] frame;
    private byte[] readerCapture;
    private byte[] synthetic;
    private Analyzer sequential;
    private Analyzer prefetching;
    private byte[] applicationLog;
    private byte[] blankLog;

    @Setup
    public void setUp() throws IOException {
        invite = Packets.ascii("INVITE sip:bob@10.2.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.1.0.7:5060;branch=z9hG4bK74bf9\r\nMax-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:alice@example.com>;tag=9fxced76sl\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: 3848276298220188511@10.1.0.7\r\nCSeq: 1 INVITE\r\nContact: <sip:alice@10.1.0.7:5060>\r\n"
                + "User-Agent: bench/1.0\r\nContent-Type: application/sdp\r\nContent-Length: 129\r\n\r\n"
                + "v=0\r\no=- 1 1 IN IP4 10.1.0.7\r\ns=-\r\nc=IN IP4 10.1.0.7\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n");
        response = Packets.ascii("SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 10.1.0.7:5060;branch=z9hG4bK74bf9\r\n"
                + "From: \"Alice\" <sip:alice@example.com>;tag=9fxced76sl\r\n"
                + "To: <sip:bob@example.com>;tag=8321234356\r\n"
                + "Call-ID: 3848276298220188511@10.1.0.7\r\nCSeq: 1 INVITE\r\n"
                + "Reason: Q.850;cause=17;text=\"User busy\"\r\nServer: bench/2.0\r\nContent-Length: 0\r\n\r\n");
        rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        frame = Packets.udpFrame(Packets.ipv4(10, 1, 0, 7), 5060, Packets.ipv4(10, 2, 0, 1), 5060, invite);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter.Pcap w = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 65535);
        for (int i = 0; i < READER_FRAMES; i++) {
            w.packet(i * 1000L, frame);
        }
        readerCapture = out.toByteArray();
        ByteArrayOutputStream syn = new ByteArrayOutputStream();
        SyntheticCapture.write(syn, CAPTURE_PACKETS, 1);
        synthetic = syn.toByteArray();
        sequential = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults().withPrefetch(false));
        prefetching = new Analyzer(Catalogue.standard(), AnalysisOptions.defaults().withPrefetch(true));
        applicationLog = sippLog(i -> "2026-12-02 10:00:" + String.format("%02d.%03d", i / 1000 % 60, i % 1000)
                + " INFO [worker-" + i % 16 + "] cache refreshed in " + i % 97 + " ms, " + i % 4099 + " entries\n");
        blankLog = sippLog(i -> "\n");
    }

    /** A SIPp -trace_msg log of {@link #LOG_BYTES}: one message, then the lines {@code line} makes, to the end. */
    private static byte[] sippLog(IntFunction<String> line) {
        StringBuilder b = new StringBuilder(
                "----------------------------------------------- 2026-12-02 07:52:55.911094\n"
                + "UDP message sent (297 bytes):\n\nBYE sip:alice@127.0.0.1:15061 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:15060;branch=z9hG4bK-21091-1-15\n"
                + "From: sipp <sip:sipp@127.0.0.1:15060>;tag=21091SIPpTag001\n"
                + "To: alice <sip:alice@127.0.0.1:15061>;tag=21040SIPpTag011\nCall-ID: 1-21091@127.0.0.1\n"
                + "CSeq: 2 BYE\nMax-Forwards: 70\nContent-Length: 0\n\n\n");
        for (int i = 0; b.length() < LOG_BYTES; i++) {
            b.append(line.apply(i));
        }
        b.setLength(LOG_BYTES);
        return Packets.ascii(b.toString());
    }

    @Benchmark
    public SipScanner.Scan scanInvite() {
        return scanner.scanDatagram(invite, 0, invite.length);
    }

    @Benchmark
    public SipScanner.Scan scanResponse() {
        return scanner.scanDatagram(response, 0, response.length);
    }

    @Benchmark
    public SipScanner.Scan rejectRtp() {
        return scanner.scanDatagram(rtp, 0, rtp.length);
    }

    @Benchmark
    public int decodeEthernetIpv4Udp() {
        return decoder.decode(1, frame, 0, frame.length).payloadLength();
    }

    @Benchmark
    @OperationsPerInvocation(READER_FRAMES)
    public long readPcapFrames() throws IOException {
        long n = 0;
        try (CaptureReader r = CaptureOpener.open(new ByteArrayInputStream(readerCapture), 262144)) {
            Frame f;
            while ((f = r.next()) != null) {
                n += f.length();
            }
        }
        return n;
    }

    /** Packets per second through the whole analysis, read on the analysing thread. */
    @Benchmark
    @OperationsPerInvocation(CAPTURE_PACKETS)
    public void analyzeSequential(Blackhole bh) {
        bh.consume(sequential.analyze(List.of(AnalysisInput.stream("bench", new ByteArrayInputStream(synthetic)))));
    }

    /** Packets per second through the whole analysis, read ahead on a second thread. */
    @Benchmark
    @OperationsPerInvocation(CAPTURE_PACKETS)
    public void analyzePrefetching(Blackhole bh) {
        bh.consume(prefetching.analyze(List.of(AnalysisInput.stream("bench", new ByteArrayInputStream(synthetic)))));
    }

    /** Bytes per second of a text log whose lines after the first message are application lines, not SIP. */
    @Benchmark
    @OperationsPerInvocation(LOG_BYTES)
    public int readLogApplicationLines() throws IOException {
        return readLog(applicationLog);
    }

    /** Bytes per second of a text log whose lines after the first message are empty. */
    @Benchmark
    @OperationsPerInvocation(LOG_BYTES)
    public int readLogBlankLines() throws IOException {
        return readLog(blankLog);
    }

    private static int readLog(byte[] log) throws IOException {
        int head = Math.min(log.length, CaptureOpener.HEAD_BYTES);
        LogReader r = LogReader.open(new ByteArrayInputStream(log), Arrays.copyOf(log, head), head, null);
        int n = 0;
        while (r.next() != null) {
            n++;
        }
        if (n != 1) {
            throw new IllegalStateException("the log holds one message, not " + n);
        }
        return n;
    }
}
