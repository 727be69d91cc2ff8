package dev.drsip.sip;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Bad inputs for never-throws tests. */
public final class GarbageInputs {
    private GarbageInputs() {
    }

    /** Random bytes, non-SIP text, or a SIP start line followed by noise. */
    public static byte[] next(Random r) {
        switch (r.nextInt(4)) {
            case 0: {
                byte[] b = new byte[1 + r.nextInt(400)];
                r.nextBytes(b);
                return b;
            }
            case 1:
                return ("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + r.nextInt()).getBytes(StandardCharsets.US_ASCII);
            case 2: {
                byte[] noise = new byte[r.nextInt(300)];
                r.nextBytes(noise);
                byte[] start = "INVITE sip:a@b SIP/2.0\r\nVia: ".getBytes(StandardCharsets.US_ASCII);
                byte[] b = new byte[start.length + noise.length];
                System.arraycopy(start, 0, b, 0, start.length);
                System.arraycopy(noise, 0, b, start.length, noise.length);
                return b;
            }
            default:
                return damagedMessage(r);
        }
    }

    /** A generated valid message, cut short and with some bytes flipped. */
    public static byte[] damagedMessage(Random r) {
        byte[] full = new SipMessageGenerator(r.nextLong(), true).next().bytes();
        byte[] b = java.util.Arrays.copyOf(full, 1 + r.nextInt(full.length));
        for (int f = r.nextInt(4); f > 0; f--) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }
}
