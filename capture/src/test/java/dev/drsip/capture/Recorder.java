package dev.drsip.capture;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.event.CaptureListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test listener: keeps everything it is told. */
final class Recorder implements CaptureListener {
    final List<SipPacket> sip = new ArrayList<>();
    final List<Malformed> problems = new ArrayList<>();
    final List<Long> times = new ArrayList<>();

    @Override
    public void onSip(SipPacket packet) {
        sip.add(packet);
    }

    @Override
    public void onProblem(Malformed problem) {
        problems.add(problem);
    }

    @Override
    public void onTime(long timeNanos) {
        times.add(timeNanos);
    }

    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (SipPacket p : sip) {
            out.add(new String(p.data(), p.offset(), p.length(), StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    List<String> reasons() {
        return problems.stream().map(Malformed::reason).toList();
    }
}
