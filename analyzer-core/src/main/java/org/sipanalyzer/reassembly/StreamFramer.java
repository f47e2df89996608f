package org.sipanalyzer.reassembly;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.sipanalyzer.decode.Hep;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.ReassemblyCount;
import org.sipanalyzer.net.ReassemblyLimits;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.scan.SipScanner;

/**
 * Turns one direction of a TCP stream into messages. It works out what the stream carries from its first
 * bytes: SIP (framed by Content-Length), SIP over WebSocket (after the HTTP Upgrade handshake), HEP, or TLS
 * (encrypted: named in the report, never analysed). After a gap, or in a stream whose start was not
 * captured, it skips to the next SIP start line and counts what it skipped. Every buffer is bounded.
 */
final class StreamFramer {

    private enum Mode { DETECT, SIP, HANDSHAKE, WEBSOCKET, HEP, IGNORED }

    /** The longest HTTP handshake accepted before WebSocket framing starts. */
    static final int MAX_HANDSHAKE = 16 * 1024;

    private final Endpoint source;
    private final Endpoint destination;
    private final ReassemblyLimits limits;
    private final ReassemblyTally stats;
    private final ByteBudget budget;
    private final StreamSink sink;
    private final SipScanner scanner;
    private Mode mode = Mode.DETECT;
    private byte[] buf = new byte[0];
    private int start;
    private int end;
    private long charged;
    private byte[] wsMessage = new byte[0];
    private int wsLength;
    private boolean wsInMessage;
    private long frame;
    private long timestamp;

    StreamFramer(Endpoint source, Endpoint destination, ReassemblyLimits limits, ReassemblyTally stats,
            ByteBudget budget, StreamSink sink, SipScanner scanner) {
        this.source = source;
        this.destination = destination;
        this.limits = limits;
        this.stats = stats;
        this.budget = budget;
        this.sink = sink;
        this.scanner = scanner;
    }

    /** Bytes this framer holds. */
    long held() {
        return charged;
    }

    /** Appends stream bytes that arrived in {@code frame}, and emits whatever they complete. */
    void feed(byte[] d, int off, int len, long frameNumber, long timestampNanos) {
        if (mode == Mode.IGNORED || len == 0) {
            return;
        }
        frame = frameNumber;
        timestamp = timestampNanos;
        if (!append(d, off, len)) {
            return;
        }
        process();
        compact();
    }

    /** Bytes were lost before the next ones: drop any partial message and resynchronise. */
    void gap(long lostBytes) {
        stats.add(ReassemblyCount.TCP_GAP_BYTES, lostBytes);
        if (end > start && mode != Mode.IGNORED) {
            stats.add(ReassemblyCount.TCP_UNFINISHED_MESSAGES);
        }
        discard(end - start, false);
        wsInMessage = false;
        wsLength = 0;
        if (mode == Mode.WEBSOCKET || mode == Mode.HANDSHAKE) {
            mode = Mode.IGNORED; // WebSocket framing cannot be found again in the middle of a stream
        } else if (mode == Mode.SIP) {
            mode = Mode.DETECT;
        }
    }

