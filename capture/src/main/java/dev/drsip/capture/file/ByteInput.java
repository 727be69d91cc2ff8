package dev.drsip.capture.file;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Big-buffer byte input for the trace readers: one large array refilled by bulk reads, records are
 * read in place (no per-record copy). A damaged gzip stream ends the input (reported by the reader
 * through {@link #damage()}) instead of throwing.
 */
final class ByteInput implements Closeable {
    static final int DEFAULT_BUFFER = 1 << 20;

    private final InputStream in;
    byte[] buf;
    int pos;
    int lim;
    private long base; // stream offset of buf[0]
    private boolean eof;
    private String damage;

    ByteInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Makes at least {@code n} bytes available at {@link #pos}; false when the input ends first. */
    boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, pos, bigger, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
            buf = bigger;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n && !eof) {
            int r;
            try {
                r = in.read(buf, lim, buf.length - lim);
            } catch (EOFException | ZipException e) {
                damage = "compressed stream damaged: " + e.getMessage();
                r = -1;
            }
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return lim - pos >= n;
    }

    /** Bytes available in the buffer right now. */
    int available() {
        return lim - pos;
    }

    /** Skips {@code n} bytes; returns how many could be skipped (less at end of input). */
    long skip(long n) throws IOException {
        long inBuf = Math.min(n, lim - pos);
        pos += (int) inBuf;
        long left = n - inBuf;
        while (left > 0) {
            base += lim;
            pos = 0;
            lim = 0;
            if (!ensure(1)) {
                break;
            }
            int take = (int) Math.min(left, lim);
            pos = take;
            left -= take;
        }
        return n - left;
    }

    /** True when nothing is left at all. */
    boolean atEnd() throws IOException {
        return !ensure(1);
    }

    /** Offset in the (decompressed) stream of the next unread byte. */
    long position() {
        return base + pos;
    }

    /** Why the compressed stream ended early, or null. */
    String damage() {
        return damage;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
