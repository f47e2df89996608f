package org.sipanalyzer.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.capture.CaptureFormatException;
import org.sipanalyzer.capture.CaptureOpener;
import org.sipanalyzer.capture.CaptureReader;
import org.sipanalyzer.capture.Frame;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.testing.SharedData;

/**
 * The hand-written fast path and pcap4j's general decoder agree on every packet of the corpus, except that
 * the fast path also opens tunnels pcap4j does not (GTP-U, VXLAN, GRE): there pcap4j must see the tunnel.
 */
class DecodersAgreeTest {

    private final PacketDecoder fast = new PacketDecoder();
    private final GeneralDecoder general = new GeneralDecoder();
    private final List<String> disagreements = new ArrayList<>();
    private long compared;
    private long payloads;
    private long tunnelled;

    @Test
    void everyCorpusPacketDecodesTheSameBothWays() throws IOException {
        for (Path f : SharedData.corpusCaptures()) {
            read(f);
        }
        assertTrue(compared > 30_000, "compared " + compared);
        assertTrue(payloads > 20_000, "payloads " + payloads);
        assertTrue(tunnelled > 100, "tunnelled " + tunnelled);
        assertEquals(List.of(), disagreements.subList(0, Math.min(20, disagreements.size())),
                disagreements.size() + " disagreements over " + compared + " packets");
    }

    private void read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CaptureReader r;
            try {
                r = CaptureOpener.open(in, CaptureOpener.DEFAULT_MAX_FRAME_BYTES);
            } catch (CaptureFormatException e) {
                return;
            }
            Frame f;
            while ((f = r.next()) != null) {
                compare(file.getFileName() + " frame " + f.number(), f);
            }
        }
    }

    private void compare(String where, Frame f) {
        DecodedPacket a = fast.decode(f);
        DecodedPacket.Kind fastKind = a.kind();
        String fastFlow = fastKind == DecodedPacket.Kind.PAYLOAD || fastKind == DecodedPacket.Kind.IP_FRAGMENT
                ? a.source() + ">" + a.destination() + " " + a.transport() : "";
        byte[] fastPayload = fastKind == DecodedPacket.Kind.PAYLOAD
                ? Arrays.copyOfRange(a.payloadData(), a.payloadOffset(), a.payloadOffset() + a.payloadLength()) : null;
        int fastDepth = a.tunnelDepth();
        DecodedPacket b = general.decode(f.linkType(), f.data(), f.offset(), f.length());
        compared++;
        if (fastDepth > b.tunnelDepth()) {
            // Tunnels pcap4j 1.8.2 does not open (GTP-U, VXLAN, GRE): it must stop at the tunnel's own header.
            tunnelled++;
            boolean udpTunnel = b.kind() == DecodedPacket.Kind.PAYLOAD && b.transport() == Transport.UDP
                    && (b.dstPort() == 2152 || b.srcPort() == 2152 || b.dstPort() == 4789);
            boolean gre = b.kind() == DecodedPacket.Kind.OTHER_IP && b.ipProtocol() == 47;
            if (!udpTunnel && !gre) {
                disagreements.add(where + ": fast path unwrapped a tunnel the general decoder saw as " + b.kind());
            }
            return;
        }
        boolean fastCarries = fastKind == DecodedPacket.Kind.PAYLOAD || fastKind == DecodedPacket.Kind.IP_FRAGMENT;
        boolean generalCarries = b.kind() == DecodedPacket.Kind.PAYLOAD || b.kind() == DecodedPacket.Kind.IP_FRAGMENT;
        if (!fastCarries && !generalCarries) {
            return; // neither finds a transport payload; how each names the reason may differ
        }
        if (fastKind != b.kind()) {
            disagreements.add(where + ": fast " + fastKind + " (" + a.problem() + "), general " + b.kind() + " ("
                    + b.problem() + ")");
            return;
        }
        String generalFlow = b.source() + ">" + b.destination() + " " + b.transport();
        if (!fastFlow.equals(generalFlow)) {
            disagreements.add(where + ": flow " + fastFlow + " vs " + generalFlow);
            return;
        }
        if (fastPayload != null) {
            payloads++;
            byte[] generalPayload = Arrays.copyOfRange(b.payloadData(), b.payloadOffset(),
                    b.payloadOffset() + b.payloadLength());
            if (!Arrays.equals(fastPayload, generalPayload)) {
                disagreements.add(where + ": payload of " + fastPayload.length + " vs " + generalPayload.length
                        + " bytes");
            }
        }
    }
}
