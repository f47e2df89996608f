package org.sipanalyzer.analysis;

import java.util.ArrayList;
import java.util.List;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.decode.DecodedPacket;
import org.sipanalyzer.decode.Endpoint;
import org.sipanalyzer.decode.GeneralDecoder;
import org.sipanalyzer.decode.PacketDecoder;
import org.sipanalyzer.decode.Transport;
import org.sipanalyzer.sip.SipMessage;
import org.sipanalyzer.sip.SipScanner;
import org.sipanalyzer.sip.StrictParser;

/**
 * The stateless part of the pipeline, frame by frame: decode, find SIP, parse strictly if asked. It keeps no
 * state between frames, so chunks of frames can be scanned on several threads and their results applied in
 * capture order. One instance per thread.
 */
final class FrameScanner {

    /** A SIP message found in a frame, with what the statistics need to know of its frame. */
    record Found(long frame, long timestampNanos, Endpoint source, Endpoint destination, Transport transport,
            SipMessage message, String strictRejection) {
    }

    /** What one chunk of frames held: counts by kind, SIP messages in order, and per-frame problems. */
    static final class Chunk {
        final List<Frame> frames;
        final List<Found> found = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        long udp;
        long tcp;
        long empty;
        long nonSip;
        long keepAlives;
        long fragments;
        long otherIp;
        long notIp;
        long unsupportedLink;
        long malformed;
        long tcpIncomplete;
        long tcpTrailingBytes;

        Chunk(List<Frame> frames) {
            this.frames = frames;
        }
    }

    private final PacketDecoder decoder = new PacketDecoder();
    private final GeneralDecoder general = new GeneralDecoder();
    private final SipScanner scanner = new SipScanner();
    private final StrictParser strict;

    FrameScanner(boolean strict) {
        this.strict = strict ? new StrictParser() : null;
    }

    /** Scans every frame of {@code chunk}, filling in its results. */
    Chunk scan(Chunk chunk) {
        for (Frame f : chunk.frames) {
            try {
                frame(f, chunk);
            } catch (RuntimeException e) {
                // Damage stays in its frame: count it, say where, and go on.
                chunk.malformed++;
                chunk.problems.add("frame " + f.number() + " (byte offset " + f.fileOffset()
                        + "): could not be analysed (" + e + "); please report this with the capture");
            }
        }
        return chunk;
    }

    private void frame(Frame f, Chunk c) {
        DecodedPacket p = decoder.decode(f);
        if (p.kind() == DecodedPacket.Kind.UNSUPPORTED_LINK) {
            // Link layers the fast path does not know go to the general decoder.
            p = general.decode(f.linkType(), f.data(), f.offset(), f.length());
        }
        switch (p.kind()) {
            case PAYLOAD -> payload(f, p, c);
            case IP_FRAGMENT -> c.fragments++;
            case OTHER_IP -> c.otherIp++;
            case NOT_IP -> c.notIp++;
            case UNSUPPORTED_LINK -> c.unsupportedLink++;
            case MALFORMED -> {
                c.malformed++;
                c.problems.add("frame " + f.number() + " (byte offset " + f.fileOffset() + "): undecodable: "
                        + p.problem());
            }
        }
    }

    private void payload(Frame f, DecodedPacket p, Chunk c) {
        if (p.transport() == Transport.UDP) {
            c.udp++;
        } else {
            c.tcp++;
        }
        int len = p.payloadLength();
        if (len == 0) {
            c.empty++;
            return;
        }
        byte[] d = p.payloadData();
        int at = p.payloadOffset();
        if (p.transport() == Transport.UDP) {
            SipScanner.Scan s = scanner.scanDatagram(d, at, len);
            switch (s.outcome()) {
                case MESSAGE -> found(f, p, s.message(), d, at, len, c);
                case KEEP_ALIVE -> c.keepAlives++;
                default -> c.nonSip++;
            }
            return;
        }
        // TCP without reassembly: the messages that begin and end within this segment.
        int end = at + len;
        boolean first = true;
        while (at < end) {
            SipScanner.Scan s = scanner.scanStream(d, at, end - at);
            switch (s.outcome()) {
                case MESSAGE -> {
                    found(f, p, s.message(), d, at, s.consumed(), c);
                    at += s.consumed();
                }
                case KEEP_ALIVE -> {
                    c.keepAlives++;
                    at = end;
                }
                case INCOMPLETE -> {
                    c.tcpIncomplete++;
                    at = end;
                }
                case NOT_SIP -> {
                    if (first) {
                        c.nonSip++;
                    } else {
                        c.tcpTrailingBytes += end - at;
                    }
                    at = end;
                }
            }
            first = false;
        }
    }

    private void found(Frame f, DecodedPacket p, SipMessage m, byte[] d, int at, int len, Chunk c) {
        String rejection = null;
        if (strict != null) {
            StrictParser.Result r = strict.parse(d, at, len);
            rejection = r.accepted() ? null : r.rejection();
        }
        c.found.add(new Found(f.number(), f.timestampNanos(), p.source(), p.destination(), p.transport(), m, rejection));
    }
}
