package dev.drsip.traces;

import java.io.Closeable;
import java.io.IOException;

/** Something that writes frames into a capture file format. */
public interface TraceWriter extends Closeable {
    void write(Frame frame) throws IOException;

    default void writeAll(Iterable<Frame> frames) throws IOException {
        for (Frame f : frames) {
            write(f);
        }
    }
}
