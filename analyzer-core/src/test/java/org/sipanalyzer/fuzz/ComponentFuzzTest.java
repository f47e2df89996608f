package org.sipanalyzer.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.sipanalyzer.capture.CaptureFormatException;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.CaptureWarning;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.decode.DecodedPacket;
import org.sipanalyzer.decode.GeneralDecoder;
import org.sipanalyzer.decode.Hep;
import org.sipanalyzer.decode.LinkType;
import org.sipanalyzer.decode.PacketDecoder;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.ReassemblyLimits;
import org.sipanalyzer.net.ReassemblyStats;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.reassembly.FragmentReassembler;
import org.sipanalyzer.reassembly.Reassembly;
import org.sipanalyzer.reassembly.StreamSink;
import org.sipanalyzer.testing.Packets;

/**
 * Each component that reads outside bytes, on its own, under Jazzer: the capture readers, gzip, the packet
 * decoders, the reassemblers and the stream framings. {@link FuzzTargetsTest}'s {@code analysis} target reaches
 * them all through the whole pipeline; here each gets inputs shaped for it, so the fuzzer spends its runs inside
 * it, and each checks the bounds it promises. An ordinary build replays the committed inputs in
 * src/test/resources/org/sipanalyzer/fuzz/ComponentFuzzTestInputs/TARGET/; {@code JAZZER_FUZZ=1} fuzzes one target.
 */
class ComponentFuzzTest {

    /** The frame limit the capture targets use: small, so that a record over it is within the fuzzer's reach. */
    private static final int MAX_FRAME = 4096;
    /** How many warnings a capture reader lists (Warnings.MAX_LISTED), plus its fatal one and gzip's. */
    private static final int MAX_WARNINGS = 1_000 + 2;
    /** The largest HEP payload accepted after decompression. */
    private static final int MAX_HEP_PAYLOAD = 1 << 20;
    /** Small limits, so that every one of them is reached by short inputs. */
    private static final ReassemblyLimits LIMITS = ReassemblyLimits.defaults().withMaxMessageBytes(1024)
            .withMaxBytesPerFlow(4096).withMaxBytesTotal(16 * 1024).withMaxFlows(2).withMaxPendingDatagrams(2)
            .withFlowIdleTimeout(Duration.ofSeconds(10)).withFragmentTimeout(Duration.ofSeconds(5));

    /**
     * Any bytes opened as a capture (pcap, pcapng, ERF, NetMon, by their magic): either a refusal that says why
     * in words, or frames that lie within their array, within the frame limit and numbered in order; never more
     * frames than bytes, the warnings bounded and in words.
     */
    @FuzzTest(maxDuration = "10m")
    void captures(byte[] input) {
        CaptureReader reader;
        try {
            reader = CaptureOpener.open(new ByteArrayInputStream(input), MAX_FRAME);
        } catch (IOException refused) {
            assertInWords(refused.getMessage());
            return;
        }
        long frames = readFrames(reader, input.length);
        if (!reader.isCompressed()) {
            assertTrue(frames <= input.length, "never more frames than bytes");
        }
    }

