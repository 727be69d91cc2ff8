package dev.drsip.capture.file;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Pull reader for one trace file (pcap, pcapng, or either gzip-compressed: detected by magic, not
 * by name). Pure Java, no libpcap. {@link #next()} hands out a REUSED {@link Frame}: valid until the
 * next call. Damage (truncation, absurd lengths, bad blocks) is reported as {@link Malformed} to the
 * problem sink with the file name and frame number; the reader re-synchronises where it can and
 * otherwise ends the file cleanly. Only I/O failures throw.
 */
public abstract class TraceReader implements Closeable {
    /** A record longer than this is damage, not a packet (real snaplens are 65535..262144). */
    public static final int MAX_FRAME = 262_144;
    /** How far we scan for the next plausible record after damage before giving up. */
    static final int MAX_RESYNC_SCAN = 8 << 20;

    protected final String name;
    final ByteInput in;
    private final CountingStream counter;
    private final Consumer<Malformed> problems;
    private final String format;
    private final long fileSize;
    protected final Frame frame = new Frame();
    protected long frames;
    private boolean damageReported;

    TraceReader(String name, ByteInput in, CountingStream counter, Consumer<Malformed> problems, String format,
            long fileSize) {
        this.name = name;
        this.in = in;
        this.counter = counter;
        this.problems = problems;
        this.format = format;
        this.fileSize = fileSize;
    }

    /**
     * Opens {@code file}. A file that is neither pcap nor pcapng gives a problem
     * ({@code trace.not-a-trace}) and a reader that returns no frames; a missing or unreadable file
     * throws an IOException naming it.
     *
     * @param name how the file is named in {@link Where} (usually its file name)
     */
    public static TraceReader open(Path file, String name, Consumer<Malformed> problems) throws IOException {
        return open(file, name, problems, ByteInput.DEFAULT_BUFFER);
    }

    static TraceReader open(Path file, String name, Consumer<Malformed> problems, int bufferSize) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "trace file not found");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a trace file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": trace file not readable");
        }
        long size = Files.size(file);
        // FileInputStream reads straight into the array; a channel stream goes through a direct
        // buffer first (one more copy of every byte: ~70 ms per GB measured).
        CountingStream counter = new CountingStream(new FileInputStream(file.toFile()));
        try {
            return open(counter, name, problems, bufferSize, size);
        } catch (IOException | RuntimeException e) {
            counter.close();
            throw e;
        }
    }

    /** Reads from a stream (tests, stdin); the stream is closed with the reader. */
    public static TraceReader open(InputStream stream, String name, Consumer<Malformed> problems) throws IOException {
        return open(new CountingStream(stream), name, problems, ByteInput.DEFAULT_BUFFER, -1);
    }

    private static TraceReader open(CountingStream counter, String name, Consumer<Malformed> problems,
            int bufferSize, long size) throws IOException {
        InputStream raw = new BufferedInputStream(counter, 1 << 16);
        raw.mark(4);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gz = b0 == 0x1f && b1 == 0x8b;
        InputStream s = raw;
        if (gz) {
            try {
                s = new GZIPInputStream(raw, 1 << 16);
            } catch (IOException e) {
                problems.accept(new Malformed("trace.bad-gzip", new Where(name, 0),
                        "gzip header damaged: " + e.getMessage()));
                return new EmptyReader(name, new ByteInput(raw, 16), counter, problems, "gzip", size);
            }
        }
        ByteInput in = new ByteInput(s, bufferSize);
        String suffix = gz ? ".gz" : "";
        if (!in.ensure(4)) {
            problems.accept(new Malformed("trace.not-a-trace", new Where(name, 0),
                    "not a pcap or pcapng file: only " + in.available() + " bytes"));
            return new EmptyReader(name, in, counter, problems, "unknown" + suffix, size);
        }
        int m = (int) PcapReader.LE.get(in.buf, in.pos);
        if (m == 0x0A0D0D0A) {
            return new PcapngReader(name, in, counter, problems, "pcapng" + suffix, size);
        }
        if (PcapReader.isMagic(m) || PcapReader.isMagic(Integer.reverseBytes(m))) {
            return new PcapReader(name, in, counter, problems, "pcap" + suffix, size);
        }
        StringBuilder first = new StringBuilder();
        in.ensure(8);
        for (int i = 0; i < Math.min(8, in.available()); i++) {
            first.append(String.format("%02x", in.buf[in.pos + i] & 0xff));
        }
        problems.accept(new Malformed("trace.not-a-trace", new Where(name, 0),
                "not a pcap or pcapng file: first bytes " + first + (gz ? " (after gunzip)" : "")));
        return new EmptyReader(name, in, counter, problems, "unknown" + suffix, size);
    }

    /** The next frame (reused object, valid until the next call), or null at the end of the file. */
    public abstract Frame next() throws IOException;

    /** "pcap", "pcapng", "pcap.gz", "pcapng.gz" ("unknown" when the file is not a trace). */
    public String format() {
        return format;
    }

    public String name() {
        return name;
    }

    /** Frames handed out so far. */
    public long frames() {
        return frames;
    }

    /** Bytes of the underlying file consumed so far (compressed bytes for .gz), for progress bars. */
    public long bytesRead() {
        return counter.count;
    }

    /** Size of the file on disk, -1 for streams. */
    public long fileSize() {
        return fileSize;
    }

    protected void problem(String reason, long frameNo, String detail) {
        problems.accept(new Malformed(reason, new Where(name, frameNo), detail));
    }

    /** Reports a damaged gzip stream once (call when the input ends). */
    protected void reportDamage() {
        if (!damageReported && in.damage() != null) {
            damageReported = true;
            problem("trace.truncated-gzip", frames + 1, in.damage());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts bytes read from the file itself (before decompression). */
    static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int r = super.read();
            if (r >= 0) {
                count++;
            }
            return r;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            long r = super.skip(n);
            count += r;
            return r;
        }
    }

    /** A file we could not recognise: no frames. */
    static final class EmptyReader extends TraceReader {
        EmptyReader(String name, ByteInput in, CountingStream counter, Consumer<Malformed> problems, String format,
                long size) {
            super(name, in, counter, problems, format, size);
        }

        @Override
        public Frame next() {
            return null;
        }
    }
}
