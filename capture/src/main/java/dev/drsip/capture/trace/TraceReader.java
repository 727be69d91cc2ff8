package dev.drsip.capture.trace;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Pull reader for one trace file: pcap (both byte orders, micro/nanosecond), pcapng (sections of
 * either byte order, several interfaces with their own link types and time resolutions; EPB, SPB,
 * obsolete PB; unknown blocks skipped), either of them gzip-compressed (by magic, not by name).
 * Pure Java: no libpcap. Damage is reported as {@link Malformed} and ends the file cleanly.
 */
public abstract class TraceReader implements Closeable {
    /** A record longer than this is damage, not a packet (real snaplens are 65535..262144). */
    public static final int MAX_FRAME = 262_144;
    static final int MAX_BLOCK = 16 * 1024 * 1024;

    protected final String name;
    protected final ByteSource src;
    private final InputStream stream;
    protected final Consumer<Malformed> problems;
    protected final RawFrame frame = new RawFrame();
    protected long frames;
    private final String format;
    protected final Set<String> linkTypes = new LinkedHashSet<>();

    TraceReader(String name, InputStream stream, ByteSource src, Consumer<Malformed> problems, String format) {
        this.name = name;
        this.stream = stream;
        this.src = src;
        this.problems = problems;
        this.format = format;
    }

    /**
     * Opens a trace file, detecting its format from its first bytes.
     *
     * @throws IOException when it cannot be opened or is not a pcap/pcapng file (message names it)
     */
    public static TraceReader open(Path file, String displayName, Consumer<Malformed> problems) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        boolean gz = false;
        try {
            raw.mark(4);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                raw = new GZIPInputStream(raw, 1 << 16);
                gz = true;
            }
        } catch (IOException e) {
            raw.close();
            throw new IOException(displayName + ": cannot read gzip header: " + e.getMessage(), e);
        }
        ByteSource src = new ByteSource(raw, 1 << 20);
        byte[] head = new byte[4];
        int n = src.read(head, 0, 4);
        long magic = ByteSource.u32(head, 0, false);
        if (n == 4 && (magic == 0xa1b2c3d4L || magic == 0xd4c3b2a1L || magic == 0xa1b23c4dL || magic == 0x4d3cb2a1L)) {
            return new PcapReader(displayName, raw, src, problems, gz ? "pcap.gz" : "pcap", head);
        }
        if (n == 4 && magic == 0x0a0d0d0aL) {
            return new PcapngReader(displayName, raw, src, problems, gz ? "pcapng.gz" : "pcapng");
        }
        raw.close();
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hex.append(String.format("%02x", head[i]));
        }
        throw new NotATraceException(displayName + ": not a pcap or pcapng file (first bytes " + (n == 0 ? "none: empty file" : hex) + ")");
    }

    /** The next frame (reused object), or null at the end of the file. */
    public abstract RawFrame next() throws IOException;

    public String format() {
        return format;
    }

    public String name() {
        return name;
    }

    public long frames() {
        return frames;
    }

    /** Uncompressed bytes consumed so far. */
    public long bytesRead() {
        return src.consumed();
    }

    public Set<String> linkTypes() {
        return linkTypes;
    }

    protected void problem(String reason, long frameNo, String detail) {
        problems.accept(new Malformed(reason, new Where(name, frameNo), detail));
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    /** The file is not a trace at all. */
    public static final class NotATraceException extends IOException {
        private static final long serialVersionUID = 1L;

        public NotATraceException(String message) {
            super(message);
        }
    }

    static String linkName(int lt) {
        return switch (lt) {
            case 0 -> "null";
            case 1 -> "ethernet";
            case 12, 14, 101 -> "raw-ip";
            case 108 -> "loop";
            case 113 -> "sll";
            case 228 -> "ipv4";
            case 229 -> "ipv6";
            case 252 -> "exported-pdu";
            case 276 -> "sll2";
            default -> "linktype-" + lt;
        };
    }
}
