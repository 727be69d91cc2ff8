package dev.drsip.sip;

/**
 * Where something was seen: the input (file name, "live:eth0", "syslog:udp/514") and the
 * 1-based frame (packet, record or line) number in it; 0 when there is no frame.
 */
public record Where(String source, long frame) {
    @Override
    public String toString() {
        return frame > 0 ? source + " frame " + frame : source;
    }
}
