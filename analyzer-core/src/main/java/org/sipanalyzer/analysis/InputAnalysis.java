package org.sipanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.CaptureWarning;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.capture.PrefetchingReader;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.decode.DecodedPacket;
import org.sipanalyzer.decode.Endpoint;
import org.sipanalyzer.decode.GeneralDecoder;
import org.sipanalyzer.decode.PacketDecoder;
import org.sipanalyzer.decode.Transport;
import org.sipanalyzer.sip.SipMessage;
import org.sipanalyzer.sip.SipScanner;
import org.sipanalyzer.sip.StrictParser;

/** The pipeline for one input, on one thread: frames, decoded packets, SIP messages, events. */
final class InputAnalysis {

    private final int index;
    private final Catalogue catalogue;
    private final AnalysisOptions options;
    private final InputReport report;
    private final Analyzer.ListenerGroup shared;
    private final PacketDecoder decoder = new PacketDecoder();
    private final GeneralDecoder general = new GeneralDecoder();
    private final SipScanner scanner = new SipScanner();
    private final StrictParser strict;
    private final RetransmissionDetector retransmissions;
    private int malformedPacketWarnings;
    private int strictWarnings;

    InputAnalysis(int index, Catalogue catalogue, AnalysisOptions options, InputReport report,
            Analyzer.ListenerGroup shared) {
        this.index = index;
        this.catalogue = catalogue;
        this.options = options;
        this.report = report;
        this.shared = shared;
        this.strict = options.strict() ? new StrictParser() : null;
        this.retransmissions = new RetransmissionDetector(options.retransmissionWindow().toNanos(),
                options.maxTrackedMessages());
    }

    void run(InputStream in) throws IOException {
        CaptureReader opened = CaptureOpener.open(in, options.maxFrameBytes());
        report.opened(opened.format().word() + (opened.isCompressed() ? "+gzip" : ""));
        CaptureReader reader = options.prefetch() ? new PrefetchingReader(opened) : opened;
        int warningsSeen = 0;
        try {
            Frame f;
            while ((f = reader.next()) != null) {
                report.packets++;
                try {
                    frame(f);
                } catch (RuntimeException e) {
                    // Damage stays in its frame: count it, say where, and go on.
                    report.malformedPackets++;
                    report.warn("frame " + f.number() + " (byte offset " + f.fileOffset() + "): could not be analysed ("
                            + e + "); please report this with the capture");
                }
                warningsSeen = flushWarnings(reader, warningsSeen);
            }
        } finally {
            if (reader != opened) {
                reader.close();
            }
            flushWarnings(reader, warningsSeen);
            report.truncatedFrames = reader.truncatedFrames();
            report.retransmissionKeysEvicted = retransmissions.evictedForSpace();
            summarise();
        }
    }

    private int flushWarnings(CaptureReader reader, int seen) {
        var all = reader.warnings();
        for (int i = seen; i < all.size(); i++) {
            CaptureWarning w = all.get(i);
            report.warn(w.toString());
        }
        return all.size();
    }

    private void frame(Frame f) {
        DecodedPacket p = decoder.decode(f);
        if (p.kind() == DecodedPacket.Kind.UNSUPPORTED_LINK) {
            // Link layers the fast path does not know go to the general decoder.
            p = general.decode(f.linkType(), f.data(), f.offset(), f.length());
        }
        switch (p.kind()) {
            case PAYLOAD -> payload(f, p);
            case IP_FRAGMENT -> report.ipFragments++;
            case OTHER_IP -> report.otherIp++;
            case NOT_IP -> report.notIp++;
            case UNSUPPORTED_LINK -> report.unsupportedLink++;
            case MALFORMED -> {
                report.malformedPackets++;
                if (malformedPacketWarnings++ < 5) {
                    report.warn("frame " + f.number() + " (byte offset " + f.fileOffset() + "): undecodable: "
                            + p.problem());
                }
            }
        }
    }

    private void payload(Frame f, DecodedPacket p) {
        if (p.transport() == Transport.UDP) {
            report.udpDatagrams++;
        } else {
            report.tcpSegments++;
        }
        int len = p.payloadLength();
        if (len == 0) {
            report.emptyPayloads++;
            return;
        }
        byte[] d = p.payloadData();
        int at = p.payloadOffset();
        if (p.transport() == Transport.UDP) {
            SipScanner.Scan s = scanner.scanDatagram(d, at, len);
            switch (s.outcome()) {
                case MESSAGE -> emit(f, p, s.message(), d, at, len);
                case KEEP_ALIVE -> report.keepAlives++;
                default -> report.nonSipPayloads++;
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
                    emit(f, p, s.message(), d, at, s.consumed());
                    at += s.consumed();
                }
                case KEEP_ALIVE -> {
                    report.keepAlives++;
                    at = end;
                }
                case INCOMPLETE -> {
                    report.tcpIncomplete++;
                    at = end;
                }
                case NOT_SIP -> {
                    if (first) {
                        report.nonSipPayloads++;
                    } else {
                        report.tcpTrailingBytes += end - at;
                    }
                    at = end;
                }
            }
            first = false;
        }
    }

    private void emit(Frame f, DecodedPacket p, SipMessage m, byte[] d, int at, int len) {
        Endpoint src = p.source();
        Endpoint dst = p.destination();
        CodeLookup code = m.isResponse() ? catalogue.lookup(m.statusCode()) : null;
        boolean rtx = retransmissions.check(m, src, dst, f.timestampNanos());
        SipEvent e = new SipEvent(index, f.number(), f.timestampNanos(), src, dst, p.transport(), m, code, rtx);
        if (strict != null) {
            StrictParser.Result r = strict.parse(d, at, len);
            if (!r.accepted()) {
                report.strictRejected++;
                if (strictWarnings++ < 20) {
                    report.warn("frame " + f.number() + ": JAIN-SIP rejects the " + (m.isResponse() ? "response" : "request")
                            + " (" + m.firstLineShort() + "): " + r.rejection());
                }
            }
        }
        report.statistics.onEvent(e);
        if (!shared.isEmpty()) {
            shared.onEvent(e);
        }
    }

    private void summarise() {
        if (report.ipFragments > 0) {
            report.warn(report.ipFragments + " IP fragments were not reassembled; SIP carried in them is not counted");
        }
        if (report.tcpIncomplete > 0) {
            report.warn(report.tcpIncomplete + " SIP messages over TCP continue beyond their segment and need stream"
                    + " reassembly; they are not counted");
        }
        if (report.unsupportedLink > 0) {
            report.warn(report.unsupportedLink + " frames have a link type that is not decoded");
        }
        if (report.malformedPackets > 5) {
            report.warn(report.malformedPackets + " frames in all were undecodable");
        }
        if (report.truncatedFrames > 0) {
            report.warn(report.truncatedFrames + " frames were cut short by the capture's snap length");
        }
        if (report.retransmissionKeysEvicted > 0) {
            report.warn(report.retransmissionKeysEvicted + " messages were forgotten by the retransmission detector"
                    + " (table full); later retransmissions of them count as unique");
        }
        if (report.strictRejected > 20) {
            report.warn(report.strictRejected + " messages in all were rejected by JAIN-SIP");
        }
    }
}
