package org.sipanalyzer.live;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Datagrams the kernel dropped before a UDP socket of this process read them (its receive buffer was full), as Linux
 * counts them per socket in {@code /proc/net/udp} and {@code /proc/net/udp6} (the last column). A socket is known by
 * its local port and its inode, which must be one of this process's open sockets ({@code /proc/self/fd}). Elsewhere
 * than on Linux the count is unknown (-1).
 */
final class UdpDrops {

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    /** Lines read from the tables at most: a host with more sockets than this is not searched further. */
    private static final int MAX_LINES = 1 << 20;

    private UdpDrops() {
    }

    /** Drops summed over this process's UDP sockets bound to any of {@code ports}; -1 when the system does not say. */
    static long of(Set<Integer> ports) {
        if (ports.isEmpty() || !Files.isDirectory(FDS)) {
            return -1;
        }
        Set<Long> inodes = socketInodes();
        long drops = 0;
        boolean read = false;
        for (Path table : TABLES) {
            try (var lines = Files.lines(table)) {
                drops += lines.skip(1).limit(MAX_LINES).mapToLong(l -> drops(l, ports, inodes)).sum();
                read = true;
            } catch (IOException | RuntimeException e) {
                // no such table (IPv6 off), or not Linux
            }
        }
        return read ? drops : -1;
    }

    /** One line of the table: {@code sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops}. */
    static long drops(String line, Set<Integer> ports, Set<Long> inodes) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 13) {
            return 0;
        }
        int colon = f[1].lastIndexOf(':');
        try {
            int port = Integer.parseInt(f[1].substring(colon + 1), 16);
            long inode = Long.parseLong(f[9]);
            return ports.contains(port) && inodes.contains(inode) ? Long.parseLong(f[f.length - 1]) : 0;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return 0;
        }
    }

    private static Set<Long> socketInodes() {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
                    // closed meanwhile, or not a link
                }
            }
        } catch (IOException e) {
            // no /proc: the count stays unknown
        }
        return inodes;
    }
}
