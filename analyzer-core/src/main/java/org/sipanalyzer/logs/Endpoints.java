package org.sipanalyzer.logs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;

/** Addresses, ports and transports as logs write them; never a name lookup. */
public final class Endpoints {

    /** The endpoint of a message whose log does not say it: 0.0.0.0:0. */
    public static final Endpoint UNKNOWN = new Endpoint(new byte[4], 0);

    /** A host: a dotted IPv4 address, or an IPv6 address, bare or in brackets. */
    static final String HOST = "(\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]{2,45}\\])";
    private Endpoints() {
    }

    /** The endpoint {@code host:port}, or {@link #UNKNOWN} when either is not an address or a port. */
    public static Endpoint parse(String host, String port) {
        int pt;
        try {
            pt = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
        if (pt < 0 || pt > 65535) {
            return UNKNOWN;
        }
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.contains(":")) {
            if (!h.matches("[0-9A-Fa-f:.]{2,45}")) {
                return UNKNOWN;
            }
            try {
                // An IPv6 literal: parsed, never looked up (only hex digits, colons and dots reach here).
                byte[] a = InetAddress.getByName(h).getAddress();
                return a.length == 16 ? new Endpoint(a, pt) : UNKNOWN;
            } catch (UnknownHostException | RuntimeException e) {
                return UNKNOWN;
            }
        }
        String[] p = h.split("\\.", -1);
        if (p.length != 4) {
            return UNKNOWN;
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
                return UNKNOWN;
            }
            int v = Integer.parseInt(p[i]);
            if (v > 255) {
                return UNKNOWN;
            }
            a[i] = (byte) v;
        }
        return new Endpoint(a, pt);
    }

    /** The transport a word names (udp, TCP, tls, ws, wss, sctp), or null. */
    static Transport transport(String word) {
        if (word == null) {
            return null;
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "udp" -> Transport.UDP;
            case "tcp" -> Transport.TCP;
            case "tls" -> Transport.TLS;
            case "sctp" -> Transport.SCTP;
            case "ws", "wss" -> Transport.WS;
            default -> null;
        };
    }
}
