package org.sipanalyzer.live;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipanalyzer.decode.Hep;

/**
 * A HEP collector, as heplify-server is one: it receives HEP (versions 1 to 3) over UDP and HEP3 over TCP from
 * Kamailio's siptrace, OpenSIPS, FreeSWITCH or heplify agents, and turns what it receives into a pcapng capture
 * ({@link #capture()}): each HEP packet as the UDP datagram it arrived in (over TCP, each packet framed by its
 * length becomes one). The analysis reads that capture as it reads a file: HEP opened, SIP counted, calls followed.
 * Bounded: datagrams up to 65,507 bytes, at most {@link #MAX_CONNECTIONS} TCP senders at once, and
 * {@link #MAX_QUEUED_BYTES} waiting for the analysis; past that, packets are dropped and counted, never buffered
 * without end.
 */
public final class HepListener implements LiveSource {

    /** TCP senders served at once; further connections are closed at once and counted. */
    public static final int MAX_CONNECTIONS = 256;
    /** Bytes received and not yet read by the analysis; past this, packets are dropped and counted. */
    public static final int MAX_QUEUED_BYTES = 64 << 20;
    private static final int MAX_DATAGRAM = 65_507;

    /**
     * Where to listen: {@code udp:9060}, {@code tcp:9061}, {@code udp:127.0.0.1:9060}, {@code tcp:[::1]:9061}.
     *
     * @param tcp TCP rather than UDP
     * @param host the address to bind, or null for every address
     * @param port the port, 0 for any free one
     */
    public record Bind(boolean tcp, String host, int port) {

        private static final Pattern SPEC = Pattern.compile(
                "(?i)(udp|tcp):(?:(\\[[0-9a-f:.]+]|[^:\\[\\]]+):)?(\\d{1,5})");

        /** Parses {@code udp:9060} and the like; anything else is an IllegalArgumentException saying what to write. */
        public static Bind parse(String spec) {
            Matcher m = SPEC.matcher(spec.strip());
            int port = m.matches() ? Integer.parseInt(m.group(3)) : -1;
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("'" + spec + "' is not where to listen; write udp:9060, tcp:9061 or"
                        + " udp:127.0.0.1:9060");
            }
            String host = m.group(2) == null ? null : m.group(2).replace("[", "").replace("]", "");
            return new Bind(m.group(1).toLowerCase(Locale.ROOT).equals("tcp"), host, port);
        }

