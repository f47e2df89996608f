package org.sipanalyzer.analysis;

import java.util.ArrayList;
import java.util.List;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.decode.DecodedPacket;
import org.sipanalyzer.decode.GeneralDecoder;
import org.sipanalyzer.decode.Hep;
import org.sipanalyzer.decode.PacketDecoder;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.ReassemblyLimits;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.reassembly.FragmentReassembler;
import org.sipanalyzer.reassembly.Reassembly;
import org.sipanalyzer.reassembly.StreamSink;
import org.sipanalyzer.sip.SipMessage;

/**
 * Frames to SIP messages, in capture order: decode, reassemble IP fragments and TCP streams, open HEP, find
 * SIP, parse strictly if asked. One instance per input; it keeps the reassembly state of that input.
 */
final class FrameScanner implements StreamSink {

    /**
     * A SIP message found, with what the statistics need to know of where it came from, and its text when the
     * analysis keeps it (else null).
     */
    record Found(long frame, long timestampNanos, Endpoint source, Endpoint destination, Transport transport,
            SipMessage message, String strictRejection, boolean timed, String text, long keyA, long keyB) {

        /**
         * A message found, with its retransmission key hashed here, on the thread that scanned it, with that thread's
         * hasher.
         */
        static Found of(long frame, long timestampNanos, Endpoint source, Endpoint destination, Transport transport,
                SipMessage message, String strictRejection, boolean timed, String text,
                RetransmissionDetector.KeyHasher hasher) {
            RetransmissionDetector.KeyHasher h = RetransmissionDetector.hash(hasher, message, source, destination);
            return new Found(frame, timestampNanos, source, destination, transport, message, strictRejection, timed,
                    text, h.first(), h.finishedB());
        }
    }

    /**
     * A payload that may hold SIP, found while decoding: scanned later, perhaps on another thread, in the order
     * found. {@code position} is the frame in the chunk being decoded when it was found (-1 at the end of the input).
     */
    record Unit(int position, long frame, long timestampNanos, Endpoint source, Endpoint destination,
            Transport transport, byte[] data, int offset, int length) {
    }

    /** What one chunk of frames held: counts by kind, SIP messages in order, and per-frame problems. */
    static final class Chunk {
        final List<Frame> frames;
        /** Payloads to scan for SIP, in order, when scanning is deferred; emptied when scanned. */
        List<Unit> units = List.of();
        /** Whether {@link #scanUnits} is still to run: payloads were left (the frames are counted once they are). */
        boolean pending;
        /** Frames (by position) that could not be decoded: counted as neither with nor without SIP. */
        final boolean[] undecodable;
        /** Frames (by position) in which a SIP message was found. */
        final boolean[] withSip;
        final List<Found> found;
        final List<Diagnostic> problems = new ArrayList<>();
        /** Warnings the capture reader gave while this chunk was read, in order. */
        final List<Diagnostic> captureWarnings = new ArrayList<>();
        /** Frames by kind ({@link PacketCount}), indexed by ordinal. */
        final long[] counts = new long[PacketCount.SIZE];
        /** What was unwrapped ({@link UnwrapCount}), indexed by ordinal. */
        final long[] unwrapped = new long[UnwrapCount.SIZE];

        void count(UnwrapCount k) {
            unwrapped[k.ordinal()]++;
        }

        void count(PacketCount k) {
            counts[k.ordinal()]++;
        }

        void count(PacketCount k, long n) {
            counts[k.ordinal()] += n;
        }

        long get(PacketCount k) {
            return counts[k.ordinal()];
        }

        Chunk(List<Frame> frames) {
            this.frames = frames;
            this.undecodable = new boolean[frames.size()];
            this.withSip = new boolean[frames.size()];
            // Nearly every frame of a capture of SIP holds one message: room for them all from the start (a chunk of
            // one frame, as live input and small files are read, makes its list when it finds a message).
            this.found = frames.size() > 1 ? new ArrayList<>(frames.size()) : new ArrayList<>();
        }
    }

