package org.sipanalyzer.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the capture that tries to exhaust reassembly memory: N TCP segments each opening a new flow with an
 * unfinished SIP message, interleaved with N IP fragments whose datagrams never complete, all within a few
 * seconds so that no time-out helps. Usage: {@code AdversarialCapture OUT.pcap N}.
 */
public final class AdversarialCapture {

    private AdversarialCapture() {
    }

    public static void write(OutputStream out, int n) throws IOException {
        CaptureWriter.Pcap pcap = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 101, 65535);
        byte[] partial = Packets.ascii("INVITE sip:x@y SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK\r\nCall-ID: ");
        byte[] tcp = Packets.ipv4Packet(Packets.ipv4(10, 0, 0, 0), Packets.ipv4(10, 1, 0, 1), 6,
                Packets.tcp(1, 5060, 1000, partial));
        byte[] frag = Packets.ipv4Packet(Packets.ipv4(10, 2, 0, 0), Packets.ipv4(10, 3, 0, 1), 17,
                new byte[64], 0x2000);
        for (int i = 0; i < n; i++) {
            long t = 1_700_000_000_000_000_000L + i * 2_000L;
            tcp[12] = (byte) (i >>> 16);
            tcp[13] = (byte) (i >>> 8);
            tcp[20] = (byte) i;
            tcp[21] = (byte) (i >>> 24);
            pcap.packet(t, tcp);
            frag[4] = (byte) (i >>> 8);
            frag[5] = (byte) i;
            frag[12] = (byte) (i >>> 16);
            pcap.packet(t + 1_000L, frag);
        }
    }

    /**
     * The capture that tries to exhaust call tracking: N INVITEs, each of a new call that never gets a
     * response, 10 µs apart, so every call stays open (and every message stays in the retransmission table).
     */
    public static void writeInviteFlood(OutputStream out, int n) throws IOException {
        CaptureWriter.Pcap pcap = new CaptureWriter.Pcap(out, ByteOrder.LITTLE_ENDIAN, false, 101, 65535);
        for (int i = 0; i < n; i++) {
            String invite = "INVITE sip:" + (100_000 + i) + "@victim.example.com SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bK-flood-" + i + "\r\n"
                    + "From: \"scanner\" <sip:100@203.0.113.9>;tag=flood" + i + "\r\n"
                    + "To: <sip:" + (100_000 + i) + "@victim.example.com>\r\n"
                    + "Call-ID: flood-" + i + "-0123456789abcdef0123456789abcdef\r\n"
                    + "CSeq: 1 INVITE\r\nContact: <sip:100@203.0.113.9:5060>\r\nMax-Forwards: 70\r\n"
                    + "User-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n";
            byte[] ip = Packets.ipv4Packet(Packets.ipv4(203, 0, 113, 9), Packets.ipv4(192, 0, 2, 1), 17,
                    Packets.udp(5060, 5060, Packets.ascii(invite)));
            pcap.packet(1_700_000_000_000_000_000L + i * 10_000L, ip);
        }
    }

    public static void main(String[] args) throws IOException {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(Path.of(args[0])), 1 << 20)) {
            if (args.length > 2 && args[2].equals("invite-flood")) {
                writeInviteFlood(o, Integer.parseInt(args[1]));
            } else {
                write(o, Integer.parseInt(args[1]));
            }
        }
    }
}