    /** The stream ended: whatever is left unframed is an unfinished message (blank lines aside). */
    void finish() {
        if (mode != Mode.IGNORED) {
            for (int i = start; i < end; i++) {
                byte b = buf[i];
                if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                    stats.add(ReassemblyCount.TCP_UNFINISHED_MESSAGES);
                    break;
                }
            }
        }
        discard(end - start, false);
        release();
    }

    private void process() {
        while (end > start) {
            int avail = end - start;
            switch (mode) {
                case DETECT -> {
                    if (!detect(avail)) {
                        return;
                    }
                }
                case SIP -> {
                    if (!sip(avail)) {
                        return;
                    }
                }
                case HANDSHAKE -> {
                    if (!handshake(avail)) {
                        return;
                    }
                }
                case WEBSOCKET -> {
                    if (!webSocket(avail)) {
                        return;
                    }
                }
                case HEP -> {
                    if (!hep(avail)) {
                        return;
                    }
                }
                case IGNORED -> {
                    discard(avail, false);
                    return;
                }
            }
        }
    }

    /** Decides what the stream carries; false when more bytes are needed to tell. */
    private boolean detect(int avail) {
        // A TLS record: handshake (22) at the start of a connection, or change-cipher-spec, alert or application
        // data (20, 21, 23) when the capture began in the middle of one; then version 3.x.
        int type = buf[start];
        if (type >= 0x14 && type <= 0x17) {
            if (avail < 3) {
                return false;
            }
            if (buf[start + 1] == 0x03 && buf[start + 2] >= 0 && buf[start + 2] <= 0x04) {
                stats.encryptedFlow(source + " > " + destination + " (TLS)");
                mode = Mode.IGNORED;
                return true;
            }
        }
        if (startsWith("HEP3", avail)) {
            mode = Mode.HEP;
            return true;
        }
        if (avail < 5 && (prefixOf("GET ", avail) || prefixOf("HTTP/", avail) || prefixOf("HEP3", avail))) {
            return false;
        }
        if (startsWith("GET ", avail) || startsWith("HTTP/", avail)) {
            mode = Mode.HANDSHAKE;
            return true;
        }
        mode = Mode.SIP;
        return true;
    }

    private boolean sip(int avail) {
        SipScanner.Scan s = scanner.frameStream(buf, start, avail);
        switch (s.outcome()) {
            case MESSAGE -> {
                if (s.consumed() > limits.maxMessageBytes()) {
                    // Whole, but over the limit: a message that arrived in one piece is refused like one that
                    // arrived in many (which INCOMPLETE below refuses); its end is known, so framing goes on.
                    stats.add(ReassemblyCount.OVERSIZE_MESSAGES);
                    discard(s.consumed(), true);
                    return true;
                }
                sink.unit(frame, timestamp, source, destination, Transport.TCP, buf, start, s.consumed());
                discard(s.consumed(), false);
                return true;
            }
            case KEEP_ALIVE -> {
                discard(avail, false);
                return false;
            }
            case INCOMPLETE -> {
                if (avail > limits.maxMessageBytes()) {
                    stats.add(ReassemblyCount.OVERSIZE_MESSAGES);
                    skipLine();
                    return true;
                }
                return false;
            }
            default -> {
                return resync();
            }
        }
    }

    /** Skips to the next line that starts like SIP; false when none is in the buffer yet. */
    private boolean resync() {
        for (int i = start; i < end; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            int candidate = i + 1;
            int lineEnd = indexOf((byte) '\n', candidate);
            if (lineEnd < 0) {
                // The next line is not complete: keep it (bounded) and wait.
                discard(candidate - start, true);
                if (end - start > SipScannerLimits.MAX_START_LINE) {
                    discard(end - start, true);
                }
                return false;
            }
            if (scanner.looksLikeSip(buf, candidate, lineEnd + 1 - candidate)) {
                discard(candidate - start, true);
                return true;
            }
        }
        // No line end at all: nothing here can start a message unless it is the beginning of one.
        if (end - start > SipScannerLimits.MAX_START_LINE) {
            discard(end - start, true);
        } else if (!scanner.looksLikeSip(buf, start, end - start)) {
            int lastLf = lastIndexOf((byte) '\n');
            discard((lastLf < 0 ? end : lastLf + 1) - start, true);
        }
        return false;
    }

    private void skipLine() {
        int lf = indexOf((byte) '\n', start);
        discard((lf < 0 ? end : lf + 1) - start, true);
        mode = Mode.DETECT;
    }

    private boolean handshake(int avail) {
        int headerEnd = indexOf("\r\n\r\n", Math.min(avail, MAX_HANDSHAKE));
        if (headerEnd < 0) {
            if (avail >= MAX_HANDSHAKE) {
                stats.add(ReassemblyCount.OVERSIZE_MESSAGES);
                mode = Mode.IGNORED;
                return true;
            }
            return false;
        }
        String header = new String(buf, start, headerEnd - start, StandardCharsets.ISO_8859_1).toLowerCase(
                java.util.Locale.ROOT);
        discard(headerEnd + 4 - start, false);
        boolean upgrade = header.contains("\nupgrade:") && header.contains("websocket");
        if (upgrade && (header.startsWith("get ") || header.startsWith("http/1.1 101"))) {
            mode = Mode.WEBSOCKET;
        } else {
            sink.nonSip(); // plain HTTP
            mode = Mode.IGNORED;
        }
        return true;
    }

    /** One WebSocket frame (RFC 6455): FIN, opcode, mask, 7/16/64-bit length, masking key, payload. */
    private boolean webSocket(int avail) {
        if (avail < 2) {
            return false;
        }
        int b0 = buf[start] & 0xff;
        int b1 = buf[start + 1] & 0xff;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        boolean masked = (b1 & 0x80) != 0;
        long len = b1 & 0x7f;
        int header = 2;
        if (len == 126) {
            if (avail < 4) {
                return false;
            }
            len = ((buf[start + 2] & 0xff) << 8) | (buf[start + 3] & 0xff);
            header = 4;
        } else if (len == 127) {
            if (avail < 10) {
                return false;
            }
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | (buf[start + 2 + i] & 0xff);
            }
            header = 10;
        }
        int maskAt = start + header;
        if (masked) {
            header += 4;
        }
        // Compared without adding to len: a 64-bit length near 2^63 plus the message so far would overflow to a
        // negative sum and pass, and the frame's bytes would then be counted as fewer than the header's.
        if (len < 0 || len > limits.maxMessageBytes() - wsLength) {
            stats.add(ReassemblyCount.OVERSIZE_MESSAGES);
            mode = Mode.IGNORED;
            return true;
        }
        if (avail < header + len) {
            return false;
        }
        int payload = start + header;
        int n = (int) len;
        boolean control = (opcode & 0x08) != 0;
        if (!control) {
            if (opcode != 0) {
                wsLength = 0; // a new message (text or binary)
                wsInMessage = true;
            }
            if (wsInMessage) {
                if (wsMessage.length < wsLength + n) {
                    wsMessage = Arrays.copyOf(wsMessage, Math.max(wsLength + n, wsMessage.length * 2));
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[payload + i];
                    wsMessage[wsLength + i] = masked ? (byte) (b ^ buf[maskAt + (i & 3)]) : b;
                }
                wsLength += n;
                if (fin) {
                    wsInMessage = false;
                    stats.add(ReassemblyCount.WEB_SOCKET_MESSAGES);
                    sink.unit(frame, timestamp, source, destination, Transport.WS, wsMessage, 0, wsLength);
                    wsLength = 0;
                }
            }
        } else if (opcode == 8) {
            discard(header + n, false);
            mode = Mode.IGNORED; // close
            return true;
        }
        discard(header + n, false);
        return true;
    }

    private boolean hep(int avail) {
        if (avail < 6) {
            return false;
        }
        if (!startsWith("HEP3", avail)) {
            // Lost framing: find the next magic.
            int next = indexOf("HEP3", avail);
            discard((next < 0 ? Math.max(start, end - 3) : next) - start, true);
            return next >= 0;
        }
        int len = Hep.hep3Length(buf, start, avail);
        if (len < 6 || len > limits.maxMessageBytes()) {
            stats.add(ReassemblyCount.HEP_UNFRAMED);
            discard(4, true);
            return true;
        }
        if (avail < len) {
            return false;
        }
        sink.hep(frame, timestamp, buf, start, len);
        discard(len, false);
        return true;
    }

    private boolean append(byte[] d, int off, int len) {
        int held = end - start;
        if (held + len > limits.maxBytesPerFlow()) {
            // A message can never be this long: drop what is held and resynchronise from the new bytes.
            stats.add(ReassemblyCount.BYTES_DROPPED_FOR_LIMIT, held);
            discard(held, false);
            if (mode == Mode.SIP) {
                mode = Mode.DETECT;
            }
            if (len > limits.maxBytesPerFlow()) {
                stats.add(ReassemblyCount.BYTES_DROPPED_FOR_LIMIT, len);
                return false;
            }
        }
        if (end + len > buf.length) {
            compact();
            if (end + len > buf.length) {
                // Exactly what is held at first (a direction waiting for the rest of one message is charged its
                // bytes, not a minimum), then doubling, so that a growing message is copied only log(n) times.
                int size = Math.max(end + len, Math.min(limits.maxBytesPerFlow(), buf.length * 2));
                long more = size - buf.length;
                if (!budget.take(more)) {
                    stats.add(ReassemblyCount.BYTES_DROPPED_FOR_LIMIT, len);
                    return false;
                }
                charged += more;
                buf = Arrays.copyOf(buf, size);
            }
        }
        System.arraycopy(d, off, buf, end, len);
        end += len;
        return true;
    }

    private void discard(int n, boolean skipped) {
        if (skipped) {
            stats.add(ReassemblyCount.TCP_SKIPPED_BYTES, n);
        }
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /**
     * Moves unframed bytes to the front; gives the array back when nothing is held, so that an idle direction
     * costs the budget nothing and the budget is what directions hold, not what they once held.
     */
    private void compact() {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == 0 && buf.length > 0) {
            release();
        }
    }

    private void release() {
        budget.give(charged);
        charged = 0;
        buf = new byte[0];
        start = 0;
        end = 0;
    }

    private boolean startsWith(String s, int avail) {
        if (avail < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (buf[start + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean prefixOf(String s, int avail) {
        for (int i = 0; i < avail && i < s.length(); i++) {
            if (buf[start + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private int lastIndexOf(byte b) {
        for (int i = end - 1; i >= start; i--) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private int indexOf(String s, int within) {
        int limit = start + within - s.length();
        outer:
        for (int i = start; i <= limit; i++) {
            for (int k = 0; k < s.length(); k++) {
                if (buf[i + k] != s.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Bounds shared with the scanner. */
    static final class SipScannerLimits {
        static final int MAX_START_LINE = 8192;

        private SipScannerLimits() {
        }
    }
}
