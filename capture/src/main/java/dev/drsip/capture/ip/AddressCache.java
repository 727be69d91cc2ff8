package dev.drsip.capture.ip;

import dev.drsip.sip.IpAddress;

/**
 * Turns address bytes into {@link IpAddress} values, reusing the instances of recently seen
 * addresses: a trace talks to few peers, so most packets allocate nothing.
 */
public final class AddressCache {
    private static final int SIZE = 64; // power of two
    private final IpAddress[] slots = new IpAddress[SIZE];

    public IpAddress get(byte[] b, int off, int len) {
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
