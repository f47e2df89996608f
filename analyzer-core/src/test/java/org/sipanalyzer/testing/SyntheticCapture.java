package org.sipanalyzer.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes realistic synthetic captures, deterministically from a seed, and the counts an analysis must
 * find in them. Calls end in every common way (answered, busy, declined, not found, unavailable, cancelled,
 * timed out, server error, redirected), some after an authentication challenge; INVITEs and final responses
 * are retransmitted now and then; registrations are challenged; RTP flows between the signalling; SIP runs
 * on 5060 and on other ports. Usage: {@code SyntheticCapture OUT.pcap PACKETS [SEED [KIND]]}, the kind one of
 * {@code rtp-mix} (the default: about 70% of packets are RTP), {@code sip-only} (the rtp-mix capture of the same
 * size and seed without its RTP, as a capture filtered to the signalling: the same SIP packets at the same times),
 * {@code flood} (every message a new Call-ID from one of 50,000 sources: scanners hitting an internet-facing server) or
 * {@code tcp} (the mix with SIP over TCP).
 */
public final class SyntheticCapture {

    /** What the analysis must find: per key ("code 486", "method INVITE", "packets"...), count and unique. */
    public static final class Expected {
        final Map<String, long[]> counts = new TreeMap<>();

        void add(String key, boolean retransmission) {
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            if (!retransmission) {
                c[1]++;
            }
        }

        public long count(String key) {
            long[] c = counts.get(key);
            return c == null ? 0 : c[0];
        }

        public long unique(String key) {
            long[] c = counts.get(key);
            return c == null ? 0 : c[1];
        }

        public Map<String, long[]> all() {
            return counts;
        }

