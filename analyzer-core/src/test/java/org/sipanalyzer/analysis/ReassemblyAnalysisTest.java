package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipanalyzer.testing.Packets.ACK_PSH;
import static org.sipanalyzer.testing.Packets.FIN;
import static org.sipanalyzer.testing.Packets.SYN;
import static org.sipanalyzer.testing.Packets.ascii;
import static org.sipanalyzer.testing.Packets.ipv4;
import static org.sipanalyzer.testing.Packets.tcpFrame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.net.ReassemblyStats;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.sip.SipMessage;
import org.sipanalyzer.testing.CaptureWriter;
import org.sipanalyzer.testing.Packets;

/** Reassembly seen from the analysis: exact message counts whatever the segmentation, order and loss. */
class ReassemblyAnalysisTest {

    static final byte[] CLIENT = ipv4(192, 0, 2, 10);
    static final byte[] SERVER = ipv4(192, 0, 2, 20);

    static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.10:40000;branch=z9hG4bK1\r\nFrom: <sip:alice@example.com>;tag=a\r\n"
            + "To: <sip:bob@example.com>\r\nCall-ID: tcp-call\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
            + "l: 28\r\n\r\nv=0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\n";
    static final String BYE = "BYE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.10:40000;branch=z9hG4bK2\r\nFrom: <sip:alice@example.com>;tag=a\r\n"
            + "To: <sip:bob@example.com>;tag=b\r\nCall-ID: tcp-call\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
    static final String OPTIONS = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.10:40000;branch=z9hG4bK3\r\nFrom: <sip:alice@example.com>;tag=a\r\n"
            + "To: <sip:bob@example.com>\r\nCall-ID: tcp-opt\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    /** Three messages with keep-alive blank lines between them, as one client byte stream. */
    static final byte[] STREAM = ascii(INVITE + "\r\n\r\n" + BYE + OPTIONS);
    static final long ISN = 4_294_967_000L; // close to 2^32: the stream wraps around

    private final List<SipEvent> events = new ArrayList<>();