        @Override
        public String toString() {
            return (tcp ? "tcp:" : "udp:") + (host == null ? "" : (host.contains(":") ? "[" + host + "]" : host) + ":")
                    + port;
        }
    }

    private final List<Closeable> sockets = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final CaptureStream capture;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    /** The UDP ports bound: the kernel's drops are counted on them. */
    private final java.util.Set<Integer> udpPorts = new java.util.HashSet<>();
    private volatile boolean closed;
    /** The kernel's drops as read when the sockets closed (they are gone after), or -1 before. */
    private volatile long kernelDropsAtClose = -1;
    private long kernelDropsReadAt;
    private long kernelDrops = -1;

    /**
     * Binds every address now (so that a port in use fails here, with its name) and starts receiving.
     *
     * @param tee where the capture is also written ({@code --write}), or null
     */
    public HepListener(List<Bind> binds, OutputStream tee) throws IOException {
        this.capture = new CaptureStream(tee);
        try {
            for (Bind b : binds) {
                InetSocketAddress at = b.host() == null ? new InetSocketAddress(b.port())
                        : new InetSocketAddress(InetAddress.getByName(b.host()), b.port());
                if (b.tcp()) {
                    ServerSocket s = new ServerSocket();
                    s.setReuseAddress(true);
                    s.bind(at, 64);
                    sockets.add(s);
                    bound.add(new InetSocketAddress(s.getInetAddress(), s.getLocalPort()));
                    start("sip-analyzer-hep-tcp", () -> accept(s));
                } else {
                    DatagramSocket s = new DatagramSocket(null);
                    // Not reused: on Linux a second socket bound to the port would take its datagrams, so a second
                    // collector on it (or the same address given twice) is refused as TCP's is.
                    s.setReuseAddress(false);
                    s.setReceiveBufferSize(4 << 20);
                    s.bind(at);
                    sockets.add(s);
                    bound.add(new InetSocketAddress(s.getLocalAddress(), s.getLocalPort()));
                    udpPorts.add(s.getLocalPort());
                    start("sip-analyzer-hep-udp", () -> receive(s));
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** The addresses bound, in the order given (with the port chosen where 0 was asked). */
    public List<InetSocketAddress> bound() {
        return List.copyOf(bound);
    }

    @Override
    public String describe() {
        return "listening for HEP on " + bound;
    }

    /** What was received, as a pcapng capture; it ends when the listener is closed. */
    @Override
    public InputStream capture() {
        return capture.input();
    }

    /** HEP packets (datagrams, or packets framed on TCP) received. */
    @Override
    public long packets() {
        return capture.packets();
    }

    /** Sockets held open: the bound ones and one per TCP sender connected now. */
    int socketsHeld() {
        synchronized (sockets) {
            return sockets.size();
        }
    }

    /** Packets dropped because the analysis fell more than {@link #MAX_QUEUED_BYTES} behind. */
    @Override
    public long dropped() {
        return capture.dropped();
    }

    /** TCP connections refused past {@link #MAX_CONNECTIONS}, or closed for sending what is not HEP3. */
    @Override
    public long refused() {
        return refused.get();
    }

    /**
     * Datagrams the kernel dropped on the UDP sockets because their receive buffer was full (Linux's per-socket count,
     * read at most once a second), or -1 when the system does not say or only TCP is listened to.
     */
    @Override
    public synchronized long droppedByKernel() {
        if (closed && kernelDropsAtClose >= 0) {
            return kernelDropsAtClose;
        }
        long now = System.nanoTime();
        if (kernelDropsReadAt == 0 || now - kernelDropsReadAt > 1_000_000_000L) {
            kernelDrops = UdpDrops.of(udpPorts);
            kernelDropsReadAt = now;
        }
        return kernelDrops;
    }

    private void receive(DatagramSocket s) {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        InetSocketAddress local = new InetSocketAddress(s.getLocalAddress(), s.getLocalPort());
        while (!closed) {
            try {
                s.receive(p);
            } catch (IOException e) {
                return; // closed
            }
            deliver((InetSocketAddress) p.getSocketAddress(), local, buf, 0, p.getLength());
        }
    }

    private void accept(ServerSocket server) {
        while (!closed) {
            Socket c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                connections.decrementAndGet();
                refused.incrementAndGet();
                closeQuietly(c);
                continue;
            }
            synchronized (sockets) {
                sockets.add(c);
            }
            start("sip-analyzer-hep-tcp-peer", () -> {
                try {
                    stream(c);
                } finally {
                    connections.decrementAndGet();
                    closeQuietly(c);
                    synchronized (sockets) {
                        sockets.remove(c); // a collector runs for months: closed senders are not kept
                    }
                }
            });
        }
    }

    /** One TCP sender: HEP3 packets back to back, each framed by its length. */
    private void stream(Socket c) {
        InetSocketAddress from = (InetSocketAddress) c.getRemoteSocketAddress();
        InetSocketAddress to = (InetSocketAddress) c.getLocalSocketAddress();
        byte[] buf = new byte[MAX_DATAGRAM + 6];
        int have = 0;
        try (InputStream in = c.getInputStream()) {
            while (!closed) {
                int n = in.read(buf, have, buf.length - have);
                if (n < 0) {
                    return;
                }
                have += n;
                int at = 0;
                while (have - at >= 6) {
                    int len = Hep.hep3Length(buf, at, have - at);
                    if (!Hep.isHep3(buf, at, have - at) || len < 6 || len > MAX_DATAGRAM) {
                        refused.incrementAndGet(); // not HEP3, or a packet larger than any datagram: framing is lost
                        return;
                    }
                    if (have - at < len) {
                        break;
                    }
                    deliver(from, to, buf, at, len);
                    at += len;
                }
                System.arraycopy(buf, at, buf, 0, have - at);
                have -= at;
            }
        } catch (IOException e) {
            // the sender went away, or the listener closed
        }
    }

    private void deliver(InetSocketAddress from, InetSocketAddress to, byte[] d, int off, int len) {
        if (len > MAX_DATAGRAM) {
            capture.dropOne();
            return;
        }
        java.time.Instant now = java.time.Instant.now();
        capture.udp(now.getEpochSecond() * 1_000_000_000L + now.getNano(), from, to, d, off, len);
    }

    /** Stops receiving and ends the capture (after what was received). */
    @Override
    public void close() {
        synchronized (this) {
            if (!closed) {
                kernelDropsAtClose = UdpDrops.of(udpPorts); // before the sockets, and their counts, are gone
            }
            closed = true;
        }
        synchronized (sockets) {
            for (Closeable s : sockets) {
                closeQuietly(s);
            }
        }
        capture.end();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
