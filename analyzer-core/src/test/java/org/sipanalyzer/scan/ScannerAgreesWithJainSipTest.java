package org.sipanalyzer.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.capture.CaptureFormatException;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.decode.DecodedPacket;
import org.sipanalyzer.decode.PacketDecoder;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.sip.SipMessage;
import org.sipanalyzer.sip.SipProblem;
import org.sipanalyzer.testing.SharedData;

/**
 * JAIN-SIP as the oracle: over every SIP message of the corpus that JAIN-SIP accepts, the fast scanner and
 * JAIN-SIP agree on every field both extract.
 */
class ScannerAgreesWithJainSipTest {

    private final SipScanner scanner = new SipScanner();
    private final StrictParser strict = new StrictParser();
    private final PacketDecoder decoder = new PacketDecoder();
    private int compared;
    private int rejected;
    private final List<String> mismatches = new ArrayList<>();

    @Test
    void everyFieldAgreesOnTheCorpus() throws IOException {
        for (Path f : SharedData.corpusCaptures()) {
            read(f);
        }
        assertTrue(compared > 10_000, "compared " + compared + " messages");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " disagreements over " + compared + " messages, first: "
                + mismatches.subList(0, Math.min(20, mismatches.size())));
    }

    private void read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CaptureReader r;
            try {
                r = CaptureOpener.open(in, CaptureOpener.DEFAULT_MAX_FRAME_BYTES);
            } catch (CaptureFormatException e) {
                return; // formats we do not read
            }
            Frame f;
            while ((f = r.next()) != null) {
                DecodedPacket p = decoder.decode(f);
                if (p.kind() != DecodedPacket.Kind.PAYLOAD || p.payloadLength() == 0) {
                    continue;
                }
                byte[] d = f.data();
                int at = p.payloadOffset();
                int end = at + p.payloadLength();
                if (p.transport() == Transport.UDP) {
                    SipScanner.Scan s = scanner.scanDatagram(d, at, end - at);
                    if (s.outcome() == SipScanner.Outcome.MESSAGE) {
                        compare(file, f.number(), s.message(), d, at, end - at);
                    }
                } else {
                    while (at < end) {
                        SipScanner.Scan s = scanner.scanStream(d, at, end - at);
                        if (s.outcome() != SipScanner.Outcome.MESSAGE) {
                            break;
                        }
                        compare(file, f.number(), s.message(), d, at, s.consumed());
                        at += s.consumed();
                    }
                }
            }
        }
    }

    private void compare(Path file, long frame, SipMessage m, byte[] d, int at, int len) {
        StrictParser.Result r = strict.parse(d, at, len);
        if (!r.accepted()) {
            rejected++;
            return;
        }
        compared++;
        SIPMessage j = r.message();
        String where = file.getFileName() + " frame " + frame;
        if (j instanceof SIPRequest req) {
            same(where, "method", req.getMethod(), ((SipMessage.Request) m).method());
        } else if (j instanceof SIPResponse resp) {
            same(where, "status code", resp.getStatusCode(), ((SipMessage.Response) m).statusCode());
            if (!m.problems().contains(SipProblem.CONTROL_CHARACTER)) {
                // JAIN-SIP drops control characters from a reason phrase; the scanner keeps what was sent.
                same(where, "reason phrase", nullToEmpty(resp.getReasonPhrase()).strip(),
                        ((SipMessage.Response) m).reasonPhrase().strip());
            }
        }
        if (j.getCallId() != null) {
            same(where, "Call-ID", j.getCallId().getCallId(), m.callId());
        }
        if (j.getCSeq() != null) {
            same(where, "CSeq number", j.getCSeq().getSeqNumber(), m.cseqNumber());
            same(where, "CSeq method", j.getCSeq().getMethod(), m.cseqMethod());
        }
        // With two tag parameters JAIN-SIP keeps the last and the scanner (like Wireshark) the first, and flags it.
        boolean twoTags = m.problems().contains(SipProblem.DUPLICATE_HEADER);
        if (j.getFrom() != null && !twoTags) {
            same(where, "From tag", j.getFrom().getTag(), m.fromTag());
        }
        if (j.getTo() != null && !twoTags) {
            same(where, "To tag", j.getTo().getTag(), m.toTag());
        }
        Via via = j.getTopmostVia();
        if (via != null) {
            same(where, "Via branch", via.getBranch(), m.viaBranch());
            same(where, "Via transport", lower(via.getTransport()), lower(m.viaTransport()));
            String sentBy = via.getSentBy() == null ? null : via.getSentBy().encode();
            same(where, "Via sent-by", lower(sentBy), lower(m.viaSentBy()));
        }
        // JAIN-SIP drops a body that has no Content-Type and then reports Content-Length 0.
        boolean bodyDropped = j.getContentTypeHeader() == null && m.bodyLength() > 0;
        if (j.getContentLength() != null && m.fields().contentLength() >= 0 && !bodyDropped) {
            if (m.bodyLength() > m.fields().contentLength()) {
                // A datagram with bytes after the declared body (RFC 3261 section 18.3 says to discard them):
                // the scanner, like tshark, reports the header; JAIN-SIP keeps every byte and reports their count.
                same(where, "Content-Length (bytes kept)", j.getContentLength().getContentLength(), m.bodyLength());
            } else {
                same(where, "Content-Length", j.getContentLength().getContentLength(), m.fields().contentLength());
            }
        }
    }

    private void same(String where, String field, Object oracle, Object ours) {
        if (!Objects.equals(oracle, ours)) {
            mismatches.add(where + ": " + field + " JAIN-SIP '" + oracle + "' scanner '" + ours + "'");
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
