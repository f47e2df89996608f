package org.sipanalyzer.reassembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.decode.DecodedPacket;
import org.sipanalyzer.decode.LinkType;
import org.sipanalyzer.decode.PacketDecoder;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.ReassemblyLimits;
import org.sipanalyzer.net.ReassemblyStats;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.testing.Packets;

/**
 * The adversarial capture: a million half-open TCP flows, each leaving an unfinished SIP message behind, and
 * a million IP fragments whose datagrams never complete. Memory stays within the limits all along, and
 * what the limits dropped is counted.
 */
class ReassemblyBoundsTest {

    private static final int PACKETS = 1_000_000;

    private static final class CountingSink implements StreamSink {
        long messages;

        @Override
        public void unit(long frame, long ts, Endpoint s, Endpoint d, Transport t, byte[] b, int o, int l) {
            messages++;
        }

        @Override
        public void hep(long frame, long ts, byte[] b, int o, int l) {
        }

        @Override
        public void nonSip() {
        }
    }

    @Test
    void aMillionHalfOpenFlowsAndUnmatchedFragmentsStayWithinTheLimits() {
        ReassemblyLimits limits = ReassemblyLimits.defaults().withMaxFlows(20_000).withMaxBytesTotal(1L << 20)
                .withMaxPendingDatagrams(5_000);
        CountingSink sink = new CountingSink();
        Reassembly r = new Reassembly(limits, sink);
        PacketDecoder decoder = new PacketDecoder();
        byte[] partial = Packets.ascii("INVITE sip:x@y SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK\r\nCall-ID: ");
        byte[] tcp = Packets.ipv4Packet(Packets.ipv4(10, 0, 0, 0), Packets.ipv4(10, 1, 0, 1), 6,
                Packets.tcp(1, 5060, 1000, partial));
        byte[] frag = Packets.ipv4Packet(Packets.ipv4(10, 2, 0, 0), Packets.ipv4(10, 3, 0, 1), 17,
                new byte[64], 0x2000);
        long maxHeld = 0;
        int maxOpen = 0;
        for (int i = 0; i < PACKETS; i++) {
            long now = i * 1000L; // a million packets in one second: no time-out helps
            tcp[12] = (byte) (i >>> 16); // source address and port vary: every segment opens a new flow
            tcp[13] = (byte) (i >>> 8);
            tcp[20] = (byte) i;
            tcp[21] = (byte) (i >>> 24);
            DecodedPacket p = decoder.decode(LinkType.RAW, tcp, 0, tcp.length);
            r.tcpSegment(p, i, now);
            frag[4] = (byte) (i >>> 8); // identification varies: no fragment ever meets another
            frag[5] = (byte) i;
            frag[12] = (byte) (i >>> 16);
            DecodedPacket q = decoder.decode(LinkType.RAW, frag, 0, frag.length);
            r.fragment(q, now);
            if ((i & 0x3ff) == 0) {
                maxHeld = Math.max(maxHeld, r.bytesHeld());
                maxOpen = Math.max(maxOpen, r.openTcpDirections());
            }
        }
        ReassemblyStats s = r.stats();
        assertTrue(maxHeld <= limits.maxBytesTotal(), "held " + maxHeld);
        assertTrue(maxOpen <= limits.maxFlows(), "open " + maxOpen);
        assertEquals(PACKETS, s.tcpDirections());
        assertEquals(PACKETS - limits.maxFlows(), s.flowsDroppedForLimit());
        assertTrue(s.datagramsDroppedForLimit() >= PACKETS - limits.maxPendingDatagrams(),
                "dropped " + s.datagramsDroppedForLimit() + " (table full, or no bytes left in the budget)");
        assertTrue(s.bytesDroppedForLimit() > 0, "the byte budget was reached too");
        r.finish();
        assertEquals(0, r.bytesHeld(), "everything is given back");
        assertEquals(0, sink.messages, "no message was invented");
        s = r.stats(); // a snapshot: what finishing gave up is counted in the next one
        assertEquals(PACKETS, s.datagramsIncomplete() + s.datagramsDroppedForLimit(), "every datagram accounted for");
    }

    @Test
    void idleFlowsAndStaleFragmentsTimeOutInCaptureTime() {
        ReassemblyLimits limits = ReassemblyLimits.defaults().withFlowIdleTimeout(Duration.ofSeconds(10))
                .withFragmentTimeout(Duration.ofSeconds(5));
        Reassembly r = new Reassembly(limits, new CountingSink());
        PacketDecoder decoder = new PacketDecoder();
        byte[] tcp = Packets.ipv4Packet(Packets.ipv4(10, 0, 0, 1), Packets.ipv4(10, 1, 0, 1), 6,
                Packets.tcp(1, 5060, 1000, Packets.ascii("INVITE sip:x@y SIP/2.0\r\n")));
        r.tcpSegment(decoder.decode(LinkType.RAW, tcp, 0, tcp.length), 1, 0);
        byte[] frag = Packets.ipv4Packet(Packets.ipv4(10, 2, 0, 0), Packets.ipv4(10, 3, 0, 1), 17,
                new byte[64], 0x2000);
        r.fragment(decoder.decode(LinkType.RAW, frag, 0, frag.length), 0);
        assertEquals(1, r.openTcpDirections());
        tcp[13] = 9; // another flow, 11 s later
        r.tcpSegment(decoder.decode(LinkType.RAW, tcp, 0, tcp.length), 2, 11_000_000_000L);
        frag[5] = 9;
        r.fragment(decoder.decode(LinkType.RAW, frag, 0, frag.length), 11_000_000_000L);
        assertEquals(1, r.openTcpDirections(), "the first flow was closed as idle");
        assertEquals(1, r.stats().tcpUnfinishedMessages());
        assertEquals(1, r.stats().datagramsIncomplete(), "the first datagram timed out");
    }

    /**
     * The default limits allow 100,000 TCP directions and 64 MiB of buffered bytes: every direction may wait for
     * the rest of a message at once, each charged what it holds. (A kilobyte charged per direction, as before,
     * capped the directions holding data at 65,536.)
     */
    @Test
    void everyDirectionTheLimitAllowsMayHoldAPartialMessageChargedWhatItHolds() {
        ReassemblyLimits limits = ReassemblyLimits.defaults();
        Reassembly r = new Reassembly(limits, new CountingSink());
        PacketDecoder decoder = new PacketDecoder();
        byte[] partial = Packets.ascii("INVITE sip:x@y SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK\r\nCall-ID: ");
        byte[] tcp = Packets.ipv4Packet(Packets.ipv4(10, 0, 0, 0), Packets.ipv4(10, 1, 0, 1), 6,
                Packets.tcp(1, 5060, 1000, partial));
        int flows = limits.maxFlows();
        for (int i = 0; i < flows; i++) {
            tcp[13] = (byte) (i >>> 16);
            tcp[14] = (byte) (i >>> 8);
            tcp[15] = (byte) i;
            r.tcpSegment(decoder.decode(LinkType.RAW, tcp, 0, tcp.length), i, i * 1000L);
        }
        assertEquals(flows, r.openTcpDirections());
        assertEquals((long) flows * partial.length, r.bytesHeld(), "each direction is charged the bytes it holds");
        assertEquals(0, r.stats().bytesDroppedForLimit());
        assertEquals(0, r.stats().flowsDroppedForLimit());
    }
}
