package dev.drsip.sip.catalog;

/**
 * One ITU-T Q.850 cause value.
 *
 * @param cause 1-127
 * @param name the standard name
 * @param causeClass normal, resource-unavailable, service-unavailable, service-not-implemented,
 *     invalid-message, protocol-error, interworking
 * @param sipRfc3398 the SIP response RFC 3398 maps it to, or -1
 * @param meaning what it means
 * @param note Direct Routing specifics, or null
 */
public record Q850Cause(int cause, String name, String causeClass, int sipRfc3398, String meaning, String note) {
    public String key() {
        return "q850:" + cause;
    }
}
