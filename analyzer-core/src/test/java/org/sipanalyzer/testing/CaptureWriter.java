package org.sipanalyzer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes pcap and pcapng captures, for tests and for the synthetic capture generator. Deliberately
 * independent of the readers under test: it follows the format documents, not the reader's code.
 */
public final class CaptureWriter {

    private CaptureWriter() {
    }

    /** A classic pcap writer. */
    public static final class Pcap {
        private final OutputStream out;
        private final ByteOrder order;
        private final boolean nanos;

        public Pcap(OutputStream out, ByteOrder order, boolean nanos, int linkType, int snaplen) throws IOException {
            this.out = out;
            this.order = order;
            this.nanos = nanos;
            ByteBuffer h = ByteBuffer.allocate(24).order(order);
            h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(snaplen).putInt(linkType);
            out.write(h.array());
        }

        /** Writes a record; {@code originalLength} larger than the data marks it cut short by snaplen. */
        public Pcap packet(long timestampNanos, byte[] data, int originalLength) throws IOException {
            ByteBuffer h = ByteBuffer.allocate(16).order(order);
            long sec = timestampNanos / 1_000_000_000L;
            long frac = timestampNanos % 1_000_000_000L;
            h.putInt((int) sec).putInt((int) (nanos ? frac : frac / 1000)).putInt(data.length).putInt(originalLength);
            out.write(h.array());
            out.write(data);
            return this;
        }

        public Pcap packet(long timestampNanos, byte[] data) throws IOException {
            return packet(timestampNanos, data, data.length);
        }
    }

    /** A pcapng writer: sections, interfaces, and the three packet block types. */
    public static final class Pcapng {
        private final OutputStream out;
        private ByteOrder order;

        public Pcapng(OutputStream out, ByteOrder order) throws IOException {
            this.out = out;
            section(order);
        }

        /** Starts a new section (its interfaces start from 0 again). */
        public Pcapng section(ByteOrder o) throws IOException {
            this.order = o;
            ByteBuffer body = ByteBuffer.allocate(16).order(o);
            body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
            block(0x0A0D0D0A, body.array());
            return this;
        }

        /**
         * Describes an interface. {@code tsresol} is the raw if_tsresol byte (6 = microseconds, 9 = nanoseconds,
         * 0x80 | n = 2^-n), or -1 to leave the option out.
         */
        public Pcapng iface(int linkType, int snaplen, int tsresol) throws IOException {
            ByteBuffer body = ByteBuffer.allocate(8 + (tsresol >= 0 ? 8 + 4 : 0)).order(order);
            body.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
            if (tsresol >= 0) {
                body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
                body.putShort((short) 0).putShort((short) 0);
            }
            block(1, body.array());
            return this;
        }

        /** An enhanced packet block; {@code ticks} in the interface's resolution. */
        public Pcapng enhanced(int iface, long ticks, byte[] data, int originalLength) throws IOException {
            ByteBuffer body = ByteBuffer.allocate(20 + pad(data.length)).order(order);
            body.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length)
                    .putInt(originalLength);
            body.put(data);
            block(6, body.array());
            return this;
        }

        public Pcapng enhanced(int iface, long ticks, byte[] data) throws IOException {
            return enhanced(iface, ticks, data, data.length);
        }

        /** A simple packet block (interface 0, no timestamp). */
        public Pcapng simple(byte[] data) throws IOException {
            ByteBuffer body = ByteBuffer.allocate(4 + pad(data.length)).order(order);
            body.putInt(data.length).put(data);
            block(3, body.array());
            return this;
        }

        /** The obsolete packet block (type 2). */
        public Pcapng obsolete(int iface, long ticks, byte[] data) throws IOException {
            ByteBuffer body = ByteBuffer.allocate(20 + pad(data.length)).order(order);
            body.putShort((short) iface).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                    .putInt(data.length).putInt(data.length).put(data);
            block(2, body.array());
            return this;
        }

        /** A block of any type, e.g. one the reader must skip. */
        public Pcapng block(int type, byte[] body) throws IOException {
            int len = 12 + pad(body.length);
            ByteBuffer b = ByteBuffer.allocate(len).order(order);
            b.putInt(type).putInt(len).put(body);
            b.position(len - 4);
            b.putInt(len);
            out.write(b.array());
            return this;
        }

        private static int pad(int n) {
            return (n + 3) & ~3;
        }
    }

    /** Convenience: a pcap in memory. */
    public static ByteArrayOutputStream buffer() {
        return new ByteArrayOutputStream();
    }
}
