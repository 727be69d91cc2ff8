package dev.drsip.rules.tls;

import dev.drsip.rules.RuleContext;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.event.TlsHandshake;
import java.util.List;

/**
 * Which end of a TLS handshake is the SBC. Microsoft as client (its connection to the SBC's
 * listening port): the server is the SBC, its chain the server chain, and the SNI is the FQDN
 * Microsoft asks the SBC for. Microsoft as server: the client is the SBC and its chain is the client
 * chain (mutual TLS). Neither end known as Microsoft (lab traces, SBC-to-carrier): an end the SIP
 * stream named as an SBC, else the server.
 *
 * @param sbcAddress the SBC's address
 * @param sbcPort the SBC's port
 * @param sbc the SBC's name: the analyzer's (Contact FQDN or address), the user's, the SNI, or the address
 * @param chain the SBC's certificate chain as sent (may be empty)
 * @param sni the SNI naming the SBC (only when the SBC is the server), else null
 */
public record TlsRoles(IpAddress sbcAddress, int sbcPort, String sbc, List<byte[]> chain, String sni) {

    public static TlsRoles of(TlsHandshake h, RuleContext ctx) {
        boolean msClient = h.client() != null && ctx.config().microsoft().contains(h.client());
        boolean msServer = h.server() != null && ctx.config().microsoft().contains(h.server());
        boolean sbcIsServer;
        if (msClient != msServer) {
            sbcIsServer = msClient;
        } else if (h.server() != null && ctx.identities().nameOf(h.server()) != null) {
            sbcIsServer = true;
        } else {
            sbcIsServer = h.client() == null || ctx.identities().nameOf(h.client()) == null;
        }
        IpAddress addr = sbcIsServer ? h.server() : h.client();
        int port = sbcIsServer ? h.serverPort() : h.clientPort();
        String sni = sbcIsServer && h.sni() != null && !h.sni().isBlank() ? h.sni().trim().toLowerCase(java.util.Locale.ROOT) : null;
        String name = addr == null ? null : ctx.identities().nameOf(addr);
        if (name == null) {
            name = sni != null ? sni : addr == null ? "unknown" : addr.toString();
        }
        List<byte[]> chain = sbcIsServer ? h.serverCertificates() : h.clientCertificates();
        return new TlsRoles(addr, port, name, chain == null ? List.of() : chain, sni);
    }
}
