package dev.drsip.capture.ip;

import dev.drsip.sip.IpAddress;

/**
 * Turns address bytes into {@link IpAddress} values, reusing the instances of recently seen
 * addresses: a trace talks to few peers, so most packets allocate nothing. IPv4 addresses are
 * matched as one int (no walk through the cached object's bytes).
 */
public final class AddressCache {
    private static final int SIZE = 64; // power of two
    private final IpAddress[] slots = new IpAddress[SIZE];
    private final int[] v4Keys = new int[SIZE];
    private final IpAddress[] v4Slots = new IpAddress[SIZE];

    public IpAddress get(byte[] b, int off, int len) {
        if (len == 4) {
            int v = (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
            int h = v * 0x9E3779B9;
            int slot = h >>> 26; // top 6 bits: SIZE == 64
            IpAddress a = v4Slots[slot];
            if (a != null && v4Keys[slot] == v) {
                return a;
            }
            a = IpAddress.of(b, off, len);
            v4Slots[slot] = a;
            v4Keys[slot] = v;
            return a;
        }
        int h = len;
        for (int i = 0; i < len; i++) {
            h = h * 31 + b[off + i];
        }
        int slot = (h ^ (h >>> 16)) & (SIZE - 1);
        IpAddress a = slots[slot];
        if (a != null && same(a, b, off, len)) {
            return a;
        }
        a = IpAddress.of(b, off, len);
        slots[slot] = a;
        return a;
    }

    private static boolean same(IpAddress a, byte[] b, int off, int len) {
        if (a.length() != len) {
            return false;
        }
        for (int i = len - 1; i >= 0; i--) {
            if (a.byteAt(i) != (b[off + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
