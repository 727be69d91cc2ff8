package dev.drsip.sip.event;

import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Where;
import java.util.List;

/**
 * What a capture showed of one TLS handshake on a SIP or Microsoft flow. Certificates are DER
 * bytes as sent (leaf first); empty when not visible (TLS 1.3 encrypts them).
 *
 * @param version negotiated version as on the wire (0x0303 = TLS 1.2, 0x0304 = TLS 1.3), 0 if unknown
 * @param cipherSuite the suite chosen in ServerHello, -1 if not seen
 * @param sni server_name from the ClientHello, null if absent
 */
public record TlsHandshake(
        long timeNanos,
        Where where,
        IpAddress client,
        int clientPort,
        IpAddress server,
        int serverPort,
        String sni,
        int version,
        int cipherSuite,
        List<byte[]> serverCertificates,
        List<byte[]> clientCertificates) {

    public boolean certificatesVisible() {
        return version != 0x0304;
    }
}
