package org.sipanalyzer.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * Live capture from a network interface through libpcap (pcap4j), made into a pcapng capture ({@link #capture()})
 * that the analysis reads as it reads a file. The default filter keeps every TCP, UDP and SCTP packet and every IP
 * fragment: SIP is found on any port, and a filter on ports would drop the fragments after the first (they carry no
 * port). Bounded as the collector is: at most {@link HepListener#MAX_QUEUED_BYTES} waiting for the analysis, then
 * packets are dropped and counted; the kernel's own drops are read from libpcap.
 */
public final class InterfaceCapture implements LiveSource {

    /** TCP, UDP, SCTP, and IPv4 and IPv6 fragments (those after the first have no ports). */
    public static final String DEFAULT_FILTER = "tcp or udp or sctp or (ip and ip[6:2] & 0x3fff != 0)"
            + " or (ip6 and ip6[6] == 44)";
    private static final int SNAPLEN = 262_144;

    private final String name;
    private final String filter;
    private final CaptureStream capture;
    private final PcapHandle handle;
    private volatile boolean closed;
    private boolean handleClosed;
    private long kernelDropsAtClose = -1;
    private final Thread thread;

    /**
     * Opens {@code iface} now (so that a missing interface, a missing libpcap or a missing permission fails here,
     * in one sentence saying what to do) and starts capturing.
     *
     * @param filter a BPF filter, or null for {@link #DEFAULT_FILTER}
     * @param tee where the capture is also written ({@code --write}), or null
     */
    public InterfaceCapture(String iface, String filter, OutputStream tee) throws IOException {
        this.name = iface;
        this.filter = filter == null ? DEFAULT_FILTER : filter;
        PcapHandle h;
        try {
            usePcapLibraryOfTheSystem();
            PcapNetworkInterface nif = Pcaps.getDevByName(iface);
            if (nif == null) {
                throw new IOException("no interface '" + iface + "'; the interfaces are " + interfaces());
            }
            h = open(iface, PcapHandle.TimestampPrecision.NANO);
            // pcap_next may wait for ever on a quiet interface whatever the timeout (Linux's TPACKET_V3): the
            // handle does not block, and the capture thread sleeps a moment when nothing is there.
            h.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        } catch (PcapNativeException | org.pcap4j.core.NotOpenException e) {
            throw new IOException(explain(iface, e.getMessage()), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IOException("libpcap is not installed: install Debian's libpcap0.8 (apt-get install"
                    + " libpcap0.8)", e);
        }
        try {
            h.setFilter(filter == null ? DEFAULT_FILTER : filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            this.capture = new CaptureStream(tee, h.getDlt().value());
        } catch (PcapNativeException | org.pcap4j.core.NotOpenException e) {
            h.close();
            throw new IOException("the filter '" + filter + "' is not one libpcap takes: " + e.getMessage(), e);
        }
        this.handle = h;
        this.thread = new Thread(this::run, "sip-analyzer-capture");
        thread.setDaemon(true);
        thread.start();
    }

    /** A handle delivering each packet at once, with nanosecond times where the system has them. */
    private static PcapHandle open(String iface, PcapHandle.TimestampPrecision precision) throws PcapNativeException {
        try {
            return new PcapHandle.Builder(iface).snaplen(SNAPLEN)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS).timeoutMillis(100)
                    .bufferSize(16 << 20).timestampPrecision(precision).immediateMode(true).build();
        } catch (PcapNativeException e) {
            boolean refused = String.valueOf(e.getMessage()).contains("ermission");
            if (precision == PcapHandle.TimestampPrecision.NANO && !refused) {
                return open(iface, PcapHandle.TimestampPrecision.MICRO);
            }
            throw e;
        }
    }

    /** pcap4j asks for "libpcap.so", which only the -dev package provides; the runtime library is named here. */
    private static void usePcapLibraryOfTheSystem() {
        String key = "org.pcap4j.core.pcapLibName";
        if (System.getProperty(key) != null) {
            return;
        }
        for (String dir : List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib")) {
            for (String lib : List.of("libpcap.so", "libpcap.so.1", "libpcap.so.0.8")) {
                Path p = Path.of(dir, lib);
                if (Files.exists(p)) {
                    System.setProperty(key, p.toString());
                    return;
                }
            }
        }
    }

    private static String interfaces() {
        try {
            return Pcaps.findAllDevs().stream().map(PcapNetworkInterface::getName).toList().toString();
        } catch (PcapNativeException | RuntimeException e) {
            return "(not listed: " + e.getMessage() + ")";
        }
    }

    /** libpcap's refusal, with what to do about it. */
    public static String explain(String iface, String message) {
        String m = message == null ? "" : message;
        if (m.contains("ermission") || m.contains("not permitted")) {
            return "no permission to capture on " + iface + ": run as root, or grant the capabilities cap_net_raw and"
                    + " cap_net_admin to java (setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java)))";
        }
        return "cannot capture on " + iface + ": " + m;
    }

    private void run() {
        try {
            while (!closed) {
                byte[] frame = handle.getNextRawPacket(); // null when nothing is there (the handle does not block)
                if (frame == null) {
                    Thread.sleep(2);
                    continue;
                }
                java.sql.Timestamp t = handle.getTimestamp();
                long nanos = Math.floorDiv(t.getTime(), 1000) * 1_000_000_000L + t.getNanos();
                Integer original = handle.getOriginalLength();
                capture.frame(nanos, frame, frame.length, original == null ? frame.length : original);
            }
        } catch (org.pcap4j.core.NotOpenException e) {
            // closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            capture.end();
        }
    }

    @Override
    public String describe() {
        return "capturing on " + name + " (filter: " + filter + ")";
    }

    /** What was captured, as a pcapng capture; it ends when the capture is closed. */
    @Override
    public InputStream capture() {
        return capture.input();
    }

    /** Packets captured. */
    @Override
    public long packets() {
        return capture.packets();
    }

    /** Packets dropped because the analysis fell behind. */
    @Override
    public long dropped() {
        return capture.dropped();
    }

    /** Packets the kernel dropped (libpcap's count), or -1 when it does not say; after {@link #close()}, as then. */
    @Override
    public synchronized long droppedByKernel() {
        return handleClosed ? kernelDropsAtClose : droppedByKernelNow();
    }

    private long droppedByKernelNow() {
        try {
            return handle.getStats().getNumPacketsDropped();
        } catch (PcapNativeException | org.pcap4j.core.NotOpenException | RuntimeException e) {
            return -1;
        }
    }

    /** Stops capturing; the capture ends after what was captured. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (!handleClosed) {
                kernelDropsAtClose = droppedByKernelNow(); // libpcap's count is gone with the handle
                handleClosed = true;
                handle.close();
            }
        }
        capture.end();
    }
}
