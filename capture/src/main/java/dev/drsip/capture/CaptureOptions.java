package dev.drsip.capture;

import dev.drsip.capture.ip.FragmentReassembler;
import dev.drsip.capture.tcp.TcpReassembler;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.dr.MicrosoftNetworks;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How trace files are decoded.
 *
 * @param sipPorts ports whose payloads are SIP whatever they look like (others: by start line)
 * @param microsoftAddress which addresses are Microsoft's (the TCP layer uses it for TLS flows)
 * @param fragments IP fragment reassembly limits
 * @param tcp TCP reassembly limits
 * @param maxTunnelDepth how deeply tunnels (GRE, ERSPAN, VXLAN, IP-in-IP) may nest
 * @param progress called now and then with bytes read so far and the total size of all files
 */
public record CaptureOptions(
        SipPorts sipPorts,
        Predicate<IpAddress> microsoftAddress,
        FragmentReassembler.Limits fragments,
        TcpReassembler.Limits tcp,
        int maxTunnelDepth,
        ProgressListener progress) {

    /** Progress of a run: bytes of the trace files read so far (compressed bytes for .gz). */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(long bytesRead, long totalBytes);

        ProgressListener NONE = (r, t) -> { };
    }

    public CaptureOptions {
        Objects.requireNonNull(sipPorts, "sipPorts");
        Objects.requireNonNull(microsoftAddress, "microsoftAddress");
        Objects.requireNonNull(fragments, "fragments");
        Objects.requireNonNull(tcp, "tcp");
        if (maxTunnelDepth < 0) {
            throw new IllegalArgumentException("maxTunnelDepth < 0");
        }
        if (progress == null) {
            progress = ProgressListener.NONE;
        }
    }

    /** Default SIP ports, Microsoft's published ranges, default limits, tunnels up to 4 deep, no progress. */
    public static CaptureOptions defaults() {
        MicrosoftNetworks ms = MicrosoftNetworks.defaults();
        return new CaptureOptions(SipPorts.defaults(), ms::contains, FragmentReassembler.Limits.defaults(),
                TcpReassembler.Limits.defaults(), 4, ProgressListener.NONE);
    }

    public CaptureOptions withSipPorts(SipPorts ports) {
        return new CaptureOptions(ports, microsoftAddress, fragments, tcp, maxTunnelDepth, progress);
    }

    public CaptureOptions withMicrosoftAddress(Predicate<IpAddress> isMicrosoft) {
        return new CaptureOptions(sipPorts, isMicrosoft, fragments, tcp, maxTunnelDepth, progress);
    }

    public CaptureOptions withFragments(FragmentReassembler.Limits limits) {
        return new CaptureOptions(sipPorts, microsoftAddress, limits, tcp, maxTunnelDepth, progress);
    }

    public CaptureOptions withTcp(TcpReassembler.Limits limits) {
        return new CaptureOptions(sipPorts, microsoftAddress, fragments, limits, maxTunnelDepth, progress);
    }

    public CaptureOptions withMaxTunnelDepth(int depth) {
        return new CaptureOptions(sipPorts, microsoftAddress, fragments, tcp, depth, progress);
    }

    public CaptureOptions withProgress(ProgressListener listener) {
        return new CaptureOptions(sipPorts, microsoftAddress, fragments, tcp, maxTunnelDepth, listener);
    }
}
