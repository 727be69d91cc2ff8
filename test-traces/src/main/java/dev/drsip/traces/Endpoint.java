package dev.drsip.traces;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP literal and port (never resolved: only literals are accepted). */
public record Endpoint(String ip, int port, byte[] address) {
    public static Endpoint of(String ip, int port) {
        if (!ip.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP literal: " + ip);
        }
        try {
            return new Endpoint(ip, port, InetAddress.getByName(ip).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    public boolean isV6() {
        return address.length == 16;
    }

    public Endpoint withPort(int p) {
        return new Endpoint(ip, p, address);
    }

    @Override
    public String toString() {
        return isV6() ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && e.ip.equals(ip) && e.port == port;
    }

    @Override
    public int hashCode() {
        return ip.hashCode() * 31 + port;
    }
}