    private final PacketDecoder decoder = new PacketDecoder();
    /** Made on the first frame of a link layer the fast path does not know: it loads pcap4j's hundreds of classes. */
    private GeneralDecoder general;
    private final SipStage sip;
    private final Reassembly reassembly;
    private Chunk current;
    /** Frames of the chunk being decoded from this position on leave their payloads as units (see {@link #decode}). */
    private int deferFrom = Integer.MAX_VALUE;
    /** The position in {@link #current} of the frame being decoded, and its bytes (-1 and null between chunks). */
    private int position = -1;
    private byte[] frameData;

    FrameScanner(boolean strict, ReassemblyLimits limits, boolean keepText) {
        this.sip = new SipStage(strict, keepText);
        this.reassembly = new Reassembly(limits, this);
    }

    Reassembly reassembly() {
        return reassembly;
    }

    /**
     * Decodes every frame of {@code chunk} and reassembles, in order, scanning the payloads that may hold SIP of the
     * frames before position {@code deferFrom} as they are found, while their frame is still in the processor's cache
     * (a chunk's frames are about a megabyte: scanned afterwards, even on the same thread, a capture of SIP alone took
     * 4-6% longer). Those of the frames from {@code deferFrom} on are left in {@link Chunk#units} for
     * {@link #scanUnits}, on any thread: the scan pool's (0, every payload), or the counting thread (part of a chunk,
     * when the decoding thread has more to do than it). {@code scanUnits} needs none of this scanner's state:
     * payloads that do not point into the chunk's frames, such as reassembled streams whose buffers are reused, are
     * copied. The messages found either way are in frame order: every payload left comes after every payload scanned.
     */
    Chunk decode(Chunk chunk, int deferFrom) {
        this.deferFrom = deferFrom;
        current = chunk;
        List<Frame> frames = chunk.frames;
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            position = i;
            frameData = f.data();
            long undecodable = chunk.get(PacketCount.MALFORMED) + chunk.get(PacketCount.UNSUPPORTED_LINK);
            try {
                frame(f);
            } catch (RuntimeException e) {
                // Damage stays in its frame: count it, say where, and go on.
                chunk.count(PacketCount.MALFORMED);
                chunk.problems.add(couldNotAnalyse(f.number(), f.fileOffset(), e));
            }
            chunk.undecodable[i] = chunk.get(PacketCount.MALFORMED) + chunk.get(PacketCount.UNSUPPORTED_LINK)
                    != undecodable;
        }
        position = -1;
        frameData = null;
        this.deferFrom = Integer.MAX_VALUE;
        chunk.pending = !chunk.units.isEmpty();
        if (!chunk.pending) {
            countFrames(chunk);
        }
        return chunk;
    }

    /** Every frame counted once: undecodable, with SIP, or without (packets = withSip + withoutSip + undecodable). */
    private static void countFrames(Chunk chunk) {
        for (int i = 0; i < chunk.withSip.length; i++) {
            if (!chunk.undecodable[i]) {
                chunk.count(chunk.withSip[i] ? PacketCount.WITH_SIP : PacketCount.WITHOUT_SIP);
            }
        }
    }

    /**
     * Scans the payloads {@link #decode} left in {@code chunk}, in order, with {@code stage}: any thread may do it,
     * each with its own stage. Every frame is then counted once: undecodable, with SIP, or without (packets =
     * withSip + withoutSip + undecodable). A chunk with nothing left is returned as it is.
     */
    static Chunk scanUnits(Chunk chunk, SipStage stage) {
        if (!chunk.pending) {
            return chunk; // scanned as decoded, and counted
        }
        boolean[] withSip = chunk.withSip;
        int decodingProblems = chunk.problems.size();
        // A frame whose scan failed is left there, as decoding leaves it: the rest of its payloads are not scanned.
        boolean[] failed = new boolean[withSip.length];
        for (Unit u : chunk.units) {
            if (u.position() >= 0 && failed[u.position()]) {
                continue;
            }
            try {
                if (stage.scan(chunk, u.frame(), u.timestampNanos(), u.source(), u.destination(), u.transport(), true,
                        u.data(), u.offset(), u.length()) && u.position() >= 0) {
                    withSip[u.position()] = true;
                }
            } catch (RuntimeException e) {
                chunk.count(PacketCount.MALFORMED);
                if (u.position() >= 0) {
                    failed[u.position()] = true;
                    chunk.undecodable[u.position()] = true;
                    Frame f = chunk.frames.get(u.position());
                    chunk.problems.add(couldNotAnalyse(f.number(), f.fileOffset(), e));
                } else {
                    chunk.problems.add(couldNotAnalyse(u.frame(), -1, e));
                }
            }
        }
        chunk.units = List.of();
        chunk.pending = false;
        countFrames(chunk);
        if (decodingProblems > 0 && chunk.problems.size() > decodingProblems) {
            // Decoding and scanning each found problems in frame order; together, in frame order too (a stable sort).
            chunk.problems.sort(java.util.Comparator.comparingLong(d -> d.frame().orElse(Long.MAX_VALUE)));
        }
        return chunk;
    }

    private static Diagnostic couldNotAnalyse(long frame, long offset, RuntimeException e) {
        return Diagnostic.atFrame(Diagnostic.Kind.UNDECODABLE_FRAME, frame, offset, "frame " + frame
                + (offset >= 0 ? " (byte offset " + offset + ")" : "") + ": could not be analysed (" + e
                + "); please report this with the capture");
    }

    /** At the end of the input: streams still open and datagrams still incomplete yield what they can. */
    Chunk finish() {
        current = new Chunk(List.of());
        reassembly.finish(); // what it yields is scanned as found (position -1)
        return current;
    }

    private void frame(Frame f) {
        DecodedPacket p = decoder.decode(f);
        if (p.kind() == DecodedPacket.Kind.UNSUPPORTED_LINK) {
            // Link layers the fast path does not know go to the general decoder.
            if (general == null) {
                general = new GeneralDecoder();
            }
            p = general.decode(f.linkType(), f.data(), f.offset(), f.length());
        }
        switch (p.kind()) {
            case PAYLOAD -> payload(f, p);
            case IP_FRAGMENT -> fragment(f, p);
            case OTHER_IP -> {
                current.count(PacketCount.OTHER_IP);
                int quoted = p.icmpQuotedPayloadOffset();
                if (quoted >= 0 && sip.looksLikeSip(p.payloadData(), quoted, p.icmpQuotedPayloadLength())) {
                    current.count(UnwrapCount.ICMP_QUOTED_SIP);
                }
            }
            case NOT_IP -> current.count(PacketCount.NOT_IP);
            case UNSUPPORTED_LINK -> current.count(PacketCount.UNSUPPORTED_LINK);
            case MALFORMED -> {
                current.count(PacketCount.MALFORMED);
                current.problems.add(Diagnostic.atFrame(Diagnostic.Kind.UNDECODABLE_FRAME, f.number(), f.fileOffset(),
                        "frame " + f.number() + " (byte offset " + f.fileOffset() + "): undecodable: " + p.problem()));
            }
        }
    }

    private void fragment(Frame f, DecodedPacket p) {
        current.count(PacketCount.IP_FRAGMENTS);
        FragmentReassembler.Datagram whole = reassembly.fragment(p, f.timestampNanos());
        if (whole == null) {
            return;
        }
        DecodedPacket q = decoder.decodeTransport(whole.ipVersion(), whole.addresses(), whole.protocol(),
                whole.payload(), 0, whole.payload().length);
        if (q.kind() == DecodedPacket.Kind.PAYLOAD) {
            payload(f, q);
        } else if (q.kind() == DecodedPacket.Kind.MALFORMED) {
            current.problems.add(Diagnostic.atFrame(Diagnostic.Kind.UNDECODABLE_FRAME, f.number(), -1, "frame "
                    + f.number() + ": reassembled datagram undecodable: " + q.problem()));
        }
    }

    private void payload(Frame f, DecodedPacket p) {
        int len = p.payloadLength();
        if (p.transport() == Transport.SCTP) {
            current.count(PacketCount.SCTP_PACKETS);
            current.count(PacketCount.SCTP_FRAGMENTED_CHUNKS, p.sctpFragmentedChunks());
            for (int i = 0; i < p.sctpChunkCount(); i++) {
                datagram(f, p, p.payloadData(), p.sctpChunkOffset(i), p.sctpChunkLength(i), Transport.SCTP);
            }
            for (int i = 0; i < p.sctpPieceCount(); i++) {
                byte[] whole = reassembly.sctpPiece(p, i);
                if (whole != null) {
                    datagram(f, p, whole, 0, whole.length, Transport.SCTP);
                }
            }
            return;
        }
        if (p.transport() == Transport.TCP) {
            current.count(PacketCount.TCP_SEGMENTS);
            if (len == 0) {
                current.count(PacketCount.EMPTY_PAYLOADS);
            }
            reassembly.tcpSegment(p, f.number(), f.timestampNanos());
            return;
        }
        current.count(PacketCount.UDP_DATAGRAMS);
        datagram(f, p, p.payloadData(), p.payloadOffset(), len, Transport.UDP);
    }

    /** One datagram's (or SCTP chunk's) payload: HEP, or what {@link #sip} finds. */
    private void datagram(Frame f, DecodedPacket p, byte[] d, int at, int len, Transport transport) {
        if (len == 0) {
            current.count(PacketCount.EMPTY_PAYLOADS);
            return;
        }
        Hep.Packet hep = Hep.parse(d, at, len);
        if (hep != null) {
            opened(f.number(), f.timestampNanos(), hep);
            return;
        }
        sip(f.number(), f.timestampNanos(), p.source(), p.destination(), transport, d, at, len);
    }

    /** A payload that may hold SIP, scanned by the one SIP stage. */
    private void sip(long frame, long ts, Endpoint src, Endpoint dst, Transport transport, byte[] d, int at, int len) {
        if (position < deferFrom) { // at the end of the input (position -1), as found too
            if (sip.scan(current, frame, ts, src, dst, transport, true, d, at, len) && position >= 0) {
                current.withSip[position] = true;
            }
            return;
        }
        if (d != frameData || frameData == null) {
            d = java.util.Arrays.copyOfRange(d, at, at + len);
            at = 0;
        }
        if (current.units.isEmpty()) {
            current.units = new ArrayList<>();
        }
        current.units.add(new Unit(position, frame, ts, src, dst, transport, d, at, len));
    }

    /** A HEP packet, opened: its SIP as the message it carries, with its own addresses and time. */
    private void opened(long frame, long timestampNanos, Hep.Packet packet) {
        current.count(UnwrapCount.HEP_PACKETS);
        if (packet.payload() == null) {
            current.count(UnwrapCount.HEP_COMPRESSED_UNOPENED);
            return;
        }
        byte[] b = packet.payload();
        long ts = packet.timestampNanos() > 0 ? packet.timestampNanos() : timestampNanos;
        sip(frame, ts, packet.source(), packet.destination(), packet.transport(), b, 0, b.length);
    }

    @Override
    public void unit(long frame, long timestampNanos, Endpoint source, Endpoint destination, Transport transport,
            byte[] d, int off, int len) {
        sip(frame, timestampNanos, source, destination, transport, d, off, len);
    }

    @Override
    public void hep(long frame, long timestampNanos, byte[] d, int off, int len) {
        Hep.Packet packet = Hep.parse(d, off, len);
        if (packet == null) {
            current.count(UnwrapCount.HEP_UNDECODABLE);
        } else {
            opened(frame, timestampNanos, packet);
        }
    }

    @Override
    public void nonSip() {
        current.count(PacketCount.NON_SIP_PAYLOADS);
    }
}