    /**
     * gzip as an input arrives: the bytes compressed whole, the compressed bytes cut anywhere, and the bytes
     * themselves after a gzip magic (a damaged header or stream). What is decompressed is the input, or a prefix
     * of it with the early end known; every error is in words, and a capture inside is read within its bounds.
     */
    @FuzzTest(maxDuration = "10m")
    void gzip(byte[] input) throws IOException {
        byte[] whole = gzipped(input);
        boolean nested = input.length >= 2 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b;
        try {
            CaptureOpener.Sniffed s = CaptureOpener.sniff(new ByteArrayInputStream(whole));
            assertFalse(nested, "gzip inside gzip is refused");
            assertTrue(s.compressed());
            assertArrayEquals(Arrays.copyOf(input, s.head().length), s.head(), "the head is the start of the input");
            assertArrayEquals(input, s.stream().readAllBytes(), "a whole gzip decompresses to the input");
            assertFalse(CaptureOpener.endedEarly(s));
        } catch (CaptureFormatException refused) {
            assertTrue(nested, refused.getMessage());
            assertInWords(refused.getMessage());
        }

        // Cut where the input's last byte says, anywhere from the magic to the trailer.
        int cut = input.length == 0 ? whole.length / 2 : (input[input.length - 1] & 0xff) * whole.length / 256;
        byte[] cutShort = Arrays.copyOf(whole, Math.max(2, cut));
        try {
            CaptureOpener.Sniffed s = CaptureOpener.sniff(new ByteArrayInputStream(cutShort));
            byte[] got = s.stream().readAllBytes();
            assertArrayEquals(Arrays.copyOf(input, got.length), got, "what a cut gzip gives is the input's start");
            assertTrue(CaptureOpener.endedEarly(s), "a cut gzip is known to have ended early");
        } catch (IOException refused) {
            assertInWords(refused.getMessage());
        }

        // The input itself as a gzip member (a damaged header, damaged data), opened as a capture.
        byte[] raw = new byte[input.length + 2];
        raw[0] = 0x1f;
        raw[1] = (byte) 0x8b;
        System.arraycopy(input, 0, raw, 2, input.length);
        for (byte[] compressed : new byte[][] {raw, cutShort}) {
            try {
                CaptureOpener.Sniffed s = CaptureOpener.sniff(new ByteArrayInputStream(compressed));
                CaptureReader reader = CaptureOpener.open(s, MAX_FRAME);
                readFrames(reader, Long.MAX_VALUE);
                if (CaptureOpener.endedEarly(s)) {
                    assertTrue(reader.warnings().stream().anyMatch(w -> w.fatal() && w.message().contains("gzip")),
                            "an early end is a warning: " + reader.warnings());
                }
            } catch (IOException refused) {
                assertInWords(refused.getMessage());
            }
        }
    }

    /** Reads every frame, checking each; returns how many there were. */
    private static long readFrames(CaptureReader reader, long bytes) {
        long n = 0;
        long last = 0;
        try (reader) {
            Frame f;
            while ((f = reader.next()) != null) {
                n++;
                assertTrue(n <= bytes, "never more frames than bytes");
                assertTrue(f.number() > last, "frames numbered in order");
                last = f.number();
                assertTrue(f.length() >= 0 && f.length() <= MAX_FRAME, "a frame within the limit: " + f.length());
                assertTrue(f.offset() >= 0 && f.offset() + f.length() <= f.data().length, "a frame within its array");
                assertTrue(f.originalLength() >= f.length());
                assertTrue(f.fileOffset() >= 0);
            }
        } catch (IOException failed) {
            assertInWords(failed.getMessage()); // a stream that fails mid-way (corrupt gzip data) says why
        }
        assertTrue(reader.warnings().size() <= MAX_WARNINGS, "warnings bounded: " + reader.warnings().size());
        assertTrue(reader.warningsNotListed() >= 0 && reader.truncatedFrames() >= 0);
        for (CaptureWarning w : reader.warnings()) {
            assertInWords(w.message());
        }
        return n;
    }

