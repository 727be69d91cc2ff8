package dev.drsip.rules;

/**
 * The stable rule ids. They are part of drsip's interface (people alert on them): never rename
 * one; add new ones instead. One line each is in {@link RuleCatalog} and in rules/README.md.
 */
public final class RuleIds {
    // Identity: Contact / Record-Route / Request-URI of SBC -> Microsoft requests
    public static final String CONTACT_NOT_FQDN = "contact-not-fqdn";
    public static final String CONTACT_FQDN_UNKNOWN = "contact-fqdn-unknown";
    public static final String RECORD_ROUTE_NOT_FQDN = "record-route-not-fqdn";
    public static final String RECORD_ROUTE_CONTACT_MISMATCH = "record-route-contact-mismatch";
    public static final String OPTIONS_TO_IP = "options-to-ip";
    // TLS and certificates
    public static final String CERT_NAME_MISMATCH = "cert-name-mismatch";
    public static final String CERT_EXPIRED = "cert-expired";
    public static final String CERT_EXPIRING = "cert-expiring";
    public static final String CERT_SELF_SIGNED = "cert-self-signed";
    public static final String CERT_NO_SERVER_AUTH = "cert-no-server-auth";
    public static final String CERT_CHAIN_INCOMPLETE = "cert-chain-incomplete";
    public static final String CERT_WEAK_KEY = "cert-weak-key";
    public static final String CERT_NOT_VISIBLE = "cert-not-visible";
    public static final String TLS_VERSION = "tls-version";
    public static final String TLS_CIPHER = "tls-cipher";
    // OPTIONS health
    public static final String OPTIONS_GAP = "options-gap";
    public static final String OPTIONS_REJECTED = "options-rejected";
    public static final String OPTIONS_UNANSWERED = "options-unanswered";
    // Spikes
    public static final String RESPONSE_SPIKE = "response-spike";
    // Call patterns
    public static final String SLOW_SBC = "slow-sbc";
    public static final String NO_ACK = "no-ack";
    public static final String RETRY_AFTER_603 = "retry-after-603";
    public static final String REPLACES_FROM_SBC = "replaces-from-sbc";
    public static final String DELAYED_OFFER = "delayed-offer";
    public static final String SDP_NULL_CONNECTION = "sdp-null-connection";
    public static final String HOLD_SENDONLY = "hold-sendonly";
    public static final String NUMBER_NOT_E164 = "number-not-e164";

    private RuleIds() {
    }
}
