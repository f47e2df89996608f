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

        /** A message found, with its retransmission key hashed here, on the thread that scanned it. */
        static Found of(long frame, long timestampNanos, Endpoint source, Endpoint destination, Transport transport,
                SipMessage message, String strictRejection, boolean timed, String text) {
            RetransmissionDetector.KeyHasher h = RetransmissionDetector.hash(message, source, destination);
            return new Found(frame, timestampNanos, source, destination, transport, message, strictRejection, timed,
                    text, h.first(), h.finishedB());
        }
    }

    /** What one chunk of frames held: counts by kind, SIP messages in order, and per-frame problems. */
    static final class Chunk {
        final List<Frame> frames;
        final List<Found> found = new ArrayList<>();
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
        }
    }

    private final PacketDecoder decoder = new PacketDecoder();
    /** Made on the first frame of a link layer the fast path does not know: it loads pcap4j's hundreds of classes. */
    private GeneralDecoder general;
    private final SipStage sip;
    private final Reassembly reassembly;
    private Chunk current;

    FrameScanner(boolean strict, ReassemblyLimits limits, boolean keepText) {
        this.sip = new SipStage(strict, keepText);
        this.reassembly = new Reassembly(limits, this);
    }

    Reassembly reassembly() {
        return reassembly;
    }

    /** Scans every frame of {@code chunk}, in order, filling in its results. */
    Chunk scan(Chunk chunk) {
        current = chunk;
        for (Frame f : chunk.frames) {
            int found = chunk.found.size();
            long undecodable = chunk.get(PacketCount.MALFORMED) + chunk.get(PacketCount.UNSUPPORTED_LINK);
            try {
                frame(f);
            } catch (RuntimeException e) {
                // Damage stays in its frame: count it, say where, and go on.
                chunk.count(PacketCount.MALFORMED);
                chunk.problems.add(Diagnostic.atFrame(Diagnostic.Kind.UNDECODABLE_FRAME, f.number(), f.fileOffset(),
                        "frame " + f.number() + " (byte offset " + f.fileOffset() + "): could not be analysed (" + e
                                + "); please report this with the capture"));
            }
            // Every frame once: undecodable, with SIP, or without (packets = withSip + withoutSip + undecodable).
            if (chunk.get(PacketCount.MALFORMED) + chunk.get(PacketCount.UNSUPPORTED_LINK) == undecodable) {
                if (chunk.found.size() > found) {
                    chunk.count(PacketCount.WITH_SIP);
                } else {
                    chunk.count(PacketCount.WITHOUT_SIP);
                }
            }
        }
        return chunk;
    }

    /** At the end of the input: streams still open and datagrams still incomplete yield what they can. */
    Chunk finish() {
        current = new Chunk(List.of());
        reassembly.finish();
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
        sip.scan(current, frame, ts, src, dst, transport, true, d, at, len);
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
