package dev.drsip.capture.tcp;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.event.CaptureListener;
import dev.drsip.sip.event.TlsHandshake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Test listener that keeps everything it is given. */
public final class Collector implements CaptureListener {
    public final List<SipPacket> sip = new ArrayList<>();
    public final List<Malformed> problems = new ArrayList<>();
    public final List<TlsHandshake> tls = new ArrayList<>();

    @Override
    public void onSip(SipPacket packet) {
        sip.add(packet);
    }

    @Override
    public void onProblem(Malformed problem) {
        problems.add(problem);
    }

    @Override
    public void onTls(TlsHandshake handshake) {
        tls.add(handshake);
    }

    public static String text(SipPacket p) {
        return new String(p.data(), p.offset(), p.length(), StandardCharsets.ISO_8859_1);
    }

    public List<String> texts() {
        return sip.stream().map(Collector::text).collect(Collectors.toList());
    }

    public List<String> reasons() {
        return problems.stream().map(Malformed::reason).collect(Collectors.toList());
    }

    /** First line of every message: "INVITE" or "200" etc. */
    public List<String> kinds() {
        return sip.stream().map(p -> {
            String s = text(p);
            String first = s.substring(0, s.indexOf(' '));
            return first.equals("SIP/2.0") ? s.substring(8, 11) : first;
        }).collect(Collectors.toList());
    }
}