    private AnalysisResult analyze(List<byte[]> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureWriter.Pcap w = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 262144);
        long t = 1_000_000_000L;
        for (byte[] f : frames) {
            w.packet(t += 1_000_000, f);
        }
        events.clear();
        StatisticsListener collect = new org.sipanalyzer.testing.CollectingListener(events);
        return new Analyzer(Catalogue.standard(), AnalysisOptions.defaults().withPrefetch(false))
                .analyze(List.of(AnalysisInput.stream("t", new ByteArrayInputStream(out.toByteArray()))),
                        List.of(collect));
    }

    private static byte[] segment(long seq, byte[] data, int from, int to) {
        return tcpFrame(CLIENT, 40000, SERVER, 5060, (seq + from) & 0xffffffffL, ACK_PSH,
                Arrays.copyOfRange(data, from, to));
    }

    private static byte[] syn() {
        return tcpFrame(CLIENT, 40000, SERVER, 5060, ISN - 1, SYN, new byte[0]);
    }

    private static byte[] fin(int length) {
        return tcpFrame(CLIENT, 40000, SERVER, 5060, (ISN + length) & 0xffffffffL, FIN | 0x10, new byte[0]);
    }

    private List<String> methods() {
        return events.stream().map(e -> e.message() instanceof SipMessage.Request r ? r.method() : null).toList();
    }

    @Test
    void everySplitOfTheStreamInTwoSegmentsGivesTheSameThreeMessages() throws IOException {
        for (int cut = 1; cut < STREAM.length; cut++) {
            AnalysisResult r = analyze(List.of(syn(), segment(ISN, STREAM, 0, cut), segment(ISN, STREAM, cut,
                    STREAM.length), fin(STREAM.length)));
            assertEquals(List.of("INVITE", "BYE", "OPTIONS"), methods(), "cut at " + cut);
            assertEquals(0, r.total().malformed(), "cut at " + cut);
            ReassemblyStats s = r.inputs().get(0).reassembly();
            assertEquals(0, s.tcpUnfinishedMessages() + s.tcpGapBytes() + s.tcpSkippedBytes(), "cut at " + cut);
        }
    }

    @Test
    void everySplitDeliveredOutOfOrderToo() throws IOException {
        for (int cut = 1; cut < STREAM.length; cut += 3) {
            analyze(List.of(syn(), segment(ISN, STREAM, cut, STREAM.length), segment(ISN, STREAM, 0, cut),
                    fin(STREAM.length)));
            assertEquals(List.of("INVITE", "BYE", "OPTIONS"), methods(), "cut at " + cut);
        }
    }

    @Test
    void shuffledRetransmittedAndOverlappingSegments() throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (int from = 0; from < STREAM.length; from += 37) {
            frames.add(segment(ISN, STREAM, from, Math.min(STREAM.length, from + 37)));
            frames.add(segment(ISN, STREAM, Math.max(0, from - 10), Math.min(STREAM.length, from + 50))); // overlap
        }
        Collections.shuffle(frames, new java.util.Random(3));
        frames.add(0, syn());
        frames.add(fin(STREAM.length));
        AnalysisResult r = analyze(frames);
        assertEquals(List.of("INVITE", "BYE", "OPTIONS"), methods());
        assertEquals(0, r.total().retransmissions(), "TCP retransmissions are not SIP retransmissions");
        assertTrue(r.inputs().get(0).reassembly().tcpRetransmittedSegments() > 0);
        assertEquals(Transport.TCP, events.get(0).transport());
        assertEquals("192.0.2.10:40000", events.get(0).source().toString());
    }

    @Test
    void severalMessagesInOneSegmentAndTheFrameThatCompletesEach() throws IOException {
        int inviteEnd = INVITE.length();
        analyze(List.of(syn(), segment(ISN, STREAM, 0, inviteEnd - 5), segment(ISN, STREAM, inviteEnd - 5,
                STREAM.length)));
        assertEquals(List.of("INVITE", "BYE", "OPTIONS"), methods());
        assertEquals(List.of(3L, 3L, 3L), events.stream().map(SipEvent::frame).toList());
    }

    @Test
    void aStreamBegunBeforeTheCaptureResynchronisesOnTheNextMessage() throws IOException {
        int from = 50; // inside the INVITE's headers; no SYN was captured
        AnalysisResult r = analyze(List.of(segment(ISN, STREAM, from, STREAM.length)));
        assertEquals(List.of("BYE", "OPTIONS"), methods());
        ReassemblyStats s = r.inputs().get(0).reassembly();
        assertTrue(s.tcpSkippedBytes() >= INVITE.length() - from, "skipped " + s.tcpSkippedBytes());
    }

    @Test
    void aLostSegmentCostsOnlyTheMessageItFellIn() throws IOException {
        int lostFrom = 100;
        int lostTo = 160; // inside the INVITE
        List<byte[]> frames = new ArrayList<>(List.of(syn(), segment(ISN, STREAM, 0, lostFrom)));
        for (int from = lostTo; from < STREAM.length; from += 40) {
            frames.add(segment(ISN, STREAM, from, Math.min(STREAM.length, from + 40)));
        }
        AnalysisResult r = analyze(frames);
        ReassemblyStats s = r.inputs().get(0).reassembly();
        // The hole is never filled: at the end of the capture it is counted lost, the INVITE it cut is unfinished
        // (nothing is guessed), and the messages queued after it are framed after a resynchronisation.
        assertEquals(List.of("BYE", "OPTIONS"), methods());
        assertEquals(lostTo - lostFrom, s.tcpGapBytes());
        assertEquals(1, s.tcpUnfinishedMessages());
        assertTrue(s.tcpSkippedBytes() > 0);
    }

    @Test
    void tlsFlowsAreNamedNotAnalysed() throws IOException {
        byte[] hello = {0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0x00, 0x00, 0x3c, 0x03, 0x03};
        AnalysisResult r = analyze(List.of(tcpFrame(CLIENT, 40001, SERVER, 5061, 1000, ACK_PSH, hello)));
        ReassemblyStats s = r.inputs().get(0).reassembly();
        assertEquals(1, s.encryptedFlowCount());
        assertEquals(List.of("192.0.2.10:40001 > 192.0.2.20:5061 (TLS)"), s.encryptedFlows());
        assertTrue(r.inputs().get(0).warnings().stream().anyMatch(w -> w.contains("encrypted (TLS) flows")));
        assertEquals(0, r.total().messages().count());
        byte[] appData = {0x17, 0x03, 0x03, 0x00, 0x20, 0x11, 0x22, 0x33};
        AnalysisResult mid = analyze(List.of(tcpFrame(SERVER, 5061, CLIENT, 40001, 5000, ACK_PSH, appData)));
        assertEquals(1, mid.inputs().get(0).reassembly().encryptedFlowCount(),
                "a TLS connection whose start was not captured is recognised by its application data");
    }

    @Test
    void sipOverWebSocketAtEverySplit() throws IOException {
        String upgrade = "GET / HTTP/1.1\r\nHost: sip.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] invite = ascii(INVITE);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        client.writeBytes(ascii(upgrade));
        client.writeBytes(Packets.webSocketFrame(true, 2, mask, invite)); // a binary frame
        // A fragmented message: text frame without FIN, a ping in between, then the continuation.
        byte[] bye = ascii(BYE);
        client.writeBytes(Packets.webSocketFrame(false, 1, mask, Arrays.copyOfRange(bye, 0, 40)));
        client.writeBytes(Packets.webSocketFrame(true, 9, mask, new byte[0]));
        client.writeBytes(Packets.webSocketFrame(true, 0, mask, Arrays.copyOfRange(bye, 40, bye.length)));
        byte[] stream = client.toByteArray();
        String accept = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Protocol: sip\r\n\r\n";
        String ok = "SIP/2.0 200 OK\r\nVia: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK2\r\n"
                + "From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>;tag=b\r\nCall-ID: tcp-call\r\n"
                + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        server.writeBytes(ascii(accept));
        server.writeBytes(Packets.webSocketFrame(true, 1, null, ascii(ok)));
        byte[] back = server.toByteArray();
        for (int cut = 1; cut < stream.length; cut++) {
            AnalysisResult r = analyze(List.of(
                    tcpFrame(CLIENT, 40002, SERVER, 443, 100, ACK_PSH, Arrays.copyOfRange(stream, 0, cut)),
                    tcpFrame(CLIENT, 40002, SERVER, 443, 100 + cut, ACK_PSH,
                            Arrays.copyOfRange(stream, cut, stream.length)),
                    tcpFrame(SERVER, 443, CLIENT, 40002, 900, ACK_PSH, back)));
            assertEquals(List.of("INVITE", "BYE"), events.stream().filter(e -> !e.isResponse())
                    .map(e -> e.message() instanceof SipMessage.Request q ? q.method() : null).toList(),
                    "cut at " + cut);
            assertEquals(1, r.total().responses().count(), "cut at " + cut);
            assertEquals(Transport.WS, events.get(0).transport());
            assertEquals(3, r.inputs().get(0).reassembly().webSocketMessages());
        }
    }

    /** An SCTP DATA chunk (RFC 9260): type 0, flags (B=2, E=1), length, TSN, stream, sequence, PPID, data. */
    private static byte[] dataChunk(int flags, byte[] data) {
        return dataChunk(flags, 1, data);
    }

    private static byte[] dataChunk(int flags, long tsn, byte[] data) {
        java.nio.ByteBuffer c = java.nio.ByteBuffer.allocate((16 + data.length + 3) & ~3);
        c.put((byte) 0).put((byte) flags).putShort((short) (16 + data.length)).putInt((int) tsn).putShort((short) 0)
                .putShort((short) 0).putInt(0).put(data);
        return c.array();
    }

    /** An SCTP packet from the client to the server carrying {@code chunks}. */
    private static byte[] sctpFrame(byte[]... chunks) {
        int len = 12;
        for (byte[] c : chunks) {
            len += c.length;
        }
        java.nio.ByteBuffer sctp = java.nio.ByteBuffer.allocate(len);
        sctp.putShort((short) 5060).putShort((short) 5060).putInt(42).putInt(0);
        for (byte[] c : chunks) {
            sctp.put(c);
        }
        return Packets.ethernet(0x0800, Packets.ipv4Packet(CLIENT, SERVER, 132, sctp.array()));
    }

    @Test
    void sipOverSctpPiecesAreReassembledInAnyOrder() throws IOException {
        byte[] invite = ascii(INVITE);
        int third = invite.length / 3;
        byte[] p1 = Arrays.copyOfRange(invite, 0, third);
        byte[] p2 = Arrays.copyOfRange(invite, third, 2 * third);
        byte[] p3 = Arrays.copyOfRange(invite, 2 * third, invite.length);
        long wrap = 0xffffffffL; // the TSNs wrap around inside the message: 2^32-1, 0, 1
        AnalysisResult r = analyze(List.of(
                sctpFrame(dataChunk(1, 1, p3)),                                   // the last piece first
                sctpFrame(dataChunk(2, wrap, p1), dataChunk(3, 2, ascii(OPTIONS))), // a whole message beside it
                sctpFrame(dataChunk(0, 0, p2)),
                sctpFrame(dataChunk(0, 0, p2)),                                   // retransmitted piece
                sctpFrame(dataChunk(2, 20, p1), dataChunk(1, 22, p3))));          // 21 never comes
        assertEquals(List.of("OPTIONS", "INVITE"), methods(), "the INVITE completes with its middle piece");
        SipEvent inv = events.get(1);
        assertEquals(Transport.SCTP, inv.transport());
        assertTrue(inv.message().isWellFormed(), inv.message().problems().toString());
        assertEquals(1, r.inputs().get(0).reassembly().sctpReassembled());
        assertEquals(2, r.inputs().get(0).reassembly().sctpPiecesUnfinished(), "the pieces of the message never whole");
        assertTrue(r.inputs().get(0).warnings().stream().anyMatch(w -> w.contains("pieces of SCTP messages")),
                r.inputs().get(0).warnings().toString());
    }

    @Test
    void sipOverSctpOneMessagePerDataChunk() throws IOException {
        byte[] a = dataChunk(3, ascii(INVITE));
        byte[] b = dataChunk(3, ascii(OPTIONS));
        byte[] piece = dataChunk(2, ascii("BYE sip:bob@example.com SIP/2.0\r\n")); // the first piece of a message
        java.nio.ByteBuffer sctp = java.nio.ByteBuffer.allocate(12 + a.length + b.length + piece.length);
        sctp.putShort((short) 5060).putShort((short) 5060).putInt(42).putInt(0).put(a).put(b).put(piece);
        byte[] frame = Packets.ethernet(0x0800, Packets.ipv4Packet(CLIENT, SERVER, 132, sctp.array()));
        AnalysisResult r = analyze(List.of(frame));
        assertEquals(List.of("INVITE", "OPTIONS"), methods());
        assertEquals(Transport.SCTP, events.get(0).transport());
        assertEquals(1, r.inputs().get(0).sctpPackets());
        assertEquals(1, r.inputs().get(0).sctpFragments());
        assertTrue(r.inputs().get(0).warnings().stream().anyMatch(w -> w.contains("pieces of SCTP messages")),
                "the BYE's first piece never found the rest: " + r.inputs().get(0).warnings());
    }

    @Test
    void sctpPiecesFromEndlessDirectionsStayBounded() throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) { // first pieces that never find the rest, each from its own port
            java.nio.ByteBuffer sctp = java.nio.ByteBuffer.allocate(12 + 20);
            sctp.putShort((short) (1024 + i)).putShort((short) 5060).putInt(42).putInt(0)
                    .put(dataChunk(2, i, ascii("INVI")));
            frames.add(Packets.ethernet(0x0800, Packets.ipv4Packet(CLIENT, SERVER, 132, sctp.array())));
        }
        AnalysisResult r = analyze(frames);
        assertEquals(12_000, r.inputs().get(0).reassembly().sctpPiecesUnfinished(), "every piece accounted for");
        assertTrue(r.inputs().get(0).reassembly().flowsDroppedForLimit() >= 2_000, "the idlest directions went first");
    }

    @Test
    void hepOverUdpUsesTheEncapsulatedAddressesAndTime() throws IOException {
        byte[] inner = ascii(OPTIONS);
        byte[] v3 = Packets.hep3(ipv4(10, 9, 8, 7), 5080, ipv4(10, 9, 8, 6), 5060, 1_600_000_000L, 250_000, inner);
        byte[] v2 = Packets.hep2(ipv4(10, 1, 1, 1), 5062, ipv4(10, 1, 1, 2), 5064, 1_600_000_001L, 500_000, inner);
        AnalysisResult r = analyze(List.of(Packets.udpFrame(CLIENT, 40000, SERVER, 9060, v3),
                Packets.udpFrame(CLIENT, 40000, SERVER, 9063, v2)));
        assertEquals(2, events.size());
        assertEquals("10.9.8.7:5080", events.get(0).source().toString());
        assertEquals("10.9.8.6:5060", events.get(0).destination().toString());
        assertEquals(1_600_000_000_250_000_000L, events.get(0).timestampNanos());
        assertEquals("10.1.1.1:5062", events.get(1).source().toString());
        assertEquals(1_600_000_001_500_000_000L, events.get(1).timestampNanos());
        assertEquals(2, r.inputs().get(0).count(UnwrapCount.HEP_PACKETS));
    }

    @Test
    void hepOverTcpAtEverySplit() throws IOException {
        byte[] a = Packets.hep3(ipv4(10, 9, 8, 7), 5080, ipv4(10, 9, 8, 6), 5060, 1_600_000_000L, 0, ascii(INVITE));
        byte[] b = Packets.hep3(ipv4(10, 9, 8, 6), 5060, ipv4(10, 9, 8, 7), 5080, 1_600_000_000L, 1, ascii(OPTIONS));
        byte[] stream = new byte[a.length + b.length];
        System.arraycopy(a, 0, stream, 0, a.length);
        System.arraycopy(b, 0, stream, a.length, b.length);
        for (int cut = 1; cut < stream.length; cut++) {
            analyze(List.of(
                    tcpFrame(CLIENT, 40003, SERVER, 9061, 7, ACK_PSH, Arrays.copyOfRange(stream, 0, cut)),
                    tcpFrame(CLIENT, 40003, SERVER, 9061, 7 + cut, ACK_PSH,
                            Arrays.copyOfRange(stream, cut, stream.length))));
            assertEquals(List.of("INVITE", "OPTIONS"), methods(), "cut at " + cut);
            assertEquals("10.9.8.7:5080", events.get(0).source().toString());
        }
    }

    @Test
    void ipv4FragmentsOutOfOrderDuplicatedAndOverlapping() throws IOException {
        byte[] udp = Packets.udp(5060, 5060, ascii(INVITE));
        byte[][] f = Packets.ipv4Fragments(CLIENT, SERVER, 77, udp, 96, 200);
        byte[][] overlap = Packets.ipv4Fragments(CLIENT, SERVER, 77, udp, 48, 152);
        AnalysisResult r = analyze(List.of(f[2], f[1], f[1], overlap[1], f[0]));
        assertEquals(List.of("INVITE"), methods());
        assertEquals(0, r.total().malformed());
        ReassemblyStats s = r.inputs().get(0).reassembly();
        assertEquals(1, s.datagramsReassembled());
        assertEquals(1, s.fragmentsDuplicate());
        assertEquals(2, s.fragmentsOverlapping(), "[48,152) over [96,200), then [0,96) over [48,96)");
        assertEquals(5, r.inputs().get(0).ipFragments());
    }

    @Test
    void aResponseWithAHugeReasonPhraseOverTcpIsFound() throws IOException {
        // A 60 KB reason phrase arriving in 1,400-byte segments: the status line ends only in the 44th segment.
        byte[] busy = ascii("SIP/2.0 486 Busy " + "x".repeat(60_000)
                + "\r\nVia: SIP/2.0/TCP 192.0.2.10:40000;branch=z9hG4bK1"
                + "\r\nFrom: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>;tag=b\r\nCall-ID: tcp-inv"
                + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        List<byte[]> frames = new ArrayList<>();
        for (int from = 0; from < busy.length; from += 1400) {
            frames.add(tcpFrame(SERVER, 5060, CLIENT, 40000, 1000 + from, ACK_PSH,
                    Arrays.copyOfRange(busy, from, Math.min(busy.length, from + 1400))));
        }
        AnalysisResult r = analyze(frames);
        assertEquals(1, events.size(), r.inputs().get(0).warnings().toString());
        assertEquals(486, ((SipMessage.Response) events.get(0).message()).statusCode());
    }

    @Test
    void tunnelsInsideFragmentedDatagramsAreOpened() throws IOException {
        // SIP in GRE, IP-in-IP, GTP-U and VXLAN, each tunnel packet fragmented by the outer IP layer (as GTP-U is
        // every day in mobile networks): the inner SIP and its inner addresses, never a decoding failure.
        byte[] inner = Packets.ipv4Packet(ipv4(192, 0, 2, 1), ipv4(198, 51, 100, 7), 17,
                Packets.udp(5060, 5080, ascii(INVITE)));
        java.nio.ByteBuffer gre = java.nio.ByteBuffer.allocate(4 + inner.length);
        gre.putShort((short) 0).putShort((short) 0x0800).put(inner);
        java.nio.ByteBuffer gtp = java.nio.ByteBuffer.allocate(8 + inner.length);
        gtp.put((byte) 0x30).put((byte) 0xff).putShort((short) inner.length).putInt(0x1234).put(inner);
        byte[] innerFrame = Packets.ethernet(0x0800, inner);
        java.nio.ByteBuffer vx = java.nio.ByteBuffer.allocate(8 + innerFrame.length);
        vx.put((byte) 0x08).put(new byte[3]).putInt(42 << 8).put(innerFrame);
        List<byte[]> frames = new ArrayList<>();
        int id = 100;
        for (Object[] t : new Object[][] {{47, gre.array()}, {4, inner}, {17, Packets.udp(2152, 2152, gtp.array())},
            {17, Packets.udp(49152, 4789, vx.array())}}) {
            byte[] payload = (byte[]) t[1];
            byte[][] f = Packets.ipv4Fragments(ipv4(10, 0, 0, 1), ipv4(10, 0, 0, 2), (int) t[0], id++, payload, 200);
            frames.add(f[1]);
            frames.add(f[0]);
        }
        AnalysisResult r = analyze(frames);
        assertEquals(List.of("INVITE", "INVITE", "INVITE", "INVITE"), methods());
        assertEquals(4, r.inputs().get(0).reassembly().datagramsReassembled());
        assertTrue(r.inputs().get(0).warnings().isEmpty(), r.inputs().get(0).warnings().toString());
        for (SipEvent e : events) {
            assertEquals("192.0.2.1:5060", e.source().toString());
            assertEquals("198.51.100.7:5080", e.destination().toString());
        }
    }

    @Test
    void ipv6FragmentsAndAMissingOneThatIsReportedNotGuessed() throws IOException {
        byte[] src = Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
        byte[] dst = Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2);
        byte[] udp = Packets.udp(5060, 5060, ascii(INVITE));
        byte[][] whole = Packets.ipv6Fragments(src, dst, 5, udp, 104);
        byte[][] broken = Packets.ipv6Fragments(src, dst, 6, udp, 104, 208);
        AnalysisResult r = analyze(List.of(whole[1], whole[0], broken[0], broken[2]));
        assertEquals(List.of("INVITE"), methods());
        ReassemblyStats s = r.inputs().get(0).reassembly();
        assertEquals(1, s.datagramsReassembled());
        assertEquals(1, s.datagramsIncomplete());
        assertEquals(List.of("2001:db8::1 > 2001:db8::2"), s.incompleteDatagramFlows());
        assertTrue(r.inputs().get(0).warnings().stream().anyMatch(w -> w.contains("missed a fragment")));
    }
}
