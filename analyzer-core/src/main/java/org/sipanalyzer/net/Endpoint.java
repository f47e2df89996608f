package org.sipanalyzer.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IP address and port, compared by value. The address is kept as raw bytes (4 or 16) so that creating
 * one never does a name lookup.
 */
public final class Endpoint implements java.io.Serializable, Comparable<Endpoint> {
    private static final long serialVersionUID = 1L;

    private final byte[] address;
    private final int port;
    private final int hash;
    private String host;

    public Endpoint(byte[] address, int port) {
        this(address.clone(), port, true);
    }

    /** Takes {@code address} as it is: the caller made it and hands it over. */
    private Endpoint(byte[] address, int port, boolean owned) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        this.address = address;
        this.port = port;
        this.hash = Arrays.hashCode(address) * 31 + port;
    }

    /** The endpoint of the {@code len} address bytes at {@code data[at]} and {@code port}. */
    public static Endpoint of(byte[] data, int at, int len, int port) {
        return new Endpoint(Arrays.copyOfRange(data, at, at + len), port, true);
    }

    /** Whether this is the endpoint of the {@code len} address bytes at {@code data[at]} and {@code port}. */
    public boolean is(byte[] data, int at, int len, int port) {
        if (port != this.port || len != address.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (address[i] != data[at + i]) {
                return false;
            }
        }
        return true;
    }

    public int port() {
        return port;
    }

    /** Byte {@code i} of the address (4 bytes for IPv4, 16 for IPv6). */
    public int addressByte(int i) {
        return address[i] & 0xff;
    }

    /** True for 0.0.0.0:0 (or [::]:0): what a text log gives where it does not say who sent or received. */
    public boolean isUnspecified() {
        if (port != 0) {
            return false;
        }
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The host for reports: the address, or "(not in the log)" for an unspecified endpoint. */
    public String hostOrUnknown() {
        return isUnspecified() ? UNKNOWN_HOST : host();
    }

    /** How reports name a host a text log did not give. */
    public static final String UNKNOWN_HOST = "(not in the log)";

    /** 4 for IPv4, 16 for IPv6. */
    public int addressLength() {
        return address.length;
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    /** The address in the usual text form (dotted quad, or RFC 5952 for IPv6). */
    public String host() {
        String h = host;
        if (h == null) {
            h = isIpv6() ? ipv6() : (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
            host = h;
        }
        return h;
    }

    private String ipv6() {
        try {
            return compress(InetAddress.getByAddress(address).getHostAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code host:port}, with IPv6 hosts in brackets. */
    @Override
    public String toString() {
        return isIpv6() ? "[" + host() + "]:" + port : host() + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && e.port == port && Arrays.equals(e.address, address);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Endpoint o) {
        int c = Arrays.compareUnsigned(address, o.address);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    /** Java prints IPv6 without zero compression; RFC 5952 wants the longest run of zero groups as "::". */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bestStart; i++) {
            sb.append(i > 0 ? ":" : "").append(groups[i]);
        }
        sb.append("::");
        for (int i = bestStart + bestLen; i < groups.length; i++) {
            sb.append(groups[i]).append(i < groups.length - 1 ? ":" : "");
        }
        return sb.toString();
    }
}
