package dev.drsip.sip.header;

import dev.drsip.sip.SipUri;

/**
 * A From/To/Contact/Record-Route value: {@code "Display" <sip:user@host;uri-params>;tag=x;params}.
 *
 * @param tag the {@code tag} header parameter (From/To), null if absent
 * @param raw the value as written, for evidence in reports
 */
public record NameAddr(String displayName, SipUri uri, String tag, String raw) {
}