        void write(Path file) throws IOException {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                w.println("key\tcount\tunique");
                counts.forEach((k, v) -> w.println(k + "\t" + v[0] + "\t" + v[1]));
            }
        }
    }

    private static final int[] FAILURES = {486, 603, 404, 480, 503, 408, 500, 488, 302, 600};

    private final Random rnd;
    private final CaptureWriter.Pcap pcap;
    private final boolean tcp;
    private final boolean rtp;
    private final java.util.Map<String, long[]> sequences = new java.util.HashMap<>();
    private final Expected expected = new Expected();
    private long now = 1_700_000_000_000_000_000L;
    private long packets;
    /** RTP packets a sip-only capture leaves out. */
    private long left;
    private int callNo;

    private SyntheticCapture(OutputStream out, long seed, boolean tcp, boolean rtp) throws IOException {
        this.rnd = new Random(seed);
        this.tcp = tcp;
        this.rtp = rtp;
        this.pcap = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 1, 65535);
    }

    /** Writes a capture of about {@code targetPackets} packets to {@code out}; returns what it holds. */
    public static Expected write(OutputStream out, long targetPackets, long seed) throws IOException {
        return write(out, targetPackets, seed, false);
    }

    /**
     * As {@link #write(OutputStream, long, long)}, with the SIP over TCP when {@code tcp} is true: one connection
     * per pair of endpoints, and one message in ten split over two segments.
     */
    public static Expected write(OutputStream out, long targetPackets, long seed, boolean tcp) throws IOException {
        return write(out, targetPackets, seed, tcp ? "tcp" : "rtp-mix");
    }

    /** As {@link #write(OutputStream, long, long)}, of the given kind (see the class's description). */
    public static Expected write(OutputStream out, long targetPackets, long seed, String kind) throws IOException {
        if (!java.util.List.of("rtp-mix", "sip-only", "flood", "tcp").contains(kind)) {
            throw new IllegalArgumentException("kind: rtp-mix, sip-only, flood or tcp, not " + kind);
        }
        SyntheticCapture g = new SyntheticCapture(out, seed, kind.equals("tcp"), !kind.equals("sip-only"));
        while (g.packets < targetPackets) {
            if (kind.equals("flood")) {
                g.floodMessage();
            } else {
                g.scenario();
            }
        }
        long written = g.packets - g.left;
        g.expected.counts.put("packets", new long[] {written, written});
        return g.expected;
    }

    private static final String[] FLOOD_METHODS = {"INVITE", "INVITE", "OPTIONS", "OPTIONS", "REGISTER"};
    private static final int[] FLOOD_CODES = {404, 401, 403, 200, 483};
    private static final String[] FLOOD_PHRASES = {"Not Found", "Unauthorized", "Forbidden", "OK", "Too Many Hops"};

    /**
     * One message of a flood: a request from one of 50,000 sources (scanners), or a response to one, each with a
     * Call-ID of its own, so that nothing pairs: every INVITE opens a call that never ends.
     */
    private void floodMessage() throws IOException {
        int src = rnd.nextInt(50_000);
        byte[] scanner = Packets.ipv4(198, 18 + (src >>> 16), (src >>> 8) & 0xff, src & 0xff);
        Leg leg = new Leg(scanner, 5060 + rnd.nextInt(4), Packets.ipv4(203, 0, 113, 10), 5060);
        String callId = "flood-" + Long.toHexString(rnd.nextLong()) + "-" + packets;
        String tag = Long.toHexString(rnd.nextLong());
        String branch = "z9hG4bK" + Long.toHexString(rnd.nextLong());
        if (rnd.nextInt(10) < 6) {
            String method = FLOOD_METHODS[rnd.nextInt(FLOOD_METHODS.length)];
            request(leg, method, callId, 1, tag, null, branch, false, false); // scanners send no SDP
        } else {
            int i = rnd.nextInt(FLOOD_CODES.length);
            String method = FLOOD_METHODS[rnd.nextInt(FLOOD_METHODS.length)];
            response(leg, FLOOD_CODES[i], FLOOD_PHRASES[i], method, callId, 1, tag, "s" + tag, branch, false);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticCapture OUT.pcap PACKETS [SEED [rtp-mix|sip-only|flood|tcp]]");
            System.exit(2);
        }
        long n = Long.parseLong(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        String kind = args.length > 3 ? args[3] : "rtp-mix";
        if (args[0].equals("-")) { // to standard output, e.g. piped into the analyzer: no file of any size
            try (OutputStream o = new BufferedOutputStream(System.out, 1 << 20)) {
                write(o, n, seed, kind);
            }
            return;
        }
        Path out = Path.of(args[0]);
        Expected e;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            e = write(o, n, seed, kind);
        }
        e.write(Path.of(args[0] + ".expected.tsv"));
        System.out.println("wrote " + out + ": " + e.count("packets") + " packets, " + e.count("sip")
                + " SIP messages");
    }

    private void scenario() throws IOException {
        int r = rnd.nextInt(100);
        if (r < 70) {
            call();
        } else if (r < 90) {
            registration();
        } else {
            options();
        }
    }

    private record Leg(byte[] uacIp, int uacPort, byte[] uasIp, int uasPort) {
    }

    private Leg leg() {
        byte[] a = Packets.ipv4(10, 1, rnd.nextInt(4), 1 + rnd.nextInt(200));
        byte[] b = Packets.ipv4(10, 2, 0, 1 + rnd.nextInt(8));
        // Most SIP on 5060, some on other ports: content, not the port, makes it SIP.
        int uasPort = rnd.nextInt(10) < 8 ? 5060 : 5070 + rnd.nextInt(20);
        return new Leg(a, 5060 + rnd.nextInt(3) * 2, b, uasPort);
    }

    private void call() throws IOException {
        Leg leg = leg();
        String callId = "call-" + (++callNo) + "-" + Long.toHexString(rnd.nextLong()) + "@10.1.0.1";
        String fromTag = Long.toHexString(rnd.nextLong());
        String toTag = Long.toHexString(rnd.nextLong());
        int cseq = 1;
        String branch = "z9hG4bK" + Long.toHexString(rnd.nextLong());
        boolean challenged = rnd.nextInt(5) == 0;
        if (challenged) {
            request(leg, "INVITE", callId, cseq, fromTag, null, branch, false, true);
            response(leg, 407, "Proxy Authentication Required", "INVITE", callId, cseq, fromTag, toTag + "c", branch,
                    false);
            request(leg, "ACK", callId, cseq, fromTag, toTag + "c", branch, false, false);
            cseq++;
            branch = "z9hG4bK" + Long.toHexString(rnd.nextLong());
        }
        request(leg, "INVITE", callId, cseq, fromTag, null, branch, false, true);
        if (rnd.nextInt(10) == 0) {
            request(leg, "INVITE", callId, cseq, fromTag, null, branch, true, true); // Timer A retransmission
        }
        response(leg, 100, "Trying", "INVITE", callId, cseq, fromTag, null, branch, false);
        expected.add("calls", false);
        if (challenged) {
            expected.add("challenged", false);
        }
        int outcome = rnd.nextInt(100);
        if (outcome < 5) {
            expected.add("outcome timeout", false);
            expected.add("final 0", false);
            return; // never answered: the capture ends the transaction
        }
        response(leg, 180, "Ringing", "INVITE", callId, cseq, fromTag, toTag, branch, false);
        rtp(leg, 3 + rnd.nextInt(5));
        if (outcome < 55) {
            response(leg, 200, "OK", "INVITE", callId, cseq, fromTag, toTag, branch, false);
            if (rnd.nextInt(8) == 0) {
                response(leg, 200, "OK", "INVITE", callId, cseq, fromTag, toTag, branch, true); // 2xx retransmitted
            }
            String ackBranch = "z9hG4bK" + Long.toHexString(rnd.nextLong());
            request(leg, "ACK", callId, cseq, fromTag, toTag, ackBranch, false, false);
            rtp(leg, 10 + rnd.nextInt(40));
            String byeBranch = "z9hG4bK" + Long.toHexString(rnd.nextLong());
            request(leg, "BYE", callId, cseq + 1, fromTag, toTag, byeBranch, false, false);
            response(leg, 200, "OK", "BYE", callId, cseq + 1, fromTag, toTag, byeBranch, false);
            expected.add("outcome answered", false);
            expected.add("final 200", false);
            expected.add("completed", false);
        } else if (outcome < 65) {
            String cancelBranch = branch;
            request(leg, "CANCEL", callId, cseq, fromTag, null, cancelBranch, false, false);
            response(leg, 200, "OK", "CANCEL", callId, cseq, fromTag, toTag, cancelBranch, false);
            response(leg, 487, "Request Terminated", "INVITE", callId, cseq, fromTag, toTag, branch, false);
            request(leg, "ACK", callId, cseq, fromTag, toTag, branch, false, false);
            expected.add("outcome cancelled", false);
            expected.add("final 487", false);
        } else {
            int code = FAILURES[rnd.nextInt(FAILURES.length)];
            String phrase = switch (code) {
                case 486 -> "Busy Here";
                case 603 -> "Decline";
                case 404 -> "Not Found";
                case 480 -> "Temporarily Unavailable";
                case 503 -> "Service Unavailable";
                case 408 -> "Request Timeout";
                case 500 -> "Server Internal Error";
                case 488 -> "Not Acceptable Here";
                case 302 -> "Moved Temporarily";
                default -> "Busy Everywhere";
            };
            expected.add("outcome " + switch (code) {
                case 486, 600 -> "busy";
                case 603 -> "declined";
                case 404 -> "notFound";
                case 480, 503 -> "unavailable";
                case 408 -> "timeout";
                case 302 -> "redirected";
                default -> "failed";
            }, false);
            expected.add("final " + code, false);
            response(leg, code, phrase, "INVITE", callId, cseq, fromTag, toTag, branch, false);
            if (rnd.nextInt(6) == 0) {
                response(leg, code, phrase, "INVITE", callId, cseq, fromTag, toTag, branch, true); // Timer G
            }
            request(leg, "ACK", callId, cseq, fromTag, toTag, branch, false, false);
        }
    }

    private void registration() throws IOException {
        Leg leg = leg();
        String callId = "reg-" + Long.toHexString(rnd.nextLong());
        String fromTag = Long.toHexString(rnd.nextLong());
        String branch = "z9hG4bK" + Long.toHexString(rnd.nextLong());
        request(leg, "REGISTER", callId, 1, fromTag, null, branch, false, false);
        response(leg, 401, "Unauthorized", "REGISTER", callId, 1, fromTag, "r1", branch, false);
        String branch2 = "z9hG4bK" + Long.toHexString(rnd.nextLong());
        request(leg, "REGISTER", callId, 2, fromTag, null, branch2, false, false);
        boolean ok = rnd.nextInt(10) > 0;
        response(leg, ok ? 200 : 403, ok ? "OK" : "Forbidden", "REGISTER", callId, 2, fromTag, "r2", branch2, false);
        expected.add("registration " + (ok ? 200 : 403), false);
    }

    private void options() throws IOException {
        Leg leg = leg();
        String callId = "opt-" + Long.toHexString(rnd.nextLong());
        String branch = "z9hG4bK" + Long.toHexString(rnd.nextLong());
        request(leg, "OPTIONS", callId, 1, "o1", null, branch, false, false);
        response(leg, 200, "OK", "OPTIONS", callId, 1, "o1", "o2", branch, false);
        if (rnd.nextInt(4) == 0) {
            keepAlive(leg);
        }
    }

    private void request(Leg leg, String method, String callId, int cseq, String fromTag, String toTag, String branch,
            boolean retransmission, boolean sdp) throws IOException {
        String body = sdp ? "v=0\r\no=- 1 1 IN IP4 10.1.0.1\r\ns=-\r\nc=IN IP4 10.1.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n" : "";
        String msg = method + " sip:bob@10.2.0.1:" + leg.uasPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host(leg.uacIp()) + ":" + leg.uacPort() + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:alice@example.com>;tag=" + fromTag + "\r\n"
                + "To: <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:alice@" + host(leg.uacIp()) + ":" + leg.uacPort() + ">\r\n"
                + "User-Agent: synthetic-uac/1.0\r\n"
                + (sdp ? "Content-Type: application/sdp\r\n" : "")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        sip(leg.uacIp(), leg.uacPort(), leg.uasIp(), leg.uasPort(), msg);
        expected.add("method " + method, retransmission);
    }

    private void response(Leg leg, int code, String phrase, String method, String callId, int cseq, String fromTag,
            String toTag, String branch, boolean retransmission) throws IOException {
        String msg = "SIP/2.0 " + code + " " + phrase + "\r\n"
                + "Via: SIP/2.0/UDP " + host(leg.uacIp()) + ":" + leg.uacPort() + ";branch=" + branch + "\r\n"
                + "From: \"Alice\" <sip:alice@example.com>;tag=" + fromTag + "\r\n"
                + "To: <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + (code >= 400 ? "Reason: Q.850;cause=17;text=\"User busy\"\r\n" : "")
                + "Server: synthetic-uas/2.1\r\n"
                + "Content-Length: 0\r\n\r\n";
        sip(leg.uasIp(), leg.uasPort(), leg.uacIp(), leg.uacPort(), msg);
        expected.add("code " + code, retransmission);
        expected.add("class " + (code / 100) + "xx", retransmission);
        expected.add("method-code " + method + " " + code, retransmission);
    }

    private void sip(byte[] src, int sport, byte[] dst, int dport, String msg) throws IOException {
        byte[] bytes = msg.getBytes(StandardCharsets.US_ASCII);
        if (!tcp) {
            frame(Packets.udpFrame(src, sport, dst, dport, bytes));
        } else {
            String key = host(src) + ":" + sport + ">" + host(dst) + ":" + dport;
            long[] seq = sequences.computeIfAbsent(key, k -> new long[] {rnd.nextInt() & 0xffffffffL});
            if (rnd.nextInt(10) == 0) {
                int cut = 1 + rnd.nextInt(bytes.length - 1);
                frame(Packets.tcpFrame(src, sport, dst, dport, seq[0], Packets.ACK_PSH,
                        java.util.Arrays.copyOfRange(bytes, 0, cut)));
                frame(Packets.tcpFrame(src, sport, dst, dport, (seq[0] + cut) & 0xffffffffL, Packets.ACK_PSH,
                        java.util.Arrays.copyOfRange(bytes, cut, bytes.length)));
            } else {
                frame(Packets.tcpFrame(src, sport, dst, dport, seq[0], Packets.ACK_PSH, bytes));
            }
            seq[0] = (seq[0] + bytes.length) & 0xffffffffL;
        }
        expected.add("sip", false);
    }

    private void rtp(Leg leg, int n) throws IOException {
        byte[] payload = new byte[172];
        for (int i = 0; i < n; i++) {
            payload[0] = (byte) 0x80;
            payload[1] = 0;
            payload[2] = (byte) (i >>> 8);
            payload[3] = (byte) i;
            boolean forward = (i & 1) == 0;
            if (!rtp) {
                // Left out, but its time and place in the sequence taken: the SIP is the rtp-mix capture's, exactly.
                now += 1_000_000L + rnd.nextInt(20_000_000);
                packets++;
                left++;
                continue;
            }
            frame(forward ? Packets.udpFrame(leg.uacIp(), 40000, leg.uasIp(), 50000, payload)
                    : Packets.udpFrame(leg.uasIp(), 50000, leg.uacIp(), 40000, payload));
            expected.add("nonSip", false);
        }
    }

    private void keepAlive(Leg leg) throws IOException {
        if (tcp) {
            return; // on a stream, blank lines between messages are not packets of their own
        }
        frame(Packets.udpFrame(leg.uacIp(), leg.uacPort(), leg.uasIp(), leg.uasPort(),
                new byte[] {'\r', '\n', '\r', '\n'}));
        expected.add("keepAlive", false);
    }

    private void frame(byte[] f) throws IOException {
        now += 1_000_000L + rnd.nextInt(20_000_000);
        pcap.packet(now, f);
        packets++;
    }

    private static String host(byte[] ip) {
        return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
    }
}
