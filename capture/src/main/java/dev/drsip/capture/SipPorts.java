package dev.drsip.capture;

import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * Ports on which every payload is treated as SIP. Payloads on other ports are SIP only when they
 * start with a SIP start line (see {@link dev.drsip.sip.SipStartLine}).
 */
public final class SipPorts {
    public static final List<Integer> DEFAULT = List.of(5060, 5061, 5067, 5068);

    private final BitSet ports = new BitSet(65536);

    public SipPorts(Collection<Integer> list) {
        for (int p : list) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port out of range 1-65535: " + p);
            }
            ports.set(p);
        }
    }

    public static SipPorts defaults() {
        return new SipPorts(DEFAULT);
    }

    public boolean isSipPort(int port) {
        return port >= 0 && port < 65536 && ports.get(port);
    }

    public boolean either(int a, int b) {
        return isSipPort(a) || isSipPort(b);
    }
}
