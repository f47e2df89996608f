package org.sipanalyzer.analysis;

import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.scan.StrictParser;
import org.sipanalyzer.sip.SipMessage;

/**
 * The one stage where bytes become SIP messages, for captures and logs alike: each payload (a datagram's, an SCTP
 * chunk's, a message framed on a stream, a WebSocket message, a HEP packet's, a log's message) is scanned once,
 * parsed by JAIN-SIP under {@code --strict}, and its text kept when the analysis asks. Earlier stages frame bytes;
 * none of them parses SIP.
 */
final class SipStage {

    private final SipScanner scanner = new SipScanner();
    /** A stage is used on one thread at a time: one hasher serves all its messages. */
    private final RetransmissionDetector.KeyHasher hasher = new RetransmissionDetector.KeyHasher();
    private final StrictParser strict;
    private final boolean keepText;

    SipStage(boolean strict, boolean keepText) {
        this.strict = strict ? new StrictParser() : null;
        this.keepText = keepText;
    }

    /**
     * Scans {@code d[at .. at+len)}: a message joins the chunk's found messages, a keep-alive or anything else is
     * counted. True for a message.
     */
    boolean scan(FrameScanner.Chunk chunk, long frame, long ts, Endpoint src, Endpoint dst, Transport transport,
            boolean timed, byte[] d, int at, int len) {
        SipScanner.Scan s = scanner.scanDatagram(d, at, len);
        switch (s.outcome()) {
            case MESSAGE -> {
                SipMessage m = s.message();
                String rejection = null;
                if (strict != null) {
                    StrictParser.Result r = strict.parse(d, at, len);
                    rejection = r.accepted() ? null : r.rejection();
                }
                chunk.found.add(FrameScanner.Found.of(frame, ts, src, dst, transport, m, rejection, timed,
                        keepText ? text(d, at, len, m) : null, hasher));
                return true;
            }
            case KEEP_ALIVE -> chunk.count(PacketCount.KEEP_ALIVES);
            default -> chunk.count(PacketCount.NON_SIP_PAYLOADS);
        }
        return false;
    }

    /** Whether the bytes begin like a SIP message (for an ICMP error's quote, which is not analysed as one). */
    boolean looksLikeSip(byte[] d, int at, int len) {
        return scanner.looksLikeSip(d, at, len);
    }

    /**
     * The text of a message that starts at {@code d[at]}, {@code len} bytes at most: UTF-8 (bytes that are not become
     * U+FFFD), cut to {@link SipEvent#MAX_TEXT} characters.
     */
    static String text(byte[] d, int at, int len, SipMessage m) {
        int n = m.length() > 0 ? Math.min(m.length(), len) : len;
        String s = new String(d, at, Math.min(n, SipEvent.MAX_TEXT * 4), java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > SipEvent.MAX_TEXT ? s.substring(0, SipEvent.MAX_TEXT) : s;
    }
}
