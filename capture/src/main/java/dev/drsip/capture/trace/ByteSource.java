package dev.drsip.capture.trace;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Buffered little reader over an InputStream that counts consumed bytes, with explicit
 * byte-order helpers. Big reads: trace files run to gigabytes.
 */
final class ByteSource {
    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int lim;
    private long consumed;

    ByteSource(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    long consumed() {
        return consumed;
    }

    /**
     * Reads exactly {@code n} bytes into {@code dst}; returns the number read, which is less than
     * {@code n} only at end of input.
     */
    int read(byte[] dst, int off, int n) throws IOException {
        int done = 0;
        while (done < n) {
            if (pos == lim && !fill()) {
                break;
            }
            int k = Math.min(n - done, lim - pos);
            System.arraycopy(buf, pos, dst, off + done, k);
            pos += k;
            done += k;
        }
        consumed += done;
        return done;
    }

    /** Skips {@code n} bytes; returns how many were skipped. */
    long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            if (pos == lim && !fill()) {
                break;
            }
            int k = (int) Math.min(n - done, lim - pos);
            pos += k;
            done += k;
        }
        consumed += done;
        return done;
    }

    /**
     * Puts bytes back in front of the stream (used when re-synchronising after damage): the next
     * reads return them first. The consumed count goes back accordingly.
     */
    void unread(byte[] src, int off, int len) {
        int remaining = lim - pos;
        byte[] nb = new byte[Math.max(buf.length, len + remaining)];
        System.arraycopy(src, off, nb, 0, len);
        System.arraycopy(buf, pos, nb, len, remaining);
        buf = nb;
        pos = 0;
        lim = len + remaining;
        consumed -= len;
    }

    private boolean fill() throws IOException {
        int r;
        try {
            r = in.read(buf, 0, buf.length);
        } catch (EOFException e) {
            // gzip stream cut short: treat as end of input (the reader reports truncation)
            return false;
        }
        if (r <= 0) {
            return false;
        }
        pos = 0;
        lim = r;
        return true;
    }

    static int u16(byte[] b, int o, boolean le) {
        return le ? (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 : (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }

    static long u32(byte[] b, int o, boolean le) {
        long v = le
                ? (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (long) (b[o + 3] & 0xff) << 24
                : (long) (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff);
        return v & 0xffffffffL;
    }
}