    /** The link types a capture may name: every one the fast path decodes, and some it leaves to pcap4j. */
    private static final int[] LINK_TYPES = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW_OPENBSD, LinkType.RAW_BSDI,
        LinkType.RAW, LinkType.LOOP, LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2,
        9 /* PPP */, 50 /* PPP in HDLC */, 105 /* 802.11 */, 127 /* radiotap */, 147 /* private */};

    /**
     * Any bytes as a frame of each link type, through the fast decoder and the general one (pcap4j), and as the
     * payload of a reassembled datagram. Byte 0 picks the link type, byte 1 the protocol of the datagram, the
     * rest is the frame, placed inside a larger array. Never throws; a payload, an SCTP chunk or a fragment's
     * data lies within the frame; the endpoints are IPv4 or IPv6 as the header says; damage says what it is.
     */
    @FuzzTest(maxDuration = "10m")
    void decoders(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int linkType = LINK_TYPES[(input[0] & 0xff) % LINK_TYPES.length];
        int protocol = input[1] & 0xff;
        int len = input.length - 2;
        int off = 3; // bytes before and after the frame that are not part of it
        byte[] data = new byte[off + len + 5];
        Arrays.fill(data, (byte) 0x45);
        System.arraycopy(input, 2, data, off, len);

        PacketDecoder fast = new PacketDecoder();
        DecodedPacket p = fast.decode(linkType, data, off, len);
        checkDecoded(p, data, off, len, true);
        checkDecoded(new GeneralDecoder().decode(linkType, data, off, len), data, off, len, false);

        byte[] addresses = protocol % 2 == 0 ? new byte[8] : new byte[32];
        p = fast.decodeTransport(addresses.length == 8 ? 4 : 6, addresses, protocol, data, off, len);
        checkDecoded(p, data, off, len, true);
    }

    private static void checkDecoded(DecodedPacket p, byte[] data, int off, int len, boolean fast) {
        int end = off + len;
        assertNotNull(p.kind());
        switch (p.kind()) {
            case MALFORMED -> assertFalse(p.problem() == null || p.problem().isBlank(), "damage says what it is");
            case PAYLOAD -> {
                assertNotNull(p.transport());
                assertTrue(p.payloadData() == data, "the payload is in the frame's array");
                assertTrue(p.payloadLength() >= 0 && p.payloadOffset() >= off
                        && p.payloadOffset() + p.payloadLength() <= end,
                        "the payload lies within the frame: " + p.payloadOffset() + "+" + p.payloadLength());
                for (int i = 0; i < p.sctpChunkCount(); i++) {
                    within(p.sctpChunkOffset(i), p.sctpChunkLength(i), off, end, "an SCTP chunk");
                }
                for (int i = 0; i < p.sctpPieceCount(); i++) {
                    within(p.sctpPieceOffset(i), p.sctpPieceLength(i), off, end, "an SCTP piece");
                }
                assertTrue(p.sctpChunkCount() <= DecodedPacket.MAX_SCTP_CHUNKS
                        && p.sctpPieceCount() <= DecodedPacket.MAX_SCTP_CHUNKS);
                checkEndpoint(p.source(), p.ipVersion());
                checkEndpoint(p.destination(), p.ipVersion());
                if (fast) {
                    assertTrue(p.tunnelDepth() >= 0 && p.tunnelDepth() <= 4, "tunnels nest at most 4 deep");
                }
            }
            case IP_FRAGMENT -> {
                assertTrue(p.ipVersion() == 4 || p.ipVersion() == 6);
                assertEquals(p.ipVersion() == 4 ? 8 : 32, p.addresses().length);
                if (fast) {
                    within(p.fragmentDataOffset(), p.fragmentDataLength(), off, end, "a fragment's data");
                    assertTrue(p.fragmentOffset() >= 0 && p.fragmentOffset() <= 65_528);
                }
            }
            default -> {
                // OTHER_IP, NOT_IP, UNSUPPORTED_LINK: nothing more to say
            }
        }
    }

    private static void within(int at, int length, int off, int end, String what) {
        assertTrue(length >= 0 && at >= off && at + length <= end,
                what + " lies within the frame: " + at + "+" + length);
    }

    private static void checkEndpoint(Endpoint e, int ipVersion) {
        assertEquals(ipVersion == 4 ? 4 : 16, e.addressLength(), "the address is as long as its version says");
        assertTrue(e.port() >= 0 && e.port() <= 65_535, "a port is 16 bits");
        assertFalse(e.host().isEmpty());
    }

    /**
     * A run of packets built from the input (a small program: TCP segments on three flows, IPv4 and IPv6
     * fragments of three datagrams, SCTP pieces, time passing), decoded and fed to the reassemblers as the
     * analysis feeds them. After every packet, the bytes held stay within the budget and the flows within
     * theirs; every message is within the message limit; counts are never negative; at the end, nothing is held.
     */
    @FuzzTest(maxDuration = "10m")
    void reassembly(byte[] input) {
        Script in = new Script(input);
        Sink sink = new Sink(LIMITS);
        Reassembly r = new Reassembly(LIMITS, sink);
        PacketDecoder decoder = new PacketDecoder();
        long now = 0;
        long frame = 0;
        while (in.more()) {
            byte[] packet = switch (in.u8() % 6) {
                case 0, 1 -> tcpPacket(in);
                case 2 -> ipv4Fragment(in);
                case 3 -> ipv6Fragment(in);
                case 4 -> sctpPacket(in);
                default -> {
                    now += in.u8() * 100_000_000L; // up to 25.5 s: past both time-outs
                    yield null;
                }
            };
            if (packet == null) {
                continue;
            }
            frame++;
            DecodedPacket p = decoder.decode(LinkType.RAW, packet, 0, packet.length);
            if (p.kind() == DecodedPacket.Kind.IP_FRAGMENT) {
                FragmentReassembler.Datagram whole = r.fragment(p, now);
                if (whole != null) {
                    assertTrue(whole.payload().length <= 65_535, "a datagram is at most 64 KiB");
                    p = decoder.decodeTransport(whole.ipVersion(), whole.addresses(), whole.protocol(),
                            whole.payload(), 0, whole.payload().length);
                }
            }
            if (p.kind() == DecodedPacket.Kind.PAYLOAD && p.transport() == Transport.TCP) {
                r.tcpSegment(p, frame, now);
            } else if (p.kind() == DecodedPacket.Kind.PAYLOAD && p.transport() == Transport.SCTP) {
                for (int i = 0; i < p.sctpPieceCount(); i++) {
                    byte[] message = r.sctpPiece(p, i);
                    assertTrue(message == null || message.length <= LIMITS.maxMessageBytes(),
                            "an SCTP message within the limit");
                }
            }
            checkBounds(r);
        }
        r.finish();
        checkBounds(r);
        assertEquals(0, r.bytesHeld(), "everything is given back at the end");
        assertEquals(0, r.openTcpDirections());
    }

    /** Three endpoints: flows A to B, B to A and C to B. */
    private static final byte[][] HOSTS = {Packets.ipv4(10, 0, 0, 1), Packets.ipv4(10, 0, 0, 2),
        Packets.ipv4(10, 0, 0, 3)};
    private static final byte[][] HOSTS6 = {Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1),
        Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2), Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 3)};
    private static final int[][] FLOWS = {{0, 1}, {1, 0}, {2, 1}};

    /** flow, flags (SYN, FIN, RST bits), sequence number (16 bits above the flow's base), length, payload. */
    private static byte[] tcpPacket(Script in) {
        int[] flow = FLOWS[in.u8() % FLOWS.length];
        int flags = (in.u8() & 0x07) | 0x10;
        long seq = 0xfffff000L + in.u16(); // near the 32-bit wrap
        byte[] payload = in.bytes(in.u16() % 2049);
        return Packets.ipv4Packet(HOSTS[flow[0]], HOSTS[flow[1]], 6,
                Packets.tcp(5060 + flow[0], 5060 + flow[1], seq, flags, payload));
    }

    /** datagram id (of three), offset in 8-byte units, the more-fragments flag, protocol, length, data. */
    private static byte[] ipv4Fragment(Script in) {
        int id = in.u8() % 3;
        int field = in.u16() & 0x3fff; // MF and the offset; a zero field is a whole datagram
        int protocol = PROTOCOLS[in.u8() % PROTOCOLS.length];
        byte[] data = in.bytes(in.u16() % 1481);
        byte[] ip = Packets.ipv4Packet(HOSTS[id], HOSTS[1], protocol, data, field);
        ip[5] = (byte) id;
        return ip;
    }

    /** The same for IPv6, with a fragment header. */
    private static byte[] ipv6Fragment(Script in) {
        int id = in.u8() % 3;
        int field = in.u16() & 0xfff9; // offset and the M flag
        int protocol = PROTOCOLS[in.u8() % PROTOCOLS.length];
        byte[] data = in.bytes(in.u16() % 1481);
        byte[] frag = new byte[8 + data.length];
        frag[0] = (byte) protocol;
        frag[2] = (byte) (field >>> 8);
        frag[3] = (byte) field;
        frag[7] = (byte) id;
        System.arraycopy(data, 0, frag, 8, data.length);
        return Packets.ipv6Packet(HOSTS6[id], HOSTS6[1], 44, frag);
    }

    private static final int[] PROTOCOLS = {17, 6, 132};

    /** flow, then one DATA chunk: B/E flags, TSN (8 bits above a base near the wrap), length, user data. */
    private static byte[] sctpPacket(Script in) {
        int[] flow = FLOWS[in.u8() % FLOWS.length];
        int flags = in.u8() & 0x03;
        long tsn = 0xffffff80L + in.u8();
        byte[] data = in.bytes(in.u16() % 1025);
        byte[] chunk = new byte[(16 + data.length + 3) & ~3];
        chunk[1] = (byte) flags;
        chunk[2] = (byte) ((16 + data.length) >>> 8);
        chunk[3] = (byte) (16 + data.length);
        for (int i = 0; i < 4; i++) {
            chunk[4 + i] = (byte) (tsn >>> (24 - 8 * i));
        }
        System.arraycopy(data, 0, chunk, 16, data.length);
        byte[] sctp = new byte[12 + chunk.length];
        sctp[0] = 0x13;
        sctp[1] = (byte) (0xc4 + flow[0]);
        sctp[2] = 0x13;
        sctp[3] = (byte) (0xc4 + flow[1]);
        System.arraycopy(chunk, 0, sctp, 12, chunk.length);
        return Packets.ipv4Packet(HOSTS[flow[0]], HOSTS[flow[1]], 132, sctp);
    }

    private static void checkBounds(Reassembly r) {
        assertTrue(r.bytesHeld() >= 0 && r.bytesHeld() <= LIMITS.maxBytesTotal(),
                "bytes held within the budget: " + r.bytesHeld());
        assertTrue(r.openTcpDirections() >= 0 && r.openTcpDirections() <= LIMITS.maxFlows(), "flows within the limit");
        ReassemblyStats s = r.stats();
        long[] counts = {s.datagramsReassembled(), s.datagramsIncomplete(), s.fragmentsDuplicate(),
            s.fragmentsOverlapping(), s.datagramsDroppedForLimit(), s.tcpDirections(), s.tcpRetransmittedSegments(),
            s.tcpOutOfOrderSegments(), s.tcpGapBytes(), s.tcpSkippedBytes(), s.tcpUnfinishedMessages(),
            s.bytesDroppedForLimit(), s.flowsDroppedForLimit(), s.oversizeMessages(), s.webSocketMessages(),
            s.hepUnframed(), s.sctpReassembled(), s.sctpPiecesUnfinished(),
            s.encryptedFlowCount()};
        for (int i = 0; i < counts.length; i++) {
            assertTrue(counts[i] >= 0, "count " + i + " is negative: " + counts[i]);
        }
        assertTrue(s.incompleteDatagramFlows().size() <= ReassemblyStats.MAX_LISTED);
        assertTrue(s.encryptedFlows().size() <= ReassemblyStats.MAX_LISTED);
    }

    private static final byte[] HANDSHAKE = ("GET /sip HTTP/1.1\r\nHost: sip.example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Protocol: sip\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    /**
     * HEP and WebSocket framing. The input as one HEP datagram (versions 1, 2 and 3, compressed payloads
     * included), as a TCP stream (HEP over TCP when it starts "HEP3", else whatever it starts like), and as the
     * frames of a WebSocket connection after its handshake; the streams are cut into segments of a size the
     * input's last byte gives. A HEP payload is at most 1 MiB, and no longer than the packet unless it was
     * compressed; endpoints are well-formed; every message from a stream is within the message limit, and there
     * are never more WebSocket messages than frame headers would fit in the input.
     */
    @FuzzTest(maxDuration = "10m")
    void framing(byte[] input) {
        Hep.Packet hep = Hep.parse(input, 0, input.length);
        if (hep != null) {
            checkHep(hep, input.length);
        }
        if (input.length == 0) {
            return;
        }
        int segment = 1 + (input[input.length - 1] & 0xff) * 4;
        Sink sink = new Sink(LIMITS);
        Reassembly r = new Reassembly(LIMITS, sink);
        stream(r, 0, input, segment);
        byte[] ws = Arrays.copyOf(HANDSHAKE, HANDSHAKE.length + input.length);
        System.arraycopy(input, 0, ws, HANDSHAKE.length, input.length);
        stream(r, 1, ws, segment);
        r.finish();
        checkBounds(r);
        assertEquals(0, r.bytesHeld());
        assertTrue(r.stats().webSocketMessages() <= input.length,
                "a WebSocket frame has at least 2 bytes, in each stream");
        assertTrue(sink.heps <= input.length / 6, "a HEP packet has at least 6 bytes");
    }

    /** {@code bytes} as a TCP stream on flow {@code flow}, opened with a SYN, in segments of {@code segment}. */
    private static void stream(Reassembly r, int flow, byte[] bytes, int segment) {
        PacketDecoder decoder = new PacketDecoder();
        int[] f = FLOWS[flow];
        long seq = 0xfffffff0L;
        long frame = 0;
        byte[] syn = Packets.ipv4Packet(HOSTS[f[0]], HOSTS[f[1]], 6,
                Packets.tcp(5060 + f[0], 5060 + f[1], seq, Packets.SYN, new byte[0]));
        r.tcpSegment(decoder.decode(LinkType.RAW, syn, 0, syn.length), ++frame, 0);
        for (int at = 0; at < bytes.length; at += segment) {
            byte[] payload = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + segment));
            byte[] ip = Packets.ipv4Packet(HOSTS[f[0]], HOSTS[f[1]], 6,
                    Packets.tcp(5060 + f[0], 5060 + f[1], seq + 1 + at, Packets.ACK_PSH, payload));
            r.tcpSegment(decoder.decode(LinkType.RAW, ip, 0, ip.length), ++frame, frame * 1000);
            assertTrue(r.bytesHeld() >= 0 && r.bytesHeld() <= LIMITS.maxBytesTotal(), "bytes held within the budget");
        }
    }

    private static void checkHep(Hep.Packet p, int packetLength) {
        checkEndpoint(p.source(), p.source().isIpv6() ? 6 : 4);
        assertEquals(p.source().addressLength(), p.destination().addressLength(), "both ends of one family");
        assertNotNull(p.transport());
        if (p.payload() != null) {
            assertTrue(p.payload().length <= MAX_HEP_PAYLOAD, "a HEP payload is at most 1 MiB");
            assertTrue(p.compressed() || p.payload().length <= packetLength,
                    "an uncompressed payload is in the packet");
        }
    }

    /** Receives what the streams yield, and checks each message against the limits. */
    private static final class Sink implements StreamSink {
        private final ReassemblyLimits limits;
        long heps;

        Sink(ReassemblyLimits limits) {
            this.limits = limits;
        }

        @Override
        public void unit(long frame, long timestampNanos, Endpoint source, Endpoint destination, Transport transport,
                byte[] d, int off, int len) {
            assertTrue(off >= 0 && len > 0 && off + len <= d.length, "a message lies within its array");
            assertTrue(len <= limits.maxMessageBytes(), "a message from a stream within the limit: " + len);
            assertTrue(transport == Transport.TCP || transport == Transport.WS);
            checkEndpoint(source, source.isIpv6() ? 6 : 4);
            checkEndpoint(destination, destination.isIpv6() ? 6 : 4);
        }

        @Override
        public void hep(long frame, long timestampNanos, byte[] d, int off, int len) {
            assertTrue(off >= 0 && len >= 6 && off + len <= d.length && len <= limits.maxMessageBytes(),
                    "a HEP packet framed within its array and the limit: " + len);
            Hep.Packet packet = Hep.parse(d, off, len);
            if (packet != null) {
                heps++;
                checkHep(packet, limits.maxMessageBytes());
            }
        }

        @Override
        public void nonSip() {
        }
    }

    /** An input read as a little program: bytes, then zeros once it runs out. */
    private static final class Script {
        private final byte[] b;
        private int at;

        Script(byte[] b) {
            this.b = b;
        }

        boolean more() {
            return at < b.length;
        }

        int u8() {
            return at < b.length ? b[at++] & 0xff : 0;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        /** Up to {@code n} bytes: fewer when the input ends first. */
        byte[] bytes(int n) {
            int k = Math.min(n, b.length - at);
            byte[] out = Arrays.copyOfRange(b, at, at + k);
            at += k;
            return out;
        }
    }

    /** A message in words: not empty, no exception class names. */
    private static void assertInWords(String message) {
        assertFalse(message == null || message.isBlank(), "a message says why");
        assertFalse(message.contains("Exception") || message.contains("java."), message);
    }

    private static byte[] gzipped(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(input);
        }
        return out.toByteArray();
    }
}
