package dev.drsip.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every rule id with its usual severity, what it detects and what to do (README and --list source). */
public final class RuleCatalog {

    /** One rule: id, usual severity (some rules also raise a lower/higher one), one line each. */
    public record Entry(String id, Severity severity, String detects, String action) {
    }

    public static final List<Entry> ALL = List.of(
            new Entry(RuleIds.CONTACT_NOT_FQDN, Severity.ERROR,
                    "An INVITE/OPTIONS from the SBC to Microsoft has an IP address (or no Contact) as Contact host; Microsoft answers 403.",
                    "Set the SBC's Contact host to its paired FQDN (the one in its certificate and the Teams admin center)."),
            new Entry(RuleIds.CONTACT_FQDN_UNKNOWN, Severity.WARNING,
                    "The SBC's Contact FQDN is not one of the SBC FQDNs you configured (--sbc); Microsoft finds no trunk (510532).",
                    "Use the FQDN paired in Teams (Get-CsOnlinePSTNGateway) as Contact host, or add it to the configuration."),
            new Entry(RuleIds.RECORD_ROUTE_NOT_FQDN, Severity.ERROR,
                    "The top Record-Route of an SBC request to Microsoft has an IP address as host.",
                    "Make the SBC put its paired FQDN in Record-Route (or send no Record-Route)."),
            new Entry(RuleIds.RECORD_ROUTE_CONTACT_MISMATCH, Severity.ERROR,
                    "The top Record-Route host differs from the Contact host; Microsoft requires them identical.",
                    "Use the same paired FQDN in Record-Route and Contact."),
            new Entry(RuleIds.OPTIONS_TO_IP, Severity.WARNING,
                    "The SBC addresses Microsoft by IP in the Request-URI instead of sip/sip2/sip3.pstnhub.microsoft.com (flapping SBC).",
                    "Configure the SBC to target sip.pstnhub.microsoft.com, sip2 and sip3 by FQDN."),
            new Entry(RuleIds.CERT_NAME_MISMATCH, Severity.ERROR,
                    "The SBC's FQDN (from its Contact, else Microsoft's SNI, else your configuration) is not in its certificate's CN/SAN (569002 0x80090322).",
                    "Issue a certificate whose SAN covers the SBC FQDN (a wildcard covers exactly one label)."),
            new Entry(RuleIds.CERT_EXPIRED, Severity.ERROR,
                    "The SBC certificate was expired (or not yet valid) at the time of the trace (569008).",
                    "Renew the SBC certificate and load it with its intermediates."),
            new Entry(RuleIds.CERT_EXPIRING, Severity.WARNING,
                    "The SBC certificate expires within 30 days of the trace time (the health dashboard warns too).",
                    "Renew the SBC certificate before it expires."),
            new Entry(RuleIds.CERT_SELF_SIGNED, Severity.ERROR,
                    "The SBC certificate is self-signed; Microsoft only trusts public CAs of its Trusted Root Program.",
                    "Get a certificate from a public CA in Microsoft's Trusted Root Program."),
            new Entry(RuleIds.CERT_NO_SERVER_AUTH, Severity.ERROR,
                    "The SBC certificate's Extended Key Usage lacks server authentication (1.3.6.1.5.5.7.3.1), or has no EKU.",
                    "Reissue the certificate with EKU serverAuth (and clientAuth for mutual TLS)."),
            new Entry(RuleIds.CERT_CHAIN_INCOMPLETE, Severity.ERROR,
                    "The SBC sends its certificate without the intermediate that issued it (intermittent TLS failures).",
                    "Load the full chain (leaf + intermediates) on the SBC's TLS context."),
            new Entry(RuleIds.CERT_WEAK_KEY, Severity.ERROR,
                    "The SBC certificate's RSA key is shorter than 2048 bits.",
                    "Reissue the certificate with a 2048-bit (or longer) key."),
            new Entry(RuleIds.CERT_NOT_VISIBLE, Severity.INFO,
                    "TLS 1.3 was negotiated: certificates are encrypted, so the certificate rules could not run on this handshake.",
                    "Check the certificate with 'drsip cert check FILE.pem --fqdn FQDN', or capture a TLS 1.2 handshake."),
            new Entry(RuleIds.TLS_VERSION, Severity.ERROR,
                    "A TLS version below 1.2 was negotiated; Microsoft refuses TLS 1.0/1.1 since 2022-04-03.",
                    "Enable TLS 1.2 on the SBC's TLS profile."),
            new Entry(RuleIds.TLS_CIPHER, Severity.WARNING,
                    "The TLS 1.2 suite chosen is not one of Microsoft's four ECDHE-RSA AES-GCM/CBC suites.",
                    "Enable ECDHE-RSA-AES256-GCM-SHA384, -AES128-GCM-SHA256, -AES256-SHA384 or -AES128-SHA256."),
            new Entry(RuleIds.OPTIONS_GAP, Severity.WARNING,
                    "No OPTIONS from the SBC for more than 180 s (demoted from routing; error above 300 s: trunk demoted).",
                    "Make the SBC send OPTIONS to sip/sip2/sip3.pstnhub.microsoft.com about every 60 s; check its TLS connections."),
            new Entry(RuleIds.OPTIONS_REJECTED, Severity.ERROR,
                    "Microsoft answers the SBC's OPTIONS with a non-200 (usually Contact FQDN, certificate or tenant pairing).",
                    "Check the Contact FQDN is paired in Teams, its domain verified, and covered by the certificate."),
            new Entry(RuleIds.OPTIONS_UNANSWERED, Severity.ERROR,
                    "Microsoft's OPTIONS to the SBC go unanswered or are not answered 200 (SBC shows inactive).",
                    "Let Microsoft's OPTIONS reach the SBC's listening port (firewall, TLS, the Contact FQDN's DNS) and answer 200."),
            new Entry(RuleIds.RESPONSE_SPIKE, Severity.WARNING,
                    "A window's network-failure ratio (5xx, 4xx/6xx that are not user outcomes) rose far above this SBC's own baseline.",
                    "Look at the top codes of the window and what changed at that time (carrier, SBC, Microsoft incident)."),
            new Entry(RuleIds.SLOW_SBC, Severity.ERROR,
                    "The SBC did not answer Microsoft's INVITE beyond 100 Trying within the 10 s failover timer (500001).",
                    "Make the SBC (or its carrier) send 180/183 sooner, or raise FailoverTimeSeconds on the gateway."),
            new Entry(RuleIds.NO_ACK, Severity.ERROR,
                    "Microsoft's 200 OK was never ACKed by the SBC (1106: the call drops a few seconds after answer).",
                    "Check the SBC's ACK routing and its TLS connection handling (firewall, connection reuse)."),
            new Entry(RuleIds.RETRY_AFTER_603, Severity.WARNING,
                    "The SBC retried a call that Microsoft declined with 603; it must not retry after 603.",
                    "Stop the SBC from rerouting/retrying calls rejected with 603 Decline."),
            new Entry(RuleIds.REPLACES_FROM_SBC, Severity.WARNING,
                    "The SBC sends a request with Replaces to Microsoft, which Direct Routing does not support.",
                    "Disable Replaces (attended-transfer pass-through) towards Teams on the SBC."),
            new Entry(RuleIds.DELAYED_OFFER, Severity.WARNING,
                    "The SBC sends an initial INVITE without SDP (delayed offer) to Microsoft.",
                    "Configure early offer towards Teams (the SBC must put SDP in its INVITEs)."),
            new Entry(RuleIds.SDP_NULL_CONNECTION, Severity.WARNING,
                    "The SBC's SDP has c=0.0.0.0 (old-style hold); Microsoft answers 488 (531052).",
                    "Use a=inactive with the real address for hold."),
            new Entry(RuleIds.HOLD_SENDONLY, Severity.WARNING,
                    "The SBC's offer holds with a=sendonly/recvonly; Microsoft only accepts a=inactive.",
                    "Make the SBC put calls on hold with a=inactive towards Teams."),
            new Entry(RuleIds.NUMBER_NOT_E164, Severity.WARNING,
                    "The SBC's INVITE has a Request-URI or From number without '+' (not E.164); number lookup fails (511404).",
                    "Normalise numbers to E.164 with '+' on the SBC towards Teams."));

    private static final Map<String, Entry> BY_ID = new LinkedHashMap<>();

    static {
        for (Entry e : ALL) {
            BY_ID.put(e.id(), e);
        }
    }

    private RuleCatalog() {
    }

    /** The entry of a rule id, null if unknown. */
    public static Entry get(String id) {
        return BY_ID.get(id);
    }
}
