package dev.drsip.sip;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address as a cheap value: no DNS, no InetAddress allocation per packet.
 * IPv4 is kept as its 4 bytes, IPv6 as 16; equality is by family and bytes.
 */
public final class IpAddress implements Comparable<IpAddress> {
    private final byte[] bytes;
    private final int hash;
    /** An IPv4 address as one big-endian int (0 for IPv6): network tests without reading the array. */
    private final int v4;
    /** The text form, made on first use (racy single-check: a String is safely published). */
    private String text;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
        this.v4 = bytes.length == 4
                ? (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff) : 0;
    }

    /** Copies {@code len} (4 or 16) bytes from {@code buf} at {@code off}. */
    public static IpAddress of(byte[] buf, int off, int len) {
        if (len != 4 && len != 16) {
            throw new IllegalArgumentException("address length " + len);
        }
        return new IpAddress(Arrays.copyOfRange(buf, off, off + len));
    }

    public static IpAddress ofV4(int a) {
        return new IpAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
    }

    /** Parses a literal IPv4 dotted quad or IPv6 text form (brackets allowed); null if it is not one. */
    public static IpAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        return parseV4(s);
    }

    private static IpAddress parseV4(String s) {
        // Nothing is allocated until the text proved to be an address (host names are common input).
        int addr = 0;
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                addr = addr << 8 | value;
                part++;
                value = -1;
            } else {
                return null;
            }
        }
        return part == 4 ? ofV4(addr) : null;
    }

    private static IpAddress parseV6(String s) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        // Embedded IPv4 tail (::ffff:1.2.3.4)
        byte[] v4tail = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) > 0) {
            IpAddress tail = parseV4(s.substring(lastColon + 1));
            if (tail == null) {
                return null;
            }
            v4tail = tail.bytes;
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String[] head;
        String[] tail;
        if (dbl >= 0) {
            String h = s.substring(0, dbl);
            String t = s.substring(dbl + 2);
            head = h.isEmpty() ? new String[0] : h.split(":", -1);
            tail = t.isEmpty() ? new String[0] : t.split(":", -1);
            if (head.length + tail.length > 7) {
                return null;
            }
        } else {
            head = s.split(":", -1);
            tail = new String[0];
            if (head.length != 8) {
                return null;
            }
        }
        byte[] out = new byte[16];
        if (!fillGroups(head, out, 0) || !fillGroups(tail, out, 16 - 2 * tail.length)) {
            return null;
        }
        if (v4tail != null) {
            System.arraycopy(v4tail, 0, out, 12, 4);
        }
        return new IpAddress(out);
    }

    private static boolean fillGroups(String[] groups, byte[] out, int at) {
        for (String g : groups) {
            if (g.isEmpty() || g.length() > 4) {
                return false;
            }
            int v;
            try {
                v = Integer.parseInt(g, 16);
            } catch (NumberFormatException e) {
                return false;
            }
            out[at++] = (byte) (v >>> 8);
            out[at++] = (byte) v;
        }
        return true;
    }

    public boolean isV4() {
        return bytes.length == 4;
    }

    /** An IPv4 address as a big-endian int ({@code 10.0.0.1} is {@code 0x0A000001}); 0 for IPv6. */
    public int v4Int() {
        return v4;
    }

    /** A copy of the raw address bytes (4 or 16). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Byte {@code i} of the address, unsigned. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    public int length() {
        return bytes.length;
    }

    /** True when the first {@code prefixLen} bits equal those of {@code network} (same family). */
    public boolean inNetwork(IpAddress network, int prefixLen) {
        if (network.bytes.length != bytes.length) {
            return false;
        }
        int full = prefixLen / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network.bytes[i]) {
                return false;
            }
        }
        int rest = prefixLen % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network.bytes[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(IpAddress o) {
        if (bytes.length != o.bytes.length) {
            return Integer.compare(bytes.length, o.bytes.length);
        }
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** The text form (dotted quad, RFC 5952 IPv6), computed once per instance. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = format();
            text = t;
        }
        return t;
    }

    private String format() {
        if (isV4()) {
            return byteAt(0) + "." + byteAt(1) + "." + byteAt(2) + "." + byteAt(3);
        }
        // RFC 5952: lower case, longest run of zero groups compressed.
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (byteAt(2 * i) << 8) | byteAt(2 * i + 1);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
