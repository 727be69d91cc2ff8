package dev.drsip.capture.trace;

import dev.drsip.capture.SipPorts;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.CaptureListener;
import dev.drsip.sip.event.TlsHandshake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Reads one or more trace files, merged in time order (k-way merge on frame time, ties in file
 * order), and delivers SIP candidates, TLS handshakes, problems and event time to a listener.
 * Memory is bounded: one frame buffer per file plus the reassemblers' capped state.
 */
public final class TraceFileSource {

    /** Progress callback: uncompressed bytes read so far, total on-disk size of the inputs. */
    public interface Progress {
        void update(long bytesRead, long totalFileBytes);
    }

    private final List<Path> files;
    private final SipPorts ports;
    private final Predicate<IpAddress> microsoft;

    public TraceFileSource(List<Path> files, SipPorts ports, Predicate<IpAddress> microsoft) {
        this.files = List.copyOf(files);
        this.ports = ports;
        this.microsoft = microsoft;
    }

    private static final class Input {
        final int order;
        final TraceReader reader;
        final String name;
        RawFrame pending;
        long sip;
        long problems;

        Input(int order, TraceReader reader, String name) {
            this.order = order;
            this.reader = reader;
            this.name = name;
        }
    }

    /**
     * Runs to the end of every file.
     *
     * @throws IOException when a file cannot be opened or is not a trace (nothing is analysed then)
     */
    public List<InputSummary> run(CaptureListener listener, Progress progress) throws IOException {
        Map<String, Input> byName = new HashMap<>();
        List<Input> inputs = new ArrayList<>();
        CountingListener counting = new CountingListener(listener, byName);
        long totalSize = 0;
        try {
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                String name = uniqueName(f, byName);
                TraceReader r = TraceReader.open(f, name, counting::onProblem);
                Input in = new Input(i, r, name);
                inputs.add(in);
                byName.put(name, in);
                totalSize += Files.size(f);
            }
            PacketDecoder decoder = new PacketDecoder(counting, ports, microsoft);
            PriorityQueue<Input> queue = new PriorityQueue<>((a, b) -> {
                int c = Long.compare(a.pending.timeNanos, b.pending.timeNanos);
                return c != 0 ? c : Integer.compare(a.order, b.order);
            });
            for (Input in : inputs) {
                in.pending = in.reader.next();
                if (in.pending != null) {
                    queue.add(in);
                }
            }
            long lastTime = Long.MIN_VALUE;
            long frames = 0;
            while (!queue.isEmpty()) {
                Input in = queue.poll();
                RawFrame f = in.pending;
                // time never runs backwards for the analysis, even if a file's own clock does
                long t = Math.max(f.timeNanos, lastTime);
                f.timeNanos = t;
                if (t != lastTime) {
                    lastTime = t;
                    decoder.advanceTime(t);
                    listener.onTime(t);
                }
                decoder.decode(f, new Where(in.name, f.number));
                in.pending = in.reader.next();
                if (in.pending != null) {
                    queue.add(in);
                }
                if ((++frames & 0x3fff) == 0 && progress != null) {
                    progress.update(bytesRead(inputs), totalSize);
                }
            }
            decoder.finish();
            if (progress != null) {
                progress.update(bytesRead(inputs), totalSize);
            }
            List<InputSummary> out = new ArrayList<>();
            for (Input in : inputs) {
                out.add(new InputSummary(in.name, in.reader.format(), List.copyOf(in.reader.linkTypes()),
                        in.reader.frames(), in.reader.bytesRead(), in.sip, in.problems));
            }
            return out;
        } finally {
            for (Input in : inputs) {
                in.reader.close();
            }
        }
    }

    private static long bytesRead(List<Input> inputs) {
        long n = 0;
        for (Input in : inputs) {
            n += in.reader.bytesRead();
        }
        return n;
    }

    private static String uniqueName(Path f, Map<String, Input> taken) {
        String base = f.getFileName() == null ? f.toString() : f.getFileName().toString();
        String name = base;
        for (int i = 2; taken.containsKey(name); i++) {
            name = base + "#" + i;
        }
        return name;
    }

    /** Counts SIP packets and problems per input on the way through. */
    private static final class CountingListener implements CaptureListener {
        private final CaptureListener next;
        private final Map<String, Input> byName;
        private Input last;

        CountingListener(CaptureListener next, Map<String, Input> byName) {
            this.next = next;
            this.byName = byName;
        }

        private Input input(Where w) {
            if (w == null) {
                return null;
            }
            if (last != null && last.name == w.source()) {
                return last;
            }
            last = byName.get(w.source());
            return last;
        }

        @Override
        public void onSip(SipPacket packet) {
            Input in = input(packet.where());
            if (in != null) {
                in.sip++;
            }
            next.onSip(packet);
        }

        @Override
        public void onTls(TlsHandshake handshake) {
            next.onTls(handshake);
        }

        @Override
        public void onProblem(Malformed problem) {
            Input in = input(problem.where());
            if (in != null) {
                in.problems++;
            }
            next.onProblem(problem);
        }

        @Override
        public void onTime(long timeNanos) {
            next.onTime(timeNanos);
        }
    }
}
