package dev.drsip.capture;

import dev.drsip.capture.file.Frame;
import dev.drsip.capture.file.TraceReader;
import dev.drsip.capture.ip.DecodeContext;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.event.CaptureListener;
import dev.drsip.sip.event.TlsHandshake;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads trace files (pcap, pcapng, gzip-compressed or not) merged in time order and delivers the
 * SIP they carry to a {@link CaptureListener}: one k-way merge over streaming readers (ties keep
 * file order), every frame advances event time ({@link CaptureListener#onTime}), and broken input
 * becomes problems, never exceptions. Memory does not grow with file size.
 */
public final class TraceFileSource {
    private final List<Path> files;
    private final CaptureOptions options;

    public TraceFileSource(List<Path> files, CaptureOptions options) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no trace files");
        }
        this.files = List.copyOf(files);
        this.options = options;
    }

    public TraceFileSource(List<Path> files) {
        this(files, CaptureOptions.defaults());
    }

    private static final class Input {
        final String name;
        TraceReader reader;
        Frame head;
        final Set<Integer> linkTypes = new HashSet<>();
        final List<Integer> linkTypeOrder = new ArrayList<>();
        /** Link type of the previous frame: the set is consulted only when it changes (no boxing per frame). */
        int lastLinkType = Integer.MIN_VALUE;
        final DecodeContext.Counters counters = new DecodeContext.Counters();
        long packets;
        long bytes;
        long sip;
        long problems;

        Input(String name) {
            this.name = name;
        }
    }

    /** Counts SIP packets and problems per input (by {@code where.source()}) on their way out. */
    private static final class CountingListener implements CaptureListener {
        final CaptureListener out;
        final Map<String, Input> bySource;
        Input last;

        CountingListener(CaptureListener out, Map<String, Input> bySource) {
            this.out = out;
            this.bySource = bySource;
        }

        private Input input(String source) {
            Input l = last;
            if (l != null && l.name.equals(source)) {
                return l;
            }
            l = bySource.get(source);
            if (l != null) {
                last = l;
            }
            return l;
        }

        @Override
        public void onSip(SipPacket packet) {
            Input in = input(packet.where().source());
            if (in != null) {
                in.sip++;
            }
            out.onSip(packet);
        }

        @Override
        public void onProblem(Malformed problem) {
            Input in = problem.where() == null ? null : input(problem.where().source());
            if (in != null) {
                in.problems++;
            }
            out.onProblem(problem);
        }

        @Override
        public void onTls(TlsHandshake handshake) {
            out.onTls(handshake);
        }

        @Override
        public void onTime(long timeNanos) {
            out.onTime(timeNanos);
        }
    }

    /** {@link #run(CaptureListener)} with a progress listener replacing the options' one. */
    public List<InputSummary> run(CaptureListener listener, CaptureOptions.ProgressListener progress)
            throws IOException {
        return new TraceFileSource(files, options.withProgress(progress)).run(listener);
    }

    /**
     * Reads every file to the end. Returns one summary per file, in the order given.
     *
     * @throws IOException when a file is missing or unreadable (the message names it) or reading fails
     */
    public List<InputSummary> run(CaptureListener listener) throws IOException {
        List<Input> inputs = new ArrayList<>();
        Map<String, Input> bySource = new HashMap<>();
        Set<String> shortNames = new HashSet<>();
        boolean clash = false;
        for (Path f : files) {
            clash |= !shortNames.add(String.valueOf(f.getFileName()));
        }
        for (Path f : files) {
            String name = clash ? f.toString() : String.valueOf(f.getFileName());
            if (bySource.containsKey(name)) {
                name = name + "#" + (inputs.size() + 1); // same file given twice
            }
            Input in = new Input(name);
            inputs.add(in);
            bySource.put(name, in);
        }
        CountingListener out = new CountingListener(listener, bySource);
        FrameDecoder decoder = new FrameDecoder(out, options);
        CaptureOptions.ProgressListener progress = options.progress();
        long totalBytes = 0;
        try {
            for (int i = 0; i < files.size(); i++) {
                Input in = inputs.get(i);
                try {
                    in.reader = TraceReader.open(files.get(i), in.name, out::onProblem);
                } catch (IOException e) {
                    throw new IOException("cannot read trace file " + files.get(i) + ": " + describe(e), e);
                }
                totalBytes += Math.max(0, in.reader.fileSize());
                in.head = in.reader.next();
            }
            int n = inputs.size();
            Input[] arr = inputs.toArray(new Input[0]);
            long sinceProgress = 0;
            progress.progress(0, totalBytes);
            while (true) {
                Input best = null;
                long bestTime = Long.MAX_VALUE;
                for (int i = 0; i < n; i++) { // few inputs: a linear scan beats a heap
                    Frame h = arr[i].head;
                    if (h != null && (best == null || h.timeNanos() < bestTime)) {
                        best = arr[i];
                        bestTime = h.timeNanos();
                    }
                }
                if (best == null) {
                    break;
                }
                Frame f = best.head;
                best.packets++;
                best.bytes += f.length();
                int lt = f.linkType();
                if (lt != best.lastLinkType) {
                    best.lastLinkType = lt;
                    if (best.linkTypes.add(lt)) {
                        best.linkTypeOrder.add(lt);
                    }
                }
                out.onTime(bestTime);
                decoder.frame(best.name, f.number(), bestTime, lt, f.data(), f.offset(), f.length(), best.counters);
                best.head = best.reader.next();
                if (++sinceProgress >= 16384) {
                    sinceProgress = 0;
                    progress.progress(bytesRead(arr), totalBytes);
                }
            }
            decoder.finish();
            progress.progress(bytesRead(arr), totalBytes);
        } finally {
            for (Input in : inputs) {
                if (in.reader != null) {
                    try {
                        in.reader.close();
                    } catch (IOException ignored) {
                        // closing a read-only file: nothing to report
                    }
                }
            }
        }
        List<InputSummary> result = new ArrayList<>();
        for (Input in : inputs) {
            result.add(new InputSummary(in.name, in.reader.format(), in.linkTypeOrder, in.packets, in.bytes, in.sip,
                    in.problems, in.counters.notDecoded));
        }
        return result;
    }

    private static long bytesRead(Input[] arr) {
        long s = 0;
        for (Input in : arr) {
            s += in.reader.bytesRead();
        }
        return s;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
