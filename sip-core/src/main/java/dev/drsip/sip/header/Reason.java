package dev.drsip.sip.header;

/**
 * One Reason value (RFC 3326): {@code Q.850;cause=63;text="<GUID>;<phrase>"} or {@code SIP;cause=200}.
 *
 * @param protocol "SIP", "Q.850" (as written, trimmed)
 * @param cause cause number or -1
 * @param text unquoted text parameter or null
 */
public record Reason(String protocol, int cause, String text) {
    public boolean isQ850() {
        return protocol != null && protocol.equalsIgnoreCase("Q.850");
    }

    public boolean isSip() {
        return protocol != null && protocol.equalsIgnoreCase("SIP");
    }
}
